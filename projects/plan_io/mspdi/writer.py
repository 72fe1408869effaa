"""Writer of Microsoft Project XML (MSPDI): a plan as MS Project 2010 and later (and this portal) read it.

Pure Python over xml.etree, the mirror of projects.plan_io.mspdi.reader:

- Working days of 8 hours (480 minutes, 08:00-12:00 and 13:00-17:00): a duration of d days is
  ``PT{8d}H0M0S``, a lag is LinkLag in tenths of a minute (4,800 a day) with LagFormat 7 (days),
  floats are TotalSlack / FreeSlack in the same tenths.
- A task starts at 08:00 of its first day and finishes at 17:00 of its last; a milestone sits at 08:00.
- The project calendar (UID 1) has the working weekdays, one non-working exception per run of
  consecutive holidays and one working exception (DayWorking 1 with the day's WorkingTimes) per run
  of consecutive extra working days (China's 调休 weekend days), in date order. Elements come in the
  order of the MSPDI schema (mspdi_pj12.xsd, with Project 2010's Manual after Name), which MS
  Project checks.
- A work task's planned cost is written as its FixedCost (MS Project computes Cost from resources and
  fixed cost) and as its Cost (which this portal reads).
- UIDs and IDs are the outline order, 1 .. n; UID 0 is the project summary task. Assignees become
  resources, named by their display name, with one assignment per task.
- Text is escaped by ElementTree; characters XML 1.0 cannot carry (control characters) are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from xml.etree import ElementTree

from projects.plan_io.mspdi.document import CONSTRAINT_TYPES, DEFAULT_MINUTES_PER_DAY, NAMESPACE
from projects.scheduling import LinkType

MINUTES_PER_DAY = DEFAULT_MINUTES_PER_DAY  # the day the reader assumes of a file that names none
_TENTHS_PER_DAY = MINUTES_PER_DAY * 10
_LINK_TYPE_CODES = {LinkType.FF: 0, LinkType.FS: 1, LinkType.SF: 2, LinkType.SS: 3}
# MSPDI ConstraintType by the plan's constraint: 0 = as soon as possible (none).
CONSTRAINT_CODES = {"": 0} | {name: code for code, name in CONSTRAINT_TYPES.items()}
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_WORKING_TIMES = (("08:00:00", "12:00:00"), ("13:00:00", "17:00:00"))


@dataclass(frozen=True, slots=True)
class MspdiLinkOut:
    predecessor_uid: int
    type: LinkType
    lag_days: int


@dataclass(frozen=True, slots=True)
class MspdiTaskOut:
    """One task to write, in outline order; dates are the plan's computed ones."""

    uid: int
    name: str
    outline_level: int
    outline_number: str
    summary: bool
    milestone: bool
    manual: bool
    duration_days: int
    start: date | None
    finish: date | None
    constraint_type: str
    constraint_date: date | None
    percent_complete: int
    actual_start: date | None
    actual_finish: date | None
    cost: Decimal
    notes: str
    total_float_days: int
    free_float_days: int
    critical: bool
    predecessors: tuple[MspdiLinkOut, ...] = ()
    resource: str = ""


@dataclass(frozen=True, slots=True)
class MspdiPlanOut:
    """A whole plan to write: project name, start, currency, calendar and tasks in outline order."""

    name: str
    start: date
    currency: str
    working_weekdays: frozenset[int]
    holidays: tuple[date, ...]
    tasks: tuple[MspdiTaskOut, ...]
    # Days worked although their weekday is off (make-up working days).
    working_days: tuple[date, ...] = ()


def _text(value: str) -> str:
    return _NOT_XML.sub("", value)


def _moment(day: date, clock: str) -> str:
    return f"{day.isoformat()}T{clock}"


def _hours(days: int) -> str:
    return f"PT{days * MINUTES_PER_DAY // 60}H0M0S"


def _cents(amount: Decimal) -> str:
    return str(int((amount * 100).to_integral_value()))


