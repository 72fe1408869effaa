"""Benchmark of the portfolio dashboard at 10 and 2,000 projects, against a bare view with one SQL aggregate.

Run (database and Redis as in bench/seeded.py; DATABASE_URL holds the 2,000 seeded projects):
    .venv/bin/python bench/bench_dashboard.py [--runs N] [--no-write]

The 10-project database is made by the run: `<name>_10` on the same server, migrated and seeded with
seed_bench --projects 10 (same seed and status date), dropped at the end. Requests go through
django.test.Client signed in as a PMO staff member (the whole middleware stack, in process).

Measured at both sizes, in the same run:
1. the dashboard API /api/dashboard/ and the page /dashboard/ (helper H3's reports.selectors.dashboard):
   their query counts, which must be the same at 10 and 2,000 projects (the script exits with status 1
   when they differ), and their server time; the routes are looked up by name (DASHBOARD_ROUTES), so
   the benchmark runs as soon as the dashboard is merged and says so while it is not;
2. the floor: a bare view behind login_required that runs one hand-written SQL statement (FLOOR_SQL)
   returning the numbers the API returns for its default view (counts and money per portfolio,
   currency and status date; the filter choices; every scatter point; the first page of the table;
   the 52 weekly trend points; the 50 earliest slipped milestones; the top 10 risks) and answers them
   as JSON;
3. the pure floor: the bare view alone;
4. alongside, the PMO's own performance API /api/pmo-performance/ (its query count must not grow either).
Times: median of N interleaved runs after a warm-up (time.perf_counter, gc.collect() before each);
ratios to the floor of the same run (goal: the dashboard within 1.5x of the floor). The section
"## Dashboard" of bench/RESULTS.md is rewritten between its markers.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
import types
import warnings
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import seeded  # noqa: E402
from bench.results import write_section  # noqa: E402

warnings.filterwarnings("ignore", message="No directory at")

BEGIN_MARKER = "<!-- BEGIN dashboard benchmark (written by bench/bench_dashboard.py) -->"
END_MARKER = "<!-- END dashboard benchmark -->"
BENCH_URLCONF = "bench_dashboard_urlconf"
GOAL_RATIO = 1.5
MAX_DASHBOARD_QUERIES = 6
SMALL = 10
# The dashboard's routes by URL name, tried in order; H3 names them at merge.
DASHBOARD_ROUTES = {
    "dashboard API": ("api:dashboard",),
    "dashboard page": ("reports:dashboard", "dashboard"),
}
# The floor: one hand-written statement returning the numbers the dashboard API returns for its default
# view (open projects, grouped by portfolio, first page): the counts and money per portfolio, currency and
# status date; the filter choices; every scatter point; the first page of the table; the 52 weekly trend
# points; the 50 earliest slipped milestones; the top 10 risks (each project's worst open threat).
# PostgreSQL builds the JSON, the view passes it on.
FLOOR_SQL = """
WITH shown AS (
    SELECT p.id, p.code, p.name, p.status, p.portfolio_id, p.project_manager_id,
           COALESCE(r.currency, p.currency) AS currency, r.status_date, r.budget_at_completion,
           r.estimate_at_completion, r.schedule_performance_index, r.cost_performance_index,
           r.percent_complete, r.health_score, r.health_band, r.reported_rag, r.compliance_score,
           r.milestones_due, r.milestones_slipped, r.computed_at, r.project_id AS has_rollup,
           r.top_risk_id, r.top_risk_score, r.risks_open,
           EXISTS (SELECT 1 FROM projects_rollupmark m WHERE m.project_id = p.id) AS stale
    FROM projects_project p LEFT JOIN reports_projectrollup r ON r.project_id = p.id
    WHERE p.status NOT IN ('closed', 'cancelled')
)
SELECT json_build_object(
  'groups', (SELECT json_agg(g) FROM (
      SELECT portfolio_id, currency, status_date, COUNT(*) AS projects,
             COUNT(*) FILTER (WHERE health_band = 'green') AS green,
             COUNT(*) FILTER (WHERE health_band = 'amber') AS amber,
             COUNT(*) FILTER (WHERE health_band = 'red') AS red,
             COUNT(*) FILTER (WHERE reported_rag = 'green') AS rag_green,
             COUNT(*) FILTER (WHERE reported_rag = 'amber') AS rag_amber,
             COUNT(*) FILTER (WHERE reported_rag = 'red') AS rag_red,
             SUM(budget_at_completion) AS bac, SUM(estimate_at_completion) AS eac,
             COUNT(*) FILTER (WHERE budget_at_completion IS NOT NULL AND estimate_at_completion IS NULL)
                 AS without_estimate,
             SUM(milestones_due) AS milestones_due, SUM(milestones_slipped) AS milestones_slipped,
             SUM(compliance_score) AS compliance_sum, COUNT(compliance_score) AS compliance_counted,
             COUNT(*) FILTER (WHERE compliance_score >= 90) AS compliance_green,
             COUNT(*) FILTER (WHERE compliance_score >= 70 AND compliance_score < 90) AS compliance_amber,
             COUNT(*) FILTER (WHERE compliance_score < 70) AS compliance_red,
             COUNT(*) FILTER (WHERE stale) AS stale, COUNT(*) FILTER (WHERE has_rollup IS NULL) AS never,
             SUM(risks_open) AS risks_open,
             MIN(computed_at) AS data_as_of
      FROM shown GROUP BY portfolio_id, currency, status_date) g),
  'choices', (SELECT json_agg(c) FROM (
      SELECT DISTINCT 'portfolio' AS kind, p.portfolio_id AS id, f.name AS label
      FROM projects_project p JOIN projects_portfolio f ON f.id = p.portfolio_id
      UNION ALL SELECT DISTINCT 'program', p.program_id, g.name
      FROM projects_project p JOIN projects_program g ON g.id = p.program_id
      UNION ALL SELECT DISTINCT 'department', NULL::bigint, department
      FROM projects_project WHERE department <> ''
      UNION ALL SELECT DISTINCT 'project_manager', p.project_manager_id,
             TRIM(u.first_name || ' ' || u.last_name)
      FROM projects_project p JOIN governance_user u ON u.id = p.project_manager_id
      UNION ALL SELECT DISTINCT 'status', NULL::bigint, status FROM projects_project) c),
  'scatter', (SELECT json_agg(json_build_array(id, code, name, schedule_performance_index,
                                               cost_performance_index, health_band))
              FROM shown WHERE schedule_performance_index IS NOT NULL AND cost_performance_index IS NOT NULL),
  'page', (SELECT json_agg(t) FROM (
      SELECT s.id, s.code, s.name, s.status, TRIM(u.first_name || ' ' || u.last_name) AS manager,
             s.percent_complete, s.schedule_performance_index, s.cost_performance_index, s.health_score,
             s.health_band, s.reported_rag, s.budget_at_completion, s.estimate_at_completion, s.currency,
             s.milestones_slipped, s.stale
      FROM shown s JOIN projects_portfolio f ON f.id = s.portfolio_id
      JOIN governance_user u ON u.id = s.project_manager_id
      ORDER BY f.name, s.code LIMIT 50) t),
  'trends', (SELECT json_agg(w ORDER BY w.week) FROM (
      SELECT w.week, COUNT(*) AS projects, ROUND(AVG(w.schedule_performance_index), 4) AS spi,
             ROUND(AVG(w.cost_performance_index), 4) AS cpi, ROUND(AVG(w.health_score), 1) AS health,
             COUNT(*) FILTER (WHERE w.health_band = 'green') AS green,
             COUNT(*) FILTER (WHERE w.health_band = 'amber') AS amber,
             COUNT(*) FILTER (WHERE w.health_band = 'red') AS red
      FROM reports_weeklysnapshot w
      WHERE w.project_id IN (SELECT id FROM projects_project WHERE status NOT IN ('closed', 'cancelled'))
        AND w.week >= date_trunc('week', CURRENT_DATE)::date - 51 * 7
      GROUP BY w.week) w),
  'top_risks', (SELECT json_agg(k) FROM (
      SELECT s.id AS project_id, s.code, k.id AS risk_id, k.title, s.top_risk_score AS score
      FROM shown s JOIN risks_risk k ON k.id = s.top_risk_id
      ORDER BY s.top_risk_score DESC, s.code LIMIT 10) k),
  'slipped', (SELECT json_agg(m) FROM (
      SELECT s.project_id, p.code, t.name, s.baseline_finish, s.planned_finish, s.actual_finish
      FROM reports_slippedmilestone s JOIN projects_project p ON p.id = s.project_id
      JOIN projects_task t ON t.id = s.task_id
      WHERE p.status NOT IN ('closed', 'cancelled')
      ORDER BY s.baseline_finish, s.task_id LIMIT 50) m)
)
"""


def install_urlconf() -> str:
    """The floor views in front of the portal's own addresses."""
    from django.contrib.auth.decorators import login_required
    from django.db import connection
    from django.http import HttpResponse, JsonResponse
    from django.urls import include, path

    def bare(request):
        return HttpResponse(b"ok", content_type="text/plain")

    def aggregate(request):
        with connection.cursor() as cursor:
            cursor.execute(FLOOR_SQL)
            (figures,) = cursor.fetchone()  # psycopg2 decodes the json into Python
        return JsonResponse(figures, json_dumps_params={"default": str})

    module = types.ModuleType(BENCH_URLCONF)
    module.urlpatterns = [
        path("bench/bare-login/", login_required(bare), name="bench-bare-login"),
        path("bench/aggregate/", login_required(aggregate), name="bench-aggregate"),
        path("", include("pmo_portal.urls")),
    ]
    sys.modules[BENCH_URLCONF] = module
    return BENCH_URLCONF


