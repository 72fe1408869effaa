"""The PMO's own performance by quarter and portfolio, from plain facts (no ORM).

The rules (../shared/DOMAIN.md, "The PMO's own performance"):
- On-time delivery: the projects closed in the quarter (the week their snapshot first says closed)
  that finished by their baseline finish, over those closed; and the milestones finished in the
  quarter by their baseline date, over those finished. A project or milestone without a baseline
  date cannot be judged and is left out of both counts (the count left out is given).
- On budget: the projects closed in the quarter whose actual cost is at most their budget at
  completion, over those closed with both figures (a project without a booked cost is not judged).
- Average SPI, CPI, health and compliance of the projects active at the end of the quarter (their
  last snapshot of the quarter); each average over the projects where the figure is measured.
- Report punctuality: supplied by the status reports once they exist; None is "not yet measured".
A rate or an average with nothing to count is None ("none in the period"), never zero.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_EVEN, Decimal

RATE_PLACES = Decimal("0.1")  # percentages to one decimal
INDEX_PLACES = Decimal("0.01")
SCORE_PLACES = Decimal("0.1")


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int  # 1..4

    @classmethod
    def of(cls, day: date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def first_day(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def last_day(self) -> date:
        following = self.next()
        return following.first_day - timedelta(days=1)

    def next(self) -> Quarter:
        return Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)

    def previous(self) -> Quarter:
        return Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)

    def __contains__(self, day: date) -> bool:
        return self.first_day <= day <= self.last_day

    def __str__(self) -> str:
        return f"{self.year} Q{self.number}"


def last_quarters(today: date, count: int) -> list[Quarter]:
    """The `count` quarters ending with today's, oldest first."""
    quarters = [Quarter.of(today)]
    while len(quarters) < count:
        quarters.append(quarters[-1].previous())
    return quarters[::-1]


@dataclass(frozen=True)
class ClosedProject:
    """A project as its snapshot of the week it first showed closed holds it."""

    project_id: int
    portfolio_id: int
    closed_week: date
    finished_on: date | None  # the planned finish then: a closed project's dates are its actual ones
    baseline_finish: date | None
    actual_cost: Decimal | None
    budget_at_completion: Decimal | None


@dataclass(frozen=True)
class FinishedMilestone:
    project_id: int
    portfolio_id: int
    finished_on: date
    baseline_finish: date | None


@dataclass(frozen=True)
class ActiveProject:
    """A project active in its last snapshot of a quarter, with that snapshot's figures."""

    project_id: int
    portfolio_id: int
    quarter: Quarter
    schedule_performance_index: Decimal | None
    cost_performance_index: Decimal | None
    health_score: int | None
    compliance_score: int | None


@dataclass(frozen=True)
class Ratio:
    """A count over a count, as a percentage; None when nothing was counted."""

    hits: int
    total: int
    left_out: int = 0

    @property
    def percent(self) -> Decimal | None:
        if not self.total:
            return None
        return (Decimal(100 * self.hits) / self.total).quantize(RATE_PLACES, rounding=ROUND_HALF_EVEN)


@dataclass(frozen=True)
class Average:
    """The mean of the measured values, with how many were measured of how many there were."""

    value: Decimal | None
    measured: int
    of: int


@dataclass(frozen=True)
class PerformanceRow:
    quarter: Quarter | None  # None: the whole period
    portfolio_id: int | None  # None: every portfolio
    projects_on_time: Ratio
    milestones_on_time: Ratio
    on_budget: Ratio
    schedule_performance_index: Average
    cost_performance_index: Average
    health_score: Average
    compliance_score: Average
    report_punctuality: Decimal | None = None  # None: not yet measured

    @property
    def delivered(self) -> Ratio:
        """Projects and milestones together: the on-time delivery rate of DOMAIN.md."""
        return Ratio(
            hits=self.projects_on_time.hits + self.milestones_on_time.hits,
            total=self.projects_on_time.total + self.milestones_on_time.total,
            left_out=self.projects_on_time.left_out + self.milestones_on_time.left_out,
        )


@dataclass(frozen=True)
class PerformanceFacts:
    closed: Sequence[ClosedProject] = ()
    milestones: Sequence[FinishedMilestone] = ()
    active: Sequence[ActiveProject] = ()
    # Report punctuality (a percentage) by (quarter, portfolio id or None); absent: not yet measured.
    punctuality: dict = field(default_factory=dict)


def _on_time(items: Iterable[ClosedProject | FinishedMilestone]) -> Ratio:
    hits = total = left_out = 0
    for item in items:
        finished, baseline = item.finished_on, item.baseline_finish
        if baseline is None or finished is None:
            left_out += 1
            continue
        total += 1
        hits += finished <= baseline
    return Ratio(hits=hits, total=total, left_out=left_out)


def _on_budget(closed: Iterable[ClosedProject]) -> Ratio:
    hits = total = left_out = 0
    for project in closed:
        if project.actual_cost is None or project.budget_at_completion is None:
            left_out += 1
            continue
        total += 1
        hits += project.actual_cost <= project.budget_at_completion
    return Ratio(hits=hits, total=total, left_out=left_out)


def _average(values: list, places: Decimal) -> Average:
    measured = [Decimal(value) for value in values if value is not None]
    if not measured:
        return Average(value=None, measured=0, of=len(values))
    mean = (sum(measured, Decimal(0)) / len(measured)).quantize(places, rounding=ROUND_HALF_EVEN)
    return Average(value=mean, measured=len(measured), of=len(values))


