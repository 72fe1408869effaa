"""Benchmark of the plan page and the task API at 20 and 2,000 tasks, against floors of the same run.

Run: .venv/bin/python bench/bench_plan.py [--small-runs N] [--big-runs N] [--no-write]

Database: PostgreSQL named by DATABASE_URL when it is set, otherwise a throwaway embedded server
(tests/embedded_services.py). Either way the run creates its own database `pmo_bench_<pid>`, migrates
it and drops it at the end, so it never touches real data.

Two projects get realistic plans built with bulk_create and project_reschedule: 20 and 2,000
tasks in a three-level WBS (phases, work packages, tasks), a milestone closing each work package, a
few start-no-earlier-than constraints, about 1.5 links per task of the four types with lags and leads,
assignees, a few actual costs and one baseline. Requests go through django.test.Client, logged in as
the project manager, so every figure includes the whole middleware stack, in process, no network.

Measured:
1. the plan page /projects/<id>/plan/ (with and without a baseline shown);
2. the plan API /api/projects/<id>/plan/ (the whole plan the Gantt reads after each edit), and the
   task API list /api/projects/<id>/tasks/?page_size=200 (the API's largest page), and the whole
   2,000-task list paged through;
3. a PATCH of one task's duration, of the first work task (every task moves) and of the last one
   (few move); the plan is rescheduled in full either way; and the Gantt's whole edit: the PATCH of
   the last task, then the plan API;
4. the XLSX export and import of the plan (projects.plan_io), into an empty project and
   replacing a plan;
5. the 2,000-task page with a baseline once more right after the load, before ANALYZE: PostgreSQL
   plans differently on tables without statistics; every other figure is measured after ANALYZE;
6. floors: a bare view returning a tiny HttpResponse (through the same middleware and a URLconf that
   includes the portal's), the same bare view behind login_required (session and user lookups), and
   a raw SQL `SELECT count(*)` of the project's tasks.

The number of queries of the page, the plan API and the API list must be the same at 20 and 2,000 tasks: the
script exits with status 1 when it is not. Times are medians of interleaved rounds after a warm-up
(time.perf_counter, gc.collect() before each); they are printed in ms and as ratios to the floors.
The section "## Plan page and task API" of bench/RESULTS.md is rewritten between its markers.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import json
import math
import os
import platform
import random
import statistics
import sys
import time
import types
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pmo_portal.settings")

from bench.results import write_section  # noqa: E402

# WhiteNoise warns that collectstatic never ran; the benchmark serves no static files.
warnings.filterwarnings("ignore", message="No directory at")

BEGIN_MARKER = "<!-- BEGIN plan benchmark (written by bench/bench_plan.py) -->"
END_MARKER = "<!-- END plan benchmark -->"
SMALL, BIG = 20, 2_000
SEED = 20_240_601
LINKS_PER_TASK = 1.5
# Extra predecessors are drawn from the previous WINDOW work tasks: plans link nearby work.
WINDOW = 60
PLAN_START = datetime.date(2026, 3, 2)  # a Monday
PASSWORD = "bench-password"  # noqa: S105 - a throwaway user in a throwaway database
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
BENCH_URLCONF = "bench_plan_urlconf"
API_PAGE_SIZE = 200
IMPORT_RUNS = 3
# Rows of the results table, per plan size.
ROW_ORDER = (
    "page",
    "page_baseline",
    "unanalysed",
    "plan_api",
    "api",
    "api_all",
    "patch",
    "patch_last",
    "gantt_edit",
    "export",
    "import_empty",
    "import_replace",
)


# --- the database ------------------------------------------------------------------------------------------


@dataclass
class BenchDatabase:
    """The database this run created, on a server it may have started; `close` drops and stops them."""

    url: str
    admin_params: dict
    name: str
    origin: str
    server: object | None = None

    def close(self) -> None:
        """Drop the benchmark database and stop the embedded server, if this run started one."""
        try:
            _admin_sql(self.admin_params, f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        finally:
            if self.server is not None:
                self.server.stop()


def _admin_sql(params: dict, statement: str) -> None:
    import psycopg2

    connection = psycopg2.connect(**params)
    try:
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(statement)
    finally:
        connection.close()


def open_database() -> BenchDatabase:
    """Create `pmo_bench_<pid>` on DATABASE_URL's server, or on an embedded one when it is unset."""
    import dj_database_url

    server = None
    url = os.environ.get("DATABASE_URL", "")
    origin = "DATABASE_URL"
    if not url:
        from tests import embedded_services

        server = embedded_services.start_postgres()
        url = server.url
        origin = "embedded server from tests/embedded_services.py"
    try:
        config = dj_database_url.parse(url)
        if "postgresql" not in config["ENGINE"]:
            raise SystemExit(f"bench_plan needs PostgreSQL; DATABASE_URL names {config['ENGINE']}.")
        admin_params = {
            "dbname": "postgres",
            "user": config.get("USER") or "postgres",
            "password": config.get("PASSWORD") or None,
            "host": config.get("HOST") or None,
            "port": config.get("PORT") or None,
        }
        name = f"pmo_bench_{os.getpid()}"
        _admin_sql(admin_params, f'CREATE DATABASE "{name}"')
    except BaseException:
        if server is not None:
            server.stop()
        raise
    bench_url = urlsplit(url)._replace(path=f"/{name}").geturl()
    return BenchDatabase(url=bench_url, admin_params=admin_params, name=name, origin=origin, server=server)


