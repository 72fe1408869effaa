"""Reads for the PMO's own performance: the facts reports.performance computes from, in five queries.

The weekly snapshots give the projects (closed in a quarter, active at its end, with their figures);
the plans give the milestones finished in the period with their baseline dates. Five queries whatever
the number of projects: the portfolios, the snapshot weeks of the period, the closing snapshots, the
actives' snapshots at the end of each quarter and the finished milestones.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone

from projects.models import BaselineTask, Portfolio, Project, Task
from projects.selectors.status_reports import report_schedules
from reports.models import WeeklySnapshot
from reports.performance import (
    ActiveProject,
    ClosedProject,
    FinishedMilestone,
    PerformanceFacts,
    PerformanceTable,
    Quarter,
    ReportDue,
    last_quarters,
    performance_table,
    report_punctuality_by_quarter,
)

DEFAULT_QUARTERS = 4
MAX_QUARTERS = 8
ONE_WEEK = timedelta(days=7)


@dataclass(frozen=True)
class PmoPerformance:
    table: PerformanceTable
    portfolios: list[Portfolio]
    first_day: date
    last_day: date
    # False while no report was due in the period: the page then says "not yet measured".
    punctuality_measured: bool


def pmo_performance(
    *, quarters: int = DEFAULT_QUARTERS, portfolio_id: int | None = None, today: date | None = None
) -> PmoPerformance:
    """The PMO's performance over the last `quarters` quarters (today's included), by portfolio.

    For PMO staff and admins (governance.policy.may_view_pmo_performance): it reads every project.
    """
    today = today or timezone.localdate()
    periods = last_quarters(today, quarters)
    first_day, last_day = periods[0].first_day, min(periods[-1].last_day, today)
    portfolios = list(
        Portfolio.objects.filter(**({"pk": portfolio_id} if portfolio_id else {})).order_by("name", "pk")
    )
    snapshots = WeeklySnapshot.objects.all()
    tasks = Task.objects.all()
    if portfolio_id:
        snapshots = snapshots.filter(portfolio_id=portfolio_id)
        tasks = tasks.filter(project__portfolio_id=portfolio_id)
    facts = PerformanceFacts(
        closed=_closed_projects(snapshots, first_day, last_day),
        milestones=_finished_milestones(tasks, first_day, last_day),
        active=_active_projects(snapshots, periods, first_day, last_day),
        punctuality=_report_punctuality(periods, [portfolio.pk for portfolio in portfolios], today),
    )
    return PmoPerformance(
        table=performance_table(
            facts, quarters=periods, portfolio_ids=[portfolio.pk for portfolio in portfolios]
        ),
        portfolios=portfolios,
        first_day=first_day,
        last_day=last_day,
        punctuality_measured=bool(facts.punctuality),
    )


def _closed_projects(snapshots, first_day: date, last_day: date) -> list[ClosedProject]:
    """The snapshot of the week each project first showed closed, for the weeks of the period."""
    closed_the_week_before = WeeklySnapshot.objects.filter(
        project_id=OuterRef("project_id"), week=OuterRef("week") - ONE_WEEK, project_status="closed"
    )
    rows = (
        snapshots.filter(project_status="closed", week__gte=first_day, week__lte=last_day)
        .exclude(Exists(closed_the_week_before))
        .order_by("project_id", "week")
        .values_list(
            "project_id",
            "portfolio_id",
            "week",
            "planned_finish",
            "baseline_finish",
            "actual_cost",
            "budget_at_completion",
        )  # fmt: skip
    )
    return [ClosedProject(*row) for row in rows]


def _active_projects(snapshots, periods: list[Quarter], first_day: date, last_day: date):
    """Each project active in the last snapshot week of each quarter, with that week's figures."""
    weeks = set(
        snapshots.filter(week__gte=first_day, week__lte=last_day)
        .order_by()
        .values_list("week", flat=True)
        .distinct()
    )
    last_weeks = {}
    for week in sorted(weeks):
        last_weeks[Quarter.of(week)] = week
    wanted = {week: quarter for quarter, week in last_weeks.items() if quarter in periods}
    if not wanted:
        return []
    rows = (
        snapshots.filter(week__in=list(wanted), project_status="active")
        .order_by("project_id", "week")
        .values_list(
            "project_id",
            "portfolio_id",
            "week",
            "schedule_performance_index",
            "cost_performance_index",
            "health_score",
            "compliance_score",
        )  # fmt: skip
    )
    return [
        ActiveProject(
            project_id=project_id,
            portfolio_id=portfolio_id,
            quarter=wanted[week],
            schedule_performance_index=spi,
            cost_performance_index=cpi,
            health_score=health,
            compliance_score=compliance,
        )
        for project_id, portfolio_id, week, spi, cpi, health, compliance in rows
    ]


def _finished_milestones(tasks, first_day: date, last_day: date) -> list[FinishedMilestone]:
    """Milestones with an actual finish in the period, and their date in the latest baseline holding them."""
    baseline_finish = (
        BaselineTask.objects.filter(task_id=OuterRef("pk"))
        .order_by("-baseline__created_at", "-baseline_id")
        .values("finish")[:1]
    )
    rows = (
        tasks.filter(
            is_milestone=True, is_summary=False, actual_finish__gte=first_day, actual_finish__lte=last_day
        )
        .annotate(baseline_finish=Subquery(baseline_finish))
        .order_by("project_id", "pk")
        .values_list("project_id", "project__portfolio_id", "actual_finish", "baseline_finish")
    )
    return [FinishedMilestone(*row) for row in rows]


def _report_punctuality(periods: list[Quarter], portfolio_ids: list[int], today: date) -> dict:
    """Report punctuality by (quarter, portfolio id or None): the reports due in each quarter that came
    by their late date, from every project's reporting schedule (a report still open is not judged)."""
    projects = Project.objects.filter(portfolio_id__in=portfolio_ids).select_related("portfolio")
    due = [
        ReportDue(
            due=row.period.due,
            portfolio_id=schedule.project.portfolio_id,
            on_time=row.punctuality == "on_time",
        )
        for schedule in report_schedules(projects, today).values()
        for row in schedule.rows
        if row.punctuality != "open"
    ]
    return report_punctuality_by_quarter(due, periods)
