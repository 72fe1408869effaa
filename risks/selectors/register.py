"""Reads of a project's register page: its risks narrowed and sorted as the page asks, and the heat map
of its open risks before and after the response."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, ExpressionWrapper, F, OuterRef, QuerySet
from django.db.models import DecimalField as DecimalOutput

from governance import policy
from governance.risk_standards import RiskStandards
from projects.models import Project
from projects.selectors.projects import Viewer, project_pmo_type
from risks.models import OPEN_RISK_STATUSES, Risk, RiskAction
from risks.selectors.facts import is_on_team
from risks.selectors.risks import risk_list

# The page's sorts: each a name the reader picks and the columns it orders by (ties by id).
REGISTER_SORTS = {
    "score": ("-score", "id"),
    "emv": ("-weighted_cost", "-score", "id"),
    "review_date": (F("review_date").asc(nulls_last=True), "id"),
    "title": ("title", "id"),
}


def risk_register(
    *,
    user: Viewer,
    project_id: int,
    standards: RiskStandards,
    today: datetime.date,
    category: str = "",
    level: str = "",
    status: str = "",
    kind: str = "",
    owner_id: int | None = None,
    overdue: str = "",
    probability: int | None = None,
    impact: int | None = None,
    residual_probability: int | None = None,
    residual_impact: int | None = None,
    sort: str = "score",
) -> QuerySet[Risk]:
    """The project's visible risks as risk_list gives them, narrowed by each filter given and sorted by
    `sort` (REGISTER_SORTS). `overdue` is "review" (open, review date passed), "action" (open, with an
    action not done past its due date) or "" (all)."""
    risks = risk_list(
        user=user,
        project_id=project_id,
        category=category,
        level=level,
        status=status,
        owner_id=owner_id,
        overdue_on=today if overdue == "review" else None,
        standards=standards,
    )
    if kind:
        risks = risks.filter(kind=kind)
    if overdue == "action":
        late_action = RiskAction.objects.filter(risk=OuterRef("pk"), done_at__isnull=True, due_date__lt=today)
        risks = risks.filter(Exists(late_action), status__in=OPEN_RISK_STATUSES)
    ratings = {
        "probability": probability,
        "impact": impact,
        "residual_probability": residual_probability,
        "residual_impact": residual_impact,
    }
    risks = risks.filter(**{name: value for name, value in ratings.items() if value is not None})
    # (2p - 1) x cost orders as the EMV does: the EMV's common denominator 2n is the same for every row.
    risks = risks.annotate(
        weighted_cost=ExpressionWrapper(
            (2 * F("probability") - 1) * F("cost_impact"),
            output_field=DecimalOutput(max_digits=20, decimal_places=2),
        )
    )
    return risks.order_by(*REGISTER_SORTS.get(sort, REGISTER_SORTS["score"]))


@dataclass(frozen=True)
class HeatMapCell:
    probability: int
    impact: int
    count: int
    level: str


@dataclass(frozen=True)
class HeatMap:
    """A probability x impact grid, the most likely row first, each cell with its open risks' count."""

    rows: list[list[HeatMapCell]]
    total: int


def _grid(counts: dict[tuple[int, int], int], standards: RiskStandards) -> HeatMap:
    size = standards.scale_size
    rows = [
        [
            HeatMapCell(
                probability=probability,
                impact=impact,
                count=counts.get((probability, impact), 0),
                level=standards.level_of(probability * impact),
            )
            for impact in range(1, size + 1)
        ]
        for probability in range(size, 0, -1)
    ]
    return HeatMap(rows=rows, total=sum(cell.count for row in rows for cell in row))


def risk_heat_maps(*, user: Viewer, project_id: int, standards: RiskStandards) -> tuple[HeatMap, HeatMap]:
    """(inherent, residual) heat maps of the project's open risks on the PMO's scale, in two queries;
    the residual map counts only the risks rated after their response. Ratings off today's scale (the
    scale shrank) are left out of the grid."""
    open_risks = risk_list(user=user, project_id=project_id, open_only=True, standards=standards).order_by()
    inherent = {
        (row["probability"], row["impact"]): row["count"]
        for row in open_risks.values("probability", "impact").annotate(count=Count("id"))
    }
    residual = {
        (row["residual_probability"], row["residual_impact"]): row["count"]
        for row in open_risks.filter(residual_probability__isnull=False)
        .values("residual_probability", "residual_impact")
        .annotate(count=Count("id"))
    }
    return _grid(inherent, standards), _grid(residual, standards)


@dataclass(frozen=True)
class RegisterRights:
    """What the person may do on a project's register: edit its risks (escalated ones apart, since a
    directive PMO owns those) and its issues. Asked once per page, so no row asks the database."""

    edit: bool
    edit_escalated: bool

    def may_edit(self, risk: Risk) -> bool:
        return self.edit_escalated if risk.escalated else self.edit


def register_rights(*, user: Viewer, project: Project) -> RegisterRights:
    """The person's rights on the project's register under the PMO type in force (policy.may_edit_risk)."""
    pmo_type = project_pmo_type(project)
    facts = {
        "project_manager_id": project.project_manager_id,
        "is_member": user.is_authenticated and is_on_team(user=user, project=project),
        "pmo_type": pmo_type,
    }
    return RegisterRights(
        edit=policy.may_edit_risk(user, **facts),
        edit_escalated=policy.may_edit_risk(user, is_escalated=True, **facts),
    )
