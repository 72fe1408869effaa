"""The working-day calendar that maps engine periods to dates (no database needed)."""

from __future__ import annotations

import random
import time
from datetime import date, timedelta

import pytest

from projects.workcalendar import WorkCalendar

# March 2024: Friday 1, Monday 4 .. Friday 8, Monday 11 .. Friday 15.
FRIDAY = date(2024, 3, 1)
SATURDAY = date(2024, 3, 2)
SUNDAY = date(2024, 3, 3)
MONDAY = date(2024, 3, 4)
TUESDAY = date(2024, 3, 5)
WEDNESDAY = date(2024, 3, 6)
THURSDAY = date(2024, 3, 7)


def test_default_calendar_works_monday_to_friday():
    calendar = WorkCalendar()
    assert [calendar.is_working_day(FRIDAY + timedelta(days=n)) for n in range(7)] == [
        True,  # Friday
        False,  # Saturday
        False,  # Sunday
        True,
        True,
        True,
        True,
    ]


def test_add_working_days_skips_weekends_in_both_directions():
    calendar = WorkCalendar()
    assert calendar.add_working_days(FRIDAY, 1) == MONDAY
    assert calendar.add_working_days(MONDAY, -1) == FRIDAY
    assert calendar.add_working_days(MONDAY, 0) == MONDAY
    # From a non-working day, 0 working days later is the next working day.
    assert calendar.add_working_days(SATURDAY, 0) == MONDAY
    assert calendar.add_working_days(SATURDAY, 1) == TUESDAY
    assert calendar.add_working_days(SUNDAY, -1) == FRIDAY
    assert calendar.add_working_days(MONDAY, 10) == date(2024, 3, 18)


def test_holidays_are_skipped():
    calendar = WorkCalendar(holidays=frozenset({TUESDAY, SATURDAY}))  # a holiday on a weekend changes nothing
    assert not calendar.is_working_day(TUESDAY)
    assert calendar.add_working_days(MONDAY, 1) == WEDNESDAY
    assert calendar.add_working_days(WEDNESDAY, -1) == MONDAY
    assert calendar.working_days_between(MONDAY, THURSDAY) == 2  # Monday and Wednesday


def test_working_days_between_counts_the_half_open_interval_and_is_signed():
    calendar = WorkCalendar()
    assert calendar.working_days_between(MONDAY, THURSDAY) == 3  # Mon, Tue, Wed
    assert calendar.working_days_between(FRIDAY, MONDAY) == 1  # Friday only
    assert calendar.working_days_between(MONDAY, FRIDAY) == -1
    assert calendar.working_days_between(SATURDAY, SATURDAY) == 0


def test_custom_working_week():
    # A Sunday-to-Thursday week.
    calendar = WorkCalendar(working_weekdays=frozenset({6, 0, 1, 2, 3}))
    assert not calendar.is_working_day(FRIDAY)
    assert calendar.is_working_day(SUNDAY)
    assert calendar.add_working_days(THURSDAY, 1) == date(2024, 3, 10)  # the Sunday after


def test_period_convention_for_a_three_day_task():
    # The project starts on Saturday, so period 0 is Monday. A task with ES = 0 and a
    # duration of 3 (EF = 3) starts Monday and finishes at the end of Wednesday, inclusive.
    calendar = WorkCalendar()
    assert calendar.date_for_offset(SATURDAY, 0) == MONDAY
    assert calendar.dates_for_span(SATURDAY, 0, 3) == (MONDAY, WEDNESDAY)
    assert calendar.finish_date_for_offset(SATURDAY, 3) == WEDNESDAY
    # A successor linked FS starts the next working day, period 3 = Thursday.
    assert calendar.date_for_offset(SATURDAY, 3) == THURSDAY
    # The inverses.
    assert calendar.offset_for_date(SATURDAY, MONDAY) == 0
    assert calendar.offset_for_date(SATURDAY, THURSDAY) == 3
    assert calendar.finish_offset_for_date(SATURDAY, WEDNESDAY) == 3


def test_milestone_is_dated_on_its_start_day():
    calendar = WorkCalendar()
    assert calendar.dates_for_span(MONDAY, 3, 3) == (THURSDAY, THURSDAY)


def test_non_working_dates_map_to_the_next_period_or_the_previous_finish():
    calendar = WorkCalendar()
    # Work cannot begin on Saturday: it begins in Monday's period (Friday was period 4).
    assert calendar.offset_for_date(MONDAY, date(2024, 3, 9)) == 5
    # Work "through Saturday" really ends with Friday: finish boundary 5.
    assert calendar.finish_offset_for_date(MONDAY, date(2024, 3, 9)) == 5
    assert calendar.offset_for_date(MONDAY, FRIDAY) == -1


