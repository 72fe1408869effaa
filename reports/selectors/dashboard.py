"""The portfolio dashboard's figures for one person, read from the rollups in a fixed number of queries.

Visibility is the project list's (projects.selectors.projects): PMO staff and admins see every project,
sponsors and PMs theirs. The dashboard costs the same six queries at 10 and at 2,000 projects: the filter
choices (one union over the visible projects), one narrow row per project shown (filtered in SQL, no
joins: the names come from the choices), the slipped milestones and the weekly trends of those projects,
and governance's settings and rates. Everything else is summed from the rows in one pass.

Figures a source does not give yet are None or blank, shown as "not yet measured": health bands and
RAG before the health and status-report work, resource conflicts before the resources issue.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import (
    Avg,
    BigIntegerField,
    CharField,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Value,
)
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.compliance import ComplianceResult
from governance.health_standards import HealthStandards
from governance.models import User
from governance.risk_standards import RiskStandards
from governance.selectors import pmo_settings
from projects.models import Project, RollupMark, Status
from projects.selectors.projects import project_visibility_filter
from reports import models as report_models
from reports.models import WeeklySnapshot
from reports.selectors.money import ReportingMoney, reporting_money

CENT = Decimal("0.01")
BANDS = ("green", "amber", "red")
# The value of the health band and RAG filters that asks for the projects without one yet.
NOT_MEASURED = "none"
CLOSED_STATUSES = (Status.CLOSED, Status.CANCELLED)
OPEN = "open"
ALL = "all"
GROUPINGS = ("portfolio", "program", "department", "project_manager")
TREND_WEEKS = 52
SLIPPED_MILESTONES_SHOWN = 50
TOP_RISKS_SHOWN = 10
# The project table shows a page of the projects; the API may ask for up to MAX_PAGE_SIZE.
PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
# The PMI reading of the indices, until governance's health standards say otherwise.


@dataclass(frozen=True)
class DashboardFilters:
    """What the person narrowed the dashboard to; blank or None means "every"."""

    portfolio: int | None = None
    program: int | None = None
    department: str = ""
    project_manager: int | None = None
    status: str = OPEN
    health_band: str = ""
    rag: str = ""
    group_by: str = "portfolio"


@dataclass(slots=True)
class ProjectRow:
    """One project as the dashboard shows it; figures None where the rollup has not measured them.

    Slotted and without joined names: one is built per project shown, 2,000 on a big portfolio.
    """

    id: int
    code: str
    name: str
    status: str
    portfolio_id: int
    program_id: int | None
    department: str
    project_manager_id: int
    currency: str
    has_rollup: bool
    stale: bool
    status_date: date | None
    budget_at_completion: Decimal | None
    estimate_at_completion: Decimal | None
    schedule_performance_index: Decimal | None
    cost_performance_index: Decimal | None
    percent_complete: Decimal | None
    health_score: int | None
    health_band: str
    reported_rag: str
    compliance_score: int | None
    compliance_counts: bool
    milestones_due: int
    milestones_slipped: int
    finish_slip_days: int | None
    computed_at: datetime | None
    # Filled from the filter choices, which hold every name once.
    portfolio_name: str = ""
    program_name: str = ""
    project_manager_name: str = ""
    # The worst open threat as the rollup saw it (the title as it reads now).
    top_risk_id: int | None = None
    top_risk_title: str = ""
    top_risk_score: int | None = None
    risks_open: int = 0

    def group_key(self, group_by: str) -> tuple:
        """(sort key, id, label) of the row's group under `group_by`."""
        if group_by == "program":
            return (self.program_name or "\uffff", self.program_id, self.program_name or _("No program"))
        if group_by == "department":
            return (self.department or "\uffff", self.department, self.department or _("No department"))
        if group_by == "project_manager":
            name = self.project_manager_name
            return (name, self.project_manager_id, name)
        return (self.portfolio_name, self.portfolio_id, self.portfolio_name)


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class FilterChoices:
    portfolios: list[Choice]
    programs: list[Choice]
    departments: list[Choice]
    project_managers: list[Choice]
    statuses: list[Choice]
    # How many projects the person sees before the filters.
    visible: int = 0


@dataclass(frozen=True)
class RateUsed:
    currency: str
    rate: Decimal
    valid_from: date


