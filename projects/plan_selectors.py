"""Reads of plans (tasks, dependencies, baselines, costs, calendars) for the pages and the API."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import (
    DecimalField,
    F,
    FilteredRelation,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from projects.models import Project
from projects.plan_models import (
    MONDAY_TO_FRIDAY,
    Baseline,
    BaselineTask,
    BurndownPoint,
    CostEntry,
    Dependency,
    ProjectCalendar,
    Task,
    weekdays_from_mask,
)
from projects.selectors import project_detail
from projects.workcalendar import WorkCalendar


def plan_project(*, user, project_id: int) -> Project:
    """One project whose plan the user may see; Project.DoesNotExist when unknown or hidden."""
    return project_detail(user=user, project_id=project_id)


def plan_anchor_date(project: Project) -> date:
    """The date period 0 of the schedule stands for: the project's start date, else today."""
    return project.start_date or timezone.localdate()


def plan_calendar_row(project: Project) -> ProjectCalendar | None:
    """The project's own calendar with its holidays prefetched, or None when it follows the default week."""
    return ProjectCalendar.objects.filter(project=project).prefetch_related("holidays").first()


def plan_work_calendar(project: Project) -> "PlanCalendar":
    """The WorkCalendar that maps schedule periods of the project to dates (period 0 = anchor date).

    A project without its own calendar works Monday to Friday with no holidays.
    """
    row = plan_calendar_row(project)
    return work_calendar_from(project, row)


@dataclass(frozen=True)
class PlanCalendar:
    """A project's WorkCalendar bound to its anchor date, so periods and dates convert in one call."""

    work_calendar: WorkCalendar
    anchor: date

    def period_of(self, day: date) -> int:
        """The period a date falls in (a non-working day counts as the next working day)."""
        return self.work_calendar.offset_for_date(self.anchor, day)

    def finish_period_of(self, day: date) -> int:
        """The finish boundary of work that runs through the end of `day`."""
        return self.work_calendar.finish_offset_for_date(self.anchor, day)

    def span_dates(self, start: int, finish: int) -> tuple[date, date]:
        """Start and inclusive finish date of work from period `start` to boundary `finish`."""
        return self.work_calendar.dates_for_span(self.anchor, start, finish)


def work_calendar_from(project: Project, row: ProjectCalendar | None) -> PlanCalendar:
    """The calendar of a project given its calendar row (None: the default week)."""
    mask = row.working_weekdays if row is not None else MONDAY_TO_FRIDAY
    holidays = frozenset(holiday.date for holiday in row.holidays.all()) if row is not None else frozenset()
    return PlanCalendar(
        work_calendar=WorkCalendar(working_weekdays=frozenset(weekdays_from_mask(mask)), holidays=holidays),
        anchor=plan_anchor_date(project),
    )


def _with_actual_cost(tasks: QuerySet[Task]) -> QuerySet[Task]:
    """Annotate each task with `actual_cost`, the sum of its cost entries (0 without any)."""
    money = DecimalField(max_digits=16, decimal_places=2)
    booked = (
        CostEntry.objects.filter(task=OuterRef("pk")).order_by().values("task").annotate(total=Sum("amount"))
    )
    return tasks.annotate(
        actual_cost=Coalesce(
            Subquery(booked.values("total"), output_field=money), Value(Decimal("0")), output_field=money
        )
    )


def task_list(*, project: Project, baseline: Baseline | None = None) -> QuerySet[Task]:
    """The project's tasks in outline order, with assignee, actual cost and baseline figures joined.

    With a baseline, each task carries baseline_start, baseline_finish, baseline_duration_days and
    baseline_planned_cost (None where the task is not in the baseline), read through one join.
    """
    # Going through project.tasks sets task.project to this instance, so rows need no project query.
    tasks = _with_actual_cost(project.tasks.select_related("assignee")).order_by("outline_order", "id")
    if baseline is not None:
        tasks = tasks.annotate(
            chosen_baseline=FilteredRelation("baseline_rows", condition=Q(baseline_rows__baseline=baseline)),
            baseline_start=F("chosen_baseline__start"),
            baseline_finish=F("chosen_baseline__finish"),
            baseline_duration_days=F("chosen_baseline__duration_days"),
            baseline_planned_cost=F("chosen_baseline__planned_cost"),
        )
    return tasks


def task_detail(*, user, task_id: int) -> Task:
    """One task of a project the user may see; Task.DoesNotExist otherwise."""
    task = _with_actual_cost(Task.objects.select_related("project__portfolio", "assignee")).get(pk=task_id)
    project_detail(user=user, project_id=task.project_id)  # raises Project.DoesNotExist when hidden
    return task


