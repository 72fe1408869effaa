"""MSPDI tasks as engine activities: leaf tasks only, with links to and from summary tasks rewritten.

`to_activities` keeps leaf tasks only. Summary tasks are left out (their dates roll up from
their subtasks) and links that touch them are rewritten where that is exact: a link FROM a
summary binds through its finish (FS, FF), the latest finish of its leaves, so it becomes
one link from each leaf; a link TO a summary that drives its start (FS, SS) holds only if
every leaf starts late enough, so it becomes one link to each leaf. Other summary links
(SS/SF from a summary, FF/SF to one) cannot be written as leaf links and are dropped;
every loss or approximation is reported in `notes`.

Dates MS Project keeps are kept: a manually scheduled task (Manual=1) starts on its Start, a started
task on its ActualStart, and a finished task keeps its actual dates (the engine's `fixed_start`). An
automatically scheduled task whose Duration does not fit its own Start and Finish on the project
calendar (by a working day or more) is scheduled by another calendar: its own, its resources' (the
Duration then counts the hours of resources on different shifts) or elapsed time. Its duration is
taken from its dates, which is how MS Project scheduled it.
"""

import math
from dataclasses import dataclass, field

from projects.plan_io.mspdi.reader import ELAPSED_LAG_FORMATS, MspdiProject, MspdiTask
from projects.scheduling import Activity, Link, LinkType

_CONSTRAINT_START_NO_EARLIER_THAN = 4
_CONSTRAINT_FINISH_NO_LATER_THAN = 7
_CONSTRAINT_NAMES = {
    1: "as late as possible",
    2: "must start on",
    3: "must finish on",
    5: "start no later than",
    6: "finish no earlier than",
}


@dataclass(frozen=True, slots=True)
class MspdiActivities:
    """The result of `to_activities`: engine activities (ids are UIDs as strings) and notes."""

    activities: list[Activity]
    names: dict[str, str]
    notes: list[str] = field(default_factory=list)


def _whole_days(days: float, *, at_least_one: bool = False) -> int:
    """Round working days for the engine: half away from zero; optionally never below 1."""
    rounded = int(math.copysign(math.floor(abs(days) + 0.5), days))
    return max(rounded, 1) if at_least_one and days > 0 else rounded


def to_activities(project: MspdiProject) -> MspdiActivities:
    """Return engine activities for the leaf tasks of `project`, with notes on what was lost.

    Ids are task UIDs as strings. Durations below a whole day round up to one day (a task
    with work never becomes a milestone); others and lags round half away from zero.
    Start-no-earlier-than and finish-no-later-than constraints map to engine periods; other
    constraint types are noted and ignored. Summary links: see the module docstring.
    """
    notes: list[str] = []
    tasks = [task for task in project.tasks if task.uid != 0]  # UID 0 is the project summary
    by_uid = {task.uid: task for task in tasks}
    leaves_under: dict[int, list[int]] = {task.uid: [] for task in tasks if task.summary}
    open_summaries: list[MspdiTask] = []
    for task in tasks:
        while open_summaries and open_summaries[-1].outline_level >= task.outline_level:
            open_summaries.pop()
        if task.summary:
            open_summaries.append(task)
        else:
            for summary in open_summaries:
                leaves_under[summary.uid].append(task.uid)
    if leaves_under:
        names = ", ".join(f"{by_uid[uid].name!r}" for uid in leaves_under)
        notes.append(f"Left out {len(leaves_under)} summary task(s), dated from their subtasks: {names}")

    incoming = _leaf_links(tasks, leaves_under, notes)

    activities = []
    for uid, links in incoming.items():
        task = by_uid[uid]
        duration = _whole_days(task.duration_days, at_least_one=True)
        fixed_start = None
        span = project.task_span(task)
        if task.actual_start is not None:
            fixed_start = project.start_offset(task.actual_start)
            if task.actual_finish is not None and not task.milestone:
                duration = max(project.finish_offset(task.actual_finish) - fixed_start, 0)
        elif task.manual and task.start is not None:
            fixed_start = project.start_offset(task.start)
        elif span is not None and duration and abs(span - task.duration_days) >= 1:
            notes.append(
                f"Took the duration of task {uid} from its dates: {span} working days, "
                f"not the {task.duration_days:g} days of its Duration"
            )
            duration = span
        elif duration != task.duration_days:
            notes.append(f"Rounded the duration of task {uid} from {task.duration_days:g} to {duration} days")
        start_no_earlier_than = finish_no_later_than = None
        if task.constraint_date and task.constraint_type == _CONSTRAINT_START_NO_EARLIER_THAN:
            start_no_earlier_than = max(0, project.start_offset(task.constraint_date))
        elif task.constraint_date and task.constraint_type == _CONSTRAINT_FINISH_NO_LATER_THAN:
            finish_no_later_than = project.finish_offset(task.constraint_date)
        elif task.constraint_type in _CONSTRAINT_NAMES:
            notes.append(f"Ignored the {_CONSTRAINT_NAMES[task.constraint_type]!r} constraint of task {uid}")
        activities.append(
            Activity(
                id=str(uid),
                duration=duration,
                predecessors=tuple(links.values()),
                start_no_earlier_than=start_no_earlier_than,
                finish_no_later_than=finish_no_later_than,
                fixed_start=fixed_start,
            )
        )
    return MspdiActivities(
        activities=activities, names={str(uid): by_uid[uid].name for uid in incoming}, notes=notes
    )


