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

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from projects.plan_io.mspdi.document import ELAPSED_LAG_FORMATS, MspdiProject, MspdiTask
from projects.scheduling import Activity, Link, LinkType

_CONSTRAINT_START_NO_EARLIER_THAN = 4
_CONSTRAINT_FINISH_NO_LATER_THAN = 7
_CONSTRAINT_NAMES = {
    1: gettext_lazy("as late as possible"),
    2: gettext_lazy("must start on"),
    3: gettext_lazy("must finish on"),
    5: gettext_lazy("start no later than"),
    6: gettext_lazy("finish no earlier than"),
}


@dataclass(frozen=True, slots=True)
class MspdiActivities:
    """The result of `to_activities`: engine activities (ids are UIDs as strings) and notes."""

    activities: list[Activity]
    names: dict[str, str]
    notes: list[str] = field(default_factory=list)
    # The note that summary tasks were left out of the engine's input (also in `notes`), if any.
    left_out_note: str = ""


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
    left_out_note = ""
    if leaves_under:
        names = ", ".join(f"{by_uid[uid].name!r}" for uid in leaves_under)
        left_out_note = _("Left out %(count)s summary task(s), dated from their subtasks: %(names)s") % {
            "count": len(leaves_under),
            "names": names,
        }
        notes.append(left_out_note)

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
                _(
                    "Took the duration of task %(uid)s from its dates: %(span)s working days, "
                    "not the %(days)s days of its Duration"
                )
                % {"uid": uid, "span": span, "days": f"{task.duration_days:g}"}
            )
            duration = span
        elif duration != task.duration_days:
            notes.append(
                _("Rounded the duration of task %(uid)s from %(days)s to %(rounded)s days")
                % {"uid": uid, "days": f"{task.duration_days:g}", "rounded": duration}
            )
        start_no_earlier_than = finish_no_later_than = None
        if task.constraint_date and task.constraint_type == _CONSTRAINT_START_NO_EARLIER_THAN:
            start_no_earlier_than = max(0, project.start_offset(task.constraint_date))
        elif task.constraint_date and task.constraint_type == _CONSTRAINT_FINISH_NO_LATER_THAN:
            finish_no_later_than = project.finish_offset(task.constraint_date)
        elif task.constraint_type in _CONSTRAINT_NAMES:
            notes.append(
                _("Ignored the '%(constraint)s' constraint of task %(uid)s")
                % {"constraint": _CONSTRAINT_NAMES[task.constraint_type], "uid": uid}
            )
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
        activities=activities,
        names={str(uid): by_uid[uid].name for uid in incoming},
        notes=notes,
        left_out_note=left_out_note,
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
                link_text = f"{link.predecessor_uid} -> {task.uid} ({link.type})"
                if link.predecessor_uid not in known:
                    notes.append(
                        _("Dropped link %(link)s: no task with UID %(uid)s")
                        % {"link": link_text, "uid": link.predecessor_uid}
                    )
                    continue
                if (from_summary and link.type not in (LinkType.FS, LinkType.FF)) or (
                    task.summary and link.type not in (LinkType.FS, LinkType.SS)
                ):
                    notes.append(
                        _("Dropped link %(link)s: a summary link that no set of leaf links reproduces")
                        % {"link": link_text}
                    )
                    continue
                lag = _whole_days(link.lag_days)
                if link.lag_format in ELAPSED_LAG_FORMATS:
                    notes.append(
                        _(
                            "Read the elapsed lag of link %(link)s (%(days)s calendar days) as "
                            "%(lag)s working days"
                        )
                        % {"link": link_text, "days": f"{link.lag_days:g}", "lag": lag}
                    )
                elif lag != link.lag_days:
                    notes.append(
                        _("Rounded the lag of link %(link)s from %(days)s to %(lag)s days")
                        % {"link": link_text, "days": f"{link.lag_days:g}", "lag": lag}
                    )
                sources = leaves_under[link.predecessor_uid] if from_summary else [link.predecessor_uid]
                targets = leaves_under[task.uid] if task.summary else [task.uid]
                if not sources or not targets:
                    notes.append(
                        _("Dropped link %(link)s: the summary task has no subtasks") % {"link": link_text}
                    )
                for target in targets:
                    for source in sources:
                        if source == target or source in incoming[target]:
                            reason = (
                                _("it would link a task to itself")
                                if source == target
                                else _("already linked")
                            )
                            notes.append(
                                _("Dropped link %(link)s between %(source)s and %(target)s: %(reason)s")
                                % {"link": link_text, "source": source, "target": target, "reason": reason}
                            )
                        else:
                            incoming[target][source] = Link(
                                predecessor_id=str(source), type=link.type, lag=lag
                            )
    return incoming
