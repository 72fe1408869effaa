"""Change request pages: a project's list, drafting and editing, one request with its steps, and the
submit, decide and withdraw actions. Adapters only: the services decide and write."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from projects.forms.changes import ChangeDecisionForm, ChangeRequestForm
from projects.forms.errors import add_service_error
from projects.models import ChangeRequest, Project
from projects.selectors import changes as change_selectors
from projects.selectors import projects as project_selectors
from projects.serializers.changes import DECISIONS
from projects.services import changes as change_services

PAGE_SIZE = 25


def _project_or_404(user, project_id: int) -> Project:
    try:
        return project_selectors.project_detail(user=user, project_id=project_id)
    except Project.DoesNotExist as error:
        raise Http404(_("No such project.")) from error


def _change_request_or_404(user, project_id: int, change_request_id: int) -> ChangeRequest:
    try:
        change_request = change_selectors.change_request_detail(
            user=user, change_request_id=change_request_id
        )
    except ChangeRequest.DoesNotExist as error:
        raise Http404(_("No such change request.")) from error
    if change_request.project_id != project_id:
        raise Http404(_("No such change request."))
    return change_request


@login_required
def change_request_list(request, project_id: int):
    """The project's change requests, newest first, a page at a time, with the step each awaits."""
    project = _project_or_404(request.user, project_id)
    page = Paginator(change_selectors.change_request_list(project=project), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [(change_request, change_selectors.next_step(change_request)) for change_request in page]
    return render(
        request,
        "projects/change_request_list.html",
        {
            "project": project,
            "page_obj": page,
            "rows": rows,
            "may_raise": change_selectors.may_raise_change(user=request.user, project=project),
        },
    )


@login_required
def change_requests_awaiting_me(request):
    """The change requests across projects whose step awaiting a decision is the person's, oldest first."""
    page = Paginator(change_selectors.change_requests_awaiting(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "projects/change_requests_awaiting.html", {"page_obj": page})


@login_required
def change_request_create(request, project_id: int):
    """Draft a change request; the form parses, change_request_create decides and saves."""
    project = _project_or_404(request.user, project_id)
    if not change_selectors.may_raise_change(user=request.user, project=project):
        raise PermissionDenied(_("You are not allowed to raise change requests on this project."))
    form = ChangeRequestForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        try:
            change_request = change_services.change_request_create(
                actor=request.user, project=project, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Change request drafted: submit it when it is ready."))
            return redirect(
                "projects:change_request", project_id=project.pk, change_request_id=change_request.pk
            )
    return render(
        request,
        "projects/change_request_form.html",
        {"project": project, "form": form, "change_request": None},
    )


@login_required
def change_request_edit(request, project_id: int, change_request_id: int):
    """Change a draft change request."""
    change_request = _change_request_or_404(request.user, project_id, change_request_id)
    actions = change_selectors.change_request_actions(user=request.user, change_request=change_request)
    if not actions.edit:
        raise PermissionDenied(
            _("Only a draft change request can be edited, by whoever may edit the project.")
        )
    project = change_request.project
    form = ChangeRequestForm(request.POST or None, instance=change_request, project=project)
    if request.method == "POST" and form.is_valid():
        try:
            change_services.change_request_update(
                actor=request.user,
                change_request=change_request,
                changes={name: form.cleaned_data[name] for name in form.changed_data},
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Change request saved."))
            return redirect(
                "projects:change_request", project_id=project.pk, change_request_id=change_request.pk
            )
    return render(
        request,
        "projects/change_request_form.html",
        {"project": project, "form": form, "change_request": change_request},
    )


def _detail_response(request, change_request: ChangeRequest, *, decision_form=None, errors=None, status=200):
    actions = change_selectors.change_request_actions(user=request.user, change_request=change_request)
    step = change_selectors.next_step(change_request)
    if decision_form is None and actions.decide:
        decision_form = ChangeDecisionForm(initial={"step": step.order})
    return render(
        request,
        "projects/change_request_detail.html",
        {
            "project": change_request.project,
            "change_request": change_request,
            "steps": list(change_request.approvals.all()),
            "next_step": step,
            "actions": actions,
            "decision_form": decision_form,
            "errors": errors or [],
        },
        status=status,
    )


@login_required
def change_request_detail(request, project_id: int, change_request_id: int):
    """One change request: its impact, its approval steps in order, and the decision form for whoever's
    turn it is."""
    return _detail_response(request, _change_request_or_404(request.user, project_id, change_request_id))


def _messages_of(error: ValidationError) -> list[str]:
    return [str(message) for message in error.messages]


@login_required
@require_POST
def change_request_submit(request, project_id: int, change_request_id: int):
    """Submit a draft for approval."""
    change_request = _change_request_or_404(request.user, project_id, change_request_id)
    try:
        change_services.change_request_submit(actor=request.user, change_request=change_request)
    except ValidationError as error:
        return _detail_response(request, change_request, errors=_messages_of(error), status=400)
    messages.success(request, _("Change request submitted for approval."))
    return redirect("projects:change_request", project_id=project_id, change_request_id=change_request_id)


@login_required
@require_POST
def change_request_decide(request, project_id: int, change_request_id: int):
    """Approve or reject the step awaiting a decision, with a comment."""
    change_request = _change_request_or_404(request.user, project_id, change_request_id)
    form = ChangeDecisionForm(request.POST)
    if not form.is_valid():
        actions = change_selectors.change_request_actions(user=request.user, change_request=change_request)
        if not actions.decide:
            raise PermissionDenied(_("This change request awaits no decision of yours."))
        return _detail_response(request, change_request, decision_form=form, status=400)
    try:
        change_services.change_request_decide(
            actor=request.user,
            change_request=change_request,
            decision=DECISIONS[form.cleaned_data["decision"]],
            comment=form.cleaned_data["comment"],
            step=form.cleaned_data.get("step"),
        )
    except ValidationError as error:
        add_service_error(form, error)
        fresh = _change_request_or_404(request.user, project_id, change_request_id)
        return _detail_response(
            request, fresh, decision_form=form, errors=form.non_field_errors(), status=400
        )
    messages.success(request, _("Decision recorded."))
    return redirect("projects:change_request", project_id=project_id, change_request_id=change_request_id)


@login_required
@require_POST
def change_request_withdraw(request, project_id: int, change_request_id: int):
    """Withdraw a draft or submitted change request."""
    change_request = _change_request_or_404(request.user, project_id, change_request_id)
    try:
        change_services.change_request_withdraw(actor=request.user, change_request=change_request)
    except ValidationError as error:
        return _detail_response(request, change_request, errors=_messages_of(error), status=400)
    messages.success(request, _("Change request withdrawn."))
    return redirect("projects:change_request", project_id=project_id, change_request_id=change_request_id)
