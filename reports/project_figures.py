"""A project's earned value, progress and milestones as of a status date, from plain task rows (no ORM).

PV is time-phased from the baseline (../shared/DOMAIN.md, "Earned value"): each task's budget is spread
evenly over the working days of its baseline span on the project's calendar, so a holiday earns no
planned value. A task on no working day at all (a milestone, a span over a holiday) plans its whole
budget at the end of its finish day. Without a baseline PV is not defined.

A task's budget is its baseline cost where the baseline holds it, else its current planned cost (a task
added after the baseline); BAC is the sum of the budgets and EV the sum of budget x % complete.

The weekly PV curve (for earned schedule and the S-curve) runs from the Monday of the earliest baseline
start: period k ends on the Sunday of week k. The actual time AT is the weeks elapsed to the end of
the status date, in exact fractions of a week.
"""

import math
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from projects.workcalendar import WorkCalendar
from reports import evm

ONE_DAY = timedelta(days=1)
MILESTONE_LOOKAHEAD = timedelta(days=30)
# A curve longer than this many weeks (a 20-year plan) is cut: the S-curve stays readable, ES is bounded.
MAX_CURVE_WEEKS = 1040


@dataclass(frozen=True, slots=True)
class PlanRow:
    """One leaf task of the plan, with its baseline row's dates and cost where the baseline has it."""

    planned_cost: Decimal
    percent_complete: int
    planned_start: date | None
    planned_finish: date | None
    is_milestone: bool = False
    actual_finish: date | None = None
    in_baseline: bool = False
    baseline_cost: Decimal = Decimal("0")
    baseline_start: date | None = None
    baseline_finish: date | None = None
    task_id: int | None = None

    @property
    def budget(self) -> Decimal:
        return self.baseline_cost if self.in_baseline else self.planned_cost

    @property
    def measured_start(self) -> date | None:
        """The start PV is spread from: the baseline's where the baseline holds the task, else the plan's."""
        return self.baseline_start if self.in_baseline else self.planned_start

    @property
    def measured_finish(self) -> date | None:
        return self.baseline_finish if self.in_baseline else self.planned_finish


@dataclass(frozen=True)
class ProjectFigures:
    metrics: dict[str, Decimal | None]
    percent_complete: Decimal | None
    planned_start: date | None
    planned_finish: date | None
    baseline_finish: date | None
    finish_slip_days: int | None
    milestones_total: int
    milestones_done: int
    milestones_due: int
    milestones_slipped: int
    # The milestone rows counted in milestones_slipped, in plan order.
    slipped_milestones: tuple[PlanRow, ...]
    curve_start: date | None
    pv_curve: tuple[Decimal, ...]


def project_figures(
    rows: Sequence[PlanRow],
    *,
    status_date: date,
    calendar: WorkCalendar,
    actual_cost: Decimal | None,
    has_baseline: bool,
) -> ProjectFigures:
    """Every figure of one project as of the end of `status_date`; `actual_cost` None when none is booked."""
    bac = sum((row.budget for row in rows), Decimal("0"))
    # Decimal products of cents and whole percents are exact; one Fraction at the end, not one per row.
    earned = Fraction(sum((row.budget * row.percent_complete for row in rows), Decimal("0"))) / 100
    spans = _baseline_spans(rows, calendar) if has_baseline else []
    curve_start, week_ends = _curve_weeks(rows) if has_baseline else (None, [])
    pv = pv_curve = None
    actual_time = None
    if has_baseline:
        status_rank = calendar.rank(status_date + ONE_DAY)
        ranks = [calendar.rank(end + ONE_DAY) for end in week_ends]
        values = cumulative_planned_value(spans, [*ranks, status_rank])
        pv = values[-1]
        pv_curve = tuple(values[:-1])
        if curve_start is not None:
            actual_time = Fraction((status_date - curve_start).days + 1, 7)
    pv_curve_money = tuple(_to_decimal(value) for value in pv_curve or ())
    figures = evm.Figures(
        bac=bac,
        pv=_to_decimal(pv),
        ev=_to_decimal(earned),
        ac=actual_cost,
        pv_curve=pv_curve_money or None,
        actual_time=_to_decimal(actual_time, evm.INDEX_PLACES) if actual_time and actual_time > 0 else None,
    )
    milestones = [row for row in rows if row.is_milestone]
    slipped = tuple(row for row in milestones if milestone_slipped(row, status_date))
    planned_finishes = [row.planned_finish for row in rows if row.planned_finish]
    baseline_finishes = [row.baseline_finish for row in rows if row.in_baseline and row.baseline_finish]
    planned_finish = max(planned_finishes, default=None)
    baseline_finish = max(baseline_finishes, default=None) if has_baseline else None
    return ProjectFigures(
        metrics=evm.metrics(figures),
        percent_complete=_percent_complete(rows),
        planned_start=min((row.planned_start for row in rows if row.planned_start), default=None),
        planned_finish=planned_finish,
        baseline_finish=baseline_finish,
        finish_slip_days=(
            calendar.working_days_between(baseline_finish, planned_finish)
            if planned_finish and baseline_finish
            else None
        ),
        milestones_total=len(milestones),
        milestones_done=sum(1 for row in milestones if row.actual_finish or row.percent_complete >= 100),
        milestones_due=sum(1 for row in milestones if _due_soon(row, status_date)),
        milestones_slipped=len(slipped),
        slipped_milestones=slipped,
        curve_start=curve_start,
        pv_curve=pv_curve_money,
    )


