"""The task page: every field of one task, its links, its schedule figures and its actual costs.

Adapters only: a form parses, one service writes (and reschedules), a selector reads. Writes are POSTs
that answer with a redirect and a message, or with the page re-rendered around the refused input
(status 400) so nothing typed is lost. A stale edit shows the stale-edit notice with the task's current
values (status 409).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from projects.forms.costs import CostEntryAddForm
from projects.forms.errors import add_service_error
from projects.forms.tasks import TaskDetailForm
from projects.models import Project, Task
from projects.selectors.memberships import assignee_candidates
from projects.selectors.plans import task_page_detail
from projects.selectors.projects import user_may_edit_project
from projects.services.costs import cost_entry_add as book_cost
from projects.services.editing import StaleEditError
from projects.services.tasks import task_editable_fields
from projects.services.tasks import task_update as update_task
from projects.views.notices import TASK_SAVED, stale_notice
from projects.views.plans import plan_project_or_404

TASK_TEMPLATE = "projects/plan/task.html"
COSTS_TEMPLATE = "projects/plan/_partials/task_costs.html"


def _task_or_404(user, project: Project, task_id: int) -> Task:
    try:
        return task_page_detail(user=user, project=project, task_id=task_id)
    except (Task.DoesNotExist, Project.DoesNotExist) as error:
        raise Http404(_("No such task.")) from error


def _task_form(project: Project, task: Task, editable: tuple[str, ...], data=None) -> TaskDetailForm | None:
    if not editable:
        return None
    assignees = assignee_candidates(project=project) if "assignee" in editable else None
    return TaskDetailForm(data, task=task, editable=editable, assignees=assignees)


def _task_rights(request, project: Project, task: Task) -> tuple[bool, tuple[str, ...]]:
    may_edit = user_may_edit_project(user=request.user, project=project)
    return may_edit, task_editable_fields(user=request.user, task=task, may_edit_plan=may_edit)


def _costs_context(project: Project, task: Task, may_edit: bool, cost_form=None) -> dict:
    return {
        "project": project,
        "task": task,
        "may_edit": may_edit,
        "cost_form": cost_form if cost_form is not None else CostEntryAddForm(),
    }


def _task_page(request, project: Project, task: Task, *, status: int = 200, **overrides):
    may_edit, editable = _task_rights(request, project, task)
    context = {
        **_costs_context(project, task, may_edit, overrides.pop("cost_form", None)),
        "editable": editable,
        "form": overrides.pop("form", None) or _task_form(project, task, editable),
        "notice": None,
        "stale_task": None,
        **overrides,
    }
    return render(request, TASK_TEMPLATE, context, status=status)


def _task_url(project: Project, task: Task) -> str:
    return reverse("projects:plan_task", args=[project.pk, task.pk])


@login_required
def task_details(request, project_id: int, task_id: int):
    """Every field of a task, its links, its schedule figures and its actual costs; editable by right."""
    project = plan_project_or_404(request.user, project_id)
    return _task_page(request, project, _task_or_404(request.user, project, task_id))


@login_required
@require_POST
def task_update(request, project_id: int, task_id: int):
    """Save the details form at the version shown; a member who is the assignee saves progress only."""
    project = plan_project_or_404(request.user, project_id)
    task = _task_or_404(request.user, project, task_id)
    _may_edit, editable = _task_rights(request, project, task)
    if not editable:
        raise PermissionDenied(_("You may only update the progress of tasks assigned to you."))
    form = _task_form(project, task, editable, data=request.POST)
    if form.is_valid():
        changes = form.changes()
        if not changes:
            messages.info(request, _("Nothing was changed."))
            return redirect(_task_url(project, task))
        try:
            update_task(
                actor=request.user, task=task, expected_version=form.cleaned_data["version"], changes=changes
            )
        except StaleEditError as error:
            fresh = _task_or_404(request.user, project, task_id)
            return _task_page(
                request, project, fresh, status=409, notice=stale_notice(), stale_task=error.task
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, TASK_SAVED % {"task": task.name})
            return redirect(_task_url(project, task))
    return _task_page(request, project, task, status=400, form=form)


@login_required
@require_POST
def cost_entry_add(request, project_id: int, task_id: int):
    """Book an actual cost on a work task; htmx requests get the cost list back, others the page."""
    project = plan_project_or_404(request.user, project_id)
    task = _task_or_404(request.user, project, task_id)
    form = CostEntryAddForm(request.POST)
    if form.is_valid():
        try:
            entry = book_cost(actor=request.user, task=task, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Cost of %(amount)s %(currency)s booked on “%(task)s”.")
                % {"amount": f"{entry.amount:,.2f}", "currency": project.currency, "task": task.name},
            )
            if request.htmx:
                fresh = _task_or_404(request.user, project, task_id)
                may_edit = user_may_edit_project(user=request.user, project=project)
                return render(request, COSTS_TEMPLATE, _costs_context(project, fresh, may_edit))
            return redirect(f"{_task_url(project, task)}#costs")
    if request.htmx:
        # htmx swaps only 2xx answers, so the refused form comes back as 200 with its errors in it.
        may_edit = user_may_edit_project(user=request.user, project=project)
        return render(request, COSTS_TEMPLATE, _costs_context(project, task, may_edit, form))
    return _task_page(request, project, task, status=400, cost_form=form)
