"""The benchmark organisation of seed_bench: rows for every table, generated from a seed, without a query.

Deterministic: the same seed, number of projects, status date and first ids give the same rows. Each
project draws from its own random stream (seed and project number), so project 17 is the same whether
2 or 2,000 are generated, and chunks can be generated and loaded one after the other.

The plan fields the scheduling engine derives (WBS code, outline, planned and late dates, floats,
critical flag, summaries' rolled-up figures) are set by the engine itself:
projects.services.reschedule.plan_recompute, the in-memory half of project_reschedule, on the
project's calendar. So a reschedule of a seeded plan changes nothing.

How a project is made:
1. 10 phases (summary tasks) of 9 work tasks in three parallel chains and a closing milestone, so
   100 leaf tasks; the first tasks of a phase follow the previous phase's milestone, and one link in
   five adds a start-to-start link with a lag.
2. The plan is scheduled from the project's start (a Monday) and frozen as its baseline.
3. Durations then change by a per-project pace (0.75-1.05; closed projects 0.9-1.15) and the plan is
   scheduled again: the current plan against which progress is recorded.
4. Progress as of the status date: a task whose planned finish has passed is 100 % with its actual
   dates, a task under way gets its elapsed share of its span times a per-project factor, later
   tasks nothing; actual dates equal the planned ones, so pinning them (as the engine does) keeps
   the dates the same. Closed projects are finished.
5. Actual costs: each started task books, at the end of each week it runs and on its last day, the
   cost of the progress made since its last entry (budget x a per-project cost factor 0.85-1.3).
6. 52 weekly snapshots: the status of the week (proposed before the start, closed from the week after
   the finish of a closed project), EV and % complete from the progress rule at the week's Sunday, AC
   from the cost entries to that day, PV from the baseline's weekly curve (reports.project_figures),
   SPI, CPI and EAC from reports.evm. Health and compliance stay "not yet measured" (null): the
   generator does not invent them. The current week is written from the rollups when they are
   computed (reports.services.rollups.snapshots_take), as the nightly job does.
7. 10 risks per project (20,000 for 2,000 projects): nine threats in ten, the rest opportunities;
   probability and impact 1-5 (the default scale), a strategy of the kind, a status that fits the
   project's (a closed project's risks are closed), a review date around the status date (some
   overdue), a residual rating for one in three with a response, a cost impact in the project's
   currency, escalated at the default threshold (15).
"""

from __future__ import annotations

import bisect
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from projects.models import Task
from projects.services.reschedule import plan_recompute
from projects.workcalendar import (
    MONDAY_TO_FRIDAY,
    PlanCalendar,
    WorkCalendar,
    official_calendar,
    project_work_calendar,
)
from reports import evm
from reports.project_figures import PlanRow, project_figures

PHASES = 10
CHAINS = 3
WORK_TASKS_PER_PHASE = 9
LEAVES_PER_PROJECT = PHASES * (WORK_TASKS_PER_PHASE + 1)
TASKS_PER_PROJECT = LEAVES_PER_PROJECT + PHASES
SNAPSHOT_WEEKS = 52
RISKS_PER_PROJECT = 10
RISK_CATEGORIES = ("technical", "market", "resource", "schedule", "cost", "compliance", "scope", "quality")
RISK_TITLES = (
    "Key engineer may leave", "供应商交付延期", "Requirements keep changing", "数据迁移质量不足",
    "Regulatory approval slips", "测试环境不稳定", "Budget cut at mid-year review", "第三方接口变更",
    "Vendor licence costs rise", "用户培训不足", "Reuse of the platform team's work", "提前上线的机会",
)  # fmt: skip
THREAT_STRATEGIES = ("mitigate", "mitigate", "avoid", "transfer", "accept")
OPPORTUNITY_STRATEGIES = ("exploit", "enhance", "share", "accept")
RISK_ESCALATION_THRESHOLD = 15
MEMBERS_PER_PROJECT = 5
PORTFOLIOS = 8
PROGRAMS_PER_PORTFOLIO = 5
DEPARTMENTS = (
    "Finance",
    "Operations",
    "Information Technology",
    "Marketing",
    "Sales",
    "Human Resources",
    "Research",
    "Manufacturing",
    "Logistics",
    "Legal",
    "Customer Service",
    "Procurement",
)
# About 1,000 people: the PMO, project managers, sponsors and team members.
PEOPLE = {"pmo": 10, "pm": 150, "sponsor": 40, "member": 800}
CURRENCIES = (("CNY", 0.7), ("EUR", 0.85), ("USD", 1.0))
USERNAME_PREFIX = "bench."
PROJECT_CODE_PREFIX = "BENCH-"
BASELINE_NAME = "Baseline 1"
UNUSABLE_PASSWORD = "!seed-bench"  # noqa: S105 - Django's mark of a password nobody can sign in with


