"""Status report periods and punctuality (pure Python, no ORM).

The rules (../shared/DOMAIN.md, "Defaults the PMO can change"):
- Periods follow the methodology's cadence: weekly periods run Monday to Sunday; every two weeks, two
  such weeks counted from a fixed Monday (so every project shares the same fortnights); monthly, the
  calendar month. A project without a methodology reports weekly.
- A period's report is due on the first working day after the period, on the project's work calendar;
  it is late when submitted after the late date, two working days after the due date, and missing when
  none was submitted and the late date has passed.
- A project owes the reports of the periods from the one holding its first day (its start date, or the
  first day it was active) whose due date has come; a closed project only those up to its finish.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import NamedTuple

from projects.workcalendar import WorkCalendar

WEEKLY, BIWEEKLY, MONTHLY = "weekly", "biweekly", "monthly"
CADENCES = (WEEKLY, BIWEEKLY, MONTHLY)
# Working days after the due date within which a report still counts as on time.
GRACE_WORKING_DAYS = 2
# Fortnights are counted from this Monday, so a biweekly period is the same for every project.
_FORTNIGHT_EPOCH = date(2001, 1, 1)


class Punctuality(StrEnum):
    ON_TIME = "on_time"  # submitted by the late date
    LATE = "late"  # submitted after the late date
    MISSING = "missing"  # not submitted, and the late date has passed
    OPEN = "open"  # not submitted, still within the grace days (or not due yet)


@dataclass(frozen=True)
class Period:
    """One reporting period (inclusive dates), when its report is due and the last day it is on time."""

    start: date
    end: date
    due: date
    late_after: date

    def punctuality(self, submitted_on: date | None, today: date) -> Punctuality:
        """How the period's report stands on `today`, given the day it was submitted (None: not yet)."""
        if submitted_on is not None:
            return Punctuality.LATE if submitted_on > self.late_after else Punctuality.ON_TIME
        return Punctuality.MISSING if today > self.late_after else Punctuality.OPEN


class Summary(NamedTuple):
    """A project's reports over the periods due so far."""

    periods_due: int
    on_time: int
    late: int
    missing: int


def period_bounds(cadence: str, day: date) -> tuple[date, date]:
    """The first and last day of the period of `cadence` that holds `day` (an unknown cadence: weekly)."""
    if cadence == MONTHLY:
        start = day.replace(day=1)
        following = (start + timedelta(days=32)).replace(day=1)
        return start, following - timedelta(days=1)
    if cadence == BIWEEKLY:
        start = day - timedelta(days=(day - _FORTNIGHT_EPOCH).days % 14)
        return start, start + timedelta(days=13)
    start = day - timedelta(days=day.weekday())
    return start, start + timedelta(days=6)


def period_for(cadence: str, day: date, calendar: WorkCalendar) -> Period:
    """The period holding `day`, with its due date and late date on the project's calendar."""
    start, end = period_bounds(cadence, day)
    # Zero working days after the day following the period: that day if it is worked, else the next.
    due = calendar.add_working_days(end + timedelta(days=1), 0)
    return Period(
        start=start, end=end, due=due, late_after=calendar.add_working_days(due, GRACE_WORKING_DAYS)
    )


def periods_due(
    *, cadence: str, first_day: date, today: date, calendar: WorkCalendar, last_day: date | None = None
) -> list[Period]:
    """The periods a project owes reports for on `today`, oldest first: from the period holding
    `first_day` to the last one whose due date has come, none starting after `last_day` (a closed
    project's finish) when given."""
    periods = []
    day = first_day
    while True:
        period = period_for(cadence, day, calendar)
        if period.due > today or (last_day is not None and period.start > last_day):
            return periods
        periods.append(period)
        day = period.end + timedelta(days=1)


def current_period(cadence: str, today: date, calendar: WorkCalendar) -> Period:
    """The period holding today: the one a new draft is written for."""
    return period_for(cadence, today, calendar)


def summarise(
    periods: Iterable[Period], submitted: dict[date, date], today: date
) -> tuple[Summary, list[tuple[Period, Punctuality]]]:
    """Count on-time, late and missing reports over the periods due; `submitted` maps a period's start
    to the day its report was submitted. Also returns each period with its punctuality."""
    rows = [(period, period.punctuality(submitted.get(period.start), today)) for period in periods]
    counts = {kind: sum(1 for _period, state in rows if state == kind) for kind in Punctuality}
    return (
        Summary(
            periods_due=len(rows),
            on_time=counts[Punctuality.ON_TIME],
            late=counts[Punctuality.LATE],
            missing=counts[Punctuality.MISSING],
        ),
        rows,
    )
