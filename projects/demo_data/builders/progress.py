"""Progress of a demo plan as of today: % complete and actual dates, actual costs, a month of burndown.

Progress follows today's date on the final schedule; it and the actual costs are written in bulk. The
burndown of the past BURNDOWN_DAYS days is rebuilt from that progress by the rule of projects.burndown,
and today's point is recorded by the burndown service itself.
"""

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from projects.bulk import bulk_update_rows
from projects.burndown import planned_remaining_work_days, remaining_work_days
from projects.models import BurndownPoint, CostEntry, Dependency, Phase, Project, Task
from projects.services.burndown import burndown_record
from projects.services.reschedule import project_reschedule
from projects.workcalendar import PlanCalendar

BURNDOWN_DAYS = 30
# Work pace of tasks in progress and cost performance of started ones, cycled over the tasks so the
# demo is the same on every run: some tasks run behind, some over budget.
PACES = (Decimal("1.0"), Decimal("0.8"), Decimal("0.95"), Decimal("0.7"), Decimal("0.9"))
COST_FACTORS = (Decimal("0.96"), Decimal("1.08"), Decimal("1.0"), Decimal("1.15"), Decimal("0.92"))
LATE_PHASES = (Phase.EXECUTING, Phase.MONITORING)
CENT = Decimal("0.01")


def money(amount: Decimal, step: Decimal = CENT) -> Decimal:
    """An amount rounded half up to a multiple of `step`."""
    return (amount / step).to_integral_value(ROUND_HALF_UP) * step


