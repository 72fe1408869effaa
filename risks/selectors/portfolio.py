"""Reads of the risk pages across projects: the PMO's queue with its filters, and the portfolio view
(heat maps, the worst risks, what is overdue, each project's contingency reserve).

Visibility is risk_list's (the projects' visibility). Every read here is bounded: a fixed number of
queries whatever the number of risks, with what a row shows joined, and lists cut to a page or a top N.
Amounts stay in each project's currency: nothing here adds money across projects.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, QuerySet

from governance.risk_standards import RiskStandards
from projects.models import Project
from projects.selectors.projects import Viewer, project_visibility_filter
from risks.models import OPEN_RISK_STATUSES, Risk, RiskAction, RiskKind
from risks.selectors.risks import RiskFigures, level_condition, pmo_risk_queue, risk_figures, risk_list

INHERENT = "inherent"
RESIDUAL = "residual"
HEAT_MAP_SIDES = (INHERENT, RESIDUAL)
# The fields each side of the heat map rates a risk by.
SIDE_FIELDS = {INHERENT: ("probability", "impact"), RESIDUAL: ("residual_probability", "residual_impact")}


@dataclass(frozen=True)
class RiskScope:
    """Which projects' risks a page covers: all the user sees, or one portfolio, program or project."""

    portfolio_id: int | None = None
    program_id: int | None = None
    project_id: int | None = None

    def condition(self, prefix: str = "project__") -> Q:
        """The rows inside the scope, for a query over risks (prefix "project__") or projects ("")."""
        condition = Q()
        if self.portfolio_id is not None:
            condition &= Q(**{f"{prefix}portfolio_id": self.portfolio_id})
        if self.program_id is not None:
            condition &= Q(**{f"{prefix}program_id": self.program_id})
        if self.project_id is not None:
            key = f"{prefix.removesuffix('__')}_id" if prefix else "pk"
            condition &= Q(**{key: self.project_id})
        return condition


def _weighted_cost() -> F:
    # (2p - 1) x cost orders risks as their EMV does on one scale, without the constant denominator.
    return (2 * F("probability") - 1) * F("cost_impact")


def risk_queue(
    *, user: Viewer, scope: RiskScope, category: str = "", level: str = "", standards: RiskStandards
) -> QuerySet[Risk]:
    """The PMO's queue (pmo_risk_queue) inside `scope`, narrowed by category and level, worst score
    first, then the largest expected monetary value, then the longest escalated."""
    risks = pmo_risk_queue(user=user).prefetch_related(None).filter(scope.condition())
    if category:
        risks = risks.filter(category=category)
    if level:
        risks = risks.filter(level_condition(level, standards))
    return risks.annotate(weighted_cost=_weighted_cost()).order_by(
        "-score", "-weighted_cost", "escalated_at", "id"
    )


def open_risks(*, user: Viewer, scope: RiskScope, standards: RiskStandards) -> QuerySet[Risk]:
    """The open risks the user sees inside `scope`, worst first, with project, owner and level."""
    return (
        risk_list(user=user, open_only=True, standards=standards)
        .prefetch_related(None)
        .filter(scope.condition())
    )


@dataclass(frozen=True)
class HeatCell:
    probability: int
    impact: int
    count: int
    level: str

    @property
    def score(self) -> int:
        return self.probability * self.impact


@dataclass(frozen=True)
class HeatMap:
    """Counts of risks per probability x impact cell, rows from the most probable down."""

    side: str
    rows: list[list[HeatCell]]
    impacts: list[int]
    total: int
    unrated: int = 0


@dataclass(frozen=True)
class HeatMaps:
    inherent: HeatMap
    residual: HeatMap
    sides: list[HeatMap] = field(default_factory=list)


def _heat_map(
    side: str, counts: dict[tuple[int, int], int], standards: RiskStandards, unrated: int
) -> HeatMap:
    steps = range(1, standards.scale_size + 1)
    rows = [
        [
            HeatCell(
                probability,
                impact,
                counts.get((probability, impact), 0),
                standards.level_of(probability * impact),
            )
            for impact in steps
        ]
        for probability in reversed(steps)
    ]
    return HeatMap(side=side, rows=rows, impacts=list(steps), total=sum(counts.values()), unrated=unrated)