@dataclass
class _Buckets:
    """The facts sorted once by (quarter, portfolio id), so each row reads only its own."""

    closed: dict = field(default_factory=lambda: defaultdict(list))
    milestones: dict = field(default_factory=lambda: defaultdict(list))
    active: dict = field(default_factory=lambda: defaultdict(list))
    punctuality: dict = field(default_factory=dict)


def _buckets(facts: PerformanceFacts) -> _Buckets:
    buckets = _Buckets(punctuality=facts.punctuality)
    for project in facts.closed:
        buckets.closed[(Quarter.of(project.closed_week), project.portfolio_id)].append(project)
    for milestone in facts.milestones:
        buckets.milestones[(Quarter.of(milestone.finished_on), milestone.portfolio_id)].append(milestone)
    for project in facts.active:
        buckets.active[(project.quarter, project.portfolio_id)].append(project)
    return buckets


def performance_row(
    facts: PerformanceFacts, *, quarters: Sequence[Quarter], quarter: Quarter | None, portfolio_id: int | None
) -> PerformanceRow:
    """The figures of one quarter (None: every quarter given) and portfolio (None: all).

    Over several quarters the actives' averages take each project's state at the end of the last
    quarter it was active in, so a project counts once.
    """
    return _row(_buckets(facts), quarters=quarters, quarter=quarter, portfolio_id=portfolio_id)


def _row(buckets: _Buckets, *, quarters, quarter: Quarter | None, portfolio_id: int | None) -> PerformanceRow:
    chosen = sorted(set(quarters)) if quarter is None else [quarter]

    def gathered(bucket: dict, period: Quarter) -> list:
        if portfolio_id is not None:
            return bucket.get((period, portfolio_id), [])
        return [item for (key, _portfolio), items in bucket.items() if key == period for item in items]

    closed = [project for period in chosen for project in gathered(buckets.closed, period)]
    milestones = [milestone for period in chosen for milestone in gathered(buckets.milestones, period)]
    latest: dict[int, ActiveProject] = {}
    for period in chosen:  # oldest first, so the last quarter a project was active in wins
        for project in gathered(buckets.active, period):
            latest[project.project_id] = project
    active = list(latest.values())
    return PerformanceRow(
        quarter=quarter,
        portfolio_id=portfolio_id,
        projects_on_time=_on_time(closed),
        milestones_on_time=_on_time(milestones),
        on_budget=_on_budget(closed),
        schedule_performance_index=_average(
            [project.schedule_performance_index for project in active], INDEX_PLACES
        ),
        cost_performance_index=_average([project.cost_performance_index for project in active], INDEX_PLACES),
        health_score=_average([project.health_score for project in active], SCORE_PLACES),
        compliance_score=_average([project.compliance_score for project in active], SCORE_PLACES),
        report_punctuality=buckets.punctuality.get((quarter, portfolio_id)),
    )


@dataclass(frozen=True)
class PerformanceTable:
    quarters: list[Quarter]
    by_quarter: list[PerformanceRow]  # one per quarter, every portfolio
    period: PerformanceRow  # every quarter, every portfolio
    by_portfolio: dict[int, list[PerformanceRow]]  # per portfolio: one per quarter, then the period


def performance_table(
    facts: PerformanceFacts, *, quarters: Sequence[Quarter], portfolio_ids: Iterable[int]
) -> PerformanceTable:
    """Every row the page shows: by quarter, for the period, and by portfolio (quarters then period)."""
    quarters = sorted(quarters)
    buckets = _buckets(facts)
    by_portfolio: dict[int, list[PerformanceRow]] = defaultdict(list)
    for portfolio_id in portfolio_ids:
        for quarter in [*quarters, None]:
            by_portfolio[portfolio_id].append(
                _row(buckets, quarters=quarters, quarter=quarter, portfolio_id=portfolio_id)
            )
    return PerformanceTable(
        quarters=list(quarters),
        by_quarter=[
            _row(buckets, quarters=quarters, quarter=quarter, portfolio_id=None) for quarter in quarters
        ],
        period=_row(buckets, quarters=quarters, quarter=None, portfolio_id=None),
        by_portfolio=dict(by_portfolio),
    )


@dataclass(frozen=True)
class ReportDue:
    """One status report a project owed: when it was due, its portfolio, and whether it came on time."""

    due: date
    portfolio_id: int
    on_time: bool


def report_punctuality_by_quarter(reports: Iterable[ReportDue], quarters: Sequence[Quarter]) -> dict:
    """The share of reports on time (a percentage, one place) by (quarter, portfolio id or None for all),
    counting the reports whose due date falls in the quarter; quarter None is the whole period. A quarter
    with none due is absent."""
    wanted = set(quarters)
    counts: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    for report in reports:
        quarter = Quarter.of(report.due)
        if quarter not in wanted:
            continue
        # The quarter's own figures, and those of the whole period (quarter None).
        for key in (
            (quarter, report.portfolio_id),
            (quarter, None),
            (None, report.portfolio_id),
            (None, None),
        ):
            counts[key][0] += report.on_time
            counts[key][1] += 1
    return {
        key: (Decimal(100 * on_time) / total).quantize(Decimal("0.1"), rounding=ROUND_HALF_EVEN)
        for key, (on_time, total) in counts.items()
    }
