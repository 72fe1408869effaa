"""Variance against a baseline, in working days on the project calendar and in money (no database)."""

from datetime import date
from decimal import Decimal

from projects.variance import task_variance
from projects.workcalendar import PlanCalendar, WorkCalendar

CALENDAR = PlanCalendar(
    work_calendar=WorkCalendar(holidays=frozenset({date(2026, 3, 9)})), anchor=date(2026, 3, 2)
)


def test_a_slip_over_a_weekend_and_a_holiday_counts_working_days_only():
    variance = task_variance(
        calendar=CALENDAR,
        start=date(2026, 3, 10),
        finish=date(2026, 3, 11),
        duration_days=2,
        planned_cost=Decimal("1200.00"),
        baseline_start=date(2026, 3, 5),
        baseline_finish=date(2026, 3, 6),
        baseline_duration_days=2,
        baseline_planned_cost=Decimal("1000.00"),
    )
    # Over the weekend and Monday's holiday: Thursday 5 to Tuesday 10 March is 2 working days late.
    assert (variance.start_days, variance.finish_days, variance.duration_days) == (2, 2, 0)
    assert variance.cost == Decimal("200.00")


def test_a_task_the_baseline_does_not_know_has_no_variance():
    variance = task_variance(
        calendar=CALENDAR,
        start=date(2026, 3, 10),
        finish=date(2026, 3, 11),
        duration_days=2,
        planned_cost=Decimal("0"),
        baseline_start=None,
        baseline_finish=None,
        baseline_duration_days=None,
        baseline_planned_cost=None,
    )
    assert (variance.start_days, variance.finish_days, variance.duration_days, variance.cost) == (None,) * 4
