"""The plan as read from a file, before it touches the database, and the checks every format shares.

Pure Python: readers (tabular, MSPDI) turn a file into PlanRows; `check_plan` finds structural problems
(duplicate keys, missing parents, bad links, cycles) and names the rows they come from.

Every problem of a file is reported in one pass: the readers keep reading past a bad cell (a row
with a bad cell still names its task, so links to it are not reported as unknown), and `check_plan`
runs its cycle check over the good links even when other rows have problems.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from projects.scheduling import Activity, CycleError, Link, LinkType, SchedulingError, compute_schedule

# Limits of one import; beyond them a file is refused before it is read in full.
MAX_IMPORT_BYTES = 10 * 1024 * 1024
MAX_IMPORT_ROWS = 10_000
# A report stops listing after this many problems; the rest are counted.
MAX_REPORTED_PROBLEMS = 100


@dataclass(frozen=True)
class ImportProblem:
    """One thing wrong with an import file: where (row, column) and what."""

    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        if self.row is not None and self.column:
            return _("Row %(row)s, %(column)s: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        if self.row is not None:
            return _("Row %(row)s: %(message)s") % {"row": self.row, "message": self.message}
        if self.column:
            return f"{self.column}: {self.message}"
        return self.message

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


class PlanImportError(Exception):
    """The file was refused; `problems` says why, row by row. Nothing was imported.

    `total` is the number of problems found, which may exceed those listed (see raise_if_problems).
    """

    def __init__(self, problems: list[ImportProblem], *, total: int | None = None):
        self.problems = problems
        self.total = len(problems) if total is None else total
        super().__init__(_("The file was not imported: %(count)s problem(s) found.") % {"count": self.total})


@dataclass
class TaskRow:
    """One task read from a file. `key` identifies it in links (a WBS code, or an MSPDI UID)."""

    row: int
    key: str
    label: str
    name: str
    parent_key: str | None = None
    is_milestone: bool = False
    duration_days: int | None = None  # None: not given (a work task then takes one day)
    constraint_type: str = ""
    constraint_date: date | None = None
    actual_start: date | None = None
    actual_finish: date | None = None
    percent_complete: int = 0
    planned_cost: Decimal = Decimal("0")
    assignee_username: str = ""
    notes: str = ""
    task_id: int | None = None  # the portal's id of the task, written by export (Task ID column)
    version: int | None = None  # the task's version when exported (Version column; None: blank)
    # A manually scheduled task keeps `pinned_start` (its Start in the file; ignored on a summary
    # task). Read from MS Project files: the names of the resources assigned to the task, which the
    # import maps to the assignee.
    manual: bool = False
    pinned_start: date | None = None
    resource_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class LinkRow:
    """A dependency read from a file, held on the successor's row."""

    row: int
    column: str
    predecessor_key: str
    successor_key: str
    type: str = LinkType.FS.value
    lag_days: int = 0