def test_offsets_round_trip_over_years_with_holidays():
    holidays = frozenset(date(2024, 1, 1) + timedelta(days=n * 17) for n in range(200))
    calendar = WorkCalendar(holidays=holidays)
    start = date(2024, 1, 2)
    for offset in (-300, -1, 0, 1, 250, 2_000, 9_999):
        day = calendar.date_for_offset(start, offset)
        assert calendar.is_working_day(day)
        assert calendar.offset_for_date(start, day) == offset
        assert calendar.finish_offset_for_date(start, day) == offset + 1


def test_agrees_with_counting_day_by_day():
    generator = random.Random(3)
    origin = date(2024, 1, 1)
    for _ in range(100):
        weekdays = frozenset(generator.sample(range(7), generator.randint(1, 7)))
        holidays = frozenset(
            origin + timedelta(days=generator.randint(-30, 200)) for _ in range(generator.randint(0, 40))
        )
        calendar = WorkCalendar(working_weekdays=weekdays, holidays=holidays)

        def works(day, weekdays=weekdays, holidays=holidays):
            return day.weekday() in weekdays and day not in holidays

        for _ in range(20):
            first = origin + timedelta(days=generator.randint(0, 150))
            last = origin + timedelta(days=generator.randint(0, 150))
            low, high = min(first, last), max(first, last)
            count = sum(works(low + timedelta(days=n)) for n in range((high - low).days))
            assert calendar.working_days_between(first, last) == (count if first <= last else -count)
            steps = generator.randint(-20, 20)
            result = calendar.add_working_days(first, steps)
            assert works(result)
            assert calendar.working_days_between(first, result) == steps


def test_ten_thousand_lookups_are_fast():
    calendar = WorkCalendar(holidays=frozenset(date(2024, 1, 1) + timedelta(days=n * 37) for n in range(300)))
    started = time.perf_counter()
    for offset in range(10_000):
        calendar.offset_for_date(MONDAY, calendar.date_for_offset(MONDAY, offset))
    # About 50 ms on a slow shared machine; the bound only catches a day-by-day loop.
    assert time.perf_counter() - started < 2.0


@pytest.mark.parametrize("weekdays", [frozenset(), frozenset({7}), frozenset({-1}), frozenset({"Monday"})])
def test_calendar_without_a_valid_working_weekday_is_refused(weekdays):
    with pytest.raises(ValueError, match="weekday"):
        WorkCalendar(working_weekdays=weekdays)


def test_finish_boundary_of_the_last_representable_day_does_not_overflow():
    calendar = WorkCalendar(working_weekdays=frozenset(range(7)))
    start = date(9999, 12, 1)
    assert calendar.finish_offset_for_date(start, date.max) == 31
    assert calendar.finish_date_for_offset(start, 31) == date.max


def test_weekday_masks_round_trip():
    from projects.workcalendar import mask_from_weekdays, weekdays_from_mask

    assert mask_from_weekdays([0, 1, 2, 3, 4]) == 0b0011111
    assert weekdays_from_mask(0b1000001) == [0, 6]
    assert weekdays_from_mask(mask_from_weekdays([5, 2])) == [2, 5]


def test_a_plan_calendar_converts_periods_and_dates_from_its_anchor():
    from projects.workcalendar import PlanCalendar

    calendar = PlanCalendar(work_calendar=WorkCalendar(), anchor=date(2026, 3, 2))
    assert calendar.period_of(date(2026, 3, 9)) == 5
    assert calendar.finish_period_of(date(2026, 3, 6)) == 5
    assert calendar.span_dates(3, 6) == (date(2026, 3, 5), date(2026, 3, 9))


def test_extra_working_days_on_days_off_agree_with_counting_day_by_day():
    generator = random.Random(7)
    origin = date(2024, 1, 1)
    for _ in range(100):
        weekdays = frozenset(generator.sample(range(7), generator.randint(1, 6)))
        days = [origin + timedelta(days=generator.randint(-30, 200)) for _ in range(generator.randint(0, 60))]
        holidays = frozenset(days[::2])
        working_days = frozenset(days[1::2]) - holidays
        calendar = WorkCalendar(working_weekdays=weekdays, holidays=holidays, working_days=working_days)

        def works(day, weekdays=weekdays, holidays=holidays, working_days=working_days):
            return day in working_days or (day.weekday() in weekdays and day not in holidays)

        for _ in range(20):
            first = origin + timedelta(days=generator.randint(-40, 220))
            last = origin + timedelta(days=generator.randint(-40, 220))
            low, high = min(first, last), max(first, last)
            count = sum(works(low + timedelta(days=n)) for n in range((high - low).days))
            assert calendar.working_days_between(first, last) == (count if first <= last else -count)
            assert calendar.is_working_day(first) is works(first)
            steps = generator.randint(-30, 30)
            result = calendar.add_working_days(first, steps)
            assert works(result), (first, steps, result)
            assert calendar.working_days_between(first, result) == steps


