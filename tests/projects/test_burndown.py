"""The burndown engine: remaining work from progress, planned remaining work, the chart (no database)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from projects.burndown import burndown_chart, planned_remaining_work_days, remaining_work_days
from projects.workcalendar import PlanCalendar, WorkCalendar

MONDAY = date(2026, 3, 2)
CALENDAR = PlanCalendar(work_calendar=WorkCalendar(), anchor=MONDAY)


@dataclass
class Point:
    date: date
    remaining_work_days: Decimal
    planned_remaining_work_days: Decimal


def test_remaining_work_is_what_progress_has_not_done():
    assert remaining_work_days([(4, 50), (2, 0), (3, 100)]) == Decimal("4.00")
    assert remaining_work_days([(3, Decimal("33.3"))]) == Decimal("2.00")
    assert remaining_work_days([]) == Decimal("0.00")


def test_planned_remaining_work_counts_the_scheduled_days_after_the_day():
    tasks = [(4, MONDAY), (2, date(2026, 3, 6)), (1, None)]  # the unscheduled task counts nothing
    assert planned_remaining_work_days(calendar=CALENDAR, on=date(2026, 3, 3), tasks=tasks) == Decimal("4.00")
    assert planned_remaining_work_days(calendar=CALENDAR, on=date(2026, 3, 9), tasks=tasks) == Decimal("0.00")


def test_the_chart_spans_the_recorded_days_and_scales_to_the_most_work():
    points = [Point(MONDAY, Decimal(8), Decimal(10)), Point(date(2026, 3, 12), Decimal(2), Decimal(0))]
    chart = burndown_chart(points)
    assert chart["remaining"].split()[0].split(",")[0] == str(float(chart["left"]))
    assert chart["planned"].split()[-1] == f"{float(chart['right'])},{float(chart['bottom'])}"
    assert [tick["label"] for tick in chart["x_ticks"]] == ["2026-03-02", "2026-03-12"]
    assert chart["x_ticks"][-1]["anchor"] == "end"
    assert chart["y_ticks"][-1]["label"] == "10"
    assert burndown_chart([]) is None