@dataclass
class FirstIds:
    """The first free id of each table the generator writes; ids are consecutive from there."""

    user: int = 1
    portfolio: int = 1
    program: int = 1
    project: int = 1
    calendar: int = 1
    membership: int = 1
    task: int = 1
    dependency: int = 1
    baseline: int = 1
    baseline_task: int = 1
    cost_entry: int = 1
    snapshot: int = 1
    risk: int = 1


@dataclass
class Rows:
    """Rows by model label ("projects.Task"), each a dict of column attnames to values."""

    tables: dict[str, list[dict]] = field(default_factory=dict)

    def add(self, label: str, row: dict) -> None:
        self.tables.setdefault(label, []).append(row)

    def count(self, label: str) -> int:
        return len(self.tables.get(label, ()))


@dataclass(frozen=True)
class Organisation:
    """The people, portfolios and programs the projects are drawn from (ids as generated)."""

    pmo: list[int]
    managers: list[int]
    sponsors: list[int]
    members: list[int]
    portfolios: list[int]
    programs: dict[int, list[int]]  # by portfolio id


class BenchGenerator:
    """Generates the organisation once, then the projects in any chunks, with consecutive ids."""

    def __init__(self, *, seed: int, status_date: date, first_ids: FirstIds | None = None):
        self.seed = seed
        self.status_date = status_date
        self.ids = first_ids or FirstIds()
        # Every timestamp the rows carry, so two runs give the same rows.
        self.stamp = datetime.combine(status_date, datetime.min.time(), tzinfo=UTC)
        self.organisation: Organisation | None = None

    def _next(self, table: str) -> int:
        value = getattr(self.ids, table)
        setattr(self.ids, table, value + 1)
        return value

    # --- the organisation -----------------------------------------------------------------------

    def organisation_rows(self) -> Rows:
        rows = Rows()
        stream = random.Random(f"{self.seed}:organisation")  # noqa: S311 - reproducible test data, not secrets
        people: dict[str, list[int]] = {}
        number = 0
        for role, count in PEOPLE.items():
            people[role] = []
            for index in range(count):
                number += 1
                user_id = self._next("user")
                people[role].append(user_id)
                rows.add(
                    "governance.User",
                    {
                        "id": user_id,
                        "password": UNUSABLE_PASSWORD,
                        "username": f"{USERNAME_PREFIX}{role}.{index + 1:04d}",
                        "first_name": f"{role.title()} {index + 1}",
                        "last_name": "Bench",
                        "email": f"{role}.{index + 1}@bench.invalid",
                        "is_pmo_staff": role == "pmo",
                        "is_project_manager": role == "pm",
                        "is_sponsor": role == "sponsor",
                        "is_team_member": role == "member",
                        "department": stream.choice(DEPARTMENTS),
                        "date_joined": self.stamp,
                    },
                )
        portfolios: list[int] = []
        programs: dict[int, list[int]] = {}
        for index in range(PORTFOLIOS):
            portfolio_id = self._next("portfolio")
            portfolios.append(portfolio_id)
            rows.add(
                "projects.Portfolio",
                {
                    "id": portfolio_id,
                    "code": f"{PROJECT_CODE_PREFIX}PF{index + 1:02d}",
                    "name": f"Bench portfolio {index + 1}",
                    "created_at": self.stamp,
                },
            )
            programs[portfolio_id] = []
            for program_index in range(PROGRAMS_PER_PORTFOLIO):
                program_id = self._next("program")
                programs[portfolio_id].append(program_id)
                rows.add(
                    "projects.Program",
                    {
                        "id": program_id,
                        "portfolio_id": portfolio_id,
                        "code": f"{PROJECT_CODE_PREFIX}PG{index + 1:02d}{program_index + 1}",
                        "name": f"Bench program {index + 1}.{program_index + 1}",
                    },
                )
        self.organisation = Organisation(
            pmo=people["pmo"],
            managers=people["pm"],
            sponsors=people["sponsor"],
            members=people["member"],
            portfolios=portfolios,
            programs=programs,
        )
        return rows

    # --- the projects ---------------------------------------------------------------------------

    def project_rows(self, numbers: range) -> Rows:
        """The rows of projects number `numbers` (1-based), each from its own random stream."""
        if self.organisation is None:
            raise RuntimeError("organisation_rows() first: the projects are drawn from it")
        rows = Rows()
        for number in numbers:
            _ProjectBuilder(self, number, rows).build()
        return rows


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def progress_at(task: Task, day: date, factor: float) -> int:
    """The % complete of a leaf at the end of `day`: done after its planned finish, else its elapsed
    share of the span (calendar days) times the project's progress factor, at least 1 once started."""
    if task.planned_start is None or task.planned_finish is None or day >= task.planned_finish:
        return 100 if task.planned_finish is not None and day >= task.planned_finish else 0
    if day < task.planned_start:
        return 0
    span = (task.planned_finish - task.planned_start).days + 1
    share = ((day - task.planned_start).days + 1) / span
    return max(1, min(99, int(share * factor * 100)))