def task_page_detail(*, user, project: Project, task_id: int) -> Task:
    """One task of `project` for its details page: links both ways and cost entries prefetched.

    `predecessor_links` hold the links into the task (each with its predecessor joined),
    `successor_links` the links out of it, `cost_entries` its actual costs by date with their author.
    Task.DoesNotExist when the task is not in the project or the project is hidden from the user.
    """
    project_detail(user=user, project_id=project.pk)  # raises Project.DoesNotExist when hidden
    tasks = _with_actual_cost(project.tasks.select_related("assignee", "parent")).prefetch_related(
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


def task_editable_fields(*, user, task: Task, may_edit_plan: bool) -> tuple[str, ...]:
    """The task fields the user may change on its details page; empty for readers.

    `may_edit_plan` is selectors.user_may_edit_project for the task's project. The plan's editors
    change every field but those a summary task rolls up from its subtasks; the task's assignee
    changes its progress only (the rule plan_services.task_update enforces).
    """
    # Imported here: plan_services imports this module (through plan_reschedule) at load time.
    from projects.plan_services import PROGRESS_FIELDS, ROLLED_UP_FIELDS, TASK_EDITABLE_FIELDS

    if may_edit_plan:
        fields = TASK_EDITABLE_FIELDS
    elif task.assignee_id is not None and task.assignee_id == user.pk:
        fields = PROGRESS_FIELDS
    else:
        return ()
    if task.is_summary:
        fields = tuple(name for name in fields if name not in ROLLED_UP_FIELDS)
    return tuple(fields)


def assignee_candidates(*, project: Project) -> QuerySet:
    """The people a task of the project may be assigned to: its project manager and its members."""
    return (
        get_user_model()
        .objects.filter(Q(pk=project.project_manager_id) | Q(project_memberships__project=project))
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def dependency_list(*, project: Project) -> QuerySet[Dependency]:
    """The project's dependencies, with both tasks joined for their names."""
    return (
        Dependency.objects.filter(project=project)
        .select_related("predecessor", "successor")
        .order_by("predecessor__outline_order", "successor__outline_order", "id")
    )


def baseline_list(*, project: Project) -> QuerySet[Baseline]:
    """The project's baselines, newest first, with their author."""
    return (
        Baseline.objects.filter(project=project).select_related("created_by").order_by("-created_at", "-id")
    )


def baseline_task_list(*, baseline: Baseline) -> QuerySet[BaselineTask]:
    """The frozen rows of a baseline, joined with the live task they came from (if it still exists)."""
    return (
        BaselineTask.objects.filter(baseline=baseline)
        .select_related("task")
        .order_by("task__outline_order", "id")
    )


def cost_entry_list(*, task: Task) -> QuerySet[CostEntry]:
    """Actual costs booked on a task, by date."""
    return CostEntry.objects.filter(task=task).select_related("created_by").order_by("date", "id")


@dataclass(frozen=True)
class Variance:
    """Current minus baseline: dates in working days on the project calendar, cost in project currency."""

    start_days: int | None
    finish_days: int | None
    duration_days: int | None
    cost: Decimal | None


def working_days_between(calendar: "PlanCalendar", earlier: date, later: date) -> int:
    """Signed count of working periods from one date to another (later - earlier)."""
    return calendar.period_of(later) - calendar.period_of(earlier)


def task_variance(
    *,
    calendar: "PlanCalendar",
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


def annotated_task_variance(task, *, calendar: "PlanCalendar") -> Variance:
    """Variance of a task read through task_list(baseline=...), which annotates its baseline figures."""
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


@dataclass(frozen=True)
class PlanScheduleSummary:
    """The project's schedule at a glance: duration in working days, dates, and the critical path."""

    project_duration_days: int
    start: date | None
    finish: date | None
    critical_path: list[int]


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
    return PlanScheduleSummary(
        project_duration_days=duration,
        start=min(starts, default=None),
        finish=max(finishes, default=None),
        critical_path=[row[0] for row in rows if row[4]],
    )


def burndown_point_list(
    *, project: Project, start: date | None = None, end: date | None = None
) -> QuerySet[BurndownPoint]:
    """The project's recorded burndown points by date, within [start, end] when given."""
    points = BurndownPoint.objects.filter(project=project).order_by("date")
    if start is not None:
        points = points.filter(date__gte=start)
    if end is not None:
        points = points.filter(date__lte=end)
    return points
