"""Runs of a project's schedule-risk simulation over its stored plan; nothing is stored.

The activities are the scheduler's own (projects.services.reschedule.plan_activities): every work task
and milestone with its links, constraints and pinned starts, on working-day periods of the project's
calendar. A task with a three-point estimate (stored, or given for this run) has its duration drawn; the
others keep their planned duration. A finished task keeps its actual duration whatever its estimate.
Finishes come back both in working days from the plan's start and as dates on the project's calendar.
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from projects.models import Dependency, Project, Task
from projects.scheduling import SchedulingError
from projects.selectors.calendars import plan_work_calendar
from projects.services.reschedule import plan_activities
from projects.workcalendar import PlanCalendar
from risks.models import TaskEstimate
from risks.schedule_risk import (
    DEFAULT_ITERATIONS,
    ScheduleRiskError,
    ScheduleRiskResult,
    ThreePointEstimate,
    simulate_schedule_risk,
)

# A finish this close above a whole period is that period's: float sums of whole days carry ~1e-12.
_PERIOD_ROUNDING = 1e-9


def finish_date(calendar: PlanCalendar, finish_period: float) -> date:
    """The last working day of work that ends at `finish_period` (working days from the start)."""
    boundary = max(math.ceil(finish_period - _PERIOD_ROUNDING), 0)
    return calendar.span_dates(0, boundary)[1]


@dataclass(frozen=True)
class Percentile:
    working_days: float
    date: date


@dataclass(frozen=True)
class TaskShare:
    """One task's criticality (share of iterations on the critical path) or tornado sensitivity."""

    task_id: int
    name: str
    wbs_code: str
    value: float


@dataclass(frozen=True)
class HistogramBin:
    low: float
    high: float
    finish: date  # the date of the bin's upper end
    count: int


@dataclass(frozen=True)
class SCurveStep:
    finish: date
    working_days: float
    probability: float


@dataclass(frozen=True)
class ProjectScheduleRisk:
    """A run's figures with dates: the percentiles, the mean, the chance of the target, the charts."""

    result: ScheduleRiskResult
    planned_finish: Percentile
    target: Percentile
    p50: Percentile
    p80: Percentile
    p90: Percentile
    mean: Percentile
    histogram: list[HistogramBin]
    s_curve: list[SCurveStep]
    criticality: list[TaskShare]  # most often critical first
    tornado: list[TaskShare]  # largest |sensitivity| first


def schedule_risk_tasks(*, project: Project) -> list[Task]:
    """The project's work tasks and milestones in outline order, each with its stored estimate joined
    (`risk_estimate` or none). One query."""
    return list(
        Task.objects.filter(project=project, is_summary=False)
        .select_related("risk_estimate")
        .order_by("outline_order", "position", "id")
    )


def stored_estimates(tasks: list[Task]) -> dict[int, ThreePointEstimate]:
    """{task id: estimate} of the tasks given that have one (loaded with schedule_risk_tasks)."""
    estimates = {}
    for task in tasks:
        try:
            row = task.risk_estimate
        except TaskEstimate.DoesNotExist:
            continue
        estimates[task.pk] = ThreePointEstimate(
            float(row.optimistic), float(row.most_likely), float(row.pessimistic)
        )
    return estimates


def project_schedule_risk(
    *,
    project: Project,
    iterations: int = DEFAULT_ITERATIONS,
    seed: int | None = None,
    distribution: str = "triangular",
    target_finish: date | None = None,
    estimates: Mapping[int, tuple[Decimal, Decimal, Decimal]] | None = None,
) -> ProjectScheduleRisk:
    """Simulate the project's plan; `estimates` override the stored ones for this run only.

    The target defaults to the planned finish. Raises ValidationError naming the field refused
    (estimates.<task id> for a task not among the plan's work tasks and milestones).
    """
    calendar = plan_work_calendar(project)
    tasks = list(
        Task.objects.filter(project=project).order_by("position", "id").select_related("risk_estimate")
    )
    leaves = {task.pk: task for task in tasks if not task.is_summary}
    links = list(
        Dependency.objects.filter(project=project).values_list(
            "predecessor_id", "successor_id", "type", "lag_days"
        )
    )
    chosen = stored_estimates(list(leaves.values()))
    unknown = [task_id for task_id in (estimates or {}) if task_id not in leaves]
    if unknown:
        message = _("This is not a work task or milestone of this project's plan.")
        raise ValidationError({f"estimates.{task_id}": [message] for task_id in unknown})
    for task_id, (optimistic, most_likely, pessimistic) in (estimates or {}).items():
        chosen[task_id] = ThreePointEstimate(float(optimistic), float(most_likely), float(pessimistic))
    for task_id in [task_id for task_id in chosen if leaves[task_id].actual_finish is not None]:
        del chosen[task_id]
    if not leaves:
        raise ValidationError({"estimates": [_("The plan has no tasks to simulate yet.")]})
    target_period = None if target_finish is None else calendar.finish_period_of(target_finish)
    try:
        activities = plan_activities(tasks, links, calendar)
        result = simulate_schedule_risk(
            activities,
            chosen,
            iterations=iterations,
            seed=seed,
            distribution=distribution,
            target_finish=target_period,
        )
    except ScheduleRiskError as error:
        field = error.field if error.activity_id is None else f"estimates.{error.activity_id}.{error.field}"
        raise ValidationError({field: [error.reason]}) from error
    except SchedulingError as error:
        raise ValidationError({"estimates": [str(error)]}) from error
    return _with_dates(result, calendar, leaves)


def _with_dates(
    result: ScheduleRiskResult, calendar: PlanCalendar, leaves: dict[int, Task]
) -> ProjectScheduleRisk:
    def at(periods: float) -> Percentile:
        return Percentile(working_days=float(periods), date=finish_date(calendar, periods))

    edges, counts = result.histogram.bin_edges, result.histogram.counts
    histogram = [
        HistogramBin(
            low=edges[index],
            high=edges[index + 1],
            finish=finish_date(calendar, edges[index + 1]),
            count=count,
        )
        for index, count in enumerate(counts)
    ]
    s_curve = [
        SCurveStep(
            finish=finish_date(calendar, point.finish),
            working_days=point.finish,
            probability=point.probability,
        )
        for point in result.s_curve
    ]

    def share(task_id, value: float) -> TaskShare:
        task = leaves[task_id]
        return TaskShare(task_id=task.pk, name=task.name, wbs_code=task.wbs_code, value=value)

    criticality = sorted(
        (share(task_id, value) for task_id, value in result.criticality.items() if task_id in leaves),
        key=lambda row: (-row.value, row.wbs_code, row.task_id),
    )
    tornado = [share(bar.activity_id, bar.sensitivity) for bar in result.tornado if bar.activity_id in leaves]
    return ProjectScheduleRisk(
        result=result,
        planned_finish=at(result.planned_finish),
        target=at(result.target_finish),
        p50=at(result.p50),
        p80=at(result.p80),
        p90=at(result.p90),
        mean=at(result.mean),
        histogram=histogram,
        s_curve=s_curve,
        criticality=criticality,
        tornado=tornado,
    )
