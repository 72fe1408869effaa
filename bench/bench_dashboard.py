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
2. the floor: a bare view behind login_required that runs one hand-written SQL aggregate over the
   rollups (per portfolio: projects, by status, by health band; BAC, EAC and AC summed per currency;
   average SPI, CPI and compliance; milestones due and slipped) and answers it as JSON;
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
FLOOR_SQL = """
SELECT p.portfolio_id, r.currency,
       COUNT(*) AS projects,
       COUNT(*) FILTER (WHERE p.status = 'active') AS active,
       COUNT(*) FILTER (WHERE p.status = 'closed') AS closed,
       COUNT(*) FILTER (WHERE r.health_band = 'green') AS green,
       COUNT(*) FILTER (WHERE r.health_band = 'amber') AS amber,
       COUNT(*) FILTER (WHERE r.health_band = 'red') AS red,
       COUNT(*) FILTER (WHERE r.health_band = '') AS not_measured,
       SUM(r.budget_at_completion) AS bac,
       SUM(r.estimate_at_completion) AS eac,
       SUM(r.actual_cost) AS ac,
       ROUND(AVG(r.schedule_performance_index), 4) AS spi,
       ROUND(AVG(r.cost_performance_index), 4) AS cpi,
       ROUND(AVG(r.compliance_score), 1) AS compliance,
       SUM(r.milestones_due) AS milestones_due,
       SUM(r.milestones_slipped) AS milestones_slipped,
       MIN(r.computed_at) AS data_as_of
FROM reports_projectrollup r JOIN projects_project p ON p.id = r.project_id
GROUP BY p.portfolio_id, r.currency ORDER BY p.portfolio_id, r.currency
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
            columns = [column.name for column in cursor.description]
            rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
        return JsonResponse({"rows": rows}, json_dumps_params={"default": str})

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