def run_on_bench_database(run: Callable[[argparse.Namespace, BenchDatabase], int], arguments) -> int:
    """Return `run(arguments, database)` on a new benchmark database, which is dropped afterwards."""
    database = open_database()
    os.environ["DATABASE_URL"] = database.url
    try:
        return run(arguments, database)
    finally:
        from django.db import connections

        connections.close_all()
        database.close()


# --- the plans ---------------------------------------------------------------------------------------------


@dataclass
class BenchPlan:
    """A project built for the benchmark and what its plan holds."""

    project: object
    task_count: int
    summaries: int
    milestones: int
    links: int
    link_types: dict[str, int]
    first_task_id: int
    last_task_id: int
    baseline_id: int


@dataclass
class BenchPeople:
    """The benchmark's project manager, team member and portfolio, and a way to add projects to them."""

    pm: object
    member: object
    portfolio: object

    def new_project(self, code: str):
        """A project of the portfolio from PLAN_START, managed by the pm, with the member on its team."""
        from projects.models import Project, ProjectMembership

        project = Project.objects.create(
            code=code,
            name=f"Benchmark plan {code}",
            portfolio=self.portfolio,
            project_manager=self.pm,
            start_date=PLAN_START,
            budget=Decimal("5000000"),
            currency="CNY",
        )
        ProjectMembership.objects.create(project=project, user=self.member)
        return project


def create_people(password: str | None = None) -> BenchPeople:
    """The users and the portfolio every benchmark plan belongs to (`password` None: no login by form)."""
    from django.contrib.auth import get_user_model

    from projects.models import Portfolio

    users = get_user_model().objects
    pm = users.create_user(
        username="bench-pm", password=password, first_name="Wei", last_name="Zhang", is_project_manager=True
    )
    member = users.create_user(
        username="bench-member", password=password, first_name="Li", last_name="Na", is_team_member=True
    )
    portfolio = Portfolio.objects.create(code="BENCH", name="Benchmark portfolio")
    return BenchPeople(pm=pm, member=member, portfolio=portfolio)


