"""Where dates fall on a roadmap drawn as SVG: the window, the ticks of each month or quarter, x of a day.

Pure Python over dates (no ORM, no templates): the roadmap view asks it for coordinates and the
template only writes them out, so the drawing needs no script and no style="" attribute.
"""

from dataclasses import dataclass
from datetime import date, timedelta

MONTH = "month"
QUARTER = "quarter"
ZOOMS = (MONTH, QUARTER)
# Pixels per period: a month reads its weeks, a quarter its months.
PERIOD_WIDTH = {MONTH: 96, QUARTER: 108}
# Without a zoom chosen, a window longer than this many months is drawn by quarter, so it fits a screen.
AUTO_QUARTER_AFTER_MONTHS = 12
# A roadmap never draws more periods than this (a 30-year plan is cut at the window's end).
MAX_PERIODS = {MONTH: 120, QUARTER: 80}


def _period_start(day: date, zoom: str) -> date:
    if zoom == QUARTER:
        return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    return date(day.year, day.month, 1)


def _next_period(day: date, zoom: str) -> date:
    months = 3 if zoom == QUARTER else 1
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, 1)


@dataclass(frozen=True)
class Tick:
    """One period of the scale: where it starts (x), how wide it is, its year and its label."""

    start: date
    x: float
    width: float
    year: int
    label: str
    starts_year: bool


@dataclass(frozen=True)
class Timeline:
    zoom: str
    start: date
    end: date  # exclusive: the first day after the last period
    ticks: tuple[Tick, ...]

    @property
    def width(self) -> float:
        return sum(tick.width for tick in self.ticks)

    def x(self, day: date) -> float:
        """The x of the start of `day`, clamped to the window."""
        if day <= self.start:
            return 0.0
        if day >= self.end:
            return self.width
        for tick in self.ticks:
            following = _next_period(tick.start, self.zoom)
            if day < following:
                return round(tick.x + tick.width * (day - tick.start).days / (following - tick.start).days, 1)
        return self.width

    def span(self, first: date, last: date) -> tuple[float, float]:
        """(x, width) of the days first..last inclusive; a span of one day or less is at least 2 px wide."""
        left = self.x(min(first, last))
        right = self.x(max(first, last) + timedelta(days=1))
        return left, max(round(right - left, 1), 2.0)

    def contains(self, day: date) -> bool:
        return self.start <= day < self.end


def automatic_zoom(days: list[date]) -> str:
    """Months for a window of up to a year, quarters beyond."""
    known = [day for day in days if day is not None]
    if not known:
        return MONTH
    first, last = min(known), max(known)
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    return QUARTER if months > AUTO_QUARTER_AFTER_MONTHS else MONTH


def timeline(days: list[date], *, zoom: str, today: date) -> Timeline:
    """The window holding every day given (today when none is), widened to whole months or quarters;
    an unknown or empty zoom chooses itself (automatic_zoom)."""
    zoom = zoom if zoom in ZOOMS else automatic_zoom(days)
    known = [day for day in days if day is not None] or [today]
    first = _period_start(min(known), zoom)
    last = max(known)
    ticks = []
    period = first
    x = 0.0
    width = PERIOD_WIDTH[zoom]
    while period <= last and len(ticks) < MAX_PERIODS[zoom]:
        label = f"Q{(period.month - 1) // 3 + 1}" if zoom == QUARTER else f"{period.month:02d}"
        ticks.append(
            Tick(
                start=period,
                x=x,
                width=width,
                year=period.year,
                label=label,
                starts_year=period.month == 1 or not ticks,
            )
        )
        x += width
        period = _next_period(period, zoom)
    return Timeline(zoom=zoom, start=first, end=period, ticks=tuple(ticks))
