"""Plan pages: the WBS table with its Gantt chart, editing in place, and the burndown chart.

Adapters only: a form parses the input, a plan service decides, reschedules and writes, a selector
reads. The page embeds the plan as JSON (json_script) and projects/static/projects/gantt.js draws
the table and the chart from it, so a 2,000-task plan costs the server one pass over plain data.
Every edit answers (to htmx / fetch requests) with the re-rendered plan region: a notice and the
fresh plan JSON, so successors move and the critical path redraws at once.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from projects import plan_selectors, plan_services, selectors
from projects.models import Project
from projects.plan_forms import (
    BaselineSaveForm,
    BurndownRangeForm,
    DependencyAddForm,
    TaskAddForm,
    TaskCellEditForm,
    TaskVersionForm,
)
from projects.plan_models import Baseline, DependencyType, Task

REGION_TEMPLATE = "projects/plan/_partials/plan_region.html"
PAGE_TEMPLATE = "projects/plan/plan.html"


@dataclass(frozen=True)
class Notice:
    """A message above the plan: level is success, info, warning or error."""

    level: str
    text: str
    details: tuple[str, ...] = ()


# --- reading -------------------------------------------------------------------------------------------


def plan_project_or_404(user, project_id: int) -> Project:
    """The project whose plan the user may see; 404 otherwise, so a hidden project stays hidden."""
    try:
        return plan_selectors.plan_project(user=user, project_id=project_id)
    except Project.DoesNotExist as error:
        raise Http404(_("No such project.")) from error


def _task_or_404(user, project: Project, task_id: int) -> Task:
    try:
        task = plan_selectors.task_detail(user=user, task_id=task_id)
    except (Task.DoesNotExist, Project.DoesNotExist) as error:
        raise Http404(_("No such task.")) from error
    if task.project_id != project.pk:
        raise Http404(_("No such task."))
    return task


def _chosen_baseline(request, project: Project) -> Baseline | None:
    raw = request.GET.get("baseline") or request.POST.get("baseline") or ""
    if not (raw.isascii() and raw.isdigit()):  # "²".isdigit() is True, but int("²") fails
        return None
    return plan_selectors.baseline_list(project=project).filter(pk=int(raw)).first()


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _money(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def _plan_payload(request, project: Project, baseline: Baseline | None, *, may_edit: bool) -> dict:
    """The plan as plain JSON data for gantt.js: tasks in outline order, links, calendar, rights."""
    calendar_row = plan_selectors.plan_calendar_row(project)
    calendar = plan_selectors.work_calendar_from(project, calendar_row)
    tasks = plan_selectors.task_list(project=project, baseline=baseline)
    user_id = request.user.pk
    rows = []
    for task in tasks:
        row = {
            "id": task.pk,
            "parent": task.parent_id,
            "position": task.position,
            "wbs": task.wbs_code,
            "name": task.name,
            "level": task.outline_level,
            "summary": task.is_summary,
            "milestone": task.is_milestone,
            "critical": task.is_critical,
            "duration": task.duration_days,
            "start": _iso(task.planned_start),
            "finish": _iso(task.planned_finish),
            "pct": task.percent_complete,
            "assignee": task.assignee.display_name if task.assignee_id else "",
            "mine": task.assignee_id is not None and task.assignee_id == user_id,
            "float": task.total_float_days,
            "version": task.version,
            "snet": _iso(task.constraint_date) if task.constraint_type == "snet" else None,
        }
        if baseline is not None:
            variance = plan_selectors.annotated_task_variance(task, calendar=calendar)
            row["base_start"] = _iso(task.baseline_start)
            row["base_finish"] = _iso(task.baseline_finish)
            row["var"] = [
                variance.start_days,
                variance.finish_days,
                variance.duration_days,
                _money(variance.cost),
            ]
        rows.append(row)
    links = [
        {"id": link_id, "from": predecessor, "to": successor, "type": link_type, "lag": lag}
        for link_id, predecessor, successor, link_type, lag in plan_selectors.dependency_list(
            project=project
        ).values_list("id", "predecessor_id", "successor_id", "type", "lag_days")
    ]
    base = reverse("projects:plan", args=[project.pk])
    weekdays = sorted(calendar.work_calendar.working_weekdays)
    return {
        "project": project.pk,
        "currency": project.currency,
        "anchor": _iso(calendar.anchor),
        "today": _iso(timezone.localdate()),
        "weekdays": weekdays,
        "holidays": sorted(day.isoformat() for day in calendar.work_calendar.holidays),
        "may_edit": may_edit,
        "baseline": baseline.pk if baseline is not None else None,
        "tasks": rows,
        "links": links,
        "urls": {
            "base": base,
            "add": f"{base}tasks/add/",
            "link_add": f"{base}dependencies/add/",
        },
    }


def _region_context(request, project: Project, *, notice: Notice | None = None, stale_task=None) -> dict:
    may_edit = selectors.user_may_edit_project(user=request.user, project=project)
    baseline = _chosen_baseline(request, project)
    return {
        "project": project,
        "may_edit": may_edit,
        "baseline": baseline,
        "payload": _plan_payload(request, project, baseline, may_edit=may_edit),
        "notice": notice,
        "stale_task": stale_task,
    }


def _script_strings() -> dict[str, str]:
    """The words gantt.js shows, translated here so the catalog holds them."""
    return {
        "no_task_selected": _("No task selected"),
        "selected": _("Selected: %(task)s"),
        "confirm_delete": _("Delete “%(task)s” with its subtasks and dependencies?"),
        "network_error": _("The change could not be sent. Check your connection and try again."),
        "predecessors": _("Predecessors"),
        "successors": _("Successors"),
        "none": _("None"),
        "remove": _("Remove"),
        "remove_link": _("Remove the dependency %(link)s"),
        "select_task": _("Select a task to see its dependencies."),
        "summary_links": _("A summary task has no dependencies of its own; link its subtasks."),
        "days": _("%(count)s d"),
        "critical": _("critical"),
        "edit_cell": _("Edit %(column)s of %(task)s"),
        "choose_predecessor": _("Choose a task"),
        "lag": _("lag %(days)s d"),
        "details": _("Details of %(task)s"),
    }


@login_required
def plan(request, project_id: int):
    """The plan of a project: WBS table and Gantt chart; editors edit in place, others read."""
    project = plan_project_or_404(request.user, project_id)
    context = _region_context(request, project)
    context.update(
        baselines=plan_selectors.baseline_list(project=project),
        baseline_form=BaselineSaveForm(),
        link_types=DependencyType.choices,
        strings=_script_strings(),
    )
    return render(request, PAGE_TEMPLATE, context)


# --- writing -------------------------------------------------------------------------------------------


def _answer(request, project: Project, *, notice: Notice, status: int = 200, stale_task=None):
    """The re-rendered plan region for htmx / fetch; otherwise back to the page with a message."""
    if request.htmx:
        context = _region_context(request, project, notice=notice, stale_task=stale_task)
        return render(request, REGION_TEMPLATE, context, status=status)
    level = {"success": messages.SUCCESS, "info": messages.INFO, "warning": messages.WARNING}.get(
        notice.level, messages.ERROR
    )
    messages.add_message(request, level, " ".join((notice.text, *notice.details)))
    url = reverse("projects:plan", args=[project.pk])
    baseline = request.GET.get("baseline") or request.POST.get("baseline")
    return redirect(f"{url}?baseline={baseline}" if baseline else url)


def _error_notice(error: ValidationError | PermissionDenied) -> Notice:
    if isinstance(error, PermissionDenied):
        return Notice("error", str(error) or _("You are not allowed to change this plan."))
    texts = []
    for field_messages in error.message_dict.values() if hasattr(error, "error_dict") else [error.messages]:
        texts.extend(str(text) for text in field_messages)
    return Notice("error", _("Nothing was saved."), tuple(texts))


def _form_notice(form) -> Notice:
    texts = []
    for field_name, errors in form.errors.items():
        label = form.fields[field_name].label if field_name in form.fields else None
        for text in errors:
            texts.append(f"{label}: {text}" if label and field_name != "__all__" else str(text))
    return Notice("error", _("Nothing was saved."), tuple(texts))


def stale_notice() -> Notice:
    """The warning shown (with the task's current values) when an edit was based on an old version."""
    return Notice(
        "warning",
        _(
            "This task was changed by someone else while you were editing it. "
            "Nothing was saved; its current values are shown below, so you can check them and try again."
        ),
    )


def _stale_answer(request, project: Project, error: plan_services.StaleEditError):
    return _answer(request, project, notice=stale_notice(), status=409, stale_task=error.task)


def _run(request, project: Project, write, success: str):
    """Call a plan service; answer with the plan and a notice, whatever the outcome."""
    try:
        write()
    except plan_services.StaleEditError as error:
        return _stale_answer(request, project, error)
    except PermissionDenied as error:
        return _answer(request, project, notice=_error_notice(error), status=403)
    except ValidationError as error:
        return _answer(request, project, notice=_error_notice(error), status=400)
    return _answer(request, project, notice=Notice("success", success))


@login_required
@require_POST
def task_edit(request, project_id: int, task_id: int):
    """Change cells of a task (name, duration, start, finish, % complete) at the version shown."""
    project = plan_project_or_404(request.user, project_id)
    task = _task_or_404(request.user, project, task_id)
    calendar = plan_selectors.plan_work_calendar(project)
    form = TaskCellEditForm(request.POST, task=task, calendar=calendar)
    if not form.is_valid():
        return _answer(request, project, notice=_form_notice(form), status=400)
    return _run(
        request,
        project,
        lambda: plan_services.task_update(
            actor=request.user,
            task=task,
            expected_version=form.cleaned_data["version"],
            data=form.changes(),
        ),
        _("“%(task)s” saved; the plan was rescheduled.") % {"task": task.name},
    )


@login_required
@require_POST
def task_add(request, project_id: int):
    """Add a task after the selected one (or at the end)."""
    project = plan_project_or_404(request.user, project_id)
    form = TaskAddForm(request.POST, project=project)
    if not form.is_valid():
        return _answer(request, project, notice=_form_notice(form), status=400)
    return _run(
        request,
        project,
        lambda: plan_services.task_create(actor=request.user, project=project, **form.service_arguments()),
        _("Task “%(task)s” added.") % {"task": form.cleaned_data["name"]},
    )


def _structure_view(service, success: str, docstring: str):
    @login_required
    @require_POST
    def view(request, project_id: int, task_id: int):
        project = plan_project_or_404(request.user, project_id)
        task = _task_or_404(request.user, project, task_id)
        form = TaskVersionForm(request.POST)
        if not form.is_valid():
            return _answer(request, project, notice=_form_notice(form), status=400)
        return _run(
            request,
            project,
            lambda: service(actor=request.user, task=task, expected_version=form.cleaned_data["version"]),
            success % {"task": task.name},
        )

    view.__doc__ = docstring
    return view


task_indent = _structure_view(
    plan_services.task_indent,
    gettext_lazy("“%(task)s” indented."),
    "Make the task a subtask of the one above it.",
)
task_outdent = _structure_view(
    plan_services.task_outdent,
    gettext_lazy("“%(task)s” outdented."),
    "Move the task one level up.",
)
task_delete = _structure_view(
    plan_services.task_delete,
    gettext_lazy("“%(task)s” deleted."),
    "Delete the task with its subtasks and links.",
)


@login_required
@require_POST
def dependency_add(request, project_id: int):
    """Link two tasks (type and lag); a cycle is refused with the names of the tasks on it."""
    project = plan_project_or_404(request.user, project_id)
    form = DependencyAddForm(request.POST, project=project)
    if not form.is_valid():
        return _answer(request, project, notice=_form_notice(form), status=400)
    return _run(
        request,
        project,
        lambda: plan_services.dependency_add(
            actor=request.user,
            predecessor=form.cleaned_data["predecessor"],
            successor=form.cleaned_data["successor"],
            type=form.cleaned_data["type"],
            lag_days=form.cleaned_data["lag_days"],
        ),
        _("Dependency added; the plan was rescheduled."),
    )


@login_required
@require_POST
def dependency_remove(request, project_id: int, dependency_id: int):
    """Remove a link and reschedule."""
    project = plan_project_or_404(request.user, project_id)
    dependency = plan_selectors.dependency_list(project=project).filter(pk=dependency_id).first()
    if dependency is None:
        raise Http404(_("No such dependency."))
    return _run(
        request,
        project,
        lambda: plan_services.dependency_remove(actor=request.user, dependency=dependency),
        _("Dependency removed; the plan was rescheduled."),
    )


@login_required
@require_POST
def baseline_save(request, project_id: int):
    """Freeze the current plan as a named baseline and show the plan against it."""
    project = plan_project_or_404(request.user, project_id)
    form = BaselineSaveForm(request.POST)
    url = reverse("projects:plan", args=[project.pk])
    if not form.is_valid():
        messages.error(request, " ".join(_form_notice(form).details))
        return redirect(url)
    try:
        baseline = plan_services.baseline_save(
            actor=request.user, project=project, name=form.cleaned_data["name"]
        )
    except (ValidationError, PermissionDenied) as error:
        notice = _error_notice(error)
        messages.error(request, " ".join((notice.text, *notice.details)))
        return redirect(url)
    messages.success(request, _("Baseline “%(name)s” saved.") % {"name": baseline.name})
    return redirect(f"{url}?baseline={baseline.pk}")


# --- burndown ------------------------------------------------------------------------------------------

CHART_WIDTH = 760
CHART_HEIGHT = 300
CHART_MARGIN = {"left": 56, "right": 16, "top": 16, "bottom": 40}


def _burndown_chart(points: list) -> dict | None:
    """Screen geometry of the burndown chart (an SVG drawn by the template); None without points."""
    if not points:
        return None
    first, last = points[0].date, points[-1].date
    span_days = max((last - first).days, 1)
    top = max(
        max(point.remaining_work_days for point in points),
        max(point.planned_remaining_work_days for point in points),
        Decimal("1"),
    )
    plot_width = CHART_WIDTH - CHART_MARGIN["left"] - CHART_MARGIN["right"]
    plot_height = CHART_HEIGHT - CHART_MARGIN["top"] - CHART_MARGIN["bottom"]

    def x_of(day: date) -> float:
        return round(CHART_MARGIN["left"] + plot_width * (day - first).days / span_days, 1)

    def y_of(value: Decimal) -> float:
        return round(CHART_MARGIN["top"] + plot_height * float(1 - value / top), 1)

    def line(values) -> str:
        return " ".join(
            f"{x_of(point.date)},{y_of(value)}" for point, value in zip(points, values, strict=True)
        )

    y_ticks = [
        {"y": y_of(top * step / 4), "label": f"{top * step / 4:.0f}" if top >= 4 else f"{top * step / 4:.1f}"}
        for step in range(5)
    ]
    tick_count = min(6, len(points))
    x_ticks = []
    for index in range(tick_count):
        day = first + timedelta(days=round(span_days * index / max(tick_count - 1, 1)))
        # The last label ends at its tick so it stays inside the chart instead of being clipped.
        anchor = "end" if tick_count > 1 and index == tick_count - 1 else "middle"
        x_ticks.append({"x": x_of(day), "label": day.isoformat(), "anchor": anchor})
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "left": CHART_MARGIN["left"],
        "right": CHART_WIDTH - CHART_MARGIN["right"],
        "bottom": CHART_HEIGHT - CHART_MARGIN["bottom"],
        "top": CHART_MARGIN["top"],
        "remaining": line(point.remaining_work_days for point in points),
        "planned": line(point.planned_remaining_work_days for point in points),
        "dots": [
            {"x": x_of(point.date), "y": y_of(point.remaining_work_days), "point": point} for point in points
        ],
        "y_ticks": y_ticks,
        "x_ticks": x_ticks,
    }


@login_required
def burndown(request, project_id: int):
    """Remaining work over time from the daily burndown points, for the whole project or a range."""
    project = plan_project_or_404(request.user, project_id)
    form = BurndownRangeForm(request.GET or None)
    start, end = form.date_range()
    points = list(plan_selectors.burndown_point_list(project=project, start=start, end=end))
    context = {
        "project": project,
        "form": form,
        "points": points,
        "chart": _burndown_chart(points),
        "latest": points[-1] if points else None,
    }
    return render(request, "projects/plan/burndown.html", context)