@dataclass
class MoneyGroup:
    """Budget (BAC) and EAC of one group in the reporting currency; EAC over the projects that have one."""

    key: str
    label: str
    projects: int = 0
    budget_at_completion: Decimal = Decimal("0.00")
    estimate_at_completion: Decimal = Decimal("0.00")
    without_estimate: int = 0


@dataclass(frozen=True)
class Money:
    currency: str
    groups: list[MoneyGroup]
    total: MoneyGroup
    rates_used: list[RateUsed]
    # Projects left out of the totals because no rate to the reporting currency is known for them.
    not_converted: list[ProjectRow]


@dataclass(frozen=True)
class SlippedMilestone:
    project_id: int
    project_code: str
    name: str
    baseline_finish: date
    planned_finish: date | None
    actual_finish: date | None


@dataclass(frozen=True)
class Compliance:
    average: Decimal | None
    counted: int
    bands: dict[str, int]


@dataclass(frozen=True)
class TrendWeek:
    week: date
    projects: int
    schedule_performance_index: Decimal | None
    cost_performance_index: Decimal | None
    health_score: Decimal | None
    bands: dict[str, int]


@dataclass(frozen=True)
class TopRisk:
    project_id: int
    project_code: str
    risk_id: int
    title: str
    score: int
    level: str


@dataclass(frozen=True)
class Dashboard:
    filters: DashboardFilters
    choices: FilterChoices
    projects: list[ProjectRow]
    # The projects the table shows (django.core.paginator: past the last page, the last page).
    page: Page
    health_bands: dict[str, int]
    reported_rag: dict[str, int]
    money: Money
    milestones_due: int
    milestones_slipped: int
    slipped_milestones: list[SlippedMilestone]
    compliance: Compliance
    trends: list[TrendWeek]
    guides: dict[str, Decimal]
    data_as_of: datetime | None
    stale: int
    never_computed: int
    # Each project's worst open threat, highest score first (the full list is the risk pages').
    top_risks: list[TopRisk] = field(default_factory=list)
    risks_open: int = 0
    # Resources are a later issue: None is "not yet measured".
    resource_conflicts: list | None = None
    visible: int = 0
    scatter: list[ProjectRow] = field(default_factory=list)


def _person_name(first: str, last: str, username: str) -> str:
    return User(first_name=first or "", last_name=last or "", username=username).display_name


CHOICE_KINDS = ("portfolio", "program", "department", "project_manager", "status", "visible")


def _choices(visible: QuerySet[Project]) -> FilterChoices:
    """The portfolios, programs, departments, PMs and statuses of every visible project: one query.

    One union of five DISTINCT reads of the same shape (kind, id, three label parts), so the names are
    read once per portfolio or person rather than once per project.
    """
    blank = Value("", output_field=CharField())
    no_id = Cast(Value(None), BigIntegerField())  # typed, or PostgreSQL takes the NULL for text

    def part(kind: str, value, *labels):
        labels = [*labels, blank, blank][:3]
        return (
            visible.order_by()
            .annotate(
                choice_kind=Value(kind, output_field=CharField()),
                choice_id=value,
                label_1=labels[0],
                label_2=labels[1],
                label_3=labels[2],
            )
            .values_list("choice_kind", "choice_id", "label_1", "label_2", "label_3")
            .distinct()
        )

    parts = [
        part("portfolio", F("portfolio_id"), F("portfolio__name")),
        part("program", F("program_id"), F("program__name")),
        part("department", no_id, F("department")),
        part(
            "project_manager",
            F("project_manager_id"),
            F("project_manager__first_name"),
            F("project_manager__last_name"),
            F("project_manager__username"),
        ),
        part("status", no_id, F("status")),
        # How many projects are visible: an aggregate over constants only, so one row.
        visible.order_by()
        .annotate(
            choice_kind=Value("visible", output_field=CharField()),
            label_1=blank,
            label_2=blank,
            label_3=blank,
        )
        .values("choice_kind", "label_1", "label_2", "label_3")
        .annotate(choice_id=Count("pk"))
        .values_list("choice_kind", "choice_id", "label_1", "label_2", "label_3"),
    ]
    found: dict[str, set[tuple]] = {kind: set() for kind in CHOICE_KINDS}
    for kind, value, first, second, third in parts[0].union(*parts[1:], all=True):
        if kind == "project_manager":
            found[kind].add((value, _person_name(first, second, third)))
        elif kind == "visible":
            found[kind].add((value, ""))
        elif kind in ("department", "status"):
            if first:
                found[kind].add((first, first))
        elif value is not None:
            found[kind].add((value, first))

    def ordered(pairs: Iterable[tuple]) -> list[Choice]:
        return [
            Choice(str(value), label)
            for value, label in sorted(pairs, key=lambda pair: (pair[1], str(pair[0])))
        ]

    statuses = {value for value, _label in found["status"]}
    return FilterChoices(
        portfolios=ordered(found["portfolio"]),
        programs=ordered(found["program"]),
        departments=ordered(found["department"]),
        project_managers=ordered(found["project_manager"]),
        statuses=[Choice(value, label) for value, label in Status.choices if value in statuses],
        visible=sum(count for count, _label in found["visible"]),
    )


