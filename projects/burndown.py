"""The burndown: remaining work of a plan on a day, planned and actual, and the chart's geometry (pure).

Remaining work = sum over work tasks of duration x (1 - % complete), in working days. Planned
remaining work = the working days the schedule still has after the day. The chart is an SVG drawn by
the burndown template from the screen coordinates computed here.
"""

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Protocol

from projects.workcalendar import PlanCalendar

CENT = Decimal("0.01")
CHART_WIDTH = 760
CHART_HEIGHT = 300
CHART_MARGIN = {"left": 56, "right": 16, "top": 16, "bottom": 40}


def remaining_work_days(tasks: Iterable[tuple[int, Decimal | int]]) -> Decimal:
    """Working days of work not done yet, over (duration in working days, % complete) of work tasks."""
    remaining = sum(
        (Decimal(duration) * (100 - Decimal(percent)) / 100 for duration, percent in tasks), Decimal(0)
    )
    return remaining.quantize(CENT)


def planned_remaining_work_days(
    *, calendar: PlanCalendar, on: date, tasks: Iterable[tuple[int, date | None]]
) -> Decimal:
    """Working days the schedule still plans after `on`, over (duration, planned start) of work tasks."""
    period = calendar.period_of(on)
    planned = 0
    for duration, start in tasks:
        if start is not None:
            planned += duration - min(max(period + 1 - calendar.period_of(start), 0), duration)
    return Decimal(planned).quantize(CENT)


class BurndownReading(Protocol):
    """One recorded day of the burndown (a BurndownPoint, or anything with the same figures)."""

    date: date
    remaining_work_days: Decimal
    planned_remaining_work_days: Decimal


def burndown_chart(points: Sequence[BurndownReading]) -> dict | None:
    """Screen geometry of the burndown chart over points in date order; None without points."""
    if not points:
        return None
    first, last = points[0].date, points[-1].date
    span_days = max((last - first).days, 1)
    top = max(
        max(point.remaining_work_days for point in points),
        max(point.planned_remaining_work_days for point in points),
        Decimal("1"),
    )
    plot_width = CHART_WIDTH - CHART_MARGIN["left"] - CHART_MARGIN["right"]
    plot_height = CHART_HEIGHT - CHART_MARGIN["top"] - CHART_MARGIN["bottom"]

    def x_of(day: date) -> float:
        return round(CHART_MARGIN["left"] + plot_width * (day - first).days / span_days, 1)

    def y_of(value: Decimal) -> float:
        return round(CHART_MARGIN["top"] + plot_height * float(1 - value / top), 1)

    def line(values) -> str:
        return " ".join(
            f"{x_of(point.date)},{y_of(value)}" for point, value in zip(points, values, strict=True)
        )

    y_ticks = [
        {"y": y_of(top * step / 4), "label": f"{top * step / 4:.0f}" if top >= 4 else f"{top * step / 4:.1f}"}
        for step in range(5)
    ]
    tick_count = min(6, len(points))
    x_ticks = []
    for index in range(tick_count):
        day = first + timedelta(days=round(span_days * index / max(tick_count - 1, 1)))
        # The last label ends at its tick so it stays inside the chart instead of being clipped.
        anchor = "end" if tick_count > 1 and index == tick_count - 1 else "middle"
        x_ticks.append({"x": x_of(day), "label": day.isoformat(), "anchor": anchor})
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "left": CHART_MARGIN["left"],
        "right": CHART_WIDTH - CHART_MARGIN["right"],
        "bottom": CHART_HEIGHT - CHART_MARGIN["bottom"],
        "top": CHART_MARGIN["top"],
        "remaining": line(point.remaining_work_days for point in points),
        "planned": line(point.planned_remaining_work_days for point in points),
        "dots": [
            {"x": x_of(point.date), "y": y_of(point.remaining_work_days), "point": point} for point in points
        ],
        "y_ticks": y_ticks,
        "x_ticks": x_ticks,
    }