class _Builder:
    """Child elements in the MS Project namespace, in the order the schema lists them."""

    def __init__(self) -> None:
        self.prefix = f"{{{NAMESPACE}}}"

    def add(self, parent: ElementTree.Element, tag: str, value: object = None) -> ElementTree.Element:
        element = ElementTree.SubElement(parent, self.prefix + tag)
        if value is not None:
            element.text = _text(str(value))
        return element


def _runs(days: tuple[date, ...]) -> list[tuple[date, date]]:
    """Consecutive days as (first, last) runs."""
    runs: list[tuple[date, date]] = []
    for day in sorted(set(days)):
        if runs and runs[-1][1] + timedelta(days=1) == day:
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs


def _working_times(build: _Builder, parent: ElementTree.Element) -> None:
    times = build.add(parent, "WorkingTimes")
    for start, finish in _WORKING_TIMES:
        working_time = build.add(times, "WorkingTime")
        build.add(working_time, "FromTime", start)
        build.add(working_time, "ToTime", finish)


def _calendar(build: _Builder, root: ElementTree.Element, plan: MspdiPlanOut) -> None:
    calendar = build.add(build.add(root, "Calendars"), "Calendar")
    build.add(calendar, "UID", 1)
    build.add(calendar, "Name", "Standard")
    build.add(calendar, "IsBaseCalendar", 1)
    build.add(calendar, "BaseCalendarUID", -1)
    weekdays = build.add(calendar, "WeekDays")
    for day_type in range(1, 8):  # 1 = Sunday .. 7 = Saturday; Python counts 0 = Monday
        working = (day_type - 2) % 7 in plan.working_weekdays
        weekday = build.add(weekdays, "WeekDay")
        build.add(weekday, "DayType", day_type)
        build.add(weekday, "DayWorking", int(working))
        if working:
            _working_times(build, weekday)
    # Extra working days only where the week is off: elsewhere they change nothing.
    extra = tuple(day for day in plan.working_days if day.weekday() not in plan.working_weekdays)
    runs = sorted(
        [(first, last, False) for first, last in _runs(plan.holidays)]
        + [(first, last, True) for first, last in _runs(extra)]
    )
    # Exceptions twice, as MS Project 2007 and later write them: WeekDay entries of DayType 0 (read by
    # every version) and Exception entries (read by Project 2007 and later).
    for first, last, working in runs:
        weekday = build.add(weekdays, "WeekDay")
        build.add(weekday, "DayType", 0)
        build.add(weekday, "DayWorking", int(working))
        _period(build, weekday, first, last)
        if working:
            _working_times(build, weekday)
    if runs:
        exceptions = build.add(calendar, "Exceptions")
        for first, last, working in runs:
            exception = build.add(exceptions, "Exception")
            build.add(exception, "EnteredByOccurrences", 0)
            _period(build, exception, first, last)
            build.add(exception, "Occurrences", 1)
            build.add(exception, "Name", "Working day" if working else "Holiday")
            build.add(exception, "Type", 1)
            build.add(exception, "DayWorking", int(working))
            if working:
                _working_times(build, exception)


def _period(build: _Builder, parent: ElementTree.Element, first: date, last: date) -> None:
    period = build.add(parent, "TimePeriod")
    build.add(period, "FromDate", _moment(first, "00:00:00"))
    build.add(period, "ToDate", _moment(last, "23:59:00"))