class _ProjectBuilder:
    def __init__(self, generator: BenchGenerator, number: int, rows: Rows):
        self.generator = generator
        self.number = number
        self.rows = rows
        self.random = random.Random(f"{generator.seed}:project:{number}")  # noqa: S311 - reproducible data
        self.status_date = generator.status_date
        self.stamp = generator.stamp

    def build(self) -> None:
        draw = self.random
        organisation = self.generator.organisation
        status_date = self.status_date
        roll = draw.random()
        status = (
            "closed" if roll < 0.15 else "proposed" if roll < 0.22 else "on_hold" if roll < 0.27 else "active"
        )
        offset = {
            "closed": draw.randint(330, 700),
            "proposed": -draw.randint(7, 90),
            "on_hold": draw.randint(60, 250),
            "active": draw.randint(20, 300),
        }[status]
        start = monday_of(status_date - timedelta(days=offset))
        currency_roll = draw.random()
        currency = next(code for code, limit in CURRENCIES if currency_roll < limit)
        portfolio_id = draw.choice(organisation.portfolios)
        program_id = draw.choice(organisation.programs[portfolio_id]) if draw.random() < 0.8 else None
        china = draw.random() < 0.3
        work_calendar = (
            project_work_calendar(
                working_weekdays=MONDAY_TO_FRIDAY, official=official_calendar("china"), exceptions={}
            )
            if china
            else WorkCalendar(working_weekdays=MONDAY_TO_FRIDAY)
        )
        calendar = PlanCalendar(work_calendar=work_calendar, anchor=start)
        project_id = self.generator._next("project")
        manager = draw.choice(organisation.managers)
        members = draw.sample(organisation.members, MEMBERS_PER_PROJECT)
        tasks, links = self._plan(project_id, members)
        has_baseline = status != "proposed" and draw.random() < 0.95
        # The baseline: the plan as first scheduled.
        ordered, _duration, _critical = plan_recompute(tasks, links, calendar)
        baseline = {
            task.pk: (task.name, task.wbs_code, task.planned_start, task.planned_finish, task.duration_days)
            for task in ordered
        }
        baseline_costs = {task.pk: task.planned_cost for task in ordered}
        # The current plan: durations slipped by the project's pace.
        pace = draw.uniform(0.9, 1.15) if status == "closed" else draw.uniform(0.75, 1.05)
        for task in tasks:
            if not task.is_milestone and task.pk in self._leaves:
                task.duration_days = max(1, round(self._durations[task.pk] / pace))
        ordered, _duration, _critical = plan_recompute(tasks, links, calendar)
        finish = max(task.planned_finish for task in ordered)
        if status == "closed" and finish >= status_date - timedelta(days=7):
            status = "active"  # not finished yet: a closed project must be
        factor = 1.0 if status == "closed" else draw.uniform(0.7, 1.0)
        progress_day = status_date if status != "proposed" else start - timedelta(days=1)
        leaves = [task for task in ordered if not task.is_summary]
        percents = {}
        for task in leaves:
            percent = progress_at(task, progress_day, factor)
            percents[task.pk] = percent
            task.percent_complete = percent
            if percent > 0:
                task.actual_start = task.planned_start
            if percent == 100:
                task.actual_finish = task.planned_finish
        # Pinned on their actual dates, which are the planned ones: the engine keeps every date.
        ordered, _duration, _critical = plan_recompute(tasks, links, calendar)
        closed_on = None
        if status == "closed":
            closed_on = finish + timedelta(days=draw.randint(0, 13))
        budget_factor = Decimal(str(round(draw.uniform(1.0, 1.15), 2)))
        bac = sum(baseline_costs[task.pk] for task in leaves)
        cost_factor = draw.uniform(0.85, 1.3)
        phase = {
            "closed": "closing",
            "proposed": "initiating",
            "on_hold": "executing",
            "active": "monitoring" if draw.random() < 0.3 else "executing",
        }[status]
        self.rows.add(
            "projects.Project",
            {
                "id": project_id,
                "code": f"{PROJECT_CODE_PREFIX}{self.number:05d}",
                "name": f"Bench project {self.number}",
                "portfolio_id": portfolio_id,
                "program_id": program_id,
                "department": draw.choice(DEPARTMENTS),
                "sponsor_id": draw.choice(organisation.sponsors),
                "project_manager_id": manager,
                "phase": phase,
                "status": status,
                "priority": draw.choice(("low", "medium", "medium", "high", "critical")),
                "start_date": start,
                "finish_date": finish,
                "budget": (bac * budget_factor).quantize(Decimal("0.01")),
                "currency": currency,
                "created_at": self.stamp,
                "updated_at": self.stamp,
                "plan_version": 1,
            },
        )
        if china:
            self.rows.add(
                "projects.ProjectCalendar",
                {
                    "id": self.generator._next("calendar"),
                    "project_id": project_id,
                    "working_weekdays": 0b0011111,
                    "official_holidays": "china",
                },
            )
        for user_id in members:
            self.rows.add(
                "projects.ProjectMembership",
                {
                    "id": self.generator._next("membership"),
                    "project_id": project_id,
                    "user_id": user_id,
                    "role": "team_member",
                    "created_at": self.stamp,
                },
            )
        for task in ordered:
            self.rows.add("projects.Task", _task_row(task, self.stamp))
        for predecessor_id, successor_id, link_type, lag in links:
            self.rows.add(
                "projects.Dependency",
                {
                    "id": self.generator._next("dependency"),
                    "project_id": project_id,
                    "predecessor_id": predecessor_id,
                    "successor_id": successor_id,
                    "type": link_type,
                    "lag_days": lag,
                    "created_at": self.stamp,
                },
            )
        if has_baseline:
            baseline_id = self.generator._next("baseline")
            self.rows.add(
                "projects.Baseline",
                {
                    "id": baseline_id,
                    "project_id": project_id,
                    "name": BASELINE_NAME,
                    "created_by_id": manager,
                    "created_at": datetime.combine(start, datetime.min.time(), tzinfo=UTC),
                },
            )
            for task in ordered:
                name, wbs_code, base_start, base_finish, duration = baseline[task.pk]
                self.rows.add(
                    "projects.BaselineTask",
                    {
                        "id": self.generator._next("baseline_task"),
                        "baseline_id": baseline_id,
                        "task_id": task.pk,
                        "task_name": name,
                        "wbs_code": wbs_code,
                        "start": base_start,
                        "finish": base_finish,
                        "duration_days": duration,
                        "planned_cost": baseline_costs[task.pk],
                    },
                )
        entries = self._cost_entries(leaves, progress_day, factor, cost_factor, members)
        plan_rows = [
            PlanRow(
                planned_cost=task.planned_cost,
                percent_complete=task.percent_complete,
                planned_start=task.planned_start,
                planned_finish=task.planned_finish,
                is_milestone=task.is_milestone,
                actual_finish=task.actual_finish,
                in_baseline=has_baseline,
                baseline_cost=baseline_costs[task.pk] if has_baseline else Decimal("0"),
                baseline_start=baseline[task.pk][2] if has_baseline else None,
                baseline_finish=baseline[task.pk][3] if has_baseline else None,
            )
            for task in leaves
        ]
        self._risks(project_id=project_id, status=status, manager=manager, members=members, currency=currency)
        self._snapshots(
            project_id=project_id,
            portfolio_id=portfolio_id,
            status=status,
            start=start,
            closed_on=closed_on,
            currency=currency,
            leaves=leaves,
            plan_rows=plan_rows,
            work_calendar=work_calendar,
            has_baseline=has_baseline,
            entries=entries,
            factor=factor,
            bac=bac,
        )

    def _plan(self, project_id: int, members: list[int]) -> tuple[list[Task], list[tuple]]:
        """Unsaved tasks with their ids, in (position, id) order, and the links between them."""
        draw = self.random
        tasks: list[Task] = []
        links: list[tuple[int, int, str, int]] = []
        self._leaves: set[int] = set()
        self._durations: dict[int, int] = {}
        previous_milestone = None
        for phase in range(PHASES):
            summary = Task(
                id=self.generator._next("task"),
                project_id=project_id,
                position=phase,
                name=f"Phase {phase + 1}",
                duration_days=0,
            )
            tasks.append(summary)
            work = []
            for index in range(WORK_TASKS_PER_PHASE):
                duration = draw.randint(2, 8)
                task = Task(
                    id=self.generator._next("task"),
                    project_id=project_id,
                    parent_id=summary.pk,
                    position=index,
                    name=f"Work package {phase + 1}.{index + 1}",
                    duration_days=duration,
                    planned_cost=Decimal(draw.randint(20, 400) * 100),
                    assignee_id=draw.choice(members),
                )
                self._durations[task.pk] = duration
                tasks.append(task)
                work.append(task)
                if index >= CHAINS:
                    links.append((work[index - CHAINS].pk, task.pk, "FS", 0))
                elif previous_milestone is not None:
                    links.append((previous_milestone, task.pk, "FS", 0))
                if index >= 1 and index % CHAINS and draw.random() < 0.2:
                    links.append((work[index - 1].pk, task.pk, "SS", draw.randint(1, 3)))
            milestone = Task(
                id=self.generator._next("task"),
                project_id=project_id,
                parent_id=summary.pk,
                position=WORK_TASKS_PER_PHASE,
                name=f"Phase {phase + 1} complete",
                is_milestone=True,
                duration_days=0,
            )
            tasks.append(milestone)
            for task in work[-CHAINS:]:
                links.append((task.pk, milestone.pk, "FS", 0))
            previous_milestone = milestone.pk
            self._leaves.update(task.pk for task in [*work, milestone])
        # The order project_reschedule reads a plan in.
        tasks.sort(key=lambda task: (task.position, task.pk))
        return tasks, links

    def _cost_entries(self, leaves, progress_day, factor, cost_factor, members) -> list[tuple[date, Decimal]]:
        """Book each started task's cost at the end of each week it ran and on its last day."""
        entries = []
        for task in leaves:
            if not task.percent_complete or not task.planned_cost:
                continue
            last = min(task.planned_finish, progress_day)
            days = []
            day = task.planned_start + timedelta(days=6 - task.planned_start.weekday())
            while day < last:
                days.append(day)
                day += timedelta(days=7)
            days.append(last)
            booked = Decimal("0")
            budget = task.planned_cost * Decimal(str(round(cost_factor, 4)))
            for day in days:
                cumulative = (budget * progress_at(task, day, factor) / 100).quantize(Decimal("0.01"))
                amount = cumulative - booked
                if amount <= 0:
                    continue
                booked = cumulative
                entries.append((day, amount))
                self.rows.add(
                    "projects.CostEntry",
                    {
                        "id": self.generator._next("cost_entry"),
                        "task_id": task.pk,
                        "date": day,
                        "amount": amount,
                        "note": "",
                        "created_by_id": task.assignee_id,
                        "created_at": self.stamp,
                    },
                )
        entries.sort()
        return entries

    def _risks(
        self, *, project_id: int, status: str, manager: int, members: list[int], currency: str
    ) -> None:
        """The project's register: RISKS_PER_PROJECT risks (see the module's step 7)."""
        draw = self.random
        for number in range(RISKS_PER_PROJECT):
            threat = draw.random() < 0.9
            probability, impact = draw.randint(1, 5), draw.randint(1, 5)
            score = probability * impact
            if status == "closed":
                state = "closed"
            elif status == "proposed":
                state = "identified"
            else:
                state = draw.choice(
                    ("identified", "assessed", "response_planned", "monitoring", "monitoring", "closed")
                )
            responded = state in ("response_planned", "monitoring", "closed")
            residual = responded and draw.random() < 0.35
            escalated = threat and score >= RISK_ESCALATION_THRESHOLD
            self.rows.add(
                "risks.Risk",
                {
                    "id": self.generator._next("risk"),
                    "project_id": project_id,
                    "kind": "threat" if threat else "opportunity",
                    "title": f"{draw.choice(RISK_TITLES)} ({number + 1})",
                    "category": draw.choice(RISK_CATEGORIES),
                    "probability": probability,
                    "impact": impact,
                    "score": score,
                    "owner_id": manager if draw.random() < 0.5 else draw.choice(members),
                    "strategy": draw.choice(THREAT_STRATEGIES if threat else OPPORTUNITY_STRATEGIES)
                    if responded
                    else "",
                    "response_plan": "Weekly review with the owner." if responded else "",
                    "review_date": self.status_date + timedelta(days=draw.randint(-30, 60)),
                    "status": state,
                    "residual_probability": max(1, probability - 2) if residual else None,
                    "residual_impact": max(1, impact - 1) if residual else None,
                    "cost_impact": Decimal(draw.randrange(0, 500_000, 1_000)),
                    "escalated": escalated,
                    "escalated_at": self.stamp if escalated else None,
                    "created_by_id": manager,
                    "created_at": self.stamp,
                    "updated_at": self.stamp,
                },
            )

    def _snapshots(self, *, project_id, portfolio_id, status, start, closed_on, currency, leaves,
                   plan_rows, work_calendar, has_baseline, entries, factor, bac) -> None:  # fmt: skip
        """One snapshot a week for the 52 weeks before the current one (the current one comes from the
        rollups, or is computed here when they are not)."""
        figures = project_figures(
            plan_rows,
            status_date=self.status_date,
            calendar=work_calendar,
            actual_cost=sum((amount for _day, amount in entries), Decimal("0")) or None,
            has_baseline=has_baseline,
        )
        entry_days = [day for day, _amount in entries]
        cumulative_costs = []
        running = Decimal("0")
        for _day, amount in entries:
            running += amount
            cumulative_costs.append(running)
        current_week = monday_of(self.status_date)
        planned_finish = figures.planned_finish
        for weeks_back in range(SNAPSHOT_WEEKS - 1, -1, -1):
            week = current_week - timedelta(days=7 * weeks_back)
            if weeks_back == 0:
                metrics, percent, status_day = figures.metrics, figures.percent_complete, self.status_date
            else:
                status_day = week + timedelta(days=6)
                metrics, percent = self._week_figures(
                    status_day, leaves, plan_rows, figures, entry_days, cumulative_costs, factor, bac
                )
            if status == "proposed" or status_day < start:
                week_status = "proposed"
            elif closed_on is not None and week > closed_on:
                week_status = "closed"
            elif status == "on_hold" and weeks_back < 8:
                week_status = "on_hold"
            else:
                week_status = "active"
            self.rows.add(
                "reports.WeeklySnapshot",
                {
                    "id": self.generator._next("snapshot"),
                    "project_id": project_id,
                    "week": week,
                    "portfolio_id": portfolio_id,
                    "project_status": week_status,
                    "taken_at": datetime.combine(status_day, datetime.max.time(), tzinfo=UTC).replace(
                        microsecond=0
                    ),
                    "status_date": status_day,
                    "currency": currency,
                    "budget_at_completion": metrics["bac"],
                    "planned_value": metrics["pv"],
                    "earned_value": metrics["ev"],
                    "actual_cost": metrics["ac"],
                    "estimate_at_completion": metrics["eac"],
                    "schedule_performance_index": metrics["spi"],
                    "cost_performance_index": metrics["cpi"],
                    "percent_complete": percent,
                    "health_score": None,
                    "health_band": "",
                    "compliance_score": None,
                    "planned_finish": planned_finish,
                    "baseline_finish": figures.baseline_finish,
                },
            )

    def _week_figures(self, day, leaves, plan_rows, figures, entry_days, cumulative_costs, factor, bac):
        earned = Decimal("0")
        weighted = 0
        weight = 0
        for task, row in zip(leaves, plan_rows, strict=True):
            percent = progress_at(task, day, factor) if task.percent_complete else 0
            earned += row.budget * percent
            days = 1 if task.is_milestone else (task.planned_finish - task.planned_start).days + 1
            weighted += days * percent
            weight += days
        index = bisect.bisect_right(entry_days, day)
        actual_cost = cumulative_costs[index - 1] if index else None
        planned_value = None
        if figures.curve_start is not None:
            week_number = (day - figures.curve_start).days // 7
            curve = figures.pv_curve
            planned_value = (
                Decimal("0") if week_number < 0 else curve[week_number] if week_number < len(curve) else bac
            )
        metrics = evm.metrics(
            evm.Figures(bac=bac, pv=planned_value, ev=(earned / 100).quantize(evm.CENT), ac=actual_cost)
        )
        percent = Decimal(round(weighted / weight * 10)) / 10 if weight else None
        return metrics, percent


