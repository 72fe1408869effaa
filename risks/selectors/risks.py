"""Reads of the risk register and the issue log for the person asking, and a project's risk figures.

Visibility follows the projects': PMO staff and admins see every project's register, others those of
the projects they manage, sponsor or are on (projects.selectors.projects). Each list arrives with what it
shows already joined, and the level of each risk is banded in the query under the standards in force.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.db.models import Case, CharField, Count, F, Q, QuerySet, Sum, Value, When
from django.utils import timezone

from governance.risk_standards import RISK_LEVELS, RiskStandards, money
from governance.selectors import risk_standards
from projects.models import Project
from projects.selectors.projects import Viewer, project_visibility_filter
from risks.models import OPEN_ISSUE_STATUSES, OPEN_RISK_STATUSES, Issue, Risk, RiskAction, RiskKind


def _visible_projects(user: Viewer) -> QuerySet[Project]:
    return Project.objects.filter(project_visibility_filter(user)).values("pk")


def level_expression(standards: RiskStandards) -> Case:
    """The level of a risk's score under `standards`, as SQL (the bands of governance.risk_standards)."""
    return Case(
        When(score__gte=standards.critical_from, then=Value("critical")),
        When(score__gte=standards.high_from, then=Value("high")),
        When(score__gte=standards.medium_from, then=Value("medium")),
        default=Value("low"),
        output_field=CharField(),
    )


def level_condition(level: str, standards: RiskStandards) -> Q:
    """The risks whose score lies in `level`'s band under `standards` (an unknown level: none)."""
    bounds = {
        "low": (None, standards.medium_from),
        "medium": (standards.medium_from, standards.high_from),
        "high": (standards.high_from, standards.critical_from),
        "critical": (standards.critical_from, None),
    }
    if level not in bounds:
        return Q(pk__in=[])
    low, high = bounds[level]
    condition = Q()
    if low is not None:
        condition &= Q(score__gte=low)
    if high is not None:
        condition &= Q(score__lt=high)
    return condition


def risk_list(
    *,
    user: Viewer,
    project_id: int | None = None,
    portfolio_id: int | None = None,
    category: str = "",
    level: str = "",
    status: str = "",
    owner_id: int | None = None,
    escalated: bool | None = None,
    open_only: bool = False,
    overdue_on: datetime.date | None = None,
    standards: RiskStandards | None = None,
) -> QuerySet[Risk]:
    """The risks the user may see, worst first, with project, portfolio and owner joined and `level`
    annotated; narrowed by each filter given. `overdue_on` keeps the open risks whose review date is
    before that day."""
    standards = standards or risk_standards()
    risks = (
        Risk.objects.filter(project__in=_visible_projects(user))
        .select_related("project__portfolio", "owner", "response_signed_off_by")
        .prefetch_related("linked_tasks")
        .annotate(level=level_expression(standards))
        .order_by("-score", "project__code", "id")
    )
    if project_id is not None:
        risks = risks.filter(project_id=project_id)
    if portfolio_id is not None:
        risks = risks.filter(project__portfolio_id=portfolio_id)
    if category:
        risks = risks.filter(category=category)
    if level:
        risks = risks.filter(level_condition(level, standards))
    if status:
        risks = risks.filter(status=status)
    if owner_id is not None:
        risks = risks.filter(owner_id=owner_id)
    if escalated is not None:
        risks = risks.filter(escalated=escalated)
    if open_only:
        risks = risks.filter(status__in=OPEN_RISK_STATUSES)
    if overdue_on is not None:
        risks = risks.filter(status__in=OPEN_RISK_STATUSES, review_date__lt=overdue_on)
    return risks


def risk_detail(*, user: Viewer, risk_id: int) -> Risk:
    """One visible risk as risk_list gives it; Risk.DoesNotExist when unknown or hidden."""
    return risk_list(user=user).get(pk=risk_id)


def risk_action_list(*, user: Viewer, risk_id: int | None = None) -> QuerySet[RiskAction]:
    """The response actions of the visible risks (of one when given), soonest due first, owners joined."""
    actions = (
        RiskAction.objects.filter(risk__project__in=_visible_projects(user))
        .select_related("owner", "risk")
        .order_by("due_date", "id")
    )
    if risk_id is not None:
        actions = actions.filter(risk_id=risk_id)
    return actions


def risk_action_detail(*, user: Viewer, action_id: int) -> RiskAction:
    """One response action of a visible risk; RiskAction.DoesNotExist when unknown or hidden."""
    return risk_action_list(user=user).get(pk=action_id)


def pmo_risk_queue(*, user: Viewer) -> QuerySet[Risk]:
    """The PMO's queue: the open escalated risks the user may see, worst score first, then the longest
    escalated, with whether their response is signed off on each row."""
    return risk_list(user=user, escalated=True, open_only=True).order_by("-score", "escalated_at", "id")