def dashboard_urls() -> dict[str, str | None]:
    from django.urls import NoReverseMatch, reverse

    found = {}
    for label, names in DASHBOARD_ROUTES.items():
        found[label] = None
        for name in names:
            try:
                found[label] = reverse(name)
                break
            except NoReverseMatch:
                continue
    return found


@dataclass
class Measure:
    label: str
    url: str
    queries: int = 0
    times: list | None = None
    size: int = 0

    @property
    def median(self) -> float:
        return seeded.median(self.times)


def measure_size(client, measures: list[Measure], runs: int) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for measure in measures:
        client.get(measure.url)  # warm-up
        with CaptureQueriesContext(connection) as captured:
            response = client.get(measure.url)
        if response.status_code != 200:
            raise SystemExit(f"{measure.url} answered {response.status_code}: {response.content[:300]}")
        measure.queries = len(captured.captured_queries)
        measure.size = len(response.content)
        measure.times = []
    for _run in range(runs):
        for measure in measures:  # interleaved, so a slow moment slows every figure alike
            gc.collect()
            started = time.perf_counter()
            client.get(measure.url)
            measure.times.append(time.perf_counter() - started)


def small_database(admin_url: str) -> str:
    """Create and seed `<name>_10`; returns its URL."""
    import psycopg2

    parts = urlsplit(admin_url)
    name = f"{parts.path.lstrip('/')}_{SMALL}"
    admin = psycopg2.connect(
        dbname="postgres", user=parts.username or "postgres", host=parts.hostname, port=parts.port or 5432
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()
    return parts._replace(path=f"/{name}").geturl()


def drop_database(url: str) -> None:
    import psycopg2

    parts = urlsplit(url)
    admin = psycopg2.connect(
        dbname="postgres", user=parts.username or "postgres", host=parts.hostname, port=parts.port or 5432
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}" WITH (FORCE)')
    admin.close()


def use_database(url: str) -> None:
    import dj_database_url
    from django.db import connection

    connection.close()
    connection.settings_dict.update({"NAME": dj_database_url.parse(url)["NAME"]})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--no-write", action="store_true")
    arguments = parser.parse_args()
    seeded.django_setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import override_settings
    from django.utils import timezone

    from governance.models import User
    from reports.bench_data.generator import USERNAME_PREFIX

    big_count = seeded.require_seeded_postgres(needs_worker=False)
    big_url = os.environ["DATABASE_URL"]
    run_date = timezone.now()
    small_url = small_database(big_url)
    results: dict[int, list[Measure]] = {}
    try:
        use_database(small_url)
        call_command("migrate", verbosity=0, interactive=False)
        call_command("seed_bench", projects=SMALL, stdout=open(os.devnull, "w"))  # noqa: SIM115
        with override_settings(ALLOWED_HOSTS=["testserver"], DEBUG=False, ROOT_URLCONF=install_urlconf()):
            urls = dashboard_urls()
            for size, url in ((SMALL, small_url), (big_count, big_url)):
                use_database(url)
                client = Client()
                client.force_login(User.objects.get(username=f"{USERNAME_PREFIX}pmo.0001"))
                measures = [
                    Measure("floor: bare view behind login_required", "/bench/bare-login/"),
                    Measure("floor: bare view + one SQL aggregate over the rollups", "/bench/aggregate/"),
                ] + [Measure(label, target) for label, target in urls.items() if target]
                # The PMO's own performance reads every snapshot week of a year: measured alongside.
                measures.append(Measure("PMO performance API (4 quarters)", "/api/pmo-performance/"))
                measure_size(client, measures, arguments.runs)
                results[size] = measures
    finally:
        use_database(big_url)
        drop_database(small_url)
    section, same = report(results, urls, arguments.runs, run_date, big_count)
    print(section)
    if not arguments.no_write:
        write_section(section, begin_marker=BEGIN_MARKER, end_marker=END_MARKER)
    return 0 if same else 1


def report(results, urls, runs, run_date, big_count) -> tuple[str, bool]:
    lines = [
        "## Dashboard",
        "",
        f"`bench/bench_dashboard.py`, run {run_date:%Y-%m-%d %H:%M} UTC. {seeded.machine_line()}",
        f"Data: the seed_bench organisation at {SMALL} and {big_count:,} projects (the small one seeded for "
        "the run). Requests through django.test.Client signed in as PMO staff, DEBUG off. Times: median of "
        f"{runs} interleaved runs after a warm-up; ratios to the floors of the same run.",
        "",
        "| measurement | projects | queries | median | × bare view | × bare view + SQL | response |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    same = True
    for size, measures in results.items():
        bare, aggregate = measures[0].median, measures[1].median
        for measure in measures:
            lines.append(
                f"| {measure.label} | {size:,} | {measure.queries} | {seeded.ms(measure.median)} | "
                f"{measure.median / bare:.1f} | {measure.median / aggregate:.2f} | {measure.size:,} B |"
            )
    sizes = list(results)
    for label in [measure.label for measure in results[sizes[0]][2:]]:
        counts = [next(m.queries for m in results[size] if m.label == label) for size in sizes]
        same = same and counts[0] == counts[1]
        lines.append("")
        lines.append(
            f"{label}: {counts[0]} queries at {sizes[0]} projects, {counts[1]} at {sizes[1]:,} "
            f"({'the same' if counts[0] == counts[1] else 'NOT the same'}; the dashboard's own data within "
            f"{MAX_DASHBOARD_QUERIES} queries besides the session and user)."
        )
    missing = [label for label, target in urls.items() if not target]
    if missing:
        lines += [
            "",
            "Not on this branch yet: "
            + ", ".join(missing)
            + " (helper H3's reports/selectors/dashboard.py); "
            "the floors are measured and the dashboard rows appear once it is merged.",
        ]
    else:
        big = results[sizes[-1]]
        ratio = big[2].median / big[1].median
        lines += [
            "",
            f"Goal: the dashboard API within {GOAL_RATIO}x of the bare view + one SQL aggregate at "
            f"{sizes[-1]:,} projects: " + ("met" if ratio <= GOAL_RATIO else "not met") + f" ({ratio:.2f}x).",
        ]
    return "\n".join(lines) + "\n", same


if __name__ == "__main__":
    sys.exit(main())