def build_plan(project, task_count: int, *, pm, member) -> BenchPlan:
    """Give `project` a plan of exactly `task_count` tasks (summaries included), rescheduled."""
    from projects.models import (
        CalendarHoliday,
        CostEntry,
        Dependency,
        ProjectCalendar,
        ScheduleConstraint,
        Task,
    )
    from projects.services.baselines import baseline_save
    from projects.services.reschedule import project_reschedule

    generator = random.Random(SEED + task_count)
    # Phases x work packages per phase: 2 x 2 for 20 tasks, 8 x 8 for 2,000.
    phase_count = max(2, round(math.sqrt(task_count) / 5.5))
    phases = Task.objects.bulk_create(
        Task(project=project, name=f"Phase {number}", position=number) for number in range(phase_count)
    )
    packages = Task.objects.bulk_create(
        Task(
            project=project,
            parent=phase,
            name=f"Work package {phase.position + 1}.{number + 1}",
            position=number,
        )
        for phase in phases
        for number in range(phase_count)
    )
    leaf_count = task_count - len(phases) - len(packages)
    per_package, extra = divmod(leaf_count, len(packages))
    people = [pm, member, None]
    leaves = []
    for index, package in enumerate(packages):
        size = per_package + (1 if index < extra else 0)
        for number in range(size):
            milestone = number == size - 1
            snet = not milestone and generator.random() < 0.02
            leaves.append(
                Task(
                    project=project,
                    parent=package,
                    position=number,
                    name=f"{'Sign-off' if milestone else 'Task'} {index + 1}.{number + 1}",
                    is_milestone=milestone,
                    duration_days=0 if milestone else generator.randint(1, 10),
                    constraint_type=ScheduleConstraint.START_NO_EARLIER_THAN if snet else "",
                    constraint_date=PLAN_START + datetime.timedelta(days=generator.randint(10, 200))
                    if snet
                    else None,
                    percent_complete=generator.choice((0, 0, 0, 25, 50, 100)),
                    planned_cost=Decimal(generator.randint(1, 80) * 250),
                    assignee=generator.choice(people),
                    notes="" if generator.random() < 0.8 else "Check with the supplier before starting.",
                )
            )
    # The two tasks the PATCH figures edit have an assignee at both sizes, so that their query counts
    # (the assignee is validated on save) compare like with like.
    leaves[0].assignee = member
    next(task for task in reversed(leaves) if not task.is_milestone).assignee = member
    leaves = Task.objects.bulk_create(leaves)

    # Links join work tasks (leaves) only, always from an earlier to a later one, so none closes a loop.
    pairs: set[tuple[int, int]] = set()
    for before, after in zip(leaves, leaves[1:], strict=False):
        pairs.add((before.pk, after.pk))  # a chain through each package and across packages
    wanted = round(LINKS_PER_TASK * task_count)
    attempts = 0
    while len(pairs) < wanted and attempts < wanted * 50:
        attempts += 1
        successor = generator.randrange(1, len(leaves))
        predecessor = generator.randrange(max(0, successor - WINDOW), successor)
        pairs.add((leaves[predecessor].pk, leaves[successor].pk))
    link_types = {"FS": 0, "SS": 0, "FF": 0, "SF": 0}
    links = []
    for predecessor, successor in sorted(pairs):
        link_type = generator.choices(("FS", "SS", "FF", "SF"), weights=(65, 17, 13, 5))[0]
        link_types[link_type] += 1
        lag = 0 if generator.random() < 0.6 else generator.choice((-2, -1, 1, 2, 3))
        links.append(
            Dependency(
                project=project,
                predecessor_id=predecessor,
                successor_id=successor,
                type=link_type,
                lag_days=lag,
            )
        )
    Dependency.objects.bulk_create(links)

    calendar = ProjectCalendar.objects.create(project=project)
    CalendarHoliday.objects.bulk_create(
        CalendarHoliday(calendar=calendar, date=day, name=name)
        for day, name in (
            (datetime.date(2026, 4, 6), "Qingming"),
            (datetime.date(2026, 5, 1), "Labour Day"),
            (datetime.date(2026, 6, 19), "Dragon Boat"),
            (datetime.date(2026, 10, 1), "National Day"),
        )
    )
    CostEntry.objects.bulk_create(
        CostEntry(task=task, date=PLAN_START, amount=Decimal("120.50"), created_by=pm)
        for task in leaves[::40]
    )
    project_reschedule(project=project)
    baseline = baseline_save(actor=pm, project=project, name="Approved plan")
    assert Task.objects.filter(project=project).count() == task_count
    return BenchPlan(
        project=project,
        task_count=task_count,
        summaries=len(phases) + len(packages),
        milestones=sum(1 for task in leaves if task.is_milestone),
        links=len(links),
        link_types=link_types,
        first_task_id=leaves[0].pk,
        last_task_id=next(task.pk for task in reversed(leaves) if not task.is_milestone),
        baseline_id=baseline.pk,
    )


# --- measuring ---------------------------------------------------------------------------------------------


@dataclass
class Figure:
    """One measurement: its timings (seconds), queries of one call, and the size of its answer."""

    name: str
    tasks: int | None
    call: Callable[[], object]
    runs: int
    note: str = ""
    timings: list[float] = field(default_factory=list)
    queries: int | None = None
    sql: list[str] = field(default_factory=list)
    size: int | None = None
    prepare: Callable[[], object] | None = None
    moved: int | None = None  # tasks whose dates a PATCH changes
    slowest_query: float = 0.0  # seconds, in the captured call

    @property
    def median(self) -> float:
        return statistics.median(self.timings)


