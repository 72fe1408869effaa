"""Plans for the demo projects (`seed_demo`): tasks, links, a baseline, drift, progress, costs, burndown.

Only a demo project without any task gets a plan, so a second run adds nothing and a PM's edits stay.
The plan goes through the same doors as a user's, with the project's PM as the actor: the calendar
through `calendar_update`, the tasks and links through the CSV import (one bulk insert and one
reschedule), the baseline and the later slips and change request through the plan services. Progress
(% complete, actual dates) follows today's date on the final schedule; it and the actual costs are
written in bulk. The burndown of the past 30 days is rebuilt from that progress by the rule of
`burndown_record`, which records today's point itself.
"""

from collections import Counter
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db.models.functions import Upper
from django.utils import timezone

from projects.demo_data.builders.progress import DemoProgress, money
from projects.demo_data.charters import PROJECTS
from projects.demo_data.plans import BASELINE_NAME, PLANS, DemoPlan
from projects.models import (
    Baseline,
    CostEntry,
    Dependency,
    OfficialHolidays,
    Project,
    ProjectCalendar,
    ProjectMembership,
    Task,
)
from projects.plan_io.imports import plan_import
from projects.plan_io.rows import PlanImportError, PlanRows, check_plan
from projects.plan_io.tabular.columns import (
    ASSIGNEE,
    COLUMNS,
    DURATION,
    MILESTONE,
    NAME,
    PLANNED_COST,
    PREDECESSORS,
    WBS,
)
from projects.plan_io.tabular.reader import read_csv
from projects.plan_io.tabular.writer import write_csv
from projects.scheduling import Activity, Link, LinkType, compute_schedule
from projects.selectors.calendars import plan_work_calendar
from projects.selectors.projects import user_may_edit_project
from projects.services.baselines import baseline_save
from projects.services.calendars import calendar_update
from projects.services.dependencies import dependency_add
from projects.services.tasks import task_create, task_update
from projects.workcalendar import PlanCalendar, official_calendar

# Plans end this far into the project's window, leaving room for the drift added after the baseline.
PLAN_FILL = Decimal("0.96")
SHORT_TASK_DAYS = 5
MONEY_STEP = Decimal("100")


def seed_demo_plans(*, admin, today: date, tally: Counter) -> None:
    """Give every demo project that has a demo plan and no task yet its plan; count rows in `tally`."""
    codes = [project.code.upper() for project in PROJECTS]
    projects = {
        project.code.upper(): project
        for project in Project.objects.annotate(upper_code=Upper("code"))
        .filter(upper_code__in=codes)
        .select_related("project_manager", "portfolio")
    }
    planned = set(Task.objects.filter(project__in=projects.values()).values_list("project_id", flat=True))
    _count_existing(planned, tally)
    for plan in PLANS:
        project = projects.get(plan.project_code.upper())
        if project is None or project.pk in planned or not _has_window(project):
            continue
        DemoPlanBuilder(plan=plan, project=project, admin=admin, today=today, tally=tally).build()


def _has_window(project: Project) -> bool:
    return bool(project.start_date and project.finish_date and project.finish_date > project.start_date)


def _count_existing(project_ids: set[int], tally: Counter) -> None:
    tally[("tasks", "existing")] += Task.objects.filter(project_id__in=project_ids).count()
    tally[("dependencies", "existing")] += Dependency.objects.filter(project_id__in=project_ids).count()
    tally[("baselines", "existing")] += Baseline.objects.filter(project_id__in=project_ids).count()
    tally[("cost_entries", "existing")] += CostEntry.objects.filter(task__project_id__in=project_ids).count()


def _scaled(days: int, factor: Decimal) -> int:
    """Stretch a duration; meetings and other tasks of a few days keep their length."""
    if days <= SHORT_TASK_DAYS:
        return days
    return max(1, int((days * factor).to_integral_value(ROUND_HALF_UP)))


