"""One project's dashboard: its rollup, weekly snapshots, burndown and milestones, in four queries."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Exists, OuterRef, Subquery

from governance.selectors import health_standards
from projects.burndown import BurndownReading
from projects.models import BaselineTask, Project, RollupMark, Task
from projects.selectors.burndown import burndown_point_list
from reports.evm import OUTPUT_KEYS
from reports.health import HealthResult
from reports.models import ProjectRollup, WeeklySnapshot
from reports.project_health import health_from_stored


@dataclass(frozen=True)
class Milestone:
    id: int
    name: str
    wbs_code: str
    planned_finish: date | None
    baseline_finish: date | None
    actual_finish: date | None
    percent_complete: int

    @property
    def slip_days(self) -> int | None:
        """Calendar days the milestone is (or finished) after its baseline date; None without one."""
        finish = self.actual_finish or self.planned_finish
        if finish is None or self.baseline_finish is None:
            return None
        return (finish - self.baseline_finish).days


@dataclass(frozen=True)
class CurvePoint:
    day: date
    value: Decimal | None


@dataclass(frozen=True)
class ProjectDashboard:
    project: Project
    rollup: ProjectRollup | None
    stale: bool
    metrics: dict[str, Decimal | None]
    planned_value_curve: list[CurvePoint]
    earned_value_curve: list[CurvePoint]
    actual_cost_curve: list[CurvePoint]
    # From (status date, AC) to (planned finish, EAC): where the cost is heading.
    estimate_projection: list[CurvePoint]
    burndown: list[BurndownReading]
    milestones: list[Milestone]
    health: dict | None


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def evm_metrics(rollup: ProjectRollup | None) -> dict[str, Decimal | None]:
    """Every EVM metric of the rollup (reports.evm.OUTPUT_KEYS), None where not defined or not computed."""
    stored = (rollup.details or {}).get("evm", {}) if rollup else {}
    return {key: _decimal(stored.get(key)) for key in OUTPUT_KEYS}


def planned_value_curve(rollup: ProjectRollup | None) -> list[CurvePoint]:
    """Cumulative PV at the end (Sunday) of each week of the baseline, from the rollup's weekly curve."""
    if rollup is None or not rollup.details.get("curve_start"):
        return []
    start = date.fromisoformat(rollup.details["curve_start"])
    return [
        CurvePoint(start + timedelta(days=7 * week - 1), _decimal(value))
        for week, value in enumerate(rollup.details.get("pv_curve", []), start=1)
    ]


def project_dashboard(*, project: Project) -> ProjectDashboard:
    """The project's dashboard figures; a project not rolled up yet has no rollup and empty curves.

    EV and AC per week come from the weekly snapshots, the last point from the rollup itself, so a
    project without snapshots shows only today's point.
    """
    rollup = (
        ProjectRollup.objects.filter(project=project)
        .select_related("top_risk")
        .annotate(stale=Exists(RollupMark.objects.filter(project=OuterRef("project"))))
        .first()
    )
    snapshots = list(
        WeeklySnapshot.objects.filter(project=project)
        .order_by("week")
        .values_list("status_date", "earned_value", "actual_cost")
    )
    earned, actual = [], []
    for status_date, earned_value, actual_cost in snapshots:
        if rollup is not None and status_date >= rollup.status_date:
            continue
        earned.append(CurvePoint(status_date, earned_value))
        actual.append(CurvePoint(status_date, actual_cost))
    projection = []
    if rollup is not None:
        earned.append(CurvePoint(rollup.status_date, rollup.earned_value))
        actual.append(CurvePoint(rollup.status_date, rollup.actual_cost))
        finish = rollup.planned_finish or rollup.baseline_finish
        if rollup.actual_cost is not None and rollup.estimate_at_completion is not None and finish:
            projection = [
                CurvePoint(rollup.status_date, rollup.actual_cost),
                CurvePoint(max(finish, rollup.status_date), rollup.estimate_at_completion),
            ]
    baseline_id = rollup.baseline_id if rollup else None
    milestones = [
        Milestone(
            id=task.pk,
            name=task.name,
            wbs_code=task.wbs_code,
            planned_finish=task.planned_finish,
            baseline_finish=task.baseline_finish,
            actual_finish=task.actual_finish,
            percent_complete=task.percent_complete,
        )
        for task in Task.objects.filter(project=project, is_milestone=True)
        .annotate(
            baseline_finish=Subquery(
                BaselineTask.objects.filter(baseline_id=baseline_id, task=OuterRef("pk")).values("finish")[:1]
            )
        )
        .order_by("planned_finish", "outline_order", "pk")
    ]
    return ProjectDashboard(
        project=project,
        rollup=rollup,
        stale=bool(rollup.stale) if rollup else True,
        metrics=evm_metrics(rollup),
        planned_value_curve=planned_value_curve(rollup),
        earned_value_curve=earned,
        actual_cost_curve=actual,
        estimate_projection=projection,
        burndown=list(burndown_point_list(project=project)),
        milestones=milestones,
        health=rollup_health(rollup),
    )


def rollup_health(rollup: ProjectRollup | None) -> HealthResult | None:
    """The health breakdown of a stored rollup under the standards in force, in the reader's language;
    None before the project's first rollup."""
    inputs = (rollup.details or {}).get("health_inputs") if rollup else None
    if inputs is None:
        return None
    return health_from_stored(inputs, health_standards())
