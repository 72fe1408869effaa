"""The project's issue log: the filtered list, raising an issue, editing it, resolving it (saying how)
and closing it. Adapters only: the services decide and write."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from projects.forms.errors import add_service_error
from risks.forms.issues import IssueFilterForm, IssueForm, ResolveForm
from risks.selectors.register import register_rights
from risks.selectors.risks import issue_list
from risks.services import issue_close, issue_create, issue_resolve, issue_update
from risks.views.access import issue_or_404, project_or_404

PAGE_SIZE = 25


def _require_editor(request, project) -> None:
    if not register_rights(user=request.user, project=project).edit:
        raise PermissionDenied(_("You are not allowed to edit the risks and issues of this project."))


@login_required
def issue_log(request, project_id: int):
    """The project's issues, newest first, filtered by status, severity, owner and overdue, a page at a
    time; an issue that came from a risk links back to it."""
    project = project_or_404(request.user, project_id)
    today = timezone.localdate()
    filter_form = IssueFilterForm(request.GET, project=project)
    issues = issue_list(user=request.user, project_id=project.pk, **filter_form.filters(today))
    page = Paginator(issues, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "risks/issue_log.html",
        {
            "project": project,
            "filter_form": filter_form,
            "page_obj": page,
            "may_edit": register_rights(user=request.user, project=project).edit,
            "today": today,
        },
    )


@login_required
def issue_create_page(request, project_id: int):
    """Raise an issue directly on the project."""
    project = project_or_404(request.user, project_id)
    _require_editor(request, project)
    form = IssueForm(request.POST or None, project=project, creating=True)
    if request.method == "POST" and form.is_valid():
        try:
            issue = issue_create(actor=request.user, project=project, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Issue I-%(number)d raised.") % {"number": issue.pk})
            return redirect("risks:issues", project_id=project.pk)
    return render(
        request,
        "risks/issue_form.html",
        {"project": project, "form": form, "issue": None},
        status=400 if form.errors else 200,
    )


def _open_issue(request, project, issue_id: int):
    issue = issue_or_404(request.user, project, issue_id)
    _require_editor(request, project)
    return issue


@login_required
def issue_edit(request, project_id: int, issue_id: int):
    """Change an issue that is not closed; a closed one is final and sends the reader back to the log."""
    project = project_or_404(request.user, project_id)
    issue = _open_issue(request, project, issue_id)
    if issue.status == "closed":
        messages.error(request, _("This issue is closed: it is no longer changed."))
        return redirect("risks:issues", project_id=project.pk)
    initial = {
        name: getattr(issue, name) for name in ("title", "description", "severity", "due_date", "status")
    }
    initial["owner"] = issue.owner_id
    form = IssueForm(request.POST or None, project=project, creating=not issue.is_open, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            issue_update(
                actor=request.user,
                issue=issue,
                changes={name: form.cleaned_data[name] for name in form.changed_data},
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Issue saved."))
            return redirect("risks:issues", project_id=project.pk)
    return render(
        request,
        "risks/issue_form.html",
        {"project": project, "form": form, "issue": issue, "resolve_form": ResolveForm()},
        status=400 if form.errors else 200,
    )


@login_required
def issue_resolve_page(request, project_id: int, issue_id: int):
    """Resolve an open issue: the resolution is required."""
    project = project_or_404(request.user, project_id)
    issue = _open_issue(request, project, issue_id)
    form = ResolveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            issue_resolve(actor=request.user, issue=issue, resolution=form.cleaned_data["resolution"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Issue resolved."))
            return redirect("risks:issues", project_id=project.pk)
    return render(
        request,
        "risks/issue_resolve.html",
        {"project": project, "issue": issue, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def issue_close_page(request, project_id: int, issue_id: int):
    """Close a resolved issue: the fix is confirmed."""
    project = project_or_404(request.user, project_id)
    issue = _open_issue(request, project, issue_id)
    try:
        issue_close(actor=request.user, issue=issue)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Issue closed."))
    return redirect("risks:issues", project_id=project.pk)