def _task(build: _Builder, tasks: ElementTree.Element, task: MspdiTaskOut) -> None:
    """One Task element, its children in the order of the MSPDI schema (MS Project checks it)."""
    element = build.add(tasks, "Task")
    build.add(element, "UID", task.uid)
    build.add(element, "ID", task.uid)
    build.add(element, "Name", task.name)
    build.add(element, "Manual", int(task.manual))
    build.add(element, "WBS", task.outline_number)
    build.add(element, "OutlineNumber", task.outline_number)
    build.add(element, "OutlineLevel", task.outline_level)
    if task.start is not None:
        build.add(element, "Start", _moment(task.start, "08:00:00"))
    if task.finish is not None:
        finish = task.start if task.milestone and task.start else task.finish
        build.add(element, "Finish", _moment(finish, "08:00:00" if task.milestone else "17:00:00"))
    build.add(element, "Duration", _hours(0 if task.milestone else task.duration_days))
    build.add(element, "DurationFormat", 7)
    build.add(element, "Milestone", int(task.milestone))
    build.add(element, "Summary", int(task.summary))
    build.add(element, "Critical", int(task.critical))
    build.add(element, "FreeSlack", task.free_float_days * _TENTHS_PER_DAY)
    build.add(element, "TotalSlack", task.total_float_days * _TENTHS_PER_DAY)
    if not task.summary:
        # MS Project computes Cost from resources and fixed cost: the planned cost is the fixed cost.
        build.add(element, "FixedCost", _cents(task.cost))
    build.add(element, "PercentComplete", task.percent_complete)
    build.add(element, "Cost", _cents(task.cost))
    if task.actual_start is not None:
        build.add(element, "ActualStart", _moment(task.actual_start, "08:00:00"))
    if task.actual_finish is not None:
        build.add(element, "ActualFinish", _moment(task.actual_finish, "17:00:00"))
    build.add(element, "ConstraintType", CONSTRAINT_CODES.get(task.constraint_type, 0))
    build.add(element, "CalendarUID", -1)
    if task.constraint_date is not None and CONSTRAINT_CODES.get(task.constraint_type):
        clock = "17:00:00" if task.constraint_type == "fnlt" else "08:00:00"
        build.add(element, "ConstraintDate", _moment(task.constraint_date, clock))
    if task.notes:
        build.add(element, "Notes", task.notes)
    for link in task.predecessors:
        predecessor = build.add(element, "PredecessorLink")
        build.add(predecessor, "PredecessorUID", link.predecessor_uid)
        build.add(predecessor, "Type", _LINK_TYPE_CODES[link.type])
        build.add(predecessor, "LinkLag", link.lag_days * _TENTHS_PER_DAY)
        build.add(predecessor, "LagFormat", 7)


def write_mspdi(plan: MspdiPlanOut) -> bytes:
    """Return the plan as MSPDI XML (UTF-8, with an XML declaration)."""
    build = _Builder()
    ElementTree.register_namespace("", NAMESPACE)
    root = ElementTree.Element(build.prefix + "Project")
    build.add(root, "SaveVersion", 14)
    build.add(root, "Name", f"{plan.name}.xml")
    build.add(root, "Title", plan.name)
    build.add(root, "ScheduleFromStart", 1)
    build.add(root, "StartDate", _moment(plan.start, "08:00:00"))
    build.add(root, "CurrencyCode", plan.currency)
    build.add(root, "CalendarUID", 1)
    build.add(root, "DefaultStartTime", "08:00:00")
    build.add(root, "DefaultFinishTime", "17:00:00")
    build.add(root, "MinutesPerDay", MINUTES_PER_DAY)
    build.add(root, "MinutesPerWeek", MINUTES_PER_DAY * len(plan.working_weekdays))
    build.add(root, "DaysPerMonth", 20)
    _calendar(build, root, plan)

    tasks = build.add(root, "Tasks")
    project_task = build.add(tasks, "Task")
    build.add(project_task, "UID", 0)
    build.add(project_task, "ID", 0)
    build.add(project_task, "Name", plan.name)
    build.add(project_task, "OutlineLevel", 0)
    build.add(project_task, "Summary", 1)
    for task in plan.tasks:
        _task(build, tasks, task)

    names = sorted({task.resource for task in plan.tasks if task.resource})
    resource_uid = {name: number for number, name in enumerate(names, start=1)}
    resources = build.add(root, "Resources")
    for name, uid in resource_uid.items():
        resource = build.add(resources, "Resource")
        build.add(resource, "UID", uid)
        build.add(resource, "ID", uid)
        build.add(resource, "Name", name)
        build.add(resource, "Type", 1)
    assignments = build.add(root, "Assignments")
    for number, task in enumerate((task for task in plan.tasks if task.resource), start=1):
        assignment = build.add(assignments, "Assignment")
        build.add(assignment, "UID", number)
        build.add(assignment, "TaskUID", task.uid)
        build.add(assignment, "ResourceUID", resource_uid[task.resource])
        build.add(assignment, "Units", 1)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