def milestone_slipped(row: PlanRow, status_date: date) -> bool:
    """A milestone slipped when it is past its baseline date unfinished, or finished or planned after it."""
    if not (row.in_baseline and row.baseline_finish):
        return False
    done_on = row.actual_finish if row.actual_finish else None
    if done_on is not None:
        return done_on > row.baseline_finish
    if row.percent_complete >= 100:
        return False
    if status_date > row.baseline_finish:
        return True
    return bool(row.planned_finish and row.planned_finish > row.baseline_finish)


def _due_soon(row: PlanRow, status_date: date) -> bool:
    finish = row.planned_finish
    done = row.actual_finish or row.percent_complete >= 100
    return not done and finish is not None and status_date <= finish <= status_date + MILESTONE_LOOKAHEAD


def _percent_complete(rows: Sequence[PlanRow]) -> Decimal | None:
    """The duration-weighted % complete of the leaf tasks (calendar days of their current span, a
    milestone one day), to one place, halves rounded up."""
    if not rows:
        return None
    total = 0
    weight = 0
    for row in rows:
        days = 1 if row.is_milestone else max(_span_days(row.planned_start, row.planned_finish), 1)
        total += days * row.percent_complete
        weight += days
    return _to_decimal(Fraction(total, weight), Decimal("0.1"))


def _span_days(start: date | None, finish: date | None) -> int:
    if start is None or finish is None:
        return 1
    return (finish - start).days + 1


def _baseline_spans(rows: Sequence[PlanRow], calendar: WorkCalendar) -> list[tuple[int, int, Decimal]]:
    """(rank of the first working day, working days, budget) of every budgeted task in the baseline."""
    spans = []
    # A successor often starts the day after its predecessor's finish: each date is ranked once.
    ranks: dict[date, int] = {}

    def rank(day: date) -> int:
        known = ranks.get(day)
        if known is None:
            known = ranks[day] = calendar.rank(day)
        return known

    for row in rows:
        budget = row.budget
        start, finish = row.measured_start, row.measured_finish
        if not budget or start is None or finish is None:
            continue
        first = rank(start)
        after = rank(finish + ONE_DAY)
        days = after - first
        if days <= 0:
            # No working day in the span: the whole budget is planned at the end of the finish day.
            first, days = after - 1, 1
        spans.append((first, days, budget))
    return spans


def cumulative_planned_value(
    spans: Sequence[tuple[int, int, Fraction | Decimal | int]], ranks: Sequence[int]
) -> list[Fraction]:
    """Cumulative PV at each rank (working days since the epoch, counted to the end of a day).

    PV is piecewise linear in working days: each span adds budget / days per working day from its first
    rank for `days` days. One sweep over the sorted breakpoints, whatever the number of ranks. The sweep
    runs on integers over one common denominator of every rate (exact, and a tenth of the time of
    Fractions, which reduce at every step); each result is one Fraction.
    """
    exact = [(first, days, *budget.as_integer_ratio()) for first, days, budget in spans]
    scale = math.lcm(*{denominator * days for _first, days, _numerator, denominator in exact}) if exact else 1
    changes: dict[int, int] = {}
    for first, days, numerator, denominator in exact:
        rate = numerator * (scale // (denominator * days))
        changes[first] = changes.get(first, 0) + rate
        changes[first + days] = changes.get(first + days, 0) - rate
    points = sorted(changes)
    # Value and slope at each breakpoint, so any rank is value + slope x distance from the last breakpoint.
    values, slopes = [], []
    value = slope = 0
    previous = points[0] if points else 0
    for point in points:
        value += slope * (point - previous)
        slope += changes[point]
        values.append(value)
        slopes.append(slope)
        previous = point
    result = []
    for rank in ranks:
        index = bisect_right(points, rank) - 1
        if index < 0:
            result.append(Fraction(0))
            continue
        result.append(Fraction(values[index] + slopes[index] * (rank - points[index]), scale))
    return result


def _curve_weeks(rows: Sequence[PlanRow]) -> tuple[date | None, list[date]]:
    """The Monday the curve starts on and the Sunday ending each week through the last baseline finish."""
    starts = [row.measured_start for row in rows if row.measured_start]
    finishes = [row.measured_finish for row in rows if row.measured_finish]
    if not starts or not finishes:
        return None, []
    monday = min(starts) - timedelta(days=min(starts).weekday())
    weeks = min(((max(finishes) - monday).days // 7) + 1, MAX_CURVE_WEEKS)
    return monday, [monday + timedelta(days=7 * week + 6) for week in range(weeks)]


def _to_decimal(value: Fraction | None, places: Decimal = evm.CENT) -> Decimal | None:
    if value is None:
        return None
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(places, rounding=ROUND_HALF_UP)