def _shown(visible: QuerySet[Project], filters: DashboardFilters) -> QuerySet[Project]:
    """The visible projects narrowed by the filters, in SQL."""
    shown = visible
    if filters.status == OPEN:
        shown = shown.exclude(status__in=CLOSED_STATUSES)
    elif filters.status not in (ALL, ""):
        shown = shown.filter(status=filters.status)
    for name in ("portfolio", "program", "project_manager"):
        if getattr(filters, name) is not None:
            shown = shown.filter(**{f"{name}_id": getattr(filters, name)})
    if filters.department:
        shown = shown.filter(department=filters.department)
    for filter_value, column in ((filters.health_band, "health_band"), (filters.rag, "reported_rag")):
        if filter_value == NOT_MEASURED:
            shown = shown.filter(Q(rollup__isnull=True) | Q(**{f"rollup__{column}": ""}))
        elif filter_value:
            shown = shown.filter(**{f"rollup__{column}": filter_value})
    return shown


ROW_COLUMNS = (
    "pk", "code", "name", "status", "portfolio_id", "program_id", "department", "project_manager_id",
    "row_currency", "stale", "rollup__project_id", "rollup__status_date", "rollup__budget_at_completion",
    "rollup__estimate_at_completion", "rollup__schedule_performance_index", "rollup__cost_performance_index",
    "rollup__percent_complete", "rollup__health_score", "rollup__health_band", "rollup__reported_rag",
    "rollup__compliance_score", "compliance_counts", "rollup__milestones_due", "rollup__milestones_slipped",
    "rollup__finish_slip_days", "rollup__computed_at", "rollup__top_risk_id", "rollup__top_risk__title",
    "rollup__top_risk_score", "rollup__risks_open",
)  # fmt: skip


def _project_rows(shown: QuerySet[Project], choices: FilterChoices) -> list[ProjectRow]:
    """One narrow row per project shown, with its rollup and stale mark, in code order: one query."""
    portfolio_names = {int(choice.value): choice.label for choice in choices.portfolios}
    program_names = {int(choice.value): choice.label for choice in choices.programs}
    manager_names = {int(choice.value): choice.label for choice in choices.project_managers}
    values = (
        shown.annotate(
            stale=Exists(RollupMark.objects.filter(project=OuterRef("pk"))),
            row_currency=Coalesce("rollup__currency", "currency"),
            compliance_counts=KeyTextTransform("compliance_counts", "rollup__details"),
        )
        .order_by("code")
        .values_list(*ROW_COLUMNS)
    )
    rows = []
    for (
        pk, code, name, status, portfolio_id, program_id, department, manager_id, currency, stale, rollup_id,
        status_date, bac, eac, spi, cpi, percent, health, band, rag, compliance, compliance_counts, due,
        slipped, slip_days, computed_at, top_risk_id, top_risk_title, top_risk_score, risks_open,
    ) in values:  # fmt: skip
        rows.append(
            ProjectRow(
                pk,
                code,
                name,
                status,
                portfolio_id,
                program_id,
                department,
                manager_id,
                currency,
                rollup_id is not None,
                stale,
                status_date,
                bac,
                eac,
                spi,
                cpi,
                percent,
                health,
                band or "",
                rag or "",
                compliance,
                compliance_counts == "true",
                due or 0,
                slipped or 0,
                slip_days,
                computed_at,
                portfolio_names.get(portfolio_id, ""),
                program_names.get(program_id, ""),
                manager_names.get(manager_id, ""),
                top_risk_id,
                top_risk_title or "",
                top_risk_score,
                risks_open or 0,
            )  # fmt: skip
        )
    return rows


def _counts(values: Iterable[str]) -> dict[str, int]:
    counter = Counter(value or NOT_MEASURED for value in values)
    return {key: counter.get(key, 0) for key in (*BANDS, NOT_MEASURED)}