def check_response(response, expected: int = 200):
    """The response, after making sure it is the expected status (a benchmark of errors is worthless)."""
    if response.status_code != expected:
        body = response.content[:500].decode(errors="replace")
        raise SystemExit(f"{response.request['PATH_INFO']} answered {response.status_code}: {body}")
    return response


def count_queries(figure: Figure) -> None:
    """Run the call once with queries captured; also serves as its warm-up."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if figure.prepare is not None:
        figure.prepare()
    with CaptureQueriesContext(connection) as captured:
        result = figure.call()
    figure.queries = len(captured)
    figure.sql = [query["sql"] for query in captured.captured_queries]
    figure.slowest_query = max((float(query["time"]) for query in captured.captured_queries), default=0.0)
    if figure.size is None:
        figure.size = _size_of(result)


def _size_of(result) -> int | None:
    if hasattr(result, "content"):
        return len(result.content)
    if isinstance(result, list):  # pages of the API
        return sum(len(page.content) for page in result)
    return None


def time_rounds(figures: list[Figure]) -> None:
    """Time every figure round by round (so load from other processes hits all alike) up to its runs."""
    for round_number in range(max(figure.runs for figure in figures)):
        for figure in figures:
            if round_number >= figure.runs:
                continue
            if figure.prepare is not None:
                figure.prepare()
            gc.collect()
            started = time.perf_counter()
            figure.call()
            figure.timings.append(time.perf_counter() - started)


def install_bare_urlconf() -> str:
    """Register a URLconf holding the floor views in front of the portal's own addresses."""
    from django.contrib.auth.decorators import login_required
    from django.http import HttpResponse
    from django.urls import include, path

    def bare(request):
        return HttpResponse(b"ok", content_type="text/plain")

    module = types.ModuleType(BENCH_URLCONF)
    module.urlpatterns = [
        path("bench/bare/", bare, name="bench-bare"),
        path("bench/bare-login/", login_required(bare), name="bench-bare-login"),
        path("", include("pmo_portal.urls")),
    ]
    sys.modules[BENCH_URLCONF] = module
    return BENCH_URLCONF


def api_pages(client, url: str) -> list:
    """Every page of a task list, following `next` links from the first page."""
    pages = []
    while url:
        response = check_response(client.get(url))
        pages.append(response)
        url = response.json()["next"]
    return pages


class TaskEditor:
    """PATCHes one task's duration back and forth, keeping its ETag, so every call moves its successors."""

    def __init__(self, client, task_id: int, duration: int):
        self.client = client
        self.url = f"/api/tasks/{task_id}/"
        self.durations = (duration + 5, duration)
        self.calls = 0
        self.version = json.loads(check_response(client.get(self.url)).content)["version"]

    def __call__(self):
        duration = self.durations[self.calls % 2]
        self.calls += 1
        response = check_response(
            self.client.patch(
                self.url,
                data=json.dumps({"duration_days": duration}),
                content_type="application/json",
                headers={"If-Match": f'"{self.version}"'},
            )
        )
        self.version = response.json()["version"]
        return response


class GanttEdit:
    """What the Gantt sends for one typed duration: the PATCH, then the whole plan read again."""

    def __init__(self, client, patch: TaskEditor, plan_url: str):
        self.patch = patch  # shared with the PATCH figure of the same task, so both keep one ETag
        self.client = client
        self.plan_url = plan_url

    def __call__(self):
        self.patch()
        return check_response(self.client.get(self.plan_url))


class Importer:
    """Imports one XLSX file into a project; `prepare` (untimed) empties it unless `replace` is asked."""

    def __init__(self, *, actor, project, content: bytes, replace: bool):
        self.actor = actor
        self.project = project
        self.content = content
        self.replace = replace

    def prepare(self) -> None:
        """Empty the target project when this import should start from nothing."""
        from projects.models import Task

        if not self.replace:
            Task.objects.filter(project=self.project, parent__isnull=True).delete()

    def __call__(self):
        from projects.plan_io.imports import plan_import

        return plan_import(
            actor=self.actor, project=self.project, data=self.content, file_name="plan.xlsx", replace=True
        )


