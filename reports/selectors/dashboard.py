"""The portfolio dashboard's figures for one person, read from the rollups in a fixed number of queries.

Visibility is the project list's (projects.selectors.projects): PMO staff and admins see every project,
sponsors and PMs theirs. All visible rows are read once; the filter choices come from them and the
filters are applied to them in memory, so the dashboard costs the same queries at 10 and at 2,000
projects: the rows (with their stale marks), the slipped milestones, the 52 weekly trend points, and
governance's settings, rates and health standards.

Figures a source does not give yet are None or blank, shown as "not yet measured": health bands and
RAG before the health and status-report work, risks and resource conflicts before those issues.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db.models import Avg, Count, Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.compliance import ComplianceResult
from governance.health_standards import HealthStandards
from governance.models import User
from governance.selectors import pmo_settings
from projects.models import BaselineTask, Project, RollupMark, Status
from projects.selectors.projects import project_visibility_filter
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


@dataclass
class ProjectRow:
    """One project as the dashboard shows it; figures None where the rollup has not measured them."""

    id: int
    code: str
    name: str
    status: str
    portfolio_id: int
    portfolio_name: str
    program_id: int | None
    program_name: str
    department: str
    project_manager_id: int
    project_manager_name: str
    currency: str
    has_rollup: bool
    stale: bool
    status_date: date | None = None
    budget_at_completion: Decimal | None = None
    estimate_at_completion: Decimal | None = None
    planned_value: Decimal | None = None
    earned_value: Decimal | None = None
    actual_cost: Decimal | None = None
    schedule_performance_index: Decimal | None = None
    cost_performance_index: Decimal | None = None
    percent_complete: Decimal | None = None
    health_score: int | None = None
    health_band: str = ""
    reported_rag: str = ""
    compliance_score: int | None = None
    compliance_counts: bool = False
    milestones_due: int = 0
    milestones_slipped: int = 0
    finish_slip_days: int | None = None
    baseline_id: int | None = None
    computed_at: datetime | None = None

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
class Dashboard:
    filters: DashboardFilters
    choices: FilterChoices
    projects: list[ProjectRow]
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
    # Risks and resources are later issues: None is "not yet measured".
    top_risks: list | None = None
    resource_conflicts: list | None = None
    visible: int = 0
    scatter: list[ProjectRow] = field(default_factory=list)


def _person_name(first: str, last: str, username: str) -> str:
    return User(first_name=first or "", last_name=last or "", username=username).display_name


def _project_rows(user) -> list[ProjectRow]:
    """Every project the user sees with its rollup and stale mark: one query."""
    values = (
        Project.objects.filter(project_visibility_filter(user))
        .annotate(stale=Exists(RollupMark.objects.filter(project=OuterRef("pk"))))
        .order_by("code")
        .values_list(
            "pk",
            "code",
            "name",
            "status",
            "portfolio_id",
            "portfolio__name",
            "program_id",
            "program__name",
            "department",
            "project_manager_id",
            "project_manager__first_name",
            "project_manager__last_name",
            "project_manager__username",
            "currency",
            "stale",
            "rollup__project_id",
            "rollup__status_date",
            "rollup__currency",
            "rollup__budget_at_completion",
            "rollup__estimate_at_completion",
            "rollup__planned_value",
            "rollup__earned_value",
            "rollup__actual_cost",
            "rollup__schedule_performance_index",
            "rollup__cost_performance_index",
            "rollup__percent_complete",
            "rollup__health_score",
            "rollup__health_band",
            "rollup__reported_rag",
            "rollup__compliance_score",
            "rollup__details__compliance_counts",
            "rollup__milestones_due",
            "rollup__milestones_slipped",
            "rollup__finish_slip_days",
            "rollup__baseline_id",
            "rollup__computed_at",
        )  # fmt: skip
    )
    rows = []
    for (
        pk, code, name, status, portfolio_id, portfolio_name, program_id, program_name, department,
        manager_id, manager_first, manager_last, manager_username, currency, stale, rollup_id, status_date,
        rollup_currency, bac, eac, pv, ev, ac, spi, cpi, percent, health, band, rag, compliance,
        compliance_counts, due, slipped, slip_days, baseline_id, computed_at,
    ) in values:  # fmt: skip
        rows.append(
            ProjectRow(
                id=pk,
                code=code,
                name=name,
                status=status,
                portfolio_id=portfolio_id,
                portfolio_name=portfolio_name,
                program_id=program_id,
                program_name=program_name or "",
                department=department,
                project_manager_id=manager_id,
                project_manager_name=_person_name(manager_first, manager_last, manager_username),
                currency=rollup_currency or currency,
                has_rollup=rollup_id is not None,
                stale=stale,
                status_date=status_date,
                budget_at_completion=bac,
                estimate_at_completion=eac,
                planned_value=pv,
                earned_value=ev,
                actual_cost=ac,
                schedule_performance_index=spi,
                cost_performance_index=cpi,
                percent_complete=percent,
                health_score=health,
                health_band=band or "",
                reported_rag=rag or "",
                compliance_score=compliance,
                compliance_counts=compliance_counts is True,
                milestones_due=due or 0,
                milestones_slipped=slipped or 0,
                finish_slip_days=slip_days,
                baseline_id=baseline_id,
                computed_at=computed_at,
            )
        )
    return rows


def _choices(rows: list[ProjectRow]) -> FilterChoices:
    def distinct(pairs: Iterable[tuple]) -> list[Choice]:
        return [
            Choice(str(value), label)
            for value, label in sorted(set(pairs), key=lambda pair: (pair[1], str(pair[0])))
        ]

    statuses = {row.status for row in rows}
    return FilterChoices(
        portfolios=distinct((row.portfolio_id, row.portfolio_name) for row in rows),
        programs=distinct((row.program_id, row.program_name) for row in rows if row.program_id),
        departments=distinct((row.department, row.department) for row in rows if row.department),
        project_managers=distinct((row.project_manager_id, row.project_manager_name) for row in rows),
        statuses=[Choice(value, label) for value, label in Status.choices if value in statuses],
    )


def _matches(row: ProjectRow, filters: DashboardFilters) -> bool:
    if filters.status == OPEN and row.status in CLOSED_STATUSES:
        return False
    if filters.status not in (OPEN, ALL, "") and row.status != filters.status:
        return False
    if filters.portfolio is not None and row.portfolio_id != filters.portfolio:
        return False
    if filters.program is not None and row.program_id != filters.program:
        return False
    if filters.department and row.department != filters.department:
        return False
    if filters.project_manager is not None and row.project_manager_id != filters.project_manager:
        return False
    if filters.health_band and (row.health_band or NOT_MEASURED) != filters.health_band:
        return False
    return not (filters.rag and (row.reported_rag or NOT_MEASURED) != filters.rag)


def _counts(values: Iterable[str]) -> dict[str, int]:
    counter = Counter(value or NOT_MEASURED for value in values)
    return {key: counter.get(key, 0) for key in (*BANDS, NOT_MEASURED)}


def _money(rows: list[ProjectRow], group_by: str, reporting: ReportingMoney) -> Money:
    """Budget and EAC per group in the reporting currency, each project at the rate of its status date."""
    groups: dict[tuple, MoneyGroup] = {}
    total = MoneyGroup(key="", label=_("All projects shown"))
    rates_used: set[RateUsed] = set()
    not_converted = []
    for row in rows:
        if row.budget_at_completion is None:
            continue
        amounts = [row.budget_at_completion, row.estimate_at_completion]
        if row.currency != reporting.currency:
            on = row.status_date or timezone.localdate()
            conversions = [
                None
                if amount is None
                else reporting.rates.convert(
                    amount, from_currency=row.currency, to_currency=reporting.currency, on=on
                )
                for amount in amounts
            ]
            if conversions[0] is None or (amounts[1] is not None and conversions[1] is None):
                not_converted.append(row)
                continue
            rates_used.add(RateUsed(row.currency, conversions[0].rate, conversions[0].valid_from))
            amounts = [None if conversion is None else conversion.amount for conversion in conversions]
        sort_key, group_id, label = row.group_key(group_by)
        group = groups.setdefault((sort_key, str(group_id)), MoneyGroup(key=str(group_id or ""), label=label))
        for target in (group, total):
            target.projects += 1
            target.budget_at_completion += amounts[0]
            if amounts[1] is None:
                target.without_estimate += 1
            else:
                target.estimate_at_completion += amounts[1]
    for target in (*groups.values(), total):
        target.budget_at_completion = target.budget_at_completion.quantize(CENT)
        target.estimate_at_completion = target.estimate_at_completion.quantize(CENT)
    return Money(
        currency=reporting.currency,
        groups=[groups[key] for key in sorted(groups)],
        total=total,
        rates_used=sorted(rates_used, key=lambda rate: (rate.currency, rate.valid_from)),
        not_converted=not_converted,
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


def _slipped_milestones(rows: list[ProjectRow], status_date: date) -> list[SlippedMilestone]:
    """Milestones past their baseline date (reports.project_figures.milestone_slipped), worst first."""
    baselines = [row.baseline_id for row in rows if row.baseline_id]
    if not baselines:
        return []
    codes = {row.id: row.code for row in rows}
    late = (
        Q(task__actual_finish__isnull=False, task__actual_finish__gt=F("finish"))
        | Q(task__actual_finish__isnull=True, task__percent_complete__lt=100, finish__lt=status_date)
        | Q(
            task__actual_finish__isnull=True,
            task__percent_complete__lt=100,
            task__planned_finish__gt=F("finish"),
        )
    )
    found = (
        BaselineTask.objects.filter(
            late,
            baseline_id__in=baselines,
            task__is_milestone=True,
            task__is_summary=False,
            finish__isnull=False,
        )
        .order_by("finish", "task_id")
        .values_list(
            "task__project_id", "task__name", "finish", "task__planned_finish", "task__actual_finish"
        )
    )
    return [
        SlippedMilestone(project_id, codes.get(project_id, ""), name, finish, planned, actual)
        for project_id, name, finish, planned, actual in found[:SLIPPED_MILESTONES_SHOWN]
    ]


def _trends(rows: list[ProjectRow], today: date) -> list[TrendWeek]:
    """Per week of the last 52: average SPI, CPI and health of the projects shown, and their bands."""
    ids = [row.id for row in rows]
    if not ids:
        return []
    first_week = today - timedelta(days=today.weekday()) - timedelta(weeks=TREND_WEEKS - 1)
    weeks = (
        WeeklySnapshot.objects.filter(project_id__in=ids, week__gte=first_week)
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


def _rounded(value, places: str) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(Decimal(places))


def health_guides(standards: HealthStandards) -> dict[str, Decimal]:
    """The SPI and CPI thresholds of the health standards (green from, amber from), for the guide lines."""
    return {name: getattr(standards, name) for name in ("spi_green", "spi_amber", "cpi_green", "cpi_amber")}


def portfolio_dashboard(*, user, filters: DashboardFilters | None = None) -> Dashboard:
    """The portfolio figures of the projects the user sees, narrowed by `filters` (default: open ones)."""
    filters = filters or DashboardFilters()
    today = timezone.localdate()
    everything = _project_rows(user)
    rows = [row for row in everything if _matches(row, filters)]
    computed = [row.computed_at for row in rows if row.computed_at is not None]
    settings_row = pmo_settings()
    return Dashboard(
        filters=filters,
        choices=_choices(everything),
        projects=rows,
        visible=len(everything),
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
        slipped_milestones=_slipped_milestones(rows, today),
        compliance=_compliance(rows),
        trends=_trends(rows, today),
        guides=health_guides(settings_row.health_standards()),
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
