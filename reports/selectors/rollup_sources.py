"""The source rows a rollup recomputes a chunk of projects from, read in a fixed number of queries."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, Sum

from projects.models import (
    Baseline,
    BaselineTask,
    ChangeRequest,
    ChangeRequestState,
    CostEntry,
    Project,
    ProjectCalendar,
    StatusReport,
    Task,
)
from projects.selectors.calendars import work_calendar_from
from projects.selectors.compliance import ProjectCompliance, projects_compliance
from projects.selectors.status_reports import latest_submitted_reports
from projects.workcalendar import WorkCalendar
from reports.project_figures import PlanRow
from risks.selectors.risks import OpenRisk, open_risks_by_project

SCOPE_CHANGE_WINDOW = timedelta(days=90)


@dataclass
class ProjectSources:
    project: Project
    calendar: WorkCalendar
    baseline: Baseline | None = None
    rows: list[PlanRow] = field(default_factory=list)
    actual_cost: Decimal | None = None
    scope_changes: int = 0
    compliance: ProjectCompliance | None = None
    latest_report: StatusReport | None = None
    open_risks: list[OpenRisk] = field(default_factory=list)


def rollup_sources(project_ids: list[int], *, status_date: date) -> dict[int, ProjectSources]:
    """Everything a rollup needs of each project, keyed by id; deleted projects are simply absent.

    About a dozen queries per call, whatever the number of projects and tasks: the projects, their
    calendars, leaf tasks, latest baselines and their rows, costs booked to the status date, approved
    scope changes of the last 90 days, compliance (its own bulk reads) and the open risks.
    """
    projects = list(Project.objects.filter(pk__in=project_ids).select_related("portfolio").order_by("pk"))
    if not projects:
        return {}
    ids = [project.pk for project in projects]
    calendar_rows = {
        row.project_id: row
        for row in ProjectCalendar.objects.filter(project_id__in=ids).prefetch_related("holidays")
    }
    # Projects on the same week, official holidays and exceptions share one calendar: building one
    # (China's holidays over the years) costs more than the rest of a project's reads.
    calendars: dict[tuple | None, WorkCalendar] = {}

    def calendar_of(project: Project) -> WorkCalendar:
        row = calendar_rows.get(project.pk)
        key = None
        if row is not None:
            exceptions = tuple(sorted((holiday.date, holiday.working) for holiday in row.holidays.all()))
            key = (row.working_weekdays, row.official_holidays, exceptions)
        if key not in calendars:
            calendars[key] = work_calendar_from(project, row).work_calendar
        return calendars[key]

    sources = {
        project.pk: ProjectSources(project=project, calendar=calendar_of(project)) for project in projects
    }
    latest_baselines: dict[int, Baseline] = {}
    for baseline in Baseline.objects.filter(project_id__in=ids).order_by("project_id", "-created_at", "-pk"):
        latest_baselines.setdefault(baseline.project_id, baseline)
    baseline_rows: dict[int, tuple[date | None, date | None, Decimal]] = {}
    # No ORDER BY on the big reads: the default orderings would join and sort by the project's code,
    # and every figure is a sum, count, minimum or maximum over the rows, whatever their order.
    for task_id, start, finish, cost in (
        BaselineTask.objects.filter(
            baseline_id__in=[baseline.pk for baseline in latest_baselines.values()], task_id__isnull=False
        )
        .order_by()
        .values_list("task_id", "start", "finish", "planned_cost")
    ):
        baseline_rows[task_id] = (start, finish, cost)
    tasks = (
        Task.objects.filter(project_id__in=ids, is_summary=False)
        .order_by()
        .values_list(
            "pk",
            "project_id",
            "planned_cost",
            "percent_complete",
            "planned_start",
            "planned_finish",
            "is_milestone",
            "actual_finish",
        )
    )
    for task_id, project_id, cost, percent, start, finish, milestone, actual_finish in tasks.iterator(
        chunk_size=5000
    ):
        baseline_row = baseline_rows.get(task_id)
        sources[project_id].rows.append(
            PlanRow(
                planned_cost=cost,
                percent_complete=percent,
                planned_start=start,
                planned_finish=finish,
                is_milestone=milestone,
                actual_finish=actual_finish,
                in_baseline=baseline_row is not None,
                baseline_start=baseline_row[0] if baseline_row else None,
                baseline_finish=baseline_row[1] if baseline_row else None,
                baseline_cost=baseline_row[2] if baseline_row else Decimal("0"),
                task_id=task_id,
            )
        )
    for project_id, baseline in latest_baselines.items():
        sources[project_id].baseline = baseline
    for row in (
        CostEntry.objects.filter(task__project_id__in=ids, date__lte=status_date)
        .values("task__project_id")
        .annotate(total=Sum("amount"))
    ):
        sources[row["task__project_id"]].actual_cost = row["total"]
    for row in (
        ChangeRequest.objects.filter(
            project_id__in=ids,
            state=ChangeRequestState.APPROVED,
            decided_at__date__gt=status_date - SCOPE_CHANGE_WINDOW,
        )
        .exclude(scope_impact="")
        .values("project_id")
        .annotate(count=Count("pk"))
    ):
        sources[row["project_id"]].scope_changes = row["count"]
    for project_id, report in latest_submitted_reports(ids).items():
        sources[project_id].latest_report = report
    for compliance in projects_compliance(projects):
        sources[compliance.project.pk].compliance = compliance
    for project_id, risks in open_risks_by_project(project_ids=ids).items():
        sources[project_id].open_risks = risks
    return sources