def test_a_worked_saturday_counts_and_a_successor_can_start_on_it():
    friday, saturday, monday = date(2026, 2, 13), date(2026, 2, 14), date(2026, 2, 16)
    calendar = WorkCalendar(working_days=frozenset({saturday}))
    assert calendar.is_working_day(saturday)
    assert calendar.add_working_days(friday, 1) == saturday
    assert calendar.add_working_days(friday, 2) == monday
    assert calendar.add_working_days(monday, -1) == saturday
    assert calendar.working_days_between(friday, monday) == 2


def test_a_day_both_off_and_worked_is_refused():
    with pytest.raises(ValueError, match="2026-02-14"):
        WorkCalendar(holidays=frozenset({date(2026, 2, 14)}), working_days=frozenset({date(2026, 2, 14)}))


# --- official calendars ----------------------------------------------------------------------------------

# The State Council's notice for 2026: Spring Festival off from Sunday 15 to Monday 23 February,
# Saturdays 14 and 28 February worked instead (调休).
SPRING_FESTIVAL_2026 = [date(2026, 2, 15) + timedelta(days=n) for n in range(9)]


def china_calendar(exceptions=None):
    from projects.workcalendar import MONDAY_TO_FRIDAY, official_calendar, project_work_calendar

    return project_work_calendar(
        working_weekdays=MONDAY_TO_FRIDAY, official=official_calendar("china"), exceptions=exceptions or {}
    )


def test_china_2026_spring_festival_is_off_and_its_make_up_saturdays_are_worked():
    calendar = china_calendar()
    assert not any(calendar.is_working_day(day) for day in SPRING_FESTIVAL_2026)
    assert calendar.is_working_day(date(2026, 2, 14)) and calendar.is_working_day(date(2026, 2, 28))
    assert not calendar.is_working_day(date(2026, 2, 21))  # an ordinary Saturday off within the holiday


def test_ten_working_days_from_9_february_2026_on_the_china_calendar():
    # Counted by hand: Mon 9 .. Fri 13 (5), Sat 14 worked (6), 15-23 off, Tue 24 .. Fri 27 (10).
    calendar = china_calendar()
    assert calendar.add_working_days(date(2026, 2, 9), 9) == date(2026, 2, 27)
    # On a plain Monday-to-Friday week the same work ends a week earlier, on Friday 20 February.
    assert WorkCalendar().add_working_days(date(2026, 2, 9), 9) == date(2026, 2, 20)


def test_a_project_exception_overrides_the_official_day():
    # Working on Monday 16 February (an official holiday), off on Saturday 14 (an official make-up day).
    calendar = china_calendar({date(2026, 2, 16): True, date(2026, 2, 14): False})
    assert calendar.is_working_day(date(2026, 2, 16))
    assert not calendar.is_working_day(date(2026, 2, 14))
    # Mon 9 .. Fri 13 (5), Mon 16 (6), Tue 24 .. Fri 27 (10).
    assert calendar.add_working_days(date(2026, 2, 9), 9) == date(2026, 2, 27)
    assert calendar.add_working_days(date(2026, 2, 9), 5) == date(2026, 2, 16)


def test_official_periods_group_days_off_with_their_make_up_days():
    from projects.workcalendar import official_calendar

    periods = {period.name: period for period in official_calendar("china").periods_in(2026)}
    spring = periods["Spring Festival"]
    assert (spring.chinese_name, list(spring.days_off)) == ("春节", SPRING_FESTIVAL_2026)
    assert spring.make_up_days == (date(2026, 2, 14), date(2026, 2, 28))
    assert periods["National Day"].make_up_days == (date(2026, 9, 20), date(2026, 10, 10))
    assert len(periods) == 7


def test_an_official_calendar_knows_the_years_it_covers():
    from projects.workcalendar import official_calendar

    china = official_calendar("china")
    assert china.covers(2026) and china.covers(2004)
    assert not china.covers(china.last_year + 1)
    assert china.periods_in(china.last_year + 1) == []
    assert official_calendar("none") is None