def issue_list(
    *,
    user: Viewer,
    project_id: int | None = None,
    portfolio_id: int | None = None,
    severity: str = "",
    status: str = "",
    owner_id: int | None = None,
    overdue_on: datetime.date | None = None,
) -> QuerySet[Issue]:
    """The issues the user may see, newest first, with project, portfolio, owner and risk joined;
    `overdue_on` keeps the open issues due before that day."""
    issues = (
        Issue.objects.filter(project__in=_visible_projects(user))
        .select_related("project__portfolio", "owner", "risk")
        .order_by("-created_at", "-id")
    )
    if project_id is not None:
        issues = issues.filter(project_id=project_id)
    if portfolio_id is not None:
        issues = issues.filter(project__portfolio_id=portfolio_id)
    if severity:
        issues = issues.filter(severity=severity)
    if status:
        issues = issues.filter(status=status)
    if owner_id is not None:
        issues = issues.filter(owner_id=owner_id)
    if overdue_on is not None:
        issues = issues.filter(status__in=OPEN_ISSUE_STATUSES, due_date__lt=overdue_on)
    return issues


def issue_detail(*, user: Viewer, issue_id: int) -> Issue:
    """One visible issue as issue_list gives it; Issue.DoesNotExist when unknown or hidden."""
    return issue_list(user=user).get(pk=issue_id)


@dataclass(frozen=True)
class RiskFigures:
    """A project's risk figures: its contingency reserve and how many open risks sit at each level.

    contingency_reserve: the sum of the expected monetary values of its open threats (probability share
    x cost impact, governance.risk_standards), in the project's currency, summed exactly and rounded to
    the cent once. Opportunities are left out: a reserve covers what may go wrong, and counting a hoped-for
    saving against it would shrink it.
    """

    project_id: int
    currency: str
    contingency_reserve: Decimal = Decimal("0.00")
    open_by_level: dict[str, int] = field(default_factory=lambda: dict.fromkeys(RISK_LEVELS, 0))
    escalated_open: int = 0

    @property
    def open_total(self) -> int:
        return sum(self.open_by_level.values())


def risk_figures(
    *, project_ids: Iterable[int], standards: RiskStandards | None = None
) -> dict[int, RiskFigures]:
    """{project id: RiskFigures} for the given projects, in one query (visibility is the caller's)."""
    standards = standards or risk_standards()
    ids = sorted(set(project_ids))
    is_open = Q(risks__status__in=OPEN_RISK_STATUSES)
    # (2p - 1) x cost is the EMV's numerator; the common denominator 2n is applied once, exactly.
    weighted_cost = (2 * F("risks__probability") - 1) * F("risks__cost_impact")
    levels = {
        level: Count("risks", filter=is_open & _prefixed(level_condition(level, standards)))
        for level in RISK_LEVELS
    }
    rows = (
        Project.objects.filter(pk__in=ids)
        .values("pk", "currency")
        .annotate(
            weighted_cost=Sum(weighted_cost, filter=is_open & Q(risks__kind=RiskKind.THREAT)),
            escalated_open=Count("risks", filter=is_open & Q(risks__escalated=True)),
            **{f"level_{level}": count for level, count in levels.items()},
        )
        .order_by()
    )
    figures = {}
    for row in rows:
        weighted = row["weighted_cost"] or Decimal("0")
        figures[row["pk"]] = RiskFigures(
            project_id=row["pk"],
            currency=row["currency"],
            contingency_reserve=money(Fraction(weighted) / (2 * standards.scale_size)),
            open_by_level={level: row[f"level_{level}"] for level in RISK_LEVELS},
            escalated_open=row["escalated_open"],
        )
    return figures


def _prefixed(condition: Q) -> Q:
    """A condition on a risk's fields, rewritten for a query over projects (risks__...)."""
    rewritten = Q()
    rewritten.connector, rewritten.negated = condition.connector, condition.negated
    for child in condition.children:
        rewritten.children.append(
            _prefixed(child) if isinstance(child, Q) else (f"risks__{child[0]}", child[1])
        )
    return rewritten


@dataclass(frozen=True)
class OpenRisk:
    """What a rollup needs of one open risk."""

    id: int
    kind: str
    probability: int
    score: int
    # The residual score where the residual rating is set, else the inherent one.
    current_score: int
    cost_impact: Decimal | None
    escalated: bool


def open_risks_by_project(*, project_ids: Iterable[int]) -> dict[int, list[OpenRisk]]:
    """{project id: its open risks}, in one query (visibility is the caller's)."""
    found: dict[int, list[OpenRisk]] = {}
    rows = (
        Risk.objects.filter(project_id__in=list(project_ids), status__in=OPEN_RISK_STATUSES)
        .order_by()
        .values_list(
            "pk",
            "project_id",
            "kind",
            "probability",
            "score",
            "residual_probability",
            "residual_impact",
            "cost_impact",
            "escalated",
        )  # fmt: skip
    )
    for pk, project_id, kind, probability, score, residual_p, residual_i, cost, escalated in rows:
        current = residual_p * residual_i if residual_p is not None and residual_i is not None else score
        found.setdefault(project_id, []).append(
            OpenRisk(pk, kind, probability, score, current, cost, escalated)
        )
    return found


def risks_raised_between(*, project_id: int, first_day: datetime.date, last_day: datetime.date) -> list[dict]:
    """The risks raised on the project from `first_day` to `last_day` (local dates), oldest first, as a
    status report's figures keep them (JSON-ready)."""
    raised = (
        Risk.objects.filter(project_id=project_id, created_at__date__range=(first_day, last_day))
        .order_by("created_at", "pk")
        .values("pk", "title", "kind", "score", "created_at")
    )
    return [
        {
            "risk": row["pk"],
            "title": row["title"],
            "kind": row["kind"],
            "score": row["score"],
            "raised": timezone.localdate(row["created_at"]),
        }
        for row in raised
    ]
