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
plus a bisect in the sorted exceptions: holidays and extra working days), so a lookup costs the
same for a date next week or in ten years, and 10,000 lookups take milliseconds.

Official calendars (China's public holidays and the weekend days worked to make up for them, 调休)
come from the maintained chinesecalendar package, never from a list typed here.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache

import chinese_calendar

MONDAY_TO_FRIDAY = frozenset(range(5))


def _day_index(day: date) -> int:
    # date(1, 1, 1) has ordinal 1 and is a Monday, so index % 7 == weekday().
    return day.toordinal() - 1


@dataclass(frozen=True, slots=True)
class WorkCalendar:
    """Working weekdays (0 = Monday .. 6 = Sunday) minus holidays, plus extra working days.

    `working_days` are days worked although their weekday is off (China's 调休 Saturdays, or a
    project's own working weekend). A holiday on a day off and an extra working day on a working
    weekday change nothing. Raises ValueError when no weekday is working, a weekday is not 0..6,
    or a date is both a holiday and a working day.
    """

    working_weekdays: frozenset[int] = MONDAY_TO_FRIDAY
    holidays: frozenset[date] = frozenset()
    working_days: frozenset[date] = frozenset()
    # Derived in __post_init__: how many working weekdays precede each weekday in a week, the
    # weekday of each working day of the week, and the exceptions to the week: the day indexes
    # of the holidays on working weekdays and of the working days on days off, merged and
    # sorted for bisect, with the net working days they add before each one and the rank of the
    # day after each one (both non-decreasing, so a bisect finds the exceptions before a rank).
    _working_before: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _working_positions: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _exception_indexes: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _net_before: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _rank_after: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _holiday_set: frozenset[int] = field(init=False, repr=False, compare=False)
    _extra_set: frozenset[int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        weekdays = frozenset(self.working_weekdays)
        if any(type(day) is not int or not 0 <= day <= 6 for day in weekdays):
            raise ValueError(f"Working weekdays must be 0 (Monday) to 6 (Sunday), got {sorted(weekdays)}")
        if not weekdays:
            raise ValueError("A work calendar needs at least one working weekday")
        holidays, working_days = frozenset(self.holidays), frozenset(self.working_days)
        if both := holidays & working_days:
            raise ValueError(f"A day cannot be both a holiday and a working day: {min(both).isoformat()}")
        holiday_set = frozenset(_day_index(day) for day in holidays if _day_index(day) % 7 in weekdays)
        extra_set = frozenset(_day_index(day) for day in working_days if _day_index(day) % 7 not in weekdays)
        working_before = []
        seen = 0
        for weekday in range(7):
            working_before.append(seen)
            seen += weekday in weekdays
        object.__setattr__(self, "working_weekdays", weekdays)
        object.__setattr__(self, "holidays", holidays)
        object.__setattr__(self, "working_days", working_days)
        object.__setattr__(self, "_working_before", tuple(working_before))
        object.__setattr__(self, "_working_positions", tuple(sorted(weekdays)))
        object.__setattr__(self, "_holiday_set", holiday_set)
        object.__setattr__(self, "_extra_set", extra_set)
        exceptions = sorted(holiday_set | extra_set)
        net_before = [0]
        rank_after = []
        for index in exceptions:
            net = net_before[-1] + (1 if index in extra_set else -1)
            net_before.append(net)
            # The rank of the day after the exception: the weekday count up to and including it,
            # plus the net of the exceptions up to and including it.
            rank_after.append(self._weekday_rank(index + 1) + net)
        object.__setattr__(self, "_exception_indexes", tuple(exceptions))
        object.__setattr__(self, "_net_before", tuple(net_before))
        object.__setattr__(self, "_rank_after", tuple(rank_after))

    def _weekday_rank(self, index: int) -> int:
        """Return how many working weekdays come before day `index`, exceptions left out."""
        weeks, weekday = divmod(index, 7)
        return weeks * len(self._working_positions) + self._working_before[weekday]

    def _rank(self, index: int) -> int:
        """Return how many working days come before day `index` (from the ordinal epoch)."""
        return self._weekday_rank(index) + self._net_before[bisect_left(self._exception_indexes, index)]

    def is_working_day(self, day: date) -> bool:
        """Return True when `day` is a working weekday and not a holiday, or an extra working day."""
        index = _day_index(day)
        if index % 7 in self.working_weekdays:
            return index not in self._holiday_set
        return index in self._extra_set

    def rank(self, day: date) -> int:
        """Return how many working days come before `day` since date(1, 1, 1): a difference of two ranks
        is `working_days_between`, for one bisect per date instead of two."""
        return self._rank(_day_index(day))

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
        # The exceptions whose next day already has a rank up to `target` all come before the
        # answer, the next one (if any) at or after it. Between the two only the week counts:
        # the answer is the working weekday of weekday rank target - net, unless that falls
        # past the next exception, which is then an extra working day of rank `target`.
        before = bisect_right(self._rank_after, target)
        weeks, position = divmod(target - self._net_before[before], len(self._working_positions))
        index = weeks * 7 + self._working_positions[position]
        if before < len(self._exception_indexes) and index >= self._exception_indexes[before]:
            index = self._exception_indexes[before]
        return date.fromordinal(index + 1)

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


@dataclass(frozen=True, slots=True)
class OfficialPeriod:
    """One public holiday as a government announces it: the days off in a row, and the weekend
    days worked to make up for them (China's 调休)."""

    name: str  # in English, as the source publishes it
    chinese_name: str
    days_off: tuple[date, ...]
    make_up_days: tuple[date, ...]

    @property
    def first(self) -> date:
        return self.days_off[0]

    @property
    def last(self) -> date:
        return self.days_off[-1]


@dataclass(frozen=True)
class OfficialCalendar:
    """The public holidays and make-up working days of a country, for the years its source covers.

    `days_off` and `working_days` map each date to the holiday's English name. A year outside
    first_year..last_year is not published yet (or too old): nothing is known of it, and the
    project's calendar counts only its working week and its own exceptions there.
    """

    days_off: dict[date, str]
    working_days: dict[date, str]
    chinese_names: dict[str, str]
    first_year: int
    last_year: int

    def covers(self, year: int) -> bool:
        """True when the source publishes the holidays of `year`."""
        return self.first_year <= year <= self.last_year

    def chinese_name(self, name: str) -> str:
        """The Chinese name of a holiday given its English one (the English one when unknown)."""
        return self.chinese_names.get(name, name)

    def periods_in(self, year: int) -> list[OfficialPeriod]:
        """The holidays whose first day off falls in `year`, by date, each with its make-up days."""
        return [period for period in self._periods if period.first.year == year]

    @cached_property
    def _periods(self) -> tuple[OfficialPeriod, ...]:
        """Every holiday of the source by date, grouped once (a calendar page lists several years).

        Days off in a row under one name make a holiday; a make-up day belongs to the nearest
        holiday of its name (the Spring Festival's 调休 Saturdays come before and after it).
        """
        runs: list[list[date]] = []
        for day in sorted(self.days_off):
            if (
                runs
                and day.toordinal() - runs[-1][-1].toordinal() == 1
                and (self.days_off[runs[-1][-1]] == self.days_off[day])
            ):
                runs[-1].append(day)
            else:
                runs.append([day])
        make_up: dict[int, list[date]] = {number: [] for number in range(len(runs))}
        for day, name in sorted(self.working_days.items()):
            candidates = [number for number, run in enumerate(runs) if self.days_off[run[0]] == name]
            if candidates:
                nearest = min(candidates, key=lambda number: _distance(day, runs[number]))
                make_up[nearest].append(day)
        return tuple(
            OfficialPeriod(
                name=self.days_off[run[0]],
                chinese_name=self.chinese_name(self.days_off[run[0]]),
                days_off=tuple(run),
                make_up_days=tuple(make_up[number]),
            )
            for number, run in enumerate(runs)
        )


def _distance(day: date, run: list[date]) -> int:
    return min(abs(day.toordinal() - run[0].toordinal()), abs(day.toordinal() - run[-1].toordinal()))


@lru_cache(maxsize=1)
def china_official_calendar() -> OfficialCalendar:
    """China's public holidays and 调休 working days as the State Council announces them each year,
    from the maintained chinesecalendar package (it covers the years of the notices it ships)."""
    days_off = dict(chinese_calendar.holidays)
    working_days = dict(chinese_calendar.workdays)
    years = [day.year for day in days_off]
    return OfficialCalendar(
        days_off=days_off,
        working_days=working_days,
        chinese_names={holiday.value: holiday.chinese for holiday in chinese_calendar.Holiday},
        first_year=min(years),
        last_year=max(years),
    )


# The official calendars a project may follow, by the code stored on its calendar.
OFFICIAL_CALENDARS = {"china": china_official_calendar}


def official_calendar(code: str) -> OfficialCalendar | None:
    """The official calendar of `code` ("china"), or None for "none" or an unknown code."""
    source = OFFICIAL_CALENDARS.get(code)
    return source() if source is not None else None


def project_work_calendar(
    *,
    working_weekdays: frozenset[int],
    official: OfficialCalendar | None,
    exceptions: dict[date, bool],
) -> WorkCalendar:
    """The working calendar of a project: its week, the official days off and make-up working days,
    then the project's own exceptions on top (date -> True for a working day, False for a day off)."""
    holidays = set(official.days_off) if official is not None else set()
    working_days = set(official.working_days) if official is not None else set()
    for day, working in exceptions.items():
        (working_days if working else holidays).add(day)
        (holidays if working else working_days).discard(day)
    return WorkCalendar(
        working_weekdays=working_weekdays, holidays=frozenset(holidays), working_days=frozenset(working_days)
    )
