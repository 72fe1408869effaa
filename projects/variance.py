"""Variance of a plan against a baseline: current minus baseline, dates counted on the project calendar.

Pure Python: the callers pass the current and baseline figures and the project's PlanCalendar.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from projects.workcalendar import PlanCalendar


@dataclass(frozen=True)
class Variance:
    """Current minus baseline: dates in working days on the project calendar, cost in project currency."""

    start_days: int | None
    finish_days: int | None
    duration_days: int | None
    cost: Decimal | None


def working_days_between(calendar: PlanCalendar, earlier: date, later: date) -> int:
    """Signed count of working periods from one date to another (later - earlier)."""
    return calendar.period_of(later) - calendar.period_of(earlier)


def task_variance(
    *,
    calendar: PlanCalendar,
    start: date | None,
    finish: date | None,
    duration_days: int,
    planned_cost: Decimal,
    baseline_start: date | None,
    baseline_finish: date | None,
    baseline_duration_days: int | None,
    baseline_planned_cost: Decimal | None,
) -> Variance:
    """Variance of one task against its baseline row; None for figures the baseline lacks."""
    return Variance(
        start_days=working_days_between(calendar, baseline_start, start)
        if start and baseline_start
        else None,
        finish_days=working_days_between(calendar, baseline_finish, finish)
        if finish and baseline_finish
        else None,
        duration_days=duration_days - baseline_duration_days if baseline_duration_days is not None else None,
        cost=planned_cost - baseline_planned_cost if baseline_planned_cost is not None else None,
    )


def annotated_task_variance(task, *, calendar: PlanCalendar) -> Variance:
    """Variance of a task read through projects.selectors.plans.task_list(baseline=...).

    That selector annotates baseline_start, baseline_finish, baseline_duration_days, baseline_planned_cost.
    """
    return task_variance(
        calendar=calendar,
        start=task.planned_start,
        finish=task.planned_finish,
        duration_days=task.duration_days,
        planned_cost=task.planned_cost,
        baseline_start=task.baseline_start,
        baseline_finish=task.baseline_finish,
        baseline_duration_days=task.baseline_duration_days,
        baseline_planned_cost=task.baseline_planned_cost,
    )