def _task_row(task: Task, stamp: datetime) -> dict:
    return {
        "id": task.pk,
        "project_id": task.project_id,
        "parent_id": task.parent_id,
        "position": task.position,
        "name": task.name,
        "is_milestone": task.is_milestone,
        "duration_days": task.duration_days,
        "manual": False,
        "constraint_type": "",
        "constraint_date": None,
        "actual_start": task.actual_start,
        "actual_finish": task.actual_finish,
        "percent_complete": task.percent_complete,
        "planned_cost": task.planned_cost,
        "assignee_id": task.assignee_id,
        "notes": "",
        "wbs_code": task.wbs_code,
        "outline_order": task.outline_order,
        "outline_level": task.outline_level,
        "is_summary": task.is_summary,
        "planned_start": task.planned_start,
        "planned_finish": task.planned_finish,
        "late_start": task.late_start,
        "late_finish": task.late_finish,
        "total_float_days": task.total_float_days,
        "free_float_days": task.free_float_days,
        "is_critical": task.is_critical,
        "version": 1,
        "created_at": stamp,
        "updated_at": stamp,
    }


def chunks(total: int, size: int) -> Iterator[range]:
    """Project numbers 1..total in ranges of `size`."""
    for first in range(1, total + 1, size):
        yield range(first, min(first + size, total + 1))