@dataclass
class _MoneyBucket:
    """The rows of one group in one currency on one status date: converted at one rate, together."""

    rows: list[ProjectRow] = field(default_factory=list)
    budget_at_completion: Decimal = Decimal("0")
    estimate_at_completion: Decimal = Decimal("0")
    without_estimate: int = 0


def _money(rows: list[ProjectRow], group_by: str, reporting: ReportingMoney) -> Money:
    """Budget and EAC per group in the reporting currency, each project at the rate of its status date.

    The amounts of a group that share a currency and a status date share a rate, so they are added
    first and converted once (rounded to the cent once, not once per project).
    """
    buckets: dict[tuple, _MoneyBucket] = defaultdict(_MoneyBucket)
    labels: dict[tuple, tuple[str, str]] = {}
    today = timezone.localdate()
    for row in rows:
        if row.budget_at_completion is None:
            continue
        sort_key, group_id, label = row.group_key(group_by)
        group = (sort_key, str(group_id))
        labels[group] = (str(group_id or ""), label)
        bucket = buckets[(group, row.currency, row.status_date or today)]
        bucket.rows.append(row)
        bucket.budget_at_completion += row.budget_at_completion
        if row.estimate_at_completion is None:
            bucket.without_estimate += 1
        else:
            bucket.estimate_at_completion += row.estimate_at_completion
    groups: dict[tuple, MoneyGroup] = {}
    total = MoneyGroup(key="", label=_("All projects shown"))
    rates_used: set[RateUsed] = set()
    not_converted = []
    for (group_key, currency, on), bucket in buckets.items():
        amounts = [bucket.budget_at_completion, bucket.estimate_at_completion]
        if currency != reporting.currency:
            conversions = [
                reporting.rates.convert(amount, from_currency=currency, to_currency=reporting.currency, on=on)
                for amount in amounts
            ]
            if None in conversions:
                not_converted.extend(bucket.rows)
                continue
            rates_used.add(RateUsed(currency, conversions[0].rate, conversions[0].valid_from))
            amounts = [conversion.amount for conversion in conversions]
        key, label = labels[group_key]
        group = groups.setdefault(group_key, MoneyGroup(key=key, label=label))
        with_estimate = len(bucket.rows) - bucket.without_estimate
        for target in (group, total):
            target.projects += len(bucket.rows)
            target.budget_at_completion += amounts[0]
            target.without_estimate += bucket.without_estimate
            if with_estimate:
                target.estimate_at_completion += amounts[1]
    for target in (*groups.values(), total):
        target.budget_at_completion = target.budget_at_completion.quantize(CENT)
        target.estimate_at_completion = target.estimate_at_completion.quantize(CENT)
    return Money(
        currency=reporting.currency,
        groups=[groups[key] for key in sorted(groups)],
        total=total,
        rates_used=sorted(rates_used, key=lambda rate: (rate.currency, rate.valid_from)),
        not_converted=sorted(not_converted, key=lambda row: row.code),
    )


def _compliance(rows: list[ProjectRow]) -> Compliance:
    """The average of the scores that count (controlling and directive PMOs), and every score's band."""
    counted = [
        row.compliance_score for row in rows if row.compliance_counts and row.compliance_score is not None
    ]
    bands = Counter(
        ComplianceResult(score=row.compliance_score, findings=(), not_evaluated=(), counts=True).band
        for row in rows
        if row.compliance_score is not None
    )
    average = (Decimal(sum(counted)) / len(counted)).quantize(Decimal("0.1")) if counted else None
    return Compliance(
        average=average, counted=len(counted), bands={band: bands.get(band, 0) for band in BANDS}
    )


def _slipped_milestones(shown: QuerySet[Project]) -> list[SlippedMilestone]:
    """The milestones the rollups found slipped (reports.project_figures.milestone_slipped), worst first."""
    found = (
        report_models.SlippedMilestone.objects.filter(project__in=shown.order_by().values("pk"))
        .order_by("baseline_finish", "task_id")
        .values_list(
            "project_id", "project__code", "task__name", "baseline_finish", "planned_finish", "actual_finish"
        )
    )
    return [SlippedMilestone(*row) for row in found[:SLIPPED_MILESTONES_SHOWN]]


