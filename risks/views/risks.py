"""One risk's pages: raising it, editing all its fields, its detail with its response actions (add,
edit, complete) and its history. Adapters only: the services decide and write."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance.selectors import risk_standards
from projects.forms.errors import add_service_error
from risks.forms.risks import ActionForm, RiskForm, risk_form_initial
from risks.models import RiskAction
from risks.selectors.register import register_rights
from risks.selectors.risks import risk_action_list
from risks.services import action_complete, action_create, action_update, risk_create, risk_update
from risks.views.access import project_or_404, risk_or_404
from risks.views.register import row_of

HISTORY_LENGTH = 20


def _require_editor(request, project, risk=None) -> None:
    rights = register_rights(user=request.user, project=project)
    allowed = rights.may_edit(risk) if risk is not None else rights.edit
    if not allowed:
        if risk is not None and risk.escalated and rights.edit:
            raise PermissionDenied(_("This risk has escalated: under a directive PMO only the PMO edits it."))
        raise PermissionDenied(_("You are not allowed to edit the risks and issues of this project."))


@login_required
def risk_create_page(request, project_id: int):
    """Raise a risk: the form parses, risk_create decides and saves."""
    project = project_or_404(request.user, project_id)
    _require_editor(request, project)
    standards = risk_standards()
    form = RiskForm(
        request.POST or None, project=project, standards=standards, initial={"owner": request.user.pk}
    )
    if request.method == "POST" and form.is_valid():
        try:
            risk = risk_create(actor=request.user, project=project, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Risk R-%(number)d raised.") % {"number": risk.pk})
            return redirect("risks:detail", project_id=project.pk, risk_id=risk.pk)
    return render(
        request,
        "risks/risk_form.html",
        {"project": project, "form": form, "risk": None},
        status=400 if form.errors else 200,
    )


@login_required
def risk_edit(request, project_id: int, risk_id: int):
    """Change a risk's fields; only those changed reach risk_update, all or nothing."""
    project = project_or_404(request.user, project_id)
    standards = risk_standards()
    risk = risk_or_404(request.user, project, risk_id, standards)
    _require_editor(request, project, risk)
    if not risk.is_open:
        messages.error(
            request,
            _("This risk is %(status)s: it is no longer changed.")
            % {"status": risk.get_status_display().lower()},
        )
        return redirect("risks:detail", project_id=project.pk, risk_id=risk.pk)
    form = RiskForm(
        request.POST or None, project=project, standards=standards, initial=risk_form_initial(risk)
    )
    if request.method == "POST" and form.is_valid():
        try:
            risk_update(
                actor=request.user,
                risk=risk,
                changes={name: form.cleaned_data[name] for name in form.changed_data},
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Risk saved."))
            return redirect("risks:detail", project_id=project.pk, risk_id=risk.pk)
    return render(
        request,
        "risks/risk_form.html",
        {"project": project, "form": form, "risk": risk},
        status=400 if form.errors else 200,
    )


def _detail_context(request, project, risk, *, action_form=None) -> dict:
    standards = risk_standards()
    rights = register_rights(user=request.user, project=project)
    row = row_of(risk, standards=standards, rights=rights, today=timezone.localdate())
    history = risk.history.select_related("history_user").order_by("-history_date")[:HISTORY_LENGTH]
    return {
        "project": project,
        "risk": risk,
        "row": row,
        "category_label": standards.category_label(risk.category) if risk.category else "",
        "actions": risk_action_list(user=request.user, risk_id=risk.pk),
        "action_form": action_form or ActionForm(project=project, initial={"owner": risk.owner_id}),
        "history": history,
        "today": timezone.localdate(),
    }


@login_required
def risk_detail_page(request, project_id: int, risk_id: int):
    """A risk in full: its description, ratings, response, linked tasks, actions and history."""
    project = project_or_404(request.user, project_id)
    risk = risk_or_404(request.user, project, risk_id, risk_standards())
    return render(request, "risks/risk_detail.html", _detail_context(request, project, risk))


@login_required
@require_POST
def action_add(request, project_id: int, risk_id: int):
    """Add a response action to the risk; a refused one comes back on the detail page with its fields."""
    project = project_or_404(request.user, project_id)
    risk = risk_or_404(request.user, project, risk_id, risk_standards())
    _require_editor(request, project, risk)
    form = ActionForm(request.POST, project=project)
    if form.is_valid():
        try:
            action_create(actor=request.user, risk=risk, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Response action added."))
            return redirect("risks:detail", project_id=project.pk, risk_id=risk.pk)
    context = _detail_context(request, project, risk, action_form=form)
    return render(request, "risks/risk_detail.html", context, status=400)


def _action_or_404(request, project, risk_id: int, action_id: int) -> RiskAction:
    action = risk_action_list(user=request.user, risk_id=risk_id).filter(pk=action_id).first()
    if action is None or action.risk.project_id != project.pk:
        raise Http404(_("No such response action."))
    return action


@login_required
def action_edit(request, project_id: int, risk_id: int, action_id: int):
    """Change a response action's description, owner or due date."""
    project = project_or_404(request.user, project_id)
    risk = risk_or_404(request.user, project, risk_id, risk_standards())
    action = _action_or_404(request, project, risk.pk, action_id)
    _require_editor(request, project, risk)
    initial = {"description": action.description, "owner": action.owner_id, "due_date": action.due_date}
    form = ActionForm(request.POST or None, project=project, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            action_update(
                actor=request.user,
                action=action,
                changes={name: form.cleaned_data[name] for name in form.changed_data},
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Response action saved."))
            return redirect("risks:detail", project_id=project.pk, risk_id=risk.pk)
    return render(
        request,
        "risks/action_form.html",
        {"project": project, "risk": risk, "action": action, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def action_done(request, project_id: int, risk_id: int, action_id: int):
    """Mark a response action done now."""
    project = project_or_404(request.user, project_id)
    risk = risk_or_404(request.user, project, risk_id, risk_standards())
    action = _action_or_404(request, project, risk.pk, action_id)
    _require_editor(request, project, risk)
    try:
        action_complete(actor=request.user, action=action)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Response action done."))
    return redirect("risks:detail", project_id=project.pk, risk_id=risk.pk)
