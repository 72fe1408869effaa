"""Rollups: each project's dashboard figures recomputed from its source rows, never incremented.

A recompute is idempotent: the same source rows give the same row, so a duplicate or late delivery of
a task changes nothing. Draining reads the stale marks with their generation and deletes a mark only
when its generation is unchanged, so an edit made while its project was being recomputed keeps the
mark and is recomputed again.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from functools import reduce
from operator import or_

from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Mod
from django.utils import timezone

from governance.health_standards import HealthStandards, index_rag
from governance.risk_standards import RiskStandards, money
from governance.selectors import pmo_settings
from projects.models import Project, RollupMark
from reports.models import ProjectRollup, SlippedMilestone, WeeklySnapshot
from reports.project_figures import project_figures
from reports.project_health import score_and_band_from_stored, stored_health_inputs
from reports.selectors.rollup_sources import ProjectSources, rollup_sources
from risks.models import RiskKind

CHUNK_SIZE = 200

# The columns a rollup writes, and so the ones a reconcile compares.
ROLLUP_FIELDS = (
    "status_date",
    "currency",
    "baseline",
    "budget_at_completion",
    "planned_value",
    "earned_value",
    "actual_cost",
    "estimate_at_completion",
    "schedule_performance_index",
    "cost_performance_index",
    "percent_complete",
    "health_score",
    "health_band",
    "compliance_score",
    "planned_start",
    "planned_finish",
    "baseline_finish",
    "finish_slip_days",
    "reported_rag",
    "schedule_rag",
    "cost_rag",
    "milestones_total",
    "milestones_done",
    "milestones_due",
    "milestones_slipped",
    "scope_changes",
    "risk_exposure",
    "risks_open",
    "risks_escalated",
    "contingency_reserve",
    "top_risk",
    "top_risk_score",
    "details",
)
SLIP_FIELDS = ("task_id", "baseline_finish", "planned_finish", "actual_finish")
SNAPSHOT_FIELDS = (
    "status_date",
    "currency",
    "budget_at_completion",
    "planned_value",
    "earned_value",
    "actual_cost",
    "estimate_at_completion",
    "schedule_performance_index",
    "cost_performance_index",
    "percent_complete",
    "health_score",
    "health_band",
    "compliance_score",
    "planned_finish",
    "baseline_finish",
)


def computed_rollups(project_ids: Iterable[int], *, status_date: date) -> dict[int, ProjectRollup]:
    """Unsaved rollup rows of the projects as of `status_date`, computed from their source rows."""
    sources = rollup_sources(list(project_ids), status_date=status_date)
    if not sources:
        return {}
    now = timezone.now()
    settings_row = pmo_settings()
    standards, risk_rules = settings_row.health_standards(), settings_row.risk_standards()
    return {
        project_id: _rollup_of(
            source, status_date=status_date, computed_at=now, standards=standards, risk_rules=risk_rules
        )
        for project_id, source in sources.items()
    }


@dataclass(frozen=True)
class RiskFigures:
    exposure: Decimal
    open: int
    escalated: int
    contingency_reserve: Decimal
    top_risk_id: int | None
    top_risk_score: int | None


def _risk_figures(source: ProjectSources, rules: RiskStandards) -> RiskFigures:
    """Exposure, contingency (the exact EMV of the open threats, rounded once) and the worst open threat:
    highest score, then highest EMV, then the oldest."""
    threats = [risk for risk in source.open_risks if risk.kind == RiskKind.THREAT]
    emv = {
        risk.id: rules.exact_expected_monetary_value(
            probability=risk.probability, cost_impact=risk.cost_impact
        )
        for risk in threats
    }
    worst = max(threats, key=lambda risk: (risk.score, emv[risk.id], -risk.id), default=None)
    return RiskFigures(
        exposure=rules.exposure([risk.current_score for risk in threats]),
        open=len(source.open_risks),
        escalated=sum(1 for risk in source.open_risks if risk.escalated),
        contingency_reserve=money(sum(emv.values(), Fraction(0))),
        top_risk_id=worst.id if worst else None,
        top_risk_score=worst.score if worst else None,
    )


def _rollup_of(
    source: ProjectSources,
    *,
    status_date: date,
    computed_at,
    standards: HealthStandards,
    risk_rules: RiskStandards,
) -> ProjectRollup:
    project = source.project
    figures = project_figures(
        source.rows,
        status_date=status_date,
        calendar=source.calendar,
        actual_cost=source.actual_cost,
        has_baseline=source.baseline is not None,
    )
    metrics = figures.metrics
    compliance = source.compliance.result if source.compliance else None
    report = source.latest_report
    risks = _risk_figures(source, risk_rules)
    health_inputs = stored_health_inputs(
        metrics=metrics,
        currency=project.currency,
        has_baseline=source.baseline is not None,
        scope_changes=source.scope_changes,
        risk_exposure=risks.exposure,
        customer_satisfaction=report.customer_satisfaction if report else None,
        team_morale=report.team_morale if report else None,
        # Under a supportive PMO compliance only informs: it is not part of health (DOMAIN.md).
        compliance_score=compliance.score if compliance and compliance.counts else None,
    )
    health_score, health_band = score_and_band_from_stored(health_inputs, standards)
    rollup = ProjectRollup(
        project=project,
        status_date=status_date,
        currency=project.currency,
        baseline=source.baseline,
        budget_at_completion=metrics["bac"],
        planned_value=metrics["pv"],
        earned_value=metrics["ev"],
        actual_cost=metrics["ac"],
        estimate_at_completion=metrics["eac"],
        schedule_performance_index=metrics["spi"],
        cost_performance_index=metrics["cpi"],
        percent_complete=figures.percent_complete,
        health_score=health_score,
        health_band=health_band or "",
        compliance_score=compliance.score if compliance else None,
        planned_start=figures.planned_start,
        planned_finish=figures.planned_finish,
        baseline_finish=figures.baseline_finish,
        finish_slip_days=figures.finish_slip_days,
        reported_rag=report.overall_rag if report else "",
        schedule_rag=index_rag(metrics["spi"], green=standards.spi_green, amber=standards.spi_amber) or "",
        cost_rag=index_rag(metrics["cpi"], green=standards.cpi_green, amber=standards.cpi_amber) or "",
        milestones_total=figures.milestones_total,
        milestones_done=figures.milestones_done,
        milestones_due=figures.milestones_due,
        milestones_slipped=figures.milestones_slipped,
        scope_changes=source.scope_changes,
        risk_exposure=risks.exposure,
        risks_open=risks.open,
        risks_escalated=risks.escalated,
        contingency_reserve=risks.contingency_reserve,
        top_risk_id=risks.top_risk_id,
        top_risk_score=risks.top_risk_score,
        details={
            "evm": {key: _json_number(value) for key, value in metrics.items()},
            "baseline_name": source.baseline.name if source.baseline else "",
            "curve_start": figures.curve_start.isoformat() if figures.curve_start else None,
            "pv_curve": [_json_number(value) for value in figures.pv_curve],
            "compliance_counts": compliance.counts if compliance else None,
            "health_inputs": health_inputs,
        },
        computed_at=computed_at,
    )
    # Carried beside the row (not a column): _store writes them to their own table with it.
    rollup.slipped_milestones = [
        SlippedMilestone(
            project_id=project.pk,
            task_id=row.task_id,
            baseline_finish=row.baseline_finish,
            planned_finish=row.planned_finish,
            actual_finish=row.actual_finish,
        )
        for row in figures.slipped_milestones
    ]
    return rollup


def _json_number(value: Decimal | None) -> str | None:
    """Decimals kept as strings in JSON, so a reconcile compares them exactly."""
    return None if value is None else str(value)


def rollup_recompute(*, project_ids: Iterable[int], status_date: date | None = None) -> int:
    """Recompute and store the rollups of the projects; returns how many rows were written."""
    status_date = status_date or timezone.localdate()
    ids = sorted(set(project_ids))
    written = 0
    for start in range(0, len(ids), CHUNK_SIZE):
        rows = list(computed_rollups(ids[start : start + CHUNK_SIZE], status_date=status_date).values())
        _store(rows)
        written += len(rows)
    return written


@transaction.atomic
def _store(rows: list[ProjectRollup]) -> None:
    """Upsert the rollups and replace their projects' slipped milestones, together."""
    if rows:
        ProjectRollup.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["project"],
            update_fields=[*ROLLUP_FIELDS, "computed_at"],
        )
        SlippedMilestone.objects.filter(project_id__in=[row.project_id for row in rows]).delete()
        SlippedMilestone.objects.bulk_create(
            [milestone for row in rows for milestone in row.slipped_milestones], batch_size=1000
        )