class DemoProgress:
    """Records a demo project's progress, costs and burndown as of `today`, booked by `actor`."""

    def __init__(self, *, project: Project, actor, today: date, language: str):
        self.project = project
        self.actor = actor
        self.today = today
        self.language = language

    def record_progress(self, calendar: PlanCalendar) -> list[Task]:
        """Set % complete and actual dates of the work tasks and milestones; return them."""
        leaves = list(
            Task.objects.filter(project=self.project, is_summary=False).order_by(
                "planned_start", "outline_order"
            )
        )
        predecessors: dict[int, list[int]] = {}
        for predecessor_id, successor_id in Dependency.objects.filter(project=self.project).values_list(
            "predecessor_id", "successor_id"
        ):
            predecessors.setdefault(successor_id, []).append(predecessor_id)
        late = self._late_tasks(leaves)
        percent_of: dict[int, int] = {}
        for index, task in enumerate(leaves):
            if task.is_milestone:
                reached = task.planned_start <= self.today and all(
                    percent_of.get(pk, 0) == 100 for pk in predecessors.get(task.pk, ())
                )
                percent = 100 if reached else 0
            else:
                percent = self._work_percent(task, index, late, calendar)
            percent_of[task.pk] = percent
            task.percent_complete = percent
            task.actual_start = task.planned_start if percent else None
            task.actual_finish = task.planned_finish if percent == 100 else None
            task.version += 1
        bulk_update_rows(Task, leaves, ("percent_complete", "actual_start", "actual_finish", "version"))
        project_reschedule(project=self.project)  # summaries roll their % complete up
        return leaves

    def _late_tasks(self, leaves: list[Task]) -> set[int]:
        """In a running project, the two work tasks due most recently are not finished yet."""
        if self.project.phase not in LATE_PHASES:
            return set()
        due = [
            task
            for task in leaves
            if not task.is_milestone and self.today - timedelta(days=30) <= task.planned_finish < self.today
        ]
        due.sort(key=lambda task: task.planned_finish, reverse=True)
        return {task.pk for task in due[:2]}

    def _work_percent(self, task: Task, index: int, late: set[int], calendar: PlanCalendar) -> int:
        if task.planned_start > self.today:
            return 0
        if task.pk in late:
            return 70 + 10 * (index % 2)
        if task.planned_finish < self.today:
            return 100
        elapsed = calendar.period_of(self.today) + 1 - calendar.period_of(task.planned_start)
        expected = Decimal(min(max(elapsed, 0), task.duration_days)) / max(task.duration_days, 1)
        percent = int((expected * PACES[index % len(PACES)] * 100).to_integral_value(ROUND_HALF_UP))
        return min(max(percent, 5), 95)

    def book_costs(self, tasks: list[Task]) -> int:
        """Book the cost of the work done so far, in up to three entries per started task.

        One bulk insert instead of cost_entry_add per entry: the service's checks (an editor books
        on a work task of the plan) hold by construction, and its per-entry queries would make the
        cost entries the slowest part of the seed.
        """
        entries = []
        for index, task in enumerate(tasks):
            if task.is_milestone or not task.percent_complete or not task.planned_cost:
                continue
            total = task.planned_cost * task.percent_complete / 100 * COST_FACTORS[index % len(COST_FACTORS)]
            end = min(task.actual_finish or self.today, self.today)
            span = (end - task.actual_start).days
            count = 1 if span < 30 else (2 if span < 75 else 3)
            share = money(total / count)
            for number in range(1, count + 1):
                amount = share if number < count else money(total) - share * (count - 1)
                day = task.actual_start + timedelta(days=span * number // count)
                if amount > 0:
                    entries.append(
                        CostEntry(
                            task=task, date=day, amount=amount, note=self._note(day), created_by=self.actor
                        )
                    )
        CostEntry.objects.bulk_create(entries)
        return len(entries)

    def _note(self, day: date) -> str:
        if self.language == "zh":
            return f"{day.year}年{day.month}月 工时与供应商发票"
        if self.language == "en":
            return f"Timesheets and supplier invoices, {day:%Y-%m}"
        return f"工时与发票 Timesheets and invoices {day:%Y-%m}"

    def record_burndown(self, tasks: list[Task], calendar: PlanCalendar) -> None:
        """Points for the past BURNDOWN_DAYS days by burndown_record's rule; today's by the service."""
        first = max(self.today - timedelta(days=BURNDOWN_DAYS), self.project.start_date)
        days = [first + timedelta(days=offset) for offset in range((self.today - first).days)]
        points = [
            BurndownPoint(
                project=self.project,
                date=day,
                remaining_work_days=_remaining_on(day, tasks, self.today, calendar),
                planned_remaining_work_days=_planned_remaining_on(day, tasks, calendar),
            )
            for day in days
        ]
        BurndownPoint.objects.bulk_create(
            points,
            update_conflicts=True,
            unique_fields=["project", "date"],
            update_fields=["remaining_work_days", "planned_remaining_work_days", "recorded_at"],
        )
        burndown_record(project=self.project, on=self.today)


def _progress_on(task: Task, day: date, today: date, calendar: PlanCalendar) -> Decimal:
    """The % complete a task had on a past day: it grew evenly from its actual start."""
    if task.actual_start is None or day < task.actual_start:
        return Decimal(0)
    if task.actual_finish is not None and day >= task.actual_finish:
        return Decimal(100)
    end = task.actual_finish or today
    start_period = calendar.period_of(task.actual_start)
    done = calendar.period_of(day) + 1 - start_period
    span = calendar.period_of(end) + 1 - start_period
    target = Decimal(100) if task.actual_finish else Decimal(task.percent_complete)
    return target * min(max(done, 0), span) / max(span, 1)


def _remaining_on(day: date, tasks: list[Task], today: date, calendar: PlanCalendar) -> Decimal:
    return remaining_work_days(
        (task.duration_days, _progress_on(task, day, today, calendar)) for task in tasks
    )


def _planned_remaining_on(day: date, tasks: list[Task], calendar: PlanCalendar) -> Decimal:
    return planned_remaining_work_days(
        calendar=calendar, on=day, tasks=((task.duration_days, task.planned_start) for task in tasks)
    )