# --- the run -----------------------------------------------------------------------------------------------


def run(arguments, database: BenchDatabase) -> int:
    """Build the plans, measure, print and record; return the exit status (1 if queries grow)."""
    import django

    django.setup()

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from projects.models import Task
    from projects.plan_io.exports import plan_export

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        server_version = cursor.fetchone()[0]
    migrate_seconds = time.perf_counter() - started

    with override_settings(PASSWORD_HASHERS=FAST_HASHERS, DEBUG=False, ROOT_URLCONF=install_bare_urlconf()):
        people = create_people(PASSWORD)
        pm, member, new_project = people.pm, people.member, people.new_project

        started = time.perf_counter()
        plans = {
            size: build_plan(new_project(f"BENCH-{size}"), size, pm=pm, member=member)
            for size in (SMALL, BIG)
        }
        import_targets = {size: new_project(f"IMPORT-{size}") for size in (SMALL, BIG)}
        build_seconds = time.perf_counter() - started

        client = Client()
        if not client.login(username="bench-pm", password=PASSWORD):
            raise SystemExit("The benchmark user could not log in.")

        # Tables that just received thousands of rows have no planner statistics until autovacuum
        # analyses them (within about a minute): measure that moment once, then analyse, so every
        # other figure is for the steady state.
        unanalysed = Figure(
            "plan page with a baseline, before ANALYZE",
            BIG,
            lambda url=f"/projects/{plans[BIG].project.pk}/plan/", baseline=plans[BIG].baseline_id: (
                check_response(client.get(url, {"baseline": baseline}))
            ),
            IMPORT_RUNS,
            note="fresh tables, no planner statistics yet",
        )
        count_queries(unanalysed)
        time_rounds([unanalysed])
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

        def sql_count(project_id: int) -> Callable[[], int]:
            def count() -> int:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT count(*) FROM projects_task WHERE project_id = %s", [project_id])
                    return cursor.fetchone()[0]

            return count

        runs = {SMALL: arguments.small_runs, BIG: arguments.big_runs}
        floors = {
            "bare": Figure("floor: bare view", None, lambda: check_response(client.get("/bench/bare/")), 0),
            "bare_login": Figure(
                "floor: bare view behind login_required",
                None,
                lambda: check_response(client.get("/bench/bare-login/")),
                0,
                note="session and user lookups",
            ),
        }
        sql_floors = {
            size: Figure(f"floor: SQL count(*) of {size:,} tasks", size, sql_count(plans[size].project.pk), 0)
            for size in (SMALL, BIG)
        }
        figures: dict[int, dict[str, Figure]] = {}
        for size, plan in plans.items():
            project_id = plan.project.pk
            page_url = f"/projects/{project_id}/plan/"
            api_url = f"/api/projects/{project_id}/tasks/?page_size={API_PAGE_SIZE}"
            plan_api_url = f"/api/projects/{project_id}/plan/"
            first_task = Task.objects.get(pk=plan.first_task_id)
            last_task = Task.objects.get(pk=plan.last_task_id)
            last_task_editor = TaskEditor(client, last_task.pk, last_task.duration_days)
            figures[size] = {
                "page": Figure(
                    "plan page", size, lambda url=page_url: check_response(client.get(url)), runs[size]
                ),
                "page_baseline": Figure(
                    "plan page with a baseline",
                    size,
                    lambda url=page_url, baseline=plan.baseline_id: check_response(
                        client.get(url, {"baseline": baseline})
                    ),
                    runs[size],
                ),
                "plan_api": Figure(
                    "plan API (what the Gantt reads after an edit)",
                    size,
                    lambda url=plan_api_url: check_response(client.get(url)),
                    runs[size],
                    note="every task in one answer",
                ),
                "api": Figure(
                    f"task API list, page_size={API_PAGE_SIZE}",
                    size,
                    lambda url=api_url: check_response(client.get(url)),
                    runs[size],
                    note=f"first {min(size, API_PAGE_SIZE)} rows",
                ),
                "patch": Figure(
                    "task PATCH duration, first task (full reschedule)",
                    size,
                    TaskEditor(client, first_task.pk, first_task.duration_days),
                    runs[size],
                ),
                "patch_last": Figure(
                    "task PATCH duration, last task (full reschedule)", size, last_task_editor, runs[size]
                ),
                "gantt_edit": Figure(
                    "Gantt edit of the last task: PATCH, then the plan API",
                    size,
                    GanttEdit(client, last_task_editor, plan_api_url),
                    runs[size],
                    note="one typed duration, as the browser sends it",
                ),
            }
            if size > API_PAGE_SIZE:
                figures[size]["api_all"] = Figure(
                    "task API list, every page",
                    size,
                    lambda url=api_url: api_pages(client, url),
                    runs[size],
                    note=f"{math.ceil(size / API_PAGE_SIZE)} pages of {API_PAGE_SIZE}",
                )
            figures[size]["export"] = Figure(
                "XLSX export (plan_export)",
                size,
                lambda project=plan.project: plan_export(project=project, file_format="xlsx"),
                runs[size],
            )

        # Query counts (and warm-up): each call once, captured.
        figures[BIG]["unanalysed"] = unanalysed
        for figure in [*floors.values(), *sql_floors.values()]:
            count_queries(figure)
        for size in (SMALL, BIG):
            for key, figure in figures[size].items():
                if key != "unanalysed":
                    count_queries(figure)
        for size in (SMALL, BIG):
            for key in ("patch", "patch_last"):
                figure = figures[size][key]
                figure.moved = _tasks_moved_by_patch(plans[size], figure)
                figure.note = f"moves {figure.moved:,} of {size:,} tasks each time"

        for size in (SMALL, BIG):
            floor_runs = [*floors.values(), sql_floors[size]]
            for figure in floor_runs:
                figure.runs = runs[size]
            time_rounds(
                [*floor_runs, *(figure for key, figure in figures[size].items() if key != "unanalysed")]
            )

        # Imports: the file each plan exports, into an empty project and over a full plan.
        for size in (SMALL, BIG):
            content = plan_export(project=plans[size].project, file_format="xlsx").content
            import_runs = IMPORT_RUNS if size == BIG else runs[size]
            imports = []
            for replace in (False, True):
                importer = Importer(actor=pm, project=import_targets[size], content=content, replace=replace)
                name = f"XLSX import ({'replacing the same plan' if replace else 'into an empty project'})"
                figure = Figure(name, size, importer, import_runs, prepare=importer.prepare)
                figures[size]["import_replace" if replace else "import_empty"] = figure
                imports.append(figure)
            for figure in imports:
                count_queries(figure)
                figure.size = len(content)
            time_rounds(imports)

    context = {
        "server_version": server_version,
        "origin": database.origin,
        "migrate_seconds": migrate_seconds,
        "build_seconds": build_seconds,
    }
    section, failures = report(arguments, plans, floors, sql_floors, figures, context)
    print(section)
    if not arguments.no_write:
        write_section(section, begin_marker=BEGIN_MARKER, end_marker=END_MARKER)
        print("\nwrote bench/RESULTS.md")
    for failure in failures:
        print(f"FAIL: {failure}", file=sys.stderr)
    return 1 if failures else 0