@dataclass(frozen=True)
class DrainResult:
    recomputed: int
    remaining: int


def rollup_drain(
    *, chunk_size: int = CHUNK_SIZE, max_chunks: int = 50, part: int = 0, parts: int = 1
) -> DrainResult:
    """Recompute the projects marked stale, oldest mark first, in chunks; returns what was done and left.

    With `parts` > 1 only the marks of projects whose id leaves remainder `part` (project id modulo
    `parts`): drains of different parts never share a project, so a worker's processes drain side by
    side without claiming marks. `remaining` counts the part's marks.

    Each chunk: read the marks with their generation, recompute and store, then delete the marks whose
    generation is unchanged. Store and delete commit apart: a crash in between leaves marks that only
    cause one more (idempotent) recompute, and the drain never holds a mark's lock while its commit
    waits on an edit's lock of the project (PostgreSQL checks the rollup's foreign key at commit).
    """
    recomputed = 0
    status_date = timezone.localdate()
    marks_of_part = RollupMark.objects.all()
    if parts > 1:
        marks_of_part = marks_of_part.alias(part=Mod("project_id", parts)).filter(part=part)
    for _chunk in range(max_chunks):
        oldest_first = marks_of_part.order_by("marked_at")
        marks = list(oldest_first.values_list("project_id", "generation")[:chunk_size])
        if not marks:
            break
        rows = computed_rollups([project_id for project_id, _generation in marks], status_date=status_date)
        _store(list(rows.values()))
        RollupMark.objects.filter(
            reduce(or_, (Q(project_id=pk, generation=generation) for pk, generation in marks))
        ).delete()
        recomputed += len(rows)
    return DrainResult(recomputed=recomputed, remaining=marks_of_part.count())


