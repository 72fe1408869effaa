"""Working-day calendar: maps the scheduling engine's integer periods to dates (pure Python).

Convention (shared with `projects.scheduling`):

- Period k is the k-th working day, counting from 0, on or after the project start date;
  `date_for_offset` / `offset_for_date` convert between the two.
- An activity with early start ES and early finish EF = ES + duration works on periods
  ES .. EF - 1. Its start date is the working day of period ES; its finish date is the last
  working day of work, inclusive: period EF - 1 (`finish_date_for_offset`). So ES = 0 with a
  duration of 3 starts on the first working day and finishes at the end of the third.
- A milestone (EF == ES) is dated on the working day of period ES, start and finish alike
  (`dates_for_span`).

Every conversion is arithmetic on day ordinals (whole weeks times working days per week,
plus a bisect in the sorted holidays), so a lookup costs the same for a date next week or
in ten years, and 10,000 lookups take milliseconds.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date

MONDAY_TO_FRIDAY = frozenset(range(5))


def _day_index(day: date) -> int:
    # date(1, 1, 1) has ordinal 1 and is a Monday, so index % 7 == weekday().
    return day.toordinal() - 1


@dataclass(frozen=True, slots=True)
class WorkCalendar:
    """Working weekdays (0 = Monday .. 6 = Sunday) minus holidays.

    Raises ValueError when no weekday is working or a weekday is not 0..6.
    """

    working_weekdays: frozenset[int] = MONDAY_TO_FRIDAY
    holidays: frozenset[date] = frozenset()
    # Derived in __post_init__: how many working weekdays precede each weekday in a week,
    # the weekday of each working day of the week, and the day indexes of the holidays that
    # fall on working weekdays (the others change nothing), sorted for bisect.
    _working_before: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _working_positions: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _holiday_indexes: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _holiday_set: frozenset[int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        weekdays = frozenset(self.working_weekdays)
        if any(type(day) is not int or not 0 <= day <= 6 for day in weekdays):
            raise ValueError(f"Working weekdays must be 0 (Monday) to 6 (Sunday), got {sorted(weekdays)}")
        if not weekdays:
            raise ValueError("A work calendar needs at least one working weekday")
        holiday_indexes = sorted(
            {_day_index(day) for day in self.holidays if _day_index(day) % 7 in weekdays}
        )
        working_before = []
        seen = 0
        for weekday in range(7):
            working_before.append(seen)
            seen += weekday in weekdays
        object.__setattr__(self, "working_weekdays", weekdays)
        object.__setattr__(self, "holidays", frozenset(self.holidays))
        object.__setattr__(self, "_working_before", tuple(working_before))
        object.__setattr__(self, "_working_positions", tuple(sorted(weekdays)))
        object.__setattr__(self, "_holiday_indexes", tuple(holiday_indexes))
        object.__setattr__(self, "_holiday_set", frozenset(holiday_indexes))

    def _rank(self, index: int) -> int:
        """Return how many working days come before day `index` (from the ordinal epoch)."""
        weeks, weekday = divmod(index, 7)
        weekday_count = weeks * len(self._working_positions) + self._working_before[weekday]
        return weekday_count - bisect_left(self._holiday_indexes, index)

    def is_working_day(self, day: date) -> bool:
        """Return True when `day` is a working weekday and not a holiday."""
        index = _day_index(day)
        return index % 7 in self.working_weekdays and index not in self._holiday_set

    def working_days_between(self, start: date, end: date) -> int:
        """Return the number of working days in [start, end); negative when end is before start."""
        return self._rank(_day_index(end)) - self._rank(_day_index(start))

    def add_working_days(self, start: date, count: int) -> date:
        """Return the working day that is `count` working days after `start` (before, if negative).

        The result w is the working day with working_days_between(start, w) == count: with
        count 0 that is `start` itself if it is a working day, else the next working day;
        one working day after a Friday (Monday-to-Friday calendar) is the Monday.
        """
        target = self._rank(_day_index(start)) + count
        per_week = len(self._working_positions)
        # The working day of rank `target` is the working weekday of rank target + h, where h
        # counts the holidays before it. Start from h = 0 and recount until h is stable: h
        # only grows and never passes the true count, so this stops on the right day, after
        # a few rounds since each round only has to catch up on holidays in the last jump.
        holidays_before = 0
        while True:
            weeks, position = divmod(target + holidays_before, per_week)
            index = weeks * 7 + self._working_positions[position]
            counted = bisect_right(self._holiday_indexes, index)
            if counted == holidays_before:
                return date.fromordinal(index + 1)
            holidays_before = counted

    def date_for_offset(self, project_start: date, offset: int) -> date:
        """Return the working day of period `offset` (0 = first working day on/after project_start)."""
        return self.add_working_days(project_start, offset)

    def offset_for_date(self, project_start: date, day: date) -> int:
        """Return the period `day` falls in: working days from project_start up to, not including, day.

        A non-working day maps to the period of the next working day (when work could begin).
        """
        return self.working_days_between(project_start, day)

    def finish_date_for_offset(self, project_start: date, finish_offset: int) -> date:
        """Return the last working day of work for an activity whose finish boundary is `finish_offset`."""
        return self.add_working_days(project_start, finish_offset - 1)

    def finish_offset_for_date(self, project_start: date, day: date) -> int:
        """Return the finish period boundary of work that runs through the end of `day`.

        Inverse of finish_date_for_offset on working days; a non-working day maps to the end
        of the working day before it.
        """
        # Counted on day indexes, not `day + 1 day`, which overflows on date.max.
        return self._rank(_day_index(day) + 1) - self._rank(_day_index(project_start))

    def dates_for_span(self, project_start: date, start_offset: int, finish_offset: int) -> tuple[date, date]:
        """Return (start date, finish date inclusive) of an activity; a milestone gets its start day twice."""
        start = self.date_for_offset(project_start, start_offset)
        if finish_offset <= start_offset:
            return start, start
        return start, self.finish_date_for_offset(project_start, finish_offset)


def weekdays_from_mask(mask: int) -> list[int]:
    """The weekday numbers (Monday = 0) set in a working-week bit mask (Monday = bit 0)."""
    return [day for day in range(7) if mask & (1 << day)]


def mask_from_weekdays(weekdays) -> int:
    """The bit mask of a collection of weekday numbers (Monday = 0)."""
    mask = 0
    for day in weekdays:
        mask |= 1 << day
    return mask


@dataclass(frozen=True)
class PlanCalendar:
    """A project's WorkCalendar bound to its anchor date, so periods and dates convert in one call.

    Period 0 of the schedule is the anchor date (the project's start, else the day the plan is read).
    """

    work_calendar: WorkCalendar
    anchor: date

    def period_of(self, day: date) -> int:
        """The period a date falls in (a non-working day counts as the next working day)."""
        return self.work_calendar.offset_for_date(self.anchor, day)

    def finish_period_of(self, day: date) -> int:
        """The finish boundary of work that runs through the end of `day`."""
        return self.work_calendar.finish_offset_for_date(self.anchor, day)

    def span_dates(self, start: int, finish: int) -> tuple[date, date]:
        """Start and inclusive finish date of work from period `start` to boundary `finish`."""
        return self.work_calendar.dates_for_span(self.anchor, start, finish)