class DemoPlanBuilder:
    """Builds one demo plan in the order a PM would: plan, baseline, change, progress, costs."""

    def __init__(self, *, plan: DemoPlan, project: Project, admin, today: date, tally: Counter):
        self.plan = plan
        self.project = project
        self.today = today
        self.tally = tally
        manager = project.project_manager
        self.actor = (
            manager if manager is not None and user_may_edit_project(user=manager, project=project) else admin
        )
        # Someone may have left the team since the project was seeded; their tasks go to the PM.
        self.team = {
            membership.user.username: membership.user
            for membership in ProjectMembership.objects.filter(project=project).select_related("user")
        }
        if manager is not None:
            self.team[manager.username] = manager
        self.fallback = manager.username if manager is not None else ""
        self.factor = Decimal(1)

    def build(self) -> None:
        """Create the plan; any refusal surfaces as a ValidationError that stops the whole seed."""
        if self.plan.china_calendar and not ProjectCalendar.objects.filter(project=self.project).exists():
            calendar_update(
                actor=self.actor,
                project=self.project,
                working_weekdays=[0, 1, 2, 3, 4],
                holidays=self._worked_official_days(),
                official_holidays=OfficialHolidays.CHINA,
            )
        calendar = plan_work_calendar(self.project)
        self.factor = self._stretch(calendar)
        try:
            result = plan_import(
                actor=self.actor,
                project=self.project,
                data=write_csv(self._rows(self.factor)),
                file_name=f"{self.project.code}-demo.csv",
            )
        except PlanImportError as error:
            raise ValidationError([str(problem) for problem in error.problems]) from error
        baseline = baseline_save(actor=self.actor, project=self.project, name=self._baseline_name())
        # The baseline stands for the plan approved at the start, so it is dated then, not today.
        saved_at = timezone.make_aware(datetime.combine(self.project.start_date, time(9)))
        Baseline.objects.filter(pk=baseline.pk).update(created_at=min(saved_at, timezone.now()))
        self._drift()
        progress = DemoProgress(
            project=self.project, actor=self.actor, today=self.today, language=self.plan.language
        )
        tasks = progress.record_progress(calendar)
        entries = progress.book_costs(tasks)
        progress.record_burndown(tasks, calendar)
        self.tally[("tasks", "created")] += result.task_count + 1
        self.tally[("dependencies", "created")] += result.dependency_count + 2
        self.tally[("baselines", "created")] += 1
        self.tally[("cost_entries", "created")] += entries

    # The plan as import rows ------------------------------------------------------------------

    def _rows(self, factor: Decimal) -> list[list]:
        """The demo tasks in the import's column order, durations stretched and costs planned."""
        plan_cost = self.project.budget * self.plan.cost_share
        weights = {
            task.wbs: _scaled(task.days, factor) * task.weight
            for task in self.plan.tasks
            if not task.is_summary and not task.is_milestone
        }
        total_weight = sum(weights.values())
        rows = []
        for task in self.plan.tasks:
            cells = {WBS: task.wbs, NAME: task.name}
            if not task.is_summary:
                cells[MILESTONE] = "Yes" if task.is_milestone else "No"
                cells[DURATION] = 0 if task.is_milestone else _scaled(task.days, factor)
                cells[ASSIGNEE] = self._assignee(task.assignee)
                cells[PREDECESSORS] = task.after
                if task.wbs in weights:
                    cells[PLANNED_COST] = money(plan_cost * weights[task.wbs] / total_weight, MONEY_STEP)
            rows.append([cells.get(column, "") for column in COLUMNS])
        return rows

    def _assignee(self, username: str) -> str:
        return username if username in self.team else self.fallback

    def _worked_official_days(self) -> list[tuple[date, str, bool]]:
        """The plan's working exception on the first official weekday holiday of the project's window,
        when it asks for one and the window has such a day (the dates move with today)."""
        if not self.plan.worked_official_day:
            return []
        china = official_calendar(OfficialHolidays.CHINA)
        window = [
            day
            for day in sorted(china.days_off)
            if self.project.start_date <= day <= self.project.finish_date and day.weekday() < 5
        ]
        return [(window[0], self.plan.worked_official_day, True)] if window else []

    def _stretch(self, calendar: PlanCalendar) -> Decimal:
        """The factor on durations that makes the plan fill PLAN_FILL of the project's working days."""
        parsed = read_csv(write_csv(self._rows(Decimal(1))))
        problems = parsed.problems + check_plan(parsed)
        if problems:  # a mistake in the demo data: say where, as an import would
            raise ValidationError([str(problem) for problem in problems])
        window = calendar.period_of(self.project.finish_date) - calendar.period_of(self.project.start_date)
        target = Decimal(window) * PLAN_FILL
        factor = Decimal(1)
        for _attempt in range(2):  # lags do not stretch, so a second pass corrects for them
            factor = factor * target / max(_plan_length(parsed, factor), 1)
        return factor

    def _baseline_name(self) -> str:
        taken = set(Baseline.objects.filter(project=self.project).values_list("name", flat=True))
        name, number = BASELINE_NAME, 1
        while name in taken:  # the plan was deleted and is seeded again; its old baseline stays
            number += 1
            name = BASELINE_NAME.replace("1", str(number))
        return name

    # After the baseline: slips and a change request, through the services -------------------

    def _drift(self) -> None:
        """The critical task started last takes a third longer; a change request adds a linked task."""
        slipping = (
            Task.objects.filter(
                project=self.project,
                is_summary=False,
                is_milestone=False,
                is_critical=True,
                planned_start__lte=self.today,
            )
            .order_by("-planned_start", "-outline_order")
            .first()
        )
        if slipping is not None:
            task_update(
                actor=self.actor,
                task=slipping,
                expected_version=slipping.version,
                changes={"duration_days": slipping.duration_days + max(2, round(slipping.duration_days / 3))},
            )
        change = self.plan.change
        by_code = {task.wbs_code: task for task in Task.objects.filter(project=self.project)}
        predecessor, successor = by_code[change.after], by_code[change.before]
        days = _scaled(change.days, self.factor)
        daily_cost = predecessor.planned_cost / max(predecessor.duration_days, 1)
        added = task_create(
            actor=self.actor,
            project=self.project,
            name=change.name,
            parent=by_code[change.parent],
            duration_days=days,
            planned_cost=money(daily_cost * days, MONEY_STEP),
            assignee=self.team.get(self._assignee(change.assignee)),
        )
        dependency_add(actor=self.actor, predecessor=predecessor, successor=added)
        dependency_add(actor=self.actor, predecessor=added, successor=successor)


def _plan_length(parsed: PlanRows, factor: Decimal) -> int:
    """Working days from the first task's start to the last one's finish, durations stretched."""
    parents = {task.parent_key for task in parsed.tasks}
    incoming: dict[str, list[Link]] = {}
    for link in parsed.links:
        incoming.setdefault(link.successor_key, []).append(
            Link(predecessor_id=link.predecessor_key, type=LinkType(link.type), lag=link.lag_days)
        )
    activities = [
        Activity(
            id=task.key,
            duration=0 if task.is_milestone else _scaled(task.duration_days, factor),
            predecessors=tuple(incoming.get(task.key, ())),
        )
        for task in parsed.tasks
        if task.key not in parents
    ]
    return compute_schedule(activities).project_duration