def rollup_rebuild_all(*, status_date: date | None = None) -> int:
    """Recompute every project (the nightly full rebuild); returns how many rows were written."""
    written = rollup_recompute(
        project_ids=Project.objects.values_list("pk", flat=True), status_date=status_date
    )
    ProjectRollup.objects.exclude(project_id__in=Project.objects.values("pk")).delete()
    return written


@dataclass(frozen=True)
class Drift:
    project_id: int
    field: str
    stored: object
    computed: object


def rollup_drift(*, status_date: date | None = None) -> list[Drift]:
    """Where the stored rollups differ from a direct recompute of every project (goal: nothing).

    A project without a stored rollup drifts on every field; rows are compared as of `status_date`,
    and the slipped milestones stored against those found (field "slipped_milestones").
    """
    status_date = status_date or timezone.localdate()
    drift = []
    ids = list(Project.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK_SIZE):
        chunk = ids[start : start + CHUNK_SIZE]
        stored = ProjectRollup.objects.in_bulk(chunk)
        stored_slips: dict[int, set[tuple]] = {}
        for project_id, *slip in SlippedMilestone.objects.filter(project_id__in=chunk).values_list(
            "project_id", *SLIP_FIELDS
        ):
            stored_slips.setdefault(project_id, set()).add(tuple(slip))
        for project_id, computed in computed_rollups(chunk, status_date=status_date).items():
            row = stored.get(project_id)
            for name in ROLLUP_FIELDS:
                field = ProjectRollup._meta.get_field(name)
                attribute = field.attname
                stored_value = getattr(row, attribute) if row is not None else None
                computed_value = getattr(computed, attribute)
                if row is None or stored_value != computed_value:
                    drift.append(Drift(project_id, name, stored_value, computed_value))
            found = {
                tuple(getattr(milestone, name) for name in SLIP_FIELDS)
                for milestone in computed.slipped_milestones
            }
            if found != stored_slips.get(project_id, set()):
                drift.append(
                    Drift(
                        project_id,
                        "slipped_milestones",
                        sorted(stored_slips.get(project_id, ())),
                        sorted(found),
                    )
                )
    return drift


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def snapshots_take(*, status_date: date | None = None) -> int:
    """Upsert this week's snapshot of every project from its rollup; idempotent within the week."""
    status_date = status_date or timezone.localdate()
    week = monday_of(status_date)
    now = timezone.now()
    rows = [
        WeeklySnapshot(
            project_id=rollup.project_id,
            week=week,
            portfolio_id=rollup.project.portfolio_id,
            project_status=rollup.project.status,
            taken_at=now,
            **{name: getattr(rollup, name) for name in SNAPSHOT_FIELDS},
        )
        for rollup in ProjectRollup.objects.select_related("project")
    ]
    WeeklySnapshot.objects.bulk_create(
        rows,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["project", "week"],
        update_fields=[*SNAPSHOT_FIELDS, "portfolio", "project_status", "taken_at"],
    )
    return len(rows)
