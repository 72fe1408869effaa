"""Reads of plans: a project's tasks in outline order, one task for its page, the links, the schedule."""

from dataclasses import dataclass
from datetime import date

from django.db.models import F, FilteredRelation, Prefetch, Q, QuerySet

from projects.models import Baseline, CostEntry, Dependency, Project, Task
from projects.selectors.calendars import plan_work_calendar
from projects.selectors.costs import with_actual_cost
from projects.selectors.projects import Viewer, project_detail
from projects.workcalendar import PlanCalendar


def plan_project(*, user: Viewer, project_id: int) -> Project:
    """One project whose plan the user may see; Project.DoesNotExist when unknown or hidden."""
    return project_detail(user=user, project_id=project_id)


def task_list(*, project: Project, baseline: Baseline | None = None) -> QuerySet[Task]:
    """The project's tasks in outline order, with assignee, actual cost and baseline figures joined.

    With a baseline, each task carries baseline_start, baseline_finish, baseline_duration_days and
    baseline_planned_cost (None where the task is not in the baseline), read through one join.
    """
    # Going through project.tasks sets task.project to this instance, so rows need no project query.
    tasks = with_actual_cost(project.tasks.select_related("assignee")).order_by("outline_order", "id")
    if baseline is not None:
        tasks = tasks.annotate(
            chosen_baseline=FilteredRelation("baseline_rows", condition=Q(baseline_rows__baseline=baseline)),
            baseline_start=F("chosen_baseline__start"),
            baseline_finish=F("chosen_baseline__finish"),
            baseline_duration_days=F("chosen_baseline__duration_days"),
            baseline_planned_cost=F("chosen_baseline__planned_cost"),
        )
    return tasks


def task_detail(*, user: Viewer, task_id: int) -> Task:
    """One task of a project the user may see; Task.DoesNotExist otherwise."""
    task = with_actual_cost(Task.objects.select_related("project__portfolio", "assignee")).get(pk=task_id)
    project_detail(user=user, project_id=task.project_id)  # raises Project.DoesNotExist when hidden
    return task


def task_page_detail(*, user: Viewer, project: Project, task_id: int) -> Task:
    """One task of `project` for its details page: links both ways and cost entries prefetched.

    `predecessor_links` hold the links into the task (each with its predecessor joined),
    `successor_links` the links out of it, `cost_entries` its actual costs by date with their author.
    Task.DoesNotExist when the task is not in the project or the project is hidden from the user.
    """
    project_detail(user=user, project_id=project.pk)  # raises Project.DoesNotExist when hidden
    tasks = with_actual_cost(project.tasks.select_related("assignee", "parent")).prefetch_related(
        Prefetch(
            "predecessor_links",
            queryset=Dependency.objects.select_related("predecessor").order_by(
                "predecessor__outline_order", "id"
            ),
        ),
        Prefetch(
            "successor_links",
            queryset=Dependency.objects.select_related("successor").order_by(
                "successor__outline_order", "id"
            ),
        ),
        Prefetch(
            "cost_entries", queryset=CostEntry.objects.select_related("created_by").order_by("date", "id")
        ),
    )
    return tasks.get(pk=task_id)


def dependency_list(*, project: Project) -> QuerySet[Dependency]:
    """The project's dependencies, with both tasks joined for their names."""
    return (
        Dependency.objects.filter(project=project)
        .select_related("predecessor", "successor")
        .order_by("predecessor__outline_order", "successor__outline_order", "id")
    )


@dataclass(frozen=True)
class FinishOverrun:
    """A plan that finishes after the project's charter finish date, by so many working days."""

    plan_finish: date
    charter_finish: date
    working_days: int


def finish_overrun(
    *, project: Project, calendar: PlanCalendar, plan_finish: date | None
) -> FinishOverrun | None:
    """How far the scheduled finish passes the charter's (Project.finish_date); None when it does not.

    The days over are the working days after the charter finish up to the plan finish.
    """
    if plan_finish is None or project.finish_date is None or plan_finish <= project.finish_date:
        return None
    days = calendar.finish_period_of(plan_finish) - calendar.finish_period_of(project.finish_date)
    return FinishOverrun(plan_finish=plan_finish, charter_finish=project.finish_date, working_days=days)


@dataclass(frozen=True)
class PlanScheduleSummary:
    """The project's schedule at a glance: duration in working days, dates, and the critical path.

    `finish_overrun_days` counts the working days the plan finishes after `charter_finish` (0 when it
    does not, or when the project has no finish date).
    """

    project_duration_days: int
    start: date | None
    finish: date | None
    critical_path: list[int]
    charter_finish: date | None
    finish_overrun_days: int


def plan_schedule_summary(*, project: Project) -> PlanScheduleSummary:
    """Duration, dates and critical leaf tasks (by planned start, then outline) from the stored schedule."""
    calendar = plan_work_calendar(project)
    rows = list(
        Task.objects.filter(project=project, is_summary=False)
        .order_by("planned_start", "outline_order", "id")
        .values_list("id", "planned_start", "planned_finish", "duration_days", "is_critical")
    )
    duration = 0
    for _task_id, start, _finish, days, _critical in rows:
        if start is not None:
            duration = max(duration, calendar.period_of(start) + days)
    starts = [row[1] for row in rows if row[1] is not None]
    finishes = [row[2] for row in rows if row[2] is not None]
    finish = max(finishes, default=None)
    overrun = finish_overrun(project=project, calendar=calendar, plan_finish=finish)
    return PlanScheduleSummary(
        project_duration_days=duration,
        start=min(starts, default=None),
        finish=finish,
        critical_path=[row[0] for row in rows if row[4]],
        charter_finish=project.finish_date,
        finish_overrun_days=overrun.working_days if overrun is not None else 0,
    )
