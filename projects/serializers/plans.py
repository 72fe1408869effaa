"""The plan as the Gantt chart reads it (one payload for the page and GET /api/projects/<id>/plan/).

Plain dictionaries, not serializer instances: a 2,000-task plan is one pass over the rows. Each task
says, through `edit`, which of its fields the viewer may change (an index into `editable_sets`, the
rule of projects.services.tasks.task_editable_fields); the working calendar comes as one flag per day
(`calendar.working`, "1" for a working day from `calendar.first` on), and `late` marks a task planned to
finish before the portal's today and not complete, so the browser computes none of them.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from rest_framework import serializers

from governance.models import User
from projects.models import Baseline, Project
from projects.selectors.calendars import plan_calendar_row, work_calendar_from
from projects.selectors.plans import dependency_list, finish_overrun, task_list
from projects.selectors.projects import user_may_edit_project
from projects.services.editing import plan_etag
from projects.services.tasks import task_editable_fields
from projects.variance import annotated_task_variance
from projects.workcalendar import PlanCalendar

# Days of calendar flags before the earliest and after the latest date of the plan: room for the
# chart's margins and for filling a wide screen at day zoom. At most CALENDAR_MAX_DAYS are sent;
# beyond them the chart shades no day.
CALENDAR_DAYS_BEFORE = 31
CALENDAR_DAYS_AFTER = 366
CALENDAR_MAX_DAYS = 20 * 366


class ScheduleSummarySerializer(serializers.Serializer):
    project_duration_days = serializers.IntegerField()
    start = serializers.DateField(allow_null=True)
    finish = serializers.DateField(allow_null=True)
    critical_path = serializers.ListField(child=serializers.IntegerField())
    charter_finish = serializers.DateField(
        allow_null=True, help_text="The project's finish date (charter); null when it has none."
    )
    finish_overrun_days = serializers.IntegerField(
        help_text="Working days the plan finishes after the charter finish; 0 when it does not."
    )


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _money(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def _shifted(day: date, days: int) -> date:
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def calendar_flags(calendar: PlanCalendar, dates: list[date]) -> dict:
    """The working days around the given dates: {"first": ISO date, "working": "1100111..."}."""
    first = _shifted(min(dates), -CALENDAR_DAYS_BEFORE)
    last = min(_shifted(max(dates), CALENDAR_DAYS_AFTER), _shifted(first, CALENDAR_MAX_DAYS - 1))
    is_working = calendar.work_calendar.is_working_day
    flags = "".join(
        "1" if is_working(first + timedelta(days=offset)) else "0"
        for offset in range((last - first).days + 1)
    )
    return {"first": first.isoformat(), "working": flags}


def is_late(task, *, today: date) -> bool:
    """Whether the task (or milestone) was planned to finish before today and is not complete.

    `today` is the portal's local date (timezone.localdate), so the browser's clock plays no part.
    """
    return task.planned_finish is not None and task.planned_finish < today and task.percent_complete < 100


def _urls(project: Project) -> dict[str, str]:
    marker = 999999999  # any id, replaced by {id} so the page fills in the task or link
    return {
        "page": reverse("projects:plan", args=[project.pk]),
        "details": reverse("projects:plan_task", args=[project.pk, marker]).replace(str(marker), "{id}"),
        "plan": reverse("api:plan-detail", args=[project.pk]),
        "tasks": reverse("api:task-list", args=[project.pk]),
        "task": reverse("api:task-detail", args=[marker]).replace(str(marker), "{id}"),
        "dependencies": reverse("api:dependency-list", args=[project.pk]),
        "dependency": reverse("api:dependency-detail", args=[marker]).replace(str(marker), "{id}"),
    }


def plan_payload(*, user: User, project: Project, baseline: Baseline | None) -> dict:
    """The plan for the Gantt: tasks in outline order, links, calendar flags, what the viewer may edit."""
    may_edit = user_may_edit_project(user=user, project=project)
    calendar = work_calendar_from(project, plan_calendar_row(project))
    today = timezone.localdate()
    editable_sets: list[tuple[str, ...]] = []
    set_index: dict[tuple[str, ...], int] = {}
    dates = [calendar.anchor, today]
    rows = []
    tasks = task_list(project=project, baseline=baseline)
    for task in tasks:
        editable = task_editable_fields(user=user, task=task, may_edit_plan=may_edit)
        if editable not in set_index:
            set_index[editable] = len(editable_sets)
            editable_sets.append(editable)
        row = {
            "id": task.pk,
            "parent": task.parent_id,
            "position": task.position,
            "wbs": task.wbs_code,
            "name": task.name,
            "level": task.outline_level,
            "summary": task.is_summary,
            "milestone": task.is_milestone,
            "manual": task.manual,
            "critical": task.is_critical,
            "duration": task.duration_days,
            "start": _iso(task.planned_start),
            "finish": _iso(task.planned_finish),
            "pct": task.percent_complete,
            "assignee": task.assignee.display_name if task.assignee_id else "",
            "float": task.total_float_days,
            "version": task.version,
            "snet": _iso(task.constraint_date) if task.constraint_type == "snet" else None,
            "late": is_late(task, today=today),
            "edit": set_index[editable],
        }
        dates.extend(day for day in (task.planned_start, task.planned_finish) if day)
        if baseline is not None:
            variance = annotated_task_variance(task, calendar=calendar)
            row["base_start"] = _iso(task.baseline_start)
            row["base_finish"] = _iso(task.baseline_finish)
            row["var"] = [
                variance.start_days,
                variance.finish_days,
                variance.duration_days,
                _money(variance.cost),
            ]
            dates.extend(day for day in (task.baseline_start, task.baseline_finish) if day)
        rows.append(row)
    links = [
        {"id": link_id, "from": predecessor, "to": successor, "type": link_type, "lag": lag}
        for link_id, predecessor, successor, link_type, lag in dependency_list(project=project).values_list(
            "id", "predecessor_id", "successor_id", "type", "lag_days"
        )
    ]
    overrun = finish_overrun(
        project=project,
        calendar=calendar,
        plan_finish=max((task.planned_finish for task in tasks if task.planned_finish), default=None),
    )
    return {
        "project": project.pk,
        "plan_etag": plan_etag(project.plan_version),
        "finish_overrun": None
        if overrun is None
        else {
            "plan_finish": _iso(overrun.plan_finish),
            "charter_finish": _iso(overrun.charter_finish),
            "working_days": overrun.working_days,
        },
        "currency": project.currency,
        "anchor": _iso(calendar.anchor),
        "today": _iso(today),
        "calendar": calendar_flags(calendar, dates),
        "may_edit": may_edit,
        "baseline": baseline.pk if baseline is not None else None,
        "editable_sets": [list(fields) for fields in editable_sets],
        "tasks": rows,
        "links": links,
        "urls": _urls(project),
    }
