"""The status report periods and punctuality, worked by hand on the calendar (no database).

China's National Day 2025: Wednesday 1 to Wednesday 8 October off (6 October is the Mid-Autumn
Festival), Sunday 28 September and Saturday 11 October worked instead (调休).
"""

from datetime import date

import pytest

from projects.status_periods import (
    BIWEEKLY,
    MONTHLY,
    WEEKLY,
    Period,
    Punctuality,
    Summary,
    period_bounds,
    period_for,
    periods_due,
    summarise,
)
from projects.workcalendar import (
    MONDAY_TO_FRIDAY,
    WorkCalendar,
    china_official_calendar,
    project_work_calendar,
)

PLAIN = WorkCalendar(working_weekdays=MONDAY_TO_FRIDAY)
CHINA = project_work_calendar(
    working_weekdays=MONDAY_TO_FRIDAY, official=china_official_calendar(), exceptions={}
)


@pytest.mark.parametrize(
    ("cadence", "day", "bounds"),
    [
        (WEEKLY, date(2025, 10, 1), (date(2025, 9, 29), date(2025, 10, 5))),  # a Wednesday: Monday..Sunday
        (WEEKLY, date(2025, 9, 29), (date(2025, 9, 29), date(2025, 10, 5))),  # a Monday starts its week
        (WEEKLY, date(2025, 10, 5), (date(2025, 9, 29), date(2025, 10, 5))),  # a Sunday ends it
        (MONTHLY, date(2024, 2, 10), (date(2024, 2, 1), date(2024, 2, 29))),  # a leap February
        (MONTHLY, date(2025, 12, 31), (date(2025, 12, 1), date(2025, 12, 31))),
        # Fortnights from Monday 1 January 2001: 22 September 2025 is 1291 weeks later, an even number.
        (BIWEEKLY, date(2025, 10, 1), (date(2025, 9, 22), date(2025, 10, 5))),
        (BIWEEKLY, date(2025, 10, 6), (date(2025, 10, 6), date(2025, 10, 19))),
        ("unknown", date(2025, 10, 1), (date(2025, 9, 29), date(2025, 10, 5))),  # weekly by default
    ],
)
def test_periods_follow_the_cadence(cadence, day, bounds):
    assert period_bounds(cadence, day) == bounds


def test_a_weekly_report_is_due_on_the_monday_and_late_after_the_wednesday():
    period = period_for(WEEKLY, date(2025, 9, 10), PLAIN)

    assert period == Period(
        start=date(2025, 9, 8), end=date(2025, 9, 14), due=date(2025, 9, 15), late_after=date(2025, 9, 17)
    )


def test_national_day_moves_the_due_date_past_the_holiday_and_the_make_up_saturday_counts():
    # The week of 29 September: Monday 6 to Wednesday 8 October are off, so the report is due on
    # Thursday 9; two working days later is Saturday 11, a make-up working day.
    period = period_for(WEEKLY, date(2025, 9, 29), CHINA)

    assert (period.due, period.late_after) == (date(2025, 10, 9), date(2025, 10, 11))
    # Without the official calendar the same week is due on Monday 6 and late after Wednesday 8.
    plain = period_for(WEEKLY, date(2025, 9, 29), PLAIN)
    assert (plain.due, plain.late_after) == (date(2025, 10, 6), date(2025, 10, 8))


def test_the_week_before_national_day_has_its_grace_days_across_the_holiday():
    # Due Monday 29 September; Tuesday 30 is one working day, then the holiday, then Thursday 9 October.
    period = period_for(WEEKLY, date(2025, 9, 24), CHINA)

    assert (period.due, period.late_after) == (date(2025, 9, 29), date(2025, 10, 9))


def test_a_monthly_report_is_due_on_the_first_working_day_of_the_next_month():
    # September 2025 ends on a Tuesday; 1-8 October are off, so it is due on Thursday 9 October.
    assert period_for(MONTHLY, date(2025, 9, 15), CHINA).due == date(2025, 10, 9)
    # November 2025 ends on a Sunday: due Monday 1 December, late after Wednesday 3.
    november = period_for(MONTHLY, date(2025, 11, 15), PLAIN)
    assert (november.due, november.late_after) == (date(2025, 12, 1), date(2025, 12, 3))


def test_punctuality_counts_the_late_date_itself_as_on_time():
    period = period_for(WEEKLY, date(2025, 9, 29), CHINA)  # late after Saturday 11 October

    assert period.punctuality(date(2025, 10, 3), today=date(2025, 10, 20)) == Punctuality.ON_TIME
    assert period.punctuality(date(2025, 10, 11), today=date(2025, 10, 20)) == Punctuality.ON_TIME
    assert period.punctuality(date(2025, 10, 13), today=date(2025, 10, 20)) == Punctuality.LATE
    assert period.punctuality(None, today=date(2025, 10, 11)) == Punctuality.OPEN
    assert period.punctuality(None, today=date(2025, 10, 12)) == Punctuality.MISSING


def test_the_periods_due_run_from_the_one_holding_the_first_day_to_the_last_due_by_today():
    # Started Wednesday 3 September; on Tuesday 30 September the week of 22 September (due Monday 29)
    # is due, the week of 29 September is not.
    periods = periods_due(cadence=WEEKLY, first_day=date(2025, 9, 3), today=date(2025, 9, 30), calendar=CHINA)

    assert [period.start for period in periods] == [
        date(2025, 9, 1),
        date(2025, 9, 8),
        date(2025, 9, 15),
        date(2025, 9, 22),
    ]


def test_a_closed_project_owes_no_period_after_its_finish():
    periods = periods_due(
        cadence=WEEKLY,
        first_day=date(2025, 9, 1),
        today=date(2025, 12, 1),
        calendar=PLAIN,
        last_day=date(2025, 9, 10),
    )

    assert [period.start for period in periods] == [date(2025, 9, 1), date(2025, 9, 8)]


def test_a_project_starting_later_owes_nothing_yet():
    assert (
        periods_due(cadence=WEEKLY, first_day=date(2026, 1, 5), today=date(2025, 12, 1), calendar=PLAIN) == []
    )


def test_the_summary_counts_on_time_late_and_missing_reports():
    periods = periods_due(
        cadence=WEEKLY, first_day=date(2025, 9, 1), today=date(2025, 10, 13), calendar=CHINA
    )
    # On Monday 13 October the weeks of 1, 8, 15, 22 and 29 September are due, and the week of
    # 6 October is due that very day, not late yet.
    submitted = {
        date(2025, 9, 1): date(2025, 9, 8),  # due that Monday: on time
        date(2025, 9, 8): date(2025, 9, 18),  # late after Wednesday 17: late
        date(2025, 9, 22): date(2025, 10, 9),  # late after Thursday 9 October: on time, just
    }

    summary, rows = summarise(periods, submitted, today=date(2025, 10, 13))

    assert summary == Summary(periods_due=6, on_time=2, late=1, missing=2)
    assert [state for _period, state in rows] == [
        Punctuality.ON_TIME,
        Punctuality.LATE,
        Punctuality.MISSING,
        Punctuality.ON_TIME,
        Punctuality.MISSING,  # the week of 29 September was late after Saturday 11 October
        Punctuality.OPEN,
    ]
