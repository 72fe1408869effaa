"""Recompute a plan after an edit: WBS codes from the outline, then dates and floats from the engine.

Kept apart from plan_services so each module stays short; plan_services calls `project_reschedule`
at the end of every plan write, inside the same transaction.

Rules:
- Only leaf tasks are scheduled. Dependencies join leaf tasks only (plan_services refuses links on
  summary tasks), so every link reaches the engine as it is, with no translation to guess at.
- A summary task spans its children: earliest planned start, latest planned finish; duration is that
  span in working days; cost is the sum of its children's; % complete is weighted by duration;
  it is critical when a child is; its floats are its children's least.
- Offsets become dates on the project calendar from the anchor date (project start, else today):
  a task starts on the date of its early-start period and finishes on the date of its last working
  period; a milestone sits on the date of its early-start period.
- The whole recomputation issues a fixed number of queries whatever the number of tasks: the
  calendar (two), the tasks, the links, and one bulk update of the rows whose figures changed.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from projects.bulk import bulk_update_rows
from projects.models import Project
from projects.plan_models import Dependency, ScheduleConstraint, Task
from projects.plan_selectors import PlanCalendar, plan_work_calendar
from projects.scheduling import Activity, CycleError, Link, LinkType, SchedulingError, compute_schedule

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
    ordered = _renumber_outline(tasks)
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


def _renumber_outline(tasks: list[Task]) -> list[Task]:
    """Set WBS codes (1, 1.1, 1.2, 2...), outline order and level, dense positions; return preorder."""
    children: dict[int | None, list[Task]] = defaultdict(list)
    for task in tasks:  # tasks arrive sorted by (position, id), so each sibling list is in order
        children[task.parent_id].append(task)
    ordered: list[Task] = []
    stack: list[tuple[Task, str, int]] = [
        (task, str(number), 1) for number, task in reversed(list(enumerate(children[None], start=1)))
    ]
    for number, task in enumerate(children[None]):
        task.position = number
    while stack:
        task, code, level = stack.pop()
        task.wbs_code = code
        task.outline_level = level
        task.outline_order = len(ordered)
        kids = children.get(task.pk, [])
        task.is_summary = bool(kids)
        ordered.append(task)
        for number, child in enumerate(kids):
            child.position = number
        stack.extend(
            (child, f"{code}.{number}", level + 1) for number, child in reversed(list(enumerate(kids, 1)))
        )
    return ordered


def _constraint_periods(task: Task, calendar: PlanCalendar) -> tuple[int | None, int | None]:
    if task.constraint_date is None:
        return None, None
    if task.constraint_type == ScheduleConstraint.START_NO_EARLIER_THAN:
        return calendar.period_of(task.constraint_date), None
    if task.constraint_type == ScheduleConstraint.FINISH_NO_LATER_THAN:
        # Finishing on that date means working through the end of it (or of the working day before).
        return None, calendar.finish_period_of(task.constraint_date)
    return None, None


def _cycle_message(cycle, names: dict[int, str]) -> str:
    labels = [names[task_id] for task_id in cycle]
    return _("These dependencies would form a cycle: %(cycle)s.") % {
        "cycle": " → ".join([*labels, labels[0]])
    }


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
        activities.append(
            Activity(
                id=task.pk,
                duration=0 if task.is_milestone else task.duration_days,
                predecessors=tuple(predecessors.get(task.pk, ())),
                start_no_earlier_than=start_no_earlier_than,
                finish_no_later_than=finish_no_later_than,
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

    spans: dict[int, tuple[int, int]] = {}
    for task in leaves:
        figures = schedule.activities[task.pk]
        spans[task.pk] = (figures.early_start, figures.early_finish)
        try:
            task.planned_start, task.planned_finish = calendar.span_dates(
                figures.early_start, figures.early_finish
            )
            task.late_start, task.late_finish = calendar.span_dates(figures.late_start, figures.late_finish)
        except (ValueError, OverflowError) as error:  # a date before year 1 or after 9999
            raise ValidationError(
                _(
                    "The dates of “%(task)s” would fall outside the years 1 to 9999; "
                    "shorten its durations or lags, or change its constraint date."
                )
                % {"task": task.label}
            ) from error
        task.total_float_days = figures.total_float
        task.free_float_days = figures.free_float
        task.is_critical = figures.critical
    _roll_up(ordered, spans)
    return schedule.project_duration, list(schedule.critical_path)


def _roll_up(ordered: list[Task], spans: dict[int, tuple[int, int]]) -> None:
    """Fold children into summaries, deepest first (reversed preorder visits children before parents)."""
    folded: dict[int, list[Task]] = defaultdict(list)
    for task in ordered:
        if task.parent_id is not None:
            folded[task.parent_id].append(task)
    for task in reversed(ordered):
        if not task.is_summary:
            continue
        kids = folded[task.pk]
        task.planned_start = min(child.planned_start for child in kids)
        task.planned_finish = max(child.planned_finish for child in kids)
        task.late_start = min(child.late_start for child in kids)
        task.late_finish = max(child.late_finish for child in kids)
        task.total_float_days = min(child.total_float_days for child in kids)
        task.free_float_days = min(child.free_float_days for child in kids)
        task.is_critical = any(child.is_critical for child in kids)
        start = min(spans[child.pk][0] for child in kids)
        finish = max(spans[child.pk][1] for child in kids)
        spans[task.pk] = (start, finish)
        task.duration_days = finish - start
        task.is_milestone = False
        task.planned_cost = sum((child.planned_cost for child in kids), Decimal("0"))
        weight = sum(child.duration_days for child in kids)
        if weight:
            done = sum(child.duration_days * child.percent_complete for child in kids)
            task.percent_complete = round(done / weight)
        else:
            task.percent_complete = round(sum(child.percent_complete for child in kids) / len(kids))
