"""Recompute a plan after an edit: WBS codes from the outline, then dates and floats from the engine.

Every plan write calls `project_reschedule` at its end, inside the same transaction.

Rules:
- Only work tasks and milestones (leaves) are scheduled. Links may join summary tasks too, scheduled
  as MS Project does: a link into a summary task constrains every leaf under it (same type and lag);
  a link out of a summary task leaves from its rolled-up dates, finish for FS and FF (an extra
  zero-length activity after all its leaves), start for SS and SF (the same, fed by the leaf that
  starts first, found by scheduling again until that leaf no longer changes). A link between a
  summary task and one of its own subtasks is refused, and a cycle through a summary is named.
- Summary tasks roll up from their children (projects.outline).
- Started and manually scheduled tasks are pinned (`_pinned_start_and_duration`), as in MS Project.
- Offsets become dates on the project calendar from the anchor date (project start, else today):
  a task starts on the date of its early-start period and finishes on the date of its last working
  period; a milestone sits on the date of its early-start period.
- Every run raises the plan's version (Project.plan_version, the plan ETag of structure edits).
- The whole recomputation issues a fixed number of queries whatever the number of tasks: the
  calendar (two), the tasks, the links, one bulk update of the rows whose figures changed, and the
  version's update and read-back.
"""

from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import F
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
    plan_version: int


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
    ordered, duration, critical_path = plan_recompute(tasks, links, calendar)
    changed = [
        task for task in ordered if tuple(getattr(task, name) for name in DERIVED_FIELDS) != before[task.pk]
    ]
    if changed:
        bulk_update_rows(Task, changed, DERIVED_FIELDS)
    return RescheduleResult(
        tasks={task.pk: task for task in ordered},
        project_duration_days=duration,
        critical_path=critical_path,
        plan_version=_next_plan_version(project),
    )


def plan_recompute(tasks: list[Task], links, calendar: PlanCalendar) -> tuple[list[Task], int, list[int]]:
    """Set the derived fields of `tasks` in memory, without a query: outline order, duration, critical path.

    `tasks` are every task of one plan in (position, id) order, with their ids; `links` are
    (predecessor id, successor id, type code, lag) tuples. project_reschedule stores what this sets; a
    generator of plans (seed_bench) calls it to write the rows the engine would have computed.
    """
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
    return ordered, duration, critical_path


def _next_plan_version(project: Project) -> int:
    """Raise the stored plan version by one (whatever the instance holds) and return the new value."""
    rows = Project.objects.filter(pk=project.pk)
    rows.update(plan_version=F("plan_version") + 1)
    project.plan_version = rows.values_list("plan_version", flat=True).get()
    return project.plan_version


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


def _cycle_message(cycle, names: dict[Hashable, str]) -> str:
    labels: list[str] = []
    for activity_id in cycle:  # a summary's own activity and its leaf may follow each other
        if not labels or labels[-1] != names[activity_id]:
            labels.append(names[activity_id])
    if len(labels) > 1 and labels[0] == labels[-1]:
        labels.pop()
    return _("These dependencies would form a cycle: %(cycle)s.") % {
        "cycle": " → ".join([*labels, labels[0]])
    }


def _summary_link_error(summary: Task, subtask: Task) -> ValidationError:
    return ValidationError(
        _(
            "“%(summary)s” is a summary task of “%(subtask)s”: a summary task cannot be linked to "
            "its own subtasks. Remove that dependency first."
        )
        % {"summary": summary.label, "subtask": subtask.label}
    )


# The zero-length activity standing for a summary task's rolled-up finish or start: ("finish", id).
SUMMARY_FINISH, SUMMARY_START = "finish", "start"
# A start-driven link out of a summary follows the leaf that starts first, which only a schedule
# tells; each pass settles at least one more summary along a chain of such links.
MAX_SUMMARY_PASSES = 20
# LinkType(code) costs an enum lookup per link, a tenth of a 2,000-task reschedule; a dict does not.
_LINK_TYPES = {link_type.value: link_type for link_type in LinkType}
_PREDECESSOR_FINISH_DRIVES = (LinkType.FS, LinkType.FF)
_SUCCESSOR_FINISH_DRIVEN = (LinkType.FF, LinkType.SF)