def _tasks_moved_by_patch(plan: BenchPlan, patch: Figure) -> int:
    """How many tasks change planned dates between the two durations the PATCH alternates."""
    from projects.models import Task

    def dates():
        return dict(
            Task.objects.filter(project=plan.project).values_list("pk", "planned_finish").order_by("pk")
        )

    before = dates()
    patch.call()
    after = dates()
    patch.call()  # back to where it was, so the timed calls alternate the same two states
    return sum(1 for task_id, finish in after.items() if before[task_id] != finish)


# --- the report --------------------------------------------------------------------------------------------


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms" if seconds < 10 else f"{seconds:,.1f} s"


def _size(size: int | None) -> str:
    if size is None:
        return ""
    return f"{size / 1024:,.1f} KB" if size >= 1024 else f"{size} B"


def report(arguments, plans, floors, sql_floors, figures, context) -> tuple[str, list[str]]:
    """The RESULTS.md section and the list of failed checks (queries that grow with the plan)."""
    bare = floors["bare"].median
    failures = []
    machine = (
        f"Python {platform.python_version()} ({platform.python_implementation()}), "
        f"{os.cpu_count()} CPUs, {platform.system()} {platform.machine()}, "
        f"1-minute load average {os.getloadavg()[0]:.2f} at the end (other work slows every figure alike)"
    )
    plan_lines = []
    for size, plan in plans.items():
        types_text = ", ".join(f"{count} {name}" for name, count in plan.link_types.items())
        plan_lines.append(
            f"{size:,} tasks: {plan.summaries} summaries on 2 levels, {plan.milestones} milestones, "
            f"{plan.links:,} links ({types_text}; lags -2..3)"
        )
    rows = []
    for floor in [floors["bare"], floors["bare_login"]]:
        rows.append(
            f"| {floor.name} | | {floor.queries} | {_ms(floor.median)} | {floor.median / bare:.1f} | | "
            f"{_size(floor.size)} | {floor.note} |"
        )
    for size in (SMALL, BIG):
        sql = sql_floors[size].median
        rows.append(
            f"| {sql_floors[size].name} | {size:,} | 1 | {_ms(sql)} | {sql / bare:.2f} | 1.0 | | "
            "raw cursor, no ORM |"
        )
        for figure in (figures[size][key] for key in ROW_ORDER if key in figures[size]):
            rows.append(
                f"| {figure.name} | {size:,} | {figure.queries} | {_ms(figure.median)} | "
                f"{figure.median / bare:,.1f} | {figure.median / sql:,.0f} | {_size(figure.size)} | "
                f"{figure.note} |"
            )

    query_rows = []
    for key, label in (
        ("page", "plan page"),
        ("page_baseline", "plan page with a baseline"),
        ("plan_api", "plan API"),
        ("api", f"task API list, page_size={API_PAGE_SIZE}"),
        ("patch", "task PATCH, first task"),
        ("patch_last", "task PATCH, last task"),
        ("export", "XLSX export"),
        ("import_empty", "XLSX import into an empty project"),
        ("import_replace", "XLSX import replacing the plan"),
    ):
        small, big = figures[SMALL][key].queries, figures[BIG][key].queries
        checked = key in {"page", "page_baseline", "plan_api", "api"}
        same = small == big
        if checked and not same:
            failures.append(f"{label}: {small} queries at {SMALL} tasks, {big} at {BIG:,}")
            _print_query_difference(label, figures[SMALL][key].sql, figures[BIG][key].sql)
        verdict = "yes" if same else ("**NO**" if checked else "no")
        query_rows.append(f"| {label} | {small} | {big} | {verdict} | {'yes' if checked else 'no'} |")

    reading = _reading(figures, floors, sql_floors, queries_same=not failures)
    lines = [
        "## Plan page and task API",
        "",
        f"`bench/bench_plan.py`, run {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC. "
        f"Machine: {machine}.",
        f"Database: PostgreSQL {context['server_version']} ({context['origin']}), in a database created "
        f"for the run and dropped after it (migrate {context['migrate_seconds']:.1f} s, plans built in "
        f"{context['build_seconds']:.1f} s). DEBUG off, MD5 password hasher, requests through "
        "django.test.Client logged in as the project manager (whole middleware stack, in process, "
        "no network).",
        "Plans (seeded): " + "; ".join(plan_lines) + ". Assignees, a few start-no-earlier-than constraints, "
        "actual costs on every 40th work task and one baseline.",
        f"Times: median of {arguments.small_runs} ({SMALL} tasks) / {arguments.big_runs} ({BIG:,} tasks) "
        f"interleaved runs after a warm-up ({IMPORT_RUNS} for the {BIG:,}-task import), time.perf_counter, "
        "gc.collect() before each; ratios to the floors of the same run.",
        "",
        "| measurement | tasks | queries | median | × bare view | × SQL count | response | note |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
        *rows,
        "",
        f"| queries | {SMALL} tasks | {BIG:,} tasks | same | checked (exit 1 if not the same) |",
        "| --- | ---: | ---: | --- | --- |",
        *query_rows,
        "",
        reading,
    ]
    return "\n".join(lines), failures