def _leaf_links(
    tasks: list[MspdiTask], leaves_under: dict[int, list[int]], notes: list[str]
) -> dict[int, dict[int, Link]]:
    """Return {leaf UID: {predecessor leaf UID: Link}}, rewriting summary links (module docstring).

    Links between leaves go first, so that a link written in the file wins over the same
    pair produced by rewriting a summary link.
    """
    known = {task.uid for task in tasks}
    incoming: dict[int, dict[int, Link]] = {task.uid: {} for task in tasks if not task.summary}
    for rewriting in (False, True):
        for task in tasks:
            for link in task.predecessors:
                from_summary = link.predecessor_uid in leaves_under
                if (task.summary or from_summary) != rewriting:
                    continue
                described = f"link {link.predecessor_uid} -> {task.uid} ({link.type})"
                if link.predecessor_uid not in known:
                    notes.append(f"Dropped {described}: no task with UID {link.predecessor_uid}")
                    continue
                if (from_summary and link.type not in (LinkType.FS, LinkType.FF)) or (
                    task.summary and link.type not in (LinkType.FS, LinkType.SS)
                ):
                    notes.append(f"Dropped {described}: a summary link that no set of leaf links reproduces")
                    continue
                lag = _whole_days(link.lag_days)
                if link.lag_format in ELAPSED_LAG_FORMATS:
                    days = f"{link.lag_days:g} calendar days"
                    notes.append(f"Read the elapsed lag of {described} ({days}) as {lag} working days")
                elif lag != link.lag_days:
                    notes.append(f"Rounded the lag of {described} from {link.lag_days:g} to {lag} days")
                sources = leaves_under[link.predecessor_uid] if from_summary else [link.predecessor_uid]
                targets = leaves_under[task.uid] if task.summary else [task.uid]
                if not sources or not targets:
                    notes.append(f"Dropped {described}: the summary task has no subtasks")
                for target in targets:
                    for source in sources:
                        if source == target or source in incoming[target]:
                            reason = (
                                "it would link a task to itself" if source == target else "already linked"
                            )
                            notes.append(f"Dropped {described} between {source} and {target}: {reason}")
                        else:
                            incoming[target][source] = Link(
                                predecessor_id=str(source), type=link.type, lag=lag
                            )
    return incoming
