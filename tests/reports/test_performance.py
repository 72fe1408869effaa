"""The PMO's own performance engine (reports.performance) against examples worked by hand."""

from datetime import date
from decimal import Decimal

from reports.performance import (
    ActiveProject,
    ClosedProject,
    FinishedMilestone,
    PerformanceFacts,
    Quarter,
    last_quarters,
    performance_row,
    performance_table,
)

Q3, Q4 = Quarter(2026, 3), Quarter(2026, 4)
PORTFOLIO_A, PORTFOLIO_B = 1, 2


def closed(project_id, portfolio, week, finished, baseline, cost="90", bac="100"):
    return ClosedProject(
        project_id=project_id,
        portfolio_id=portfolio,
        closed_week=week,
        finished_on=finished,
        baseline_finish=baseline,
        actual_cost=Decimal(cost) if cost is not None else None,
        budget_at_completion=Decimal(bac) if bac is not None else None,
    )


def active(project_id, portfolio, quarter, spi, cpi, health=None, compliance=None):
    return ActiveProject(
        project_id=project_id,
        portfolio_id=portfolio,
        quarter=quarter,
        schedule_performance_index=Decimal(spi) if spi is not None else None,
        cost_performance_index=Decimal(cpi) if cpi is not None else None,
        health_score=health,
        compliance_score=compliance,
    )


# Q3 2026: three projects closed: #1 on time and on budget (90 <= 100), #2 ten days late and over budget
# (120 > 100), #3 on its baseline day exactly and on budget (100 <= 100). Milestones finished in Q3: one on
# time, one a day late, one without a baseline date (not judged). Q4: #4 closed without a baseline (not
# judged on time) and with no booked cost (not judged on budget).
FACTS = PerformanceFacts(
    closed=[
        closed(1, PORTFOLIO_A, date(2026, 7, 6), date(2026, 7, 3), date(2026, 7, 10)),
        closed(2, PORTFOLIO_A, date(2026, 8, 3), date(2026, 7, 31), date(2026, 7, 21), cost="120"),
        closed(3, PORTFOLIO_B, date(2026, 9, 28), date(2026, 9, 25), date(2026, 9, 25), cost="100"),
        closed(4, PORTFOLIO_B, date(2026, 10, 5), date(2026, 10, 2), None, cost=None),
    ],
    milestones=[
        FinishedMilestone(10, PORTFOLIO_A, date(2026, 7, 15), date(2026, 7, 15)),
        FinishedMilestone(10, PORTFOLIO_A, date(2026, 8, 15), date(2026, 8, 14)),
        FinishedMilestone(11, PORTFOLIO_B, date(2026, 9, 1), None),
    ],
    active=[
        # End of Q3: SPI 0.9 and 1.1 -> 1.00; CPI 0.8 and (not yet measured) -> 0.80 over 1 of 2.
        active(10, PORTFOLIO_A, Q3, "0.9", "0.8", compliance=80),
        active(11, PORTFOLIO_B, Q3, "1.1", None, compliance=90),
        # End of Q4: project 10 still active, now SPI 0.7; project 12 new.
        active(10, PORTFOLIO_A, Q4, "0.7", "0.9"),
        active(12, PORTFOLIO_B, Q4, "1.0", "1.2"),
    ],
)


def test_on_time_counts_the_projects_finished_by_their_baseline_date_on_the_day_included():
    row = performance_row(FACTS, quarters=[Q3, Q4], quarter=Q3, portfolio_id=None)

    assert (row.projects_on_time.hits, row.projects_on_time.total) == (2, 3)  # #1 early, #3 on the day
    assert row.projects_on_time.percent == Decimal("66.7")


def test_milestones_without_a_baseline_date_are_not_judged():
    row = performance_row(FACTS, quarters=[Q3, Q4], quarter=Q3, portfolio_id=None)

    assert (row.milestones_on_time.hits, row.milestones_on_time.total) == (1, 2)
    assert row.milestones_on_time.left_out == 1
    assert row.milestones_on_time.percent == Decimal("50.0")
    # Delivered on time: projects and milestones together, 3 of 5.
    assert row.delivered.percent == Decimal("60.0")


def test_on_budget_is_actual_cost_at_most_the_budget_at_completion():
    row = performance_row(FACTS, quarters=[Q3, Q4], quarter=Q3, portfolio_id=None)

    assert (row.on_budget.hits, row.on_budget.total) == (2, 3)  # 90 <= 100 and 100 <= 100, not 120