@dataclass
class PlanRows:
    """A whole plan read from a file: tasks in file order, links, warnings and problems so far."""

    format: str
    tasks: list[TaskRow] = field(default_factory=list)
    links: list[LinkRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    # The columns the file has (tabular formats); None when every field is given (MSPDI). An update in
    # place changes only the fields of the columns present.
    columns: frozenset[str] | None = None

    def has_column(self, column: str) -> bool:
        return self.columns is None or column in self.columns


def check_plan(
    plan: PlanRows,
    *,
    outside_keys: Collection[str] | None = None,
    kept_parents: Collection[str] = (),
    max_lag_days: int | None = None,
) -> list[ImportProblem]:
    """Return the structural problems of a plan read from a file, in row order.

    Keys must be unique; a parent must appear before its subtasks; links must name known tasks, not
    the task itself, not a summary task's own subtask (links on summary tasks are scheduled as MS
    Project does, projects.services.reschedule), not the same pair twice, with a lag within
    `max_lag_days` (the project's span) when given; the links must not form a cycle (the problem names
    the tasks on it). The cycle check runs over the good links even when other problems were found.

    For an update in place, `outside_keys` are the keys of the plan's tasks that the file leaves
    alone (parents and predecessors may name them) and `kept_parents` the keys that stay summary
    tasks because subtasks outside the file remain under them.
    """
    updating = outside_keys is not None
    outside = set(outside_keys or ())
    problems: list[ImportProblem] = []
    by_key: dict[str, TaskRow] = {}
    for task in plan.tasks:
        if task.key in by_key:
            problems.append(
                ImportProblem(
                    task.row,
                    _("WBS"),
                    _("%(code)s appears twice (first on row %(first)s).")
                    % {"code": task.key, "first": by_key[task.key].row},
                )
            )
            continue
        if task.parent_key is not None and task.parent_key not in by_key and task.parent_key not in outside:
            problems.append(
                ImportProblem(
                    task.row,
                    _("WBS"),
                    _("its parent %(parent)s must appear on an earlier row.") % {"parent": task.parent_key},
                )
            )
        by_key[task.key] = task
    parents = {task.parent_key for task in plan.tasks if task.parent_key is not None} | set(kept_parents)

    seen_pairs: set[tuple[str, str]] = set()
    good_links: list[LinkRow] = []
    for link in plan.links:
        problem = None
        if link.predecessor_key not in by_key and link.predecessor_key not in outside:
            if updating:
                problem = _("there is no task %(code)s in the file or the plan.")
            else:
                problem = _("there is no task %(code)s in the file.")
            problem = problem % {"code": link.predecessor_key}
        elif link.predecessor_key == link.successor_key:
            problem = _("a task cannot depend on itself.")
        elif _within(by_key, link.predecessor_key, link.successor_key) or _within(
            by_key, link.successor_key, link.predecessor_key
        ):
            problem = _("%(code)s and this task are a summary task and one of its own subtasks.") % {
                "code": link.predecessor_key
            }
        elif max_lag_days is not None and abs(link.lag_days) > max_lag_days:
            problem = _("a lag or lead can be at most %(limit)s working days (the span of the project).") % {
                "limit": max_lag_days
            }
        elif (link.predecessor_key, link.successor_key) in seen_pairs:
            problem = _("%(code)s is listed twice.") % {"code": link.predecessor_key}
        if problem:
            problems.append(ImportProblem(link.row, link.column, problem))
            continue
        seen_pairs.add((link.predecessor_key, link.successor_key))
        good_links.append(link)

    # Links to tasks outside the file cannot close a cycle within it (the reschedule checks the rest).
    inside_links = [link for link in good_links if link.predecessor_key in by_key]
    problems.extend(_cycle_problems(by_key, parents, inside_links))
    return sorted(problems, key=lambda problem: problem.row or 0)


def _within(by_key: dict[str, TaskRow], key: str, ancestor_key: str) -> bool:
    """Whether the row `key` sits (at any depth) under the row `ancestor_key`."""
    seen = set()
    row = by_key.get(key)
    while row is not None and row.parent_key is not None and row.parent_key not in seen:
        if row.parent_key == ancestor_key:
            return True
        seen.add(row.parent_key)
        row = by_key.get(row.parent_key)
    return False


def _cycle_problems(
    by_key: dict[str, TaskRow], parents: set[str], links: list[LinkRow]
) -> list[ImportProblem]:
    """Run the engine over the leaf tasks (durations only): it finds a cycle in linear time.

    A summary task with links becomes two zero-length activities, one its links enter and that
    holds every leaf under it, one that every leaf under it feeds and its links leave: a cycle
    through a summary task closes there, and the network stays linear in the number of tasks.
    """
    linked = {link.predecessor_key for link in links} | {link.successor_key for link in links}
    linked_summaries = linked & parents
    held_by: dict[str, list[tuple[str, str]]] = {}  # leaf key -> the summary activities over it
    for task in by_key.values():
        if task.key in parents:
            continue
        seen, parent = set(), task.parent_key
        while parent is not None and parent not in seen:
            if parent in linked_summaries:
                held_by.setdefault(task.key, []).append(("in", parent))
            seen.add(parent)
            parent = by_key[parent].parent_key if parent in by_key else None
    incoming: dict[object, list[Link]] = {}
    for link in links:
        predecessor = (
            ("out", link.predecessor_key) if link.predecessor_key in parents else link.predecessor_key
        )
        successor = ("in", link.successor_key) if link.successor_key in parents else link.successor_key
        incoming.setdefault(successor, []).append(
            Link(predecessor_id=predecessor, type=LinkType(link.type), lag=link.lag_days)
        )
    activities = []
    for task in by_key.values():
        if task.key in parents:
            continue
        holding = [Link(predecessor_id=node, type=LinkType.SS) for node in held_by.get(task.key, ())]
        activities.append(
            Activity(
                id=task.key,
                duration=max(task.duration_days or 0, 0),
                predecessors=tuple(incoming.get(task.key, ())) + tuple(holding),
            )
        )
        for _side, summary in held_by.get(task.key, ()):
            incoming.setdefault(("out", summary), []).append(Link(predecessor_id=task.key))
    for summary in linked_summaries:
        for side in ("in", "out"):
            activities.append(
                Activity(
                    id=(side, summary), duration=0, predecessors=tuple(incoming.get((side, summary), ()))
                )
            )
    try:
        compute_schedule(activities)
    except CycleError as error:
        keys = []
        for node in error.cycle:  # a summary's two activities name it once
            key = node[1] if isinstance(node, tuple) else node
            if not keys or keys[-1] != key:
                keys.append(key)
        if len(keys) > 1 and keys[0] == keys[-1]:
            keys.pop()
        labels = [by_key[key].label for key in keys]
        cycle = " → ".join([*labels, labels[0]])
        first = by_key[keys[0]]
        link_column = next((link.column for link in links if link.successor_key == first.key), "")
        return [
            ImportProblem(
                first.row,
                link_column,
                _("these dependencies form a cycle: %(cycle)s.") % {"cycle": cycle},
            )
        ]
    except SchedulingError as error:
        return [ImportProblem(None, "", str(error))]
    return []


def file_too_large_problem() -> ImportProblem:
    """The problem reported for a file over MAX_IMPORT_BYTES."""
    return ImportProblem(
        None,
        "",
        _("The file is larger than %(limit)s MB; split the plan or import it in parts.")
        % {"limit": MAX_IMPORT_BYTES // (1024 * 1024)},
    )


def raise_if_problems(problems: list[ImportProblem]) -> None:
    """Raise PlanImportError listing at most MAX_REPORTED_PROBLEMS problems (and how many more)."""
    if not problems:
        return
    shown = problems[:MAX_REPORTED_PROBLEMS]
    if len(problems) > len(shown):
        shown.append(
            ImportProblem(
                None,
                "",
                _("… and %(count)s more problem(s).") % {"count": len(problems) - len(shown)},
            )
        )
    raise PlanImportError(shown, total=len(problems))