def _trends(shown: QuerySet[Project], today: date) -> list[TrendWeek]:
    """Per week of the last 52: average SPI, CPI and health of the projects shown, and their bands."""
    first_week = today - timedelta(days=today.weekday()) - timedelta(weeks=TREND_WEEKS - 1)
    weeks = (
        WeeklySnapshot.objects.filter(project__in=shown.order_by().values("pk"), week__gte=first_week)
        .values("week")
        .annotate(
            projects=Count("pk"),
            spi=Avg("schedule_performance_index"),
            cpi=Avg("cost_performance_index"),
            health=Avg("health_score"),
            **{band: Count("pk", filter=Q(health_band=band)) for band in BANDS},
        )
        .order_by("week")
    )
    return [
        TrendWeek(
            week=week["week"],
            projects=week["projects"],
            schedule_performance_index=_rounded(week["spi"], "0.0001"),
            cost_performance_index=_rounded(week["cpi"], "0.0001"),
            health_score=_rounded(week["health"], "0.1"),
            bands={
                **{band: week[band] for band in BANDS},
                NOT_MEASURED: week["projects"] - sum(week[band] for band in BANDS),
            },
        )
        for week in weeks
    ]


def _top_risks(rows: list[ProjectRow], rules: RiskStandards) -> list[TopRisk]:
    """The worst open threat of each project shown, highest score first, then code: TOP_RISKS_SHOWN."""
    ranked = sorted(
        (row for row in rows if row.top_risk_id is not None), key=lambda row: (-row.top_risk_score, row.code)
    )
    return [
        TopRisk(
            row.id,
            row.code,
            row.top_risk_id,
            row.top_risk_title,
            row.top_risk_score,
            rules.level_of(row.top_risk_score),
        )
        for row in ranked[:TOP_RISKS_SHOWN]
    ]


def _rounded(value, places: str) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(Decimal(places))


def health_guides(standards: HealthStandards) -> dict[str, Decimal]:
    """The SPI and CPI thresholds of the health standards (green from, amber from), for the guide lines."""
    return {name: getattr(standards, name) for name in ("spi_green", "spi_amber", "cpi_green", "cpi_amber")}


def portfolio_dashboard(
    *, user, filters: DashboardFilters | None = None, page: int = 1, page_size: int = PAGE_SIZE
) -> Dashboard:
    """The portfolio figures of the projects the user sees, narrowed by `filters` (default: open ones).

    `projects` holds every project shown, in group order then code, and `page` the ones the table shows.
    """
    filters = filters or DashboardFilters()
    today = timezone.localdate()
    visible = Project.objects.filter(project_visibility_filter(user))
    choices = _choices(visible)
    shown = _shown(visible, filters)
    rows = _project_rows(shown, choices)
    rows.sort(key=lambda row: row.group_key(filters.group_by)[:2])  # stable: code order within a group
    computed = [row.computed_at for row in rows if row.computed_at is not None]
    settings_row = pmo_settings()
    return Dashboard(
        filters=filters,
        choices=choices,
        projects=rows,
        page=Paginator(rows, page_size).get_page(page),
        visible=choices.visible,
        health_bands=_counts(row.health_band for row in rows),
        reported_rag=_counts(row.reported_rag for row in rows),
        scatter=[
            row
            for row in rows
            if row.schedule_performance_index is not None and row.cost_performance_index is not None
        ],
        money=_money(rows, filters.group_by, reporting_money(settings_row)),
        milestones_due=sum(row.milestones_due for row in rows),
        milestones_slipped=sum(row.milestones_slipped for row in rows),
        slipped_milestones=_slipped_milestones(shown) if rows else [],
        compliance=_compliance(rows),
        trends=_trends(shown, today) if rows else [],
        guides=health_guides(settings_row.health_standards()),
        top_risks=_top_risks(rows, settings_row.risk_standards()),
        risks_open=sum(row.risks_open for row in rows),
        data_as_of=min(computed) if computed else None,
        stale=sum(1 for row in rows if row.stale),
        never_computed=sum(1 for row in rows if not row.has_rollup),
    )


def groups_of(rows: list[ProjectRow], group_by: str) -> list[tuple[str, list[ProjectRow]]]:
    """The rows by group (portfolio, program, department or PM), groups in label order."""
    grouped: dict[tuple, list[ProjectRow]] = defaultdict(list)
    labels = {}
    for row in rows:
        sort_key, group_id, label = row.group_key(group_by)
        grouped[(sort_key, str(group_id))].append(row)
        labels[(sort_key, str(group_id))] = label
    return [(labels[key], grouped[key]) for key in sorted(grouped)]
