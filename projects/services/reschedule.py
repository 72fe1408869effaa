"""Recompute a plan after an edit: WBS codes from the outline, then dates and floats from the engine.

Every plan write calls `project_reschedule` at its end, inside the same transaction.

Rules:
- Only work tasks and milestones (leaves) are scheduled. Dependencies join leaves only (the services
  refuse links on summary tasks), so every link reaches the engine as it is.
- Summary tasks roll up from their children (projects.outline).
- Started and manually scheduled tasks are pinned (`_pinned_start_and_duration`), as in MS Project.
- Offsets become dates on the project calendar from the anchor date (project start, else today):
  a task starts on the date of its early-start period and finishes on the date of its last working
  period; a milestone sits on the date of its early-start period.
- The whole recomputation issues a fixed number of queries whatever the number of tasks: the
  calendar (two), the tasks, the links, and one bulk update of the rows whose figures changed.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from projects.bulk import bulk_update_rows
from projects.models import Dependency, Project, ScheduleConstraint, Task
from projects.outline import TaskFigures, number_outline, roll_up
from projects.scheduling import Activity, CycleError, Link, LinkType, SchedulingError, compute_schedule
from projects.selectors.calendars import plan_work_calendar
from projects.workcalendar import PlanCalendar

OUTLINE_FIELDS = ("position", "wbs_code", "outline_order", "outline_level", "is_summary")
SCHEDULE_FIELDS = (
    "planned_start",
    "planned_finish",
    "late_start",
    "late_finish",
    "total_float_days",
    "free_float_days",
    "is_critical",
)
# A summary task takes these from its subtasks; nobody sets them on it.
ROLLED_UP_FIELDS = ("duration_days", "is_milestone", "planned_cost", "percent_complete")
DERIVED_FIELDS = OUTLINE_FIELDS + SCHEDULE_FIELDS + ROLLED_UP_FIELDS


@dataclass(frozen=True)
class RescheduleResult:
    """What project_reschedule computed: tasks by id (fresh figures) and the engine's duration."""

    tasks: dict[int, Task]
    project_duration_days: int
    critical_path: list[int]


def project_reschedule(*, project: Project) -> RescheduleResult:
    """Renumber the WBS and reschedule every task of the project, storing what changed.

    Raises ValidationError naming the tasks on a dependency cycle (the caller's transaction is then
    rolled back, so the edit that closed the loop is refused).
    """
    calendar = plan_work_calendar(project)
    tasks = list(Task.objects.filter(project=project).order_by("position", "id"))
    links = list(
        Dependency.objects.filter(project=project).values_list(
            "predecessor_id", "successor_id", "type", "lag_days"
        )
    )
    before = {task.pk: tuple(getattr(task, name) for name in DERIVED_FIELDS) for task in tasks}
    by_id = {task.pk: task for task in tasks}
    places = number_outline((task.pk, task.parent_id) for task in tasks)
    ordered = [by_id[task_id] for task_id in places]
    for task in ordered:
        place = places[task.pk]
        task.wbs_code = place.wbs_code
        task.outline_order = place.outline_order
        task.outline_level = place.outline_level
        task.position = place.position
        task.is_summary = place.is_summary
    duration, critical_path = _schedule(ordered, links, calendar)
    changed = [
        task for task in ordered if tuple(getattr(task, name) for name in DERIVED_FIELDS) != before[task.pk]
    ]
    if changed:
        bulk_update_rows(Task, changed, DERIVED_FIELDS)
    return RescheduleResult(
        tasks={task.pk: task for task in ordered},
        project_duration_days=duration,
        critical_path=critical_path,
    )


def _constraint_periods(task: Task, calendar: PlanCalendar) -> tuple[int | None, int | None]:
    if task.constraint_date is None:
        return None, None
    if task.constraint_type == ScheduleConstraint.START_NO_EARLIER_THAN:
        return calendar.period_of(task.constraint_date), None
    if task.constraint_type == ScheduleConstraint.FINISH_NO_LATER_THAN:
        # Finishing on that date means working through the end of it (or of the working day before).
        return None, calendar.finish_period_of(task.constraint_date)
    return None, None