def _reading(figures, floors, sql_floors, *, queries_same: bool) -> str:
    """One paragraph reading the figures of this run."""
    bare = floors["bare"].median
    big, small = figures[BIG], figures[SMALL]
    page, api, api_all = big["page"], big["api"], big["api_all"]
    patch, patch_last = big["patch"], big["patch_last"]
    per_task_page = (page.median - small["page"].median) / (BIG - SMALL) * 1e6
    per_task_baseline = (big["page_baseline"].median - small["page_baseline"].median) / (BIG - SMALL) * 1e6
    per_row_api = (api.median - small["api"].median) / (API_PAGE_SIZE - SMALL) * 1e6
    slowest_read = max(big[key].slowest_query for key in ("page", "page_baseline", "api"))
    if queries_same:
        text = (
            f"The plan page and the task API list issue the same number of queries at {SMALL} and {BIG:,} "
            f"tasks ({page.queries} for the page, {api.queries} for a page of the API), so what grows with "
            "the plan is Python work per row, not round trips. "
        )
    else:
        text = (
            "The number of queries GROWS with the plan (see the FAIL lines): a relation is read in a loop. "
        )
    return text + (
        f"At {BIG:,} tasks the plan page takes {_ms(page.median)} ({page.median / bare:,.0f}x a bare view; "
        f"{_size(page.size)} of HTML carrying the plan as JSON), about {per_task_page:,.0f} µs per task over "
        f"the {SMALL}-task page ({per_task_baseline:,.0f} µs with a baseline and its variances). The API's "
        f"largest page ({API_PAGE_SIZE} rows) takes {_ms(api.median)} ({api.median / bare:,.0f}x), about "
        f"{per_row_api:,.0f} µs per serialized row, so reading all {BIG:,} tasks through the API "
        f"({math.ceil(BIG / API_PAGE_SIZE)} pages) takes {_ms(api_all.median)}, "
        f"{api_all.median / page.median:.1f}x the page, which sends the same tasks in one response. "
        f"A PATCH of one duration reschedules all {BIG:,} tasks: {_ms(patch_last.median)} when it moves "
        f"{patch_last.moved:,} of them and {_ms(patch.median)} when it moves {patch.moved:,}, the "
        "difference being the write-back of the moved rows. The Gantt then reads the whole plan again "
        f"from the plan API ({_ms(big['plan_api'].median)}, {_size(big['plan_api'].size)} of JSON), so one "
        f"typed duration costs {_ms(big['gantt_edit'].median)} on the server from the PATCH to the fresh "
        "plan. Importing the "
        f"{BIG:,}-task XLSX into an empty project takes {_ms(big['import_empty'].median)}"
        f"{_replace_text(small['import_replace'], big['import_replace'], big['import_empty'])}. "
        f"The database is not where the time goes: counting {BIG:,} rows takes "
        f"{_ms(sql_floors[BIG].median)} and the slowest query of the {BIG:,}-task page and API takes "
        f"{_ms(slowest_read)}; only on tables PostgreSQL has not analysed yet (right after a large load) "
        f"does it plan nested loops: the slowest query of the page with a baseline then takes "
        f"{_ms(big['unanalysed'].slowest_query)} and the page {_ms(big['unanalysed'].median)} instead of "
        f"{_ms(big['page_baseline'].median)}, until autovacuum's ANALYZE (within about a minute)."
    )


def _replace_text(small: Figure, big: Figure, empty: Figure) -> str:
    """What replacing an existing plan adds to an import, and why its queries grow when they do."""
    text = f"; replacing an existing plan of the same size adds {_ms(big.median - empty.median)}"
    if big.queries != small.queries:
        text += (
            f" and its queries grow ({small.queries} at {SMALL} tasks, {big.queries} at {BIG:,}): Django's "
            "deletion collector deletes the old tasks 100 ids per DELETE statement"
        )
    return text


def _print_query_difference(label: str, small: list[str], big: list[str]) -> None:
    print(
        f"\n{label}: queries at {SMALL} tasks ({len(small)}) and {BIG:,} tasks ({len(big)}):", file=sys.stderr
    )
    for number, sql in enumerate(big, 1):
        print(f"  {number:3}. {sql[:200]}", file=sys.stderr)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small-runs", type=int, default=15, help=f"timed runs per figure at {SMALL} tasks")
    parser.add_argument("--big-runs", type=int, default=7, help=f"timed runs per figure at {BIG:,} tasks")
    parser.add_argument("--no-write", action="store_true", help="print only, leave RESULTS.md alone")
    return run_on_bench_database(run, parser.parse_args())


if __name__ == "__main__":
    sys.exit(main())
