"""A project's earned value from its plan rows, against figures worked by hand on a calendar with holidays."""

from datetime import date
from decimal import Decimal

from projects.workcalendar import MONDAY_TO_FRIDAY, WorkCalendar
from reports.project_figures import PlanRow, milestone_slipped, project_figures

D = Decimal
# Monday 5 January 2026 starts the week; Wednesday the 7th is a holiday.
CALENDAR = WorkCalendar(working_weekdays=MONDAY_TO_FRIDAY, holidays=frozenset({date(2026, 1, 7)}))


def baseline_row(cost, start, finish, *, percent=0, milestone=False, actual_finish=None, planned_finish=None):
    return PlanRow(
        planned_cost=D(cost),
        percent_complete=percent,
        planned_start=start,
        planned_finish=planned_finish or finish,
        is_milestone=milestone,
        actual_finish=actual_finish,
        in_baseline=True,
        baseline_cost=D(cost),
        baseline_start=start,
        baseline_finish=finish,
    )


ROWS = [
    # 400 over Mon, Tue, Thu, Fri (the holiday earns nothing): 100 a working day.
    baseline_row(400, date(2026, 1, 5), date(2026, 1, 9), percent=50),
    baseline_row(0, date(2026, 1, 9), date(2026, 1, 9), milestone=True),
    # 200 over Mon 12 and Tue 13: 100 a day.
    baseline_row(200, date(2026, 1, 12), date(2026, 1, 13)),
]


def test_planned_value_skips_the_holiday_and_indices_follow():
    figures = project_figures(
        ROWS, status_date=date(2026, 1, 8), calendar=CALENDAR, actual_cost=D(250), has_baseline=True
    )
    metrics = figures.metrics

    assert metrics["bac"] == D(600)
    assert metrics["pv"] == D(300)  # Mon, Tue and Thu of the first task
    assert metrics["ev"] == D(200)  # 50 % of 400
    assert metrics["spi"] == D("0.6667") and metrics["cpi"] == D("0.8000")
    assert metrics["eac"] == D(750)  # BAC / CPI


def test_the_weekly_curve_and_earned_schedule():
    figures = project_figures(
        ROWS, status_date=date(2026, 1, 8), calendar=CALENDAR, actual_cost=D(250), has_baseline=True
    )

    assert figures.curve_start == date(2026, 1, 5)
    assert figures.pv_curve == (D(400), D(600))
    # EV 200 is half way to the first week's 400: ES = 0.5 weeks, after 4 days (AT = 4/7 = 0.5714).
    assert figures.metrics["es"] == D("0.5000")
    assert figures.metrics["spi_t"] == D("0.8750")


def test_a_holiday_on_the_status_date_adds_no_planned_value():
    on_the_holiday = project_figures(
        ROWS, status_date=date(2026, 1, 7), calendar=CALENDAR, actual_cost=None, has_baseline=True
    )

    assert on_the_holiday.metrics["pv"] == D(200)
    assert on_the_holiday.metrics["cpi"] is None  # nothing booked: not defined, not 1.0


def test_without_a_baseline_pv_and_spi_are_not_defined():
    figures = project_figures(
        ROWS, status_date=date(2026, 1, 8), calendar=CALENDAR, actual_cost=D(250), has_baseline=False
    )

    assert figures.metrics["pv"] is None and figures.metrics["spi"] is None
    assert figures.metrics["ev"] == D(200) and figures.metrics["cpi"] == D("0.8000")
    assert figures.pv_curve == () and figures.baseline_finish is None


def test_a_task_added_after_the_baseline_counts_at_its_planned_cost():
    added = PlanRow(
        planned_cost=D(100),
        percent_complete=100,
        planned_start=date(2026, 1, 5),
        planned_finish=date(2026, 1, 5),
    )
    figures = project_figures(
        [*ROWS, added], status_date=date(2026, 1, 5), calendar=CALENDAR, actual_cost=None, has_baseline=True
    )

    assert figures.metrics["bac"] == D(700)
    assert figures.metrics["pv"] == D(200)  # 100 of the first task's Monday + the whole added task
    assert figures.metrics["ev"] == D(300)


def test_progress_is_weighted_by_duration_and_milestones_are_counted():
    figures = project_figures(
        ROWS, status_date=date(2026, 1, 12), calendar=CALENDAR, actual_cost=None, has_baseline=True
    )

    # 5 calendar days at 50 %, the milestone (1) and 2 days at 0 %: 250 / 8.
    assert figures.percent_complete == D("31.3")
    assert figures.milestones_total == 1
    assert figures.milestones_slipped == 1  # due Friday the 9th, not finished on Monday the 12th
    assert figures.planned_finish == date(2026, 1, 13) and figures.finish_slip_days == 0


def test_a_milestone_slips_when_finished_or_planned_after_its_baseline_date():
    on_time = baseline_row(
        0, date(2026, 1, 9), date(2026, 1, 9), milestone=True, actual_finish=date(2026, 1, 9)
    )
    late = baseline_row(
        0, date(2026, 1, 9), date(2026, 1, 9), milestone=True, actual_finish=date(2026, 1, 12)
    )
    planned_late = baseline_row(
        0, date(2026, 1, 9), date(2026, 1, 9), milestone=True, planned_finish=date(2026, 1, 14)
    )

    assert not milestone_slipped(on_time, date(2026, 2, 1))
    assert milestone_slipped(late, date(2026, 2, 1))
    assert milestone_slipped(planned_late, date(2026, 1, 5))


def test_an_empty_plan_has_no_figures_rather_than_zeros():
    figures = project_figures(
        [], status_date=date(2026, 1, 8), calendar=CALENDAR, actual_cost=None, has_baseline=True
    )

    assert figures.percent_complete is None
    assert figures.metrics["pv"] == D(0) and figures.metrics["spi"] is None