def risk_heat_maps(*, user: Viewer, scope: RiskScope, standards: RiskStandards) -> HeatMaps:
    """The inherent and the residual heat map of the open risks the user sees inside `scope`, in two
    queries; a risk rated off the scale in force (the PMO shrank it) is left out of the cells."""
    risks = Risk.objects.filter(
        project__in=Project.objects.filter(project_visibility_filter(user)).values("pk"),
        status__in=OPEN_RISK_STATUSES,
    ).filter(scope.condition())
    maps = {}
    for side, (probability_field, impact_field) in SIDE_FIELDS.items():
        rows = (
            risks.filter(**{f"{probability_field}__isnull": False})
            .values(probability_field, impact_field)
            .annotate(count=Count("id"))
            .order_by()
        )
        counts = {(row[probability_field], row[impact_field]): row["count"] for row in rows}
        maps[side] = counts
    unrated = sum(maps[INHERENT].values()) - sum(maps[RESIDUAL].values())
    inherent = _heat_map(INHERENT, maps[INHERENT], standards, 0)
    residual = _heat_map(RESIDUAL, maps[RESIDUAL], standards, unrated)
    return HeatMaps(inherent=inherent, residual=residual, sides=[inherent, residual])


def heat_cell_risks(risks: QuerySet[Risk], *, side: str, probability: int, impact: int) -> QuerySet[Risk]:
    """The risks of one heat-map cell: rated `probability` x `impact` on `side` (inherent or residual)."""
    probability_field, impact_field = SIDE_FIELDS[side]
    return risks.filter(**{probability_field: probability, impact_field: impact})


def top_threats_by_emv(risks: QuerySet[Risk]) -> QuerySet[Risk]:
    """The open threats with a cost, largest expected monetary value first (each in its own currency:
    the order compares the amounts as written, not converted)."""
    return (
        risks.filter(kind=RiskKind.THREAT, cost_impact__gt=0)
        .annotate(weighted_cost=_weighted_cost())
        .order_by("-weighted_cost", "-score", "id")
    )


def overdue_reviews(risks: QuerySet[Risk], *, today: datetime.date) -> QuerySet[Risk]:
    """The open risks whose review date has passed, the longest overdue first."""
    return risks.filter(review_date__lt=today).order_by("review_date", "id")


def overdue_response_actions(*, user: Viewer, scope: RiskScope, today: datetime.date) -> QuerySet[RiskAction]:
    """The response actions not done by their due date, of the open risks the user sees inside `scope`,
    the longest overdue first, with owner, risk and project joined."""
    return (
        RiskAction.objects.filter(
            risk__project__in=Project.objects.filter(project_visibility_filter(user)).values("pk"),
            risk__status__in=OPEN_RISK_STATUSES,
            done_at__isnull=True,
            due_date__lt=today,
        )
        .filter(scope.condition("risk__project__"))
        .select_related("owner", "risk__project")
        .order_by("due_date", "id")
    )


@dataclass(frozen=True)
class ProjectReserve:
    project: Project
    figures: RiskFigures


def contingency_reserves(*, user: Viewer, scope: RiskScope, standards: RiskStandards) -> list[ProjectReserve]:
    """The contingency reserve of each project inside `scope` with open risks (risk_figures), in its
    own currency, the largest first; two queries."""
    projects = {
        project.pk: project
        for project in Project.objects.filter(project_visibility_filter(user))
        .filter(scope.condition(""))
        .only("pk", "code", "name", "currency")
    }
    figures = risk_figures(project_ids=projects, standards=standards)
    reserves = [
        ProjectReserve(project=projects[pk], figures=figure)
        for pk, figure in figures.items()
        if figure.open_total
    ]
    reserves.sort(key=lambda reserve: (-reserve.figures.contingency_reserve, reserve.project.code))
    return reserves
