"""The portfolio roadmap: every project of a selection with its planned and baseline dates, milestones,
colour and slippage, grouped by portfolio, program or PM, in a fixed number of queries.

The dates come from the project's rollup (planned start and finish of the plan, baseline finish and
slip); a project without a rollup shows its charter dates and no baseline. The baseline start is the
earliest start of the rows of the baseline the rollup measures against.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Min, QuerySet
from django.utils.translation import gettext as _

from governance.models import User
from projects.models import BaselineTask, Project, Task
from projects.selectors.projects import project_list
from reports.models import ProjectRollup

GROUP_BY_PORTFOLIO = "portfolio"
GROUP_BY_PROGRAM = "program"
GROUP_BY_PROJECT_MANAGER = "project_manager"
GROUPINGS = (GROUP_BY_PORTFOLIO, GROUP_BY_PROGRAM, GROUP_BY_PROJECT_MANAGER)
BANDS = ("green", "amber", "red")
# Where a row's colour comes from: the PM's reported RAG, else the health band, else nothing yet.
COLOUR_REPORTED = "reported"
COLOUR_HEALTH = "health"
COLOUR_NONE = "none"


@dataclass(frozen=True)
class RoadmapFilters:
    portfolio_id: int | None = None
    program_id: int | None = None
    department: str = ""
    project_manager_id: int | None = None
    status: str = ""


@dataclass(frozen=True)
class RoadmapMilestone:
    task_id: int
    name: str
    planned: date | None
    baseline: date | None
    done: bool

    @property
    def slip_days(self) -> int | None:
        """Calendar days the milestone moved against its baseline date (positive: later)."""
        if self.planned is None or self.baseline is None:
            return None
        return (self.planned - self.baseline).days


@dataclass
class RoadmapRow:
    project: Project
    start: date | None
    finish: date | None
    baseline_start: date | None
    baseline_finish: date | None
    slip_days: int | None
    colour: str  # green, amber, red or "" (not yet measured)
    colour_source: str
    percent_complete: object = None
    milestones: list[RoadmapMilestone] = field(default_factory=list)

    @property
    def dates(self) -> list[date]:
        days = [self.start, self.finish, self.baseline_start, self.baseline_finish]
        days += [day for milestone in self.milestones for day in (milestone.planned, milestone.baseline)]
        return [day for day in days if day is not None]


@dataclass
class RoadmapGroup:
    key: str
    label: str
    rows: list[RoadmapRow] = field(default_factory=list)


def roadmap_projects(*, user: User, filters: RoadmapFilters) -> QuerySet[Project]:
    """The projects of the selection the user may see, with their rollup joined."""
    projects = project_list(user=user).select_related("rollup")
    if filters.portfolio_id:
        projects = projects.filter(portfolio_id=filters.portfolio_id)
    if filters.program_id:
        projects = projects.filter(program_id=filters.program_id)
    if filters.department:
        projects = projects.filter(department=filters.department)
    if filters.project_manager_id:
        projects = projects.filter(project_manager_id=filters.project_manager_id)
    if filters.status:
        projects = projects.filter(status=filters.status)
    return projects


def _rollup(project: Project) -> ProjectRollup | None:
    try:
        return project.rollup
    except ProjectRollup.DoesNotExist:
        return None


def _colour(rollup: ProjectRollup | None) -> tuple[str, str]:
    if rollup is not None and rollup.reported_rag in BANDS:
        return rollup.reported_rag, COLOUR_REPORTED
    if rollup is not None and rollup.health_band in BANDS:
        return rollup.health_band, COLOUR_HEALTH
    return "", COLOUR_NONE


def roadmap_rows(projects: list[Project]) -> list[RoadmapRow]:
    """One row per project, its milestones and baseline dates read in three queries for all of them."""
    ids = [project.pk for project in projects]
    rollups = {project.pk: _rollup(project) for project in projects}
    baseline_ids = {rollup.baseline_id for rollup in rollups.values() if rollup and rollup.baseline_id}
    baseline_starts = dict(
        BaselineTask.objects.filter(baseline_id__in=baseline_ids)
        .values("baseline_id")
        .annotate(first=Min("start"))
        .values_list("baseline_id", "first")
    )
    milestones = list(
        Task.objects.filter(project_id__in=ids, is_milestone=True)
        .order_by("project_id", "planned_finish", "outline_order")
        .values_list("pk", "project_id", "name", "planned_finish", "percent_complete", "actual_finish")
    )
    baseline_dates = {
        (baseline_id, task_id): finish
        for baseline_id, task_id, finish in BaselineTask.objects.filter(
            baseline_id__in=baseline_ids, task_id__in=[row[0] for row in milestones]
        ).values_list("baseline_id", "task_id", "finish")
    }
    rows = {}
    for project in projects:
        rollup = rollups[project.pk]
        colour, source = _colour(rollup)
        rows[project.pk] = RoadmapRow(
            project=project,
            start=(rollup.planned_start if rollup else None) or project.start_date,
            finish=(rollup.planned_finish if rollup else None) or project.finish_date,
            baseline_start=baseline_starts.get(rollup.baseline_id) if rollup else None,
            baseline_finish=rollup.baseline_finish if rollup else None,
            slip_days=rollup.finish_slip_days if rollup else None,
            colour=colour,
            colour_source=source,
            percent_complete=rollup.percent_complete if rollup else None,
        )
    for task_id, project_id, name, planned, percent, actual_finish in milestones:
        rollup = rollups[project_id]
        rows[project_id].milestones.append(
            RoadmapMilestone(
                task_id=task_id,
                name=name,
                planned=planned,
                baseline=baseline_dates.get((rollup.baseline_id, task_id)) if rollup else None,
                done=percent >= 100 or actual_finish is not None,
            )
        )
    return [rows[project.pk] for project in projects]


def _group_of(project: Project, group_by: str) -> tuple[str, str]:
    if group_by == GROUP_BY_PROGRAM:
        if project.program_id is None:
            return "", _("No program")
        return str(project.program_id), project.program.name
    if group_by == GROUP_BY_PROJECT_MANAGER:
        return str(project.project_manager_id), project.project_manager.display_name
    return str(project.portfolio_id), project.portfolio.name


def roadmap(*, user: User, filters: RoadmapFilters, group_by: str = GROUP_BY_PORTFOLIO) -> list[RoadmapGroup]:
    """The roadmap's groups (by portfolio, program or PM, by name), each with its projects by planned start.

    Projects without a program come last when grouped by program.
    """
    group_by = group_by if group_by in GROUPINGS else GROUP_BY_PORTFOLIO
    rows = roadmap_rows(list(roadmap_projects(user=user, filters=filters)))
    groups: dict[str, RoadmapGroup] = {}
    for row in rows:
        key, label = _group_of(row.project, group_by)
        groups.setdefault(key, RoadmapGroup(key=key, label=label)).rows.append(row)
    for group in groups.values():
        group.rows.sort(key=lambda row: (row.start is None, row.start or date.min, row.project.code))
    return sorted(groups.values(), key=lambda group: (group.key == "", group.label.casefold(), group.key))