def _pinned_start_and_duration(task: Task, calendar: PlanCalendar) -> tuple[int | None, int]:
    """The engine's fixed start and duration of a leaf, as MS Project schedules them.

    A started task starts on its actual start and a finished one keeps its actual dates, whatever
    its predecessors; a manually scheduled task keeps its start: the date of its start-no-earlier-than
    constraint (where a typed start goes), else the start it has.
    """
    duration = 0 if task.is_milestone else task.duration_days
    if task.actual_start is not None:
        start = calendar.period_of(task.actual_start)
        if task.actual_finish is not None and not task.is_milestone:
            duration = max(calendar.finish_period_of(task.actual_finish) - start, 0)
        return start, duration
    if not task.manual:
        return None, duration
    if task.constraint_type == ScheduleConstraint.START_NO_EARLIER_THAN and task.constraint_date:
        return calendar.period_of(task.constraint_date), duration
    if task.planned_start is not None:
        return calendar.period_of(task.planned_start), duration
    return None, duration


def _cycle_message(cycle, names: dict[int, str]) -> str:
    labels = [names[task_id] for task_id in cycle]
    return _("These dependencies would form a cycle: %(cycle)s.") % {
        "cycle": " → ".join([*labels, labels[0]])
    }


def _out_of_range(task: Task) -> ValidationError:
    return ValidationError(
        _(
            "The dates of “%(task)s” would fall outside the years 1 to 9999; "
            "shorten its durations or lags, or change its constraint date."
        )
        % {"task": task.label}
    )


def _schedule(ordered: list[Task], links, calendar: PlanCalendar) -> tuple[int, list[int]]:
    leaves = [task for task in ordered if not task.is_summary]
    predecessors: dict[int, list[Link]] = defaultdict(list)
    for predecessor_id, successor_id, link_type, lag in links:
        predecessors[successor_id].append(
            Link(predecessor_id=predecessor_id, type=LinkType(link_type), lag=lag)
        )
    activities = []
    for task in leaves:
        start_no_earlier_than, finish_no_later_than = _constraint_periods(task, calendar)
        fixed_start, duration = _pinned_start_and_duration(task, calendar)
        activities.append(
            Activity(
                id=task.pk,
                duration=duration,
                predecessors=tuple(predecessors.get(task.pk, ())),
                start_no_earlier_than=start_no_earlier_than,
                finish_no_later_than=finish_no_later_than,
                fixed_start=fixed_start,
            )
        )
    try:
        schedule = compute_schedule(activities)
    except CycleError as error:
        raise ValidationError(
            _cycle_message(error.cycle, {task.pk: task.label for task in ordered})
        ) from error
    except SchedulingError as error:
        raise ValidationError(str(error)) from error

    figures: dict[int, TaskFigures] = {}
    for task in leaves:
        computed = schedule.activities[task.pk]
        try:
            planned_start, planned_finish = calendar.span_dates(computed.early_start, computed.early_finish)
            late_start, late_finish = calendar.span_dates(computed.late_start, computed.late_finish)
        except (ValueError, OverflowError) as error:  # a date before year 1 or after 9999
            raise _out_of_range(task) from error
        figures[task.pk] = TaskFigures(
            start_period=computed.early_start,
            finish_period=computed.early_finish,
            planned_start=planned_start,
            planned_finish=planned_finish,
            late_start=late_start,
            late_finish=late_finish,
            total_float_days=computed.total_float,
            free_float_days=computed.free_float,
            is_critical=computed.critical,
            duration_days=task.duration_days,
            planned_cost=task.planned_cost,
            percent_complete=task.percent_complete,
        )
    roll_up(
        preorder=[task.pk for task in ordered],
        parent_of={task.pk: task.parent_id for task in ordered},
        figures=figures,
    )
    for task in ordered:
        rolled = figures[task.pk]
        task.planned_start, task.planned_finish = rolled.planned_start, rolled.planned_finish
        task.late_start, task.late_finish = rolled.late_start, rolled.late_finish
        task.total_float_days, task.free_float_days = rolled.total_float_days, rolled.free_float_days
        task.is_critical = rolled.is_critical
        if task.is_summary:
            task.duration_days = rolled.duration_days
            task.is_milestone = False
            task.planned_cost = rolled.planned_cost
            task.percent_complete = rolled.percent_complete
    return schedule.project_duration, list(schedule.critical_path)