def test_a_quarter_whose_only_closed_project_cannot_be_judged_shows_no_rate_rather_than_zero():
    row = performance_row(FACTS, quarters=[Q3, Q4], quarter=Q4, portfolio_id=None)

    assert row.projects_on_time.total == 0 and row.projects_on_time.left_out == 1
    assert row.projects_on_time.percent is None
    assert row.on_budget.percent is None and row.on_budget.left_out == 1


def test_averages_of_the_actives_at_the_quarter_end_leave_out_what_is_not_measured():
    row = performance_row(FACTS, quarters=[Q3, Q4], quarter=Q3, portfolio_id=None)

    assert row.schedule_performance_index.value == Decimal("1.00")
    assert (row.cost_performance_index.value, row.cost_performance_index.measured) == (Decimal("0.80"), 1)
    assert row.cost_performance_index.of == 2
    assert row.compliance_score.value == Decimal("85.0")
    assert row.health_score.value is None and row.health_score.of == 2  # not yet measured
    assert row.report_punctuality is None


def test_over_the_period_each_active_project_counts_once_with_its_latest_quarter():
    row = performance_row(FACTS, quarters=[Q3, Q4], quarter=None, portfolio_id=None)

    # Projects 10 (Q4: 0.7), 11 (Q3: 1.1), 12 (Q4: 1.0): (0.7 + 1.1 + 1.0) / 3 = 0.9333 -> 0.93.
    assert row.schedule_performance_index.value == Decimal("0.93")
    assert row.schedule_performance_index.of == 3
    assert (row.projects_on_time.hits, row.projects_on_time.total) == (2, 3)


def test_by_portfolio_splits_the_same_facts():
    table = performance_table(FACTS, quarters=[Q4, Q3], portfolio_ids=[PORTFOLIO_A, PORTFOLIO_B])

    assert table.quarters == [Q3, Q4]
    a_q3, a_q4, a_period = table.by_portfolio[PORTFOLIO_A]
    assert (a_q3.projects_on_time.hits, a_q3.projects_on_time.total) == (1, 2)
    assert a_q3.on_budget.percent == Decimal("50.0")
    assert a_q4.projects_on_time.percent is None
    assert a_period.schedule_performance_index.value == Decimal("0.70")
    b_q3 = table.by_portfolio[PORTFOLIO_B][0]
    assert b_q3.projects_on_time.percent == Decimal("100.0")
    assert b_q3.milestones_on_time.total == 0 and b_q3.milestones_on_time.left_out == 1
    assert [row.quarter for row in table.by_quarter] == [Q3, Q4]


def test_nothing_to_count_gives_none_everywhere():
    row = performance_row(PerformanceFacts(), quarters=[Q3], quarter=Q3, portfolio_id=None)

    assert row.delivered.percent is None
    assert row.schedule_performance_index.value is None and row.schedule_performance_index.of == 0


def test_quarters_run_back_from_today_over_the_year_boundary():
    assert last_quarters(date(2026, 2, 10), 3) == [Quarter(2025, 3), Quarter(2025, 4), Quarter(2026, 1)]
    assert Quarter(2026, 4).last_day == date(2026, 12, 31)
    assert Quarter(2026, 1).first_day == date(2026, 1, 1) and Quarter(2026, 1).last_day == date(2026, 3, 31)
    assert str(Quarter.of(date(2026, 8, 31))) == "2026 Q3"


def test_report_punctuality_is_the_share_of_reports_due_in_the_quarter_that_came_on_time():
    from reports.performance import ReportDue, report_punctuality_by_quarter

    q3, q4 = Quarter(2026, 3), Quarter(2026, 4)
    reports = [
        ReportDue(due=date(2026, 10, 5), portfolio_id=1, on_time=True),
        ReportDue(due=date(2026, 10, 12), portfolio_id=1, on_time=False),
        ReportDue(due=date(2026, 11, 2), portfolio_id=2, on_time=True),
        ReportDue(due=date(2026, 9, 28), portfolio_id=2, on_time=False),
        ReportDue(due=date(2025, 12, 1), portfolio_id=2, on_time=False),  # outside the quarters asked
    ]

    shares = report_punctuality_by_quarter(reports, [q3, q4])

    assert shares[(q4, 1)] == Decimal("50.0") and shares[(q4, 2)] == Decimal("100.0")
    assert shares[(q4, None)] == Decimal("66.7")
    assert shares[(q3, None)] == Decimal("0.0")
    assert (q3, 1) not in shares
    assert shares[(None, None)] == Decimal("50.0")  # 2 of the 4 due in Q3 and Q4
    assert shares[(None, 2)] == Decimal("50.0")