@dataclass
class _Network:
    """The links as the engine takes them, keyed (predecessor, successor) with their gap."""

    links: dict[tuple[Hashable, int], tuple[int, Link]]
    # The leaves under each summary that drives a link, by its summary activity ("finish", id).
    summary_activities: dict[tuple[str, int], list[int]]


def _ancestor_of(ancestor_id: int, task_id: int, parent_of: dict[int, int | None]) -> bool:
    current = parent_of.get(task_id)
    while current is not None:
        if current == ancestor_id:
            return True
        current = parent_of.get(current)
    return False


def _link_network(ordered: list[Task], links, durations: dict[Hashable, int]) -> _Network:
    """Expand the links on summary tasks into links between leaves and summary activities.

    Two links that end up joining the same pair keep the tighter one, as a start-to-start link with
    the same gap (the engine takes one link per pair).
    """
    by_id = {task.id: task for task in ordered}
    parent_of = {task.id: task.parent_id for task in ordered}
    leaves_under: dict[int, list[int]] = defaultdict(list)
    for task in ordered:
        if not task.is_summary:
            ancestor = task.parent_id
            while ancestor is not None:
                leaves_under[ancestor].append(task.id)
                ancestor = parent_of.get(ancestor)
    network = _Network(links={}, summary_activities={})
    for predecessor_id, successor_id, raw_type, lag in links:
        link_type = _LINK_TYPES[raw_type]
        predecessor, successor = by_id[predecessor_id], by_id[successor_id]
        if predecessor.is_summary and _ancestor_of(predecessor_id, successor_id, parent_of):
            raise _summary_link_error(predecessor, successor)
        if successor.is_summary and _ancestor_of(successor_id, predecessor_id, parent_of):
            raise _summary_link_error(successor, predecessor)
        source: Hashable = predecessor_id
        if predecessor.is_summary:
            side = SUMMARY_FINISH if link_type in _PREDECESSOR_FINISH_DRIVES else SUMMARY_START
            source = (side, predecessor_id)
            network.summary_activities[source] = leaves_under[predecessor_id]
        targets = leaves_under[successor_id] if successor.is_summary else [successor_id]
        for target in targets:
            gap = lag
            if link_type in _PREDECESSOR_FINISH_DRIVES:
                gap += durations.get(source, 0)
            if link_type in _SUCCESSOR_FINISH_DRIVEN:
                gap -= durations[target]
            known = network.links.get((source, target))
            if known is None:
                network.links[(source, target)] = (gap, Link(predecessor_id=source, type=link_type, lag=lag))
            elif gap > known[0]:
                network.links[(source, target)] = (
                    gap,
                    Link(predecessor_id=source, type=LinkType.SS, lag=gap),
                )
    return network


def _summary_activities(network: _Network, drivers: dict[tuple[str, int], list[int]]) -> list[Activity]:
    """The zero-length activities of the summaries: after all leaves (finish), after the drivers (start)."""
    activities = []
    for activity_id, leaves in network.summary_activities.items():
        if activity_id[0] == SUMMARY_FINISH:
            feeding = tuple(Link(predecessor_id=leaf) for leaf in leaves)
        else:
            feeding = tuple(Link(predecessor_id=leaf, type=LinkType.SS) for leaf in drivers[activity_id])
        activities.append(Activity(id=activity_id, duration=0, predecessors=feeding))
    return activities


