"""Plan pages beside the Gantt chart: the project calendar, and one task's details with its actual costs.

Adapters only, like projects.plan_views: a form parses, one plan service writes (and reschedules), a
plan selector reads. Writes are POSTs that answer with a redirect and a message, or with the page
re-rendered around the refused input (status 400) so nothing typed is lost. A stale task edit shows the
plan page's stale-edit notice with the task's current values (status 409).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from projects import plan_selectors, plan_services, selectors
from projects.forms import add_service_error
from projects.models import Project
from projects.plan_forms import CalendarForm, CostEntryAddForm, HolidayFormSet, TaskDetailForm
from projects.plan_models import MONDAY_TO_FRIDAY, Task, weekdays_from_mask
from projects.plan_views import plan_project_or_404, stale_notice

CALENDAR_TEMPLATE = "projects/plan/calendar.html"
TASK_TEMPLATE = "projects/plan/task.html"
COSTS_TEMPLATE = "projects/plan/_partials/task_costs.html"
HOLIDAYS_PREFIX = "holidays"


# --- calendar ------------------------------------------------------------------------------------------


def _calendar_forms(row, data=None) -> tuple[CalendarForm, HolidayFormSet]:
    """The weekday form and holiday rows (bound to `data` when given), starting from the stored calendar."""
    weekdays = row.weekdays if row is not None else weekdays_from_mask(MONDAY_TO_FRIDAY)
    holidays = [{"date": day.date, "name": day.name} for day in row.holidays.all()] if row is not None else []
    return (
        CalendarForm(data, initial={"working_weekdays": weekdays}),
        HolidayFormSet(data, initial=holidays, prefix=HOLIDAYS_PREFIX),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def calendar(request, project_id: int):
    """The project calendar: working weekdays and holidays; editors change them and the plan reschedules."""
    project = plan_project_or_404(request.user, project_id)
    may_edit = selectors.user_may_edit_project(user=request.user, project=project)
    row = plan_selectors.plan_calendar_row(project)
    form, holidays = _calendar_forms(row)  # replaced by the bound forms on POST
    status = 200
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied(_("You are not allowed to edit the plan of this project."))
        form, holidays = _calendar_forms(row, request.POST)
        if form.is_valid() and holidays.is_valid():
            try:
                plan_services.calendar_update(
                    actor=request.user,
                    project=project,
                    working_weekdays=form.cleaned_data["working_weekdays"],
                    holidays=holidays.holidays(),
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Calendar saved; the plan was rescheduled."))
                return redirect("projects:plan_calendar", project_id=project.pk)
        status = 400
    weekdays = row.weekdays if row is not None else weekdays_from_mask(MONDAY_TO_FRIDAY)
    context = {
        "project": project,
        "may_edit": may_edit,
        "form": form,
        "holidays": holidays,
        "calendar_row": row,
        "working_day_names": [str(WEEKDAYS[day]) for day in weekdays],
    }
    return render(request, CALENDAR_TEMPLATE, context, status=status)


# --- task details --------------------------------------------------------------------------------------


def _task_or_404(user, project: Project, task_id: int) -> Task:
    try:
        return plan_selectors.task_page_detail(user=user, project=project, task_id=task_id)
    except (Task.DoesNotExist, Project.DoesNotExist) as error:
        raise Http404(_("No such task.")) from error


def _task_form(project: Project, task: Task, editable: tuple[str, ...], data=None) -> TaskDetailForm | None:
    if not editable:
        return None
    assignees = plan_selectors.assignee_candidates(project=project) if "assignee" in editable else None
    return TaskDetailForm(data, task=task, editable=editable, assignees=assignees)


def _task_rights(request, project: Project, task: Task) -> tuple[bool, tuple[str, ...]]:
    may_edit = selectors.user_may_edit_project(user=request.user, project=project)
    return may_edit, plan_selectors.task_editable_fields(user=request.user, task=task, may_edit_plan=may_edit)


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
            plan_services.task_update(
                actor=request.user, task=task, expected_version=form.cleaned_data["version"], data=changes
            )
        except plan_services.StaleEditError as error:
            fresh = _task_or_404(request.user, project, task_id)
            return _task_page(
                request, project, fresh, status=409, notice=stale_notice(), stale_task=error.task
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("“%(task)s” saved; the plan was rescheduled.") % {"task": task.name})
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
            entry = plan_services.cost_entry_add(actor=request.user, task=task, **form.cleaned_data)
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
                may_edit = selectors.user_may_edit_project(user=request.user, project=project)
                return render(request, COSTS_TEMPLATE, _costs_context(project, fresh, may_edit))
            return redirect(f"{_task_url(project, task)}#costs")
    if request.htmx:
        # htmx swaps only 2xx answers, so the refused form comes back as 200 with its errors in it.
        may_edit = selectors.user_may_edit_project(user=request.user, project=project)
        return render(request, COSTS_TEMPLATE, _costs_context(project, task, may_edit, form))
    return _task_page(request, project, task, status=400, cost_form=form)
