"""A Microsoft Project XML (MSPDI) file as read: its project, calendar, tasks and their links.

Pure data over the engine's types; projects.plan_io.mspdi.reader fills it from the XML, and
projects.plan_io.mspdi.writer writes the same namespace.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time
from decimal import Decimal

from projects.scheduling import LinkType
from projects.workcalendar import WorkCalendar

NAMESPACE = "http://schemas.microsoft.com/project"
DEFAULT_MINUTES_PER_DAY = 480
# The ConstraintType codes the plan models, and its names for them (0, as soon as possible, is none):
# 4 = start no earlier than, 7 = finish no later than. Import ignores the others.
CONSTRAINT_TYPES = {4: "snet", 7: "fnlt"}
ELAPSED_LAG_FORMATS = {4, 6, 8, 10, 12, 36, 38, 40, 42, 44}
# DurationFormat of elapsed durations (minutes .. months, and their estimated twins): the same codes.
ELAPSED_DURATION_FORMATS = ELAPSED_LAG_FORMATS


@dataclass(frozen=True, slots=True)
class MspdiLink:
    """A PredecessorLink as stored, plus its lag in working days (exact, not rounded)."""

    predecessor_uid: int
    type: LinkType
    link_lag: int
    lag_format: int
    lag_days: float


@dataclass(frozen=True, slots=True)
class MspdiTask:
    """One Task element. `total_slack_days` is the file's own TotalSlack, in working days."""

    uid: int
    id: int | None
    name: str
    outline_level: int
    outline_number: str
    wbs: str
    summary: bool
    milestone: bool
    duration_days: float
    start: datetime | None
    finish: datetime | None
    critical: bool
    total_slack_days: float | None
    free_slack_days: float | None
    constraint_type: int
    constraint_date: datetime | None
    predecessors: tuple[MspdiLink, ...]
    manual: bool = False
    recurring: bool = False
    duration_format: int = 7
    percent_complete: int = 0
    actual_start: datetime | None = None
    actual_finish: datetime | None = None
    cost: Decimal | None = None
    notes: str = ""

    @property
    def elapsed(self) -> bool:
        """Whether the duration is elapsed time (MS Project's "edays"), not working time."""
        return self.duration_format in ELAPSED_DURATION_FORMATS

    @property
    def started(self) -> bool:
        return self.actual_start is not None or self.actual_finish is not None or self.percent_complete > 0


@dataclass(frozen=True, slots=True)
class MspdiProject:
    """A parsed file: project properties, calendar and tasks in file order (UID 0 included)."""

    name: str
    minutes_per_day: int
    start: datetime
    calendar: WorkCalendar
    day_start: time
    day_finish: time
    tasks: tuple[MspdiTask, ...]
    resources: dict[int, str] | None = None
    assignments: tuple[tuple[int, int], ...] = ()
    # Task UID -> the names of its resources, indexed once: a scan of every assignment per task is
    # quadratic (1.4 s for 10,000 tasks with one assignment each).
    _names_by_task: dict[int, list[str]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        names = self.resources or {}
        by_task: dict[int, list[str]] = {}
        for task_uid, resource_uid in self.assignments:
            if names.get(resource_uid):
                by_task.setdefault(task_uid, []).append(names[resource_uid])
        object.__setattr__(self, "_names_by_task", by_task)

    def resource_names(self, task_uid: int) -> list[str]:
        """Names of the resources assigned to the task, in file order (unnamed ones left out)."""
        return list(self._names_by_task.get(task_uid, ()))

    def task_span(self, task: MspdiTask) -> int | None:
        """Working days between the task's Start and Finish on the project calendar, if it has both."""
        if task.start is None or task.finish is None:
            return None
        return max(self.finish_offset(task.finish) - self.start_offset(task.start), 0)

    def start_offset(self, moment: datetime) -> int:
        """Return the engine period in which work starting at `moment` begins.

        Work starting after the end of the working day begins the next day: the period after the
        working days up to and including this one (counted so, `day + 1 day` overflows on date.max).
        """
        if moment.time() >= self.day_finish:
            return self.calendar.finish_offset_for_date(self.start.date(), moment.date())
        return self.calendar.offset_for_date(self.start.date(), moment.date())

    def finish_offset(self, moment: datetime) -> int:
        """Return the engine finish boundary of work ending at `moment`.

        MS Project often writes a finish as the start of the next working day (08:00): that
        is the end of the working day before.
        """
        if moment.time() <= self.day_start:  # the working days before this one (date.min has none)
            return self.calendar.offset_for_date(self.start.date(), moment.date())
        return self.calendar.finish_offset_for_date(self.start.date(), moment.date())