def _free_floats_through_summaries(network: _Network, drivers, schedule, durations) -> dict[int, int]:
    """Free float of the leaves that feed a summary activity, which the engine stops at that activity.

    A leaf may slip as far as its links' slack, and through a summary activity as far as that
    activity's own free float too, within the project finish and its total float.
    """
    computed = schedule.activities
    feeds: dict[int, list[tuple[Hashable, int]]] = defaultdict(list)
    for activity_id, leaves in network.summary_activities.items():
        for leaf in leaves if activity_id[0] == SUMMARY_FINISH else drivers[activity_id]:
            feeds[leaf].append((activity_id, durations[leaf] if activity_id[0] == SUMMARY_FINISH else 0))
    if not feeds:
        return {}
    outgoing: dict[Hashable, list[tuple[int, int]]] = defaultdict(list)
    for (source, target), (gap, _link) in network.links.items():
        if source in feeds:
            outgoing[source].append((target, gap))
    floats = {}
    for leaf, summaries in feeds.items():
        own = computed[leaf]
        free = min(own.total_float, schedule.project_duration - own.early_finish)
        for target, gap in outgoing.get(leaf, ()):
            free = min(free, computed[target].early_start - own.early_start - gap)
        for activity_id, gap in summaries:
            through = computed[activity_id]
            free = min(free, through.early_start - own.early_start - gap + through.free_float)
        floats[leaf] = free
    return floats


def _compute(ordered: list[Task], links, calendar: PlanCalendar):
    """Schedule the leaves with the links on summaries expanded; the schedule and corrected free floats."""
    leaves = [task for task in ordered if not task.is_summary]
    pinned = {task.pk: _pinned_start_and_duration(task, calendar) for task in leaves}
    durations: dict[Hashable, int] = {task_id: duration for task_id, (_start, duration) in pinned.items()}
    network = _link_network(ordered, links, durations)
    predecessors: dict[Hashable, list[Link]] = defaultdict(list)
    for (_source, target), (_gap, link) in network.links.items():
        predecessors[target].append(link)
    activities = []
    for task in leaves:
        start_no_earlier_than, finish_no_later_than = _constraint_periods(task, calendar)
        activities.append(
            Activity(
                id=task.pk,
                duration=durations[task.pk],
                predecessors=tuple(predecessors.get(task.pk, ())),
                start_no_earlier_than=start_no_earlier_than,
                finish_no_later_than=finish_no_later_than,
                fixed_start=pinned[task.pk][0],
            )
        )
    # The first pass lets every leaf feed a summary's start, so any loop through it is found.
    drivers = {
        activity_id: leaf_ids
        for activity_id, leaf_ids in network.summary_activities.items()
        if activity_id[0] == SUMMARY_START
    }
    place = {task.pk: index for index, task in enumerate(leaves)}
    for _pass in range(MAX_SUMMARY_PASSES):
        schedule = compute_schedule([*activities, *_summary_activities(network, drivers)])
        first_starting = {
            activity_id: [
                min(
                    network.summary_activities[activity_id],
                    key=lambda leaf: (schedule.activities[leaf].early_start, place[leaf]),
                )
            ]
            for activity_id in drivers
        }
        if first_starting == drivers:
            break
        drivers = first_starting
    else:  # not settled within the passes: keep the schedule consistent with the last drivers
        schedule = compute_schedule([*activities, *_summary_activities(network, drivers)])
    floats = _free_floats_through_summaries(network, drivers, schedule, durations)
    return schedule, floats, [*activities, *_summary_activities(network, drivers)]


def plan_activities(tasks: list[Task], links, calendar: PlanCalendar) -> list[Activity]:
    """The engine's activities for a stored plan, exactly as project_reschedule schedules it (no query).

    `tasks` and `links` are as plan_recompute takes them, with the outline (is_summary) already stored.
    The leaves come first, in outline order, each with its task id as activity id; then the zero-length
    activities of the summaries that drive links, with their drivers settled. A caller that varies the
    leaves' durations (the schedule-risk simulation) thereby keeps every link and constraint.
    Raises CycleError or SchedulingError as the scheduler would.
    """
    _schedule_found, _floats, activities = _compute(tasks, links, calendar)
    return activities


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
    try:
        schedule, free_floats, _activities = _compute(ordered, links, calendar)
    except CycleError as error:
        names: dict[Hashable, str] = {task.pk: task.label for task in ordered}
        names.update(
            {(side, task.pk): task.label for task in ordered for side in (SUMMARY_FINISH, SUMMARY_START)}
        )
        raise ValidationError(_cycle_message(error.cycle, names)) from error
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
            free_float_days=free_floats.get(task.pk, computed.free_float),
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
    critical_path = [activity_id for activity_id in schedule.critical_path if type(activity_id) is int]
    return schedule.project_duration, critical_path
