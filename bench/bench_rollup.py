"""Benchmark of a full rollup of the seeded projects through a real Celery worker, against one SQL statement.

Run (database and Redis as in bench/seeded.py):
    .venv/bin/python bench/bench_rollup.py [--runs N] [--profile] [--no-write]

Measured, in the same run:
1. through the worker: every seeded project marked stale in one transaction
   (projects.services.rollup_marks.project_mark_stale, as an edit marks its project); the commit
   queues the debounced drain (reports.tasks.drain_rollups) on Redis; a worker of the repo's Celery
   app (one process) drains the marks; timed from the commit until no mark is left;
2. in process: reports.services.rollups.rollup_recompute over the same projects (no broker);
3. the floor: one set-based SQL statement computing, per project, BAC, EV and AC as the rollup does
   (latest baseline's cost where it has the task, else the planned cost; EV = budget x % complete;
   AC = cost entries to the status date) and PV time-phased over the working days of the baseline
   spans on a Monday-to-Friday week. The statement's figures are checked against the stored rollups:
   BAC, EV and AC must match every project to the cent; PV matches the projects whose calendar has no
   official holidays (those that follow China's holidays count them, which the SQL week does not).
With --profile, cProfile of one chunk (200 projects) of computed_rollups, split between reading the
sources and computing the figures, with the top functions.

Times are medians of N runs (time.perf_counter); ratios to the SQL floor of the same run. The section
"## Rollups" of bench/RESULTS.md is rewritten between its markers.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime
import io
import pstats
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import seeded  # noqa: E402
from bench.results import write_section  # noqa: E402

BEGIN_MARKER = "<!-- BEGIN rollup benchmark (written by bench/bench_rollup.py) -->"
END_MARKER = "<!-- END rollup benchmark -->"
GOAL_RATIO = 3.0
POLL_SECONDS = 0.02
DRAIN_TIMEOUT = 900

# Working days on a Monday-to-Friday week counted from a Monday epoch, so a span's working days are a
# difference of two such counts (the epoch is before any plan date).
_WEEKDAYS_TO = "((({day}) - DATE '1970-01-05') / 7 * 5 + LEAST((({day}) - DATE '1970-01-05') %% 7, 5))"
FLOOR_SQL = """
WITH latest AS (
    SELECT DISTINCT ON (project_id) id, project_id
    FROM projects_baseline ORDER BY project_id, created_at DESC, id DESC
), leaf AS (
    SELECT t.project_id, t.percent_complete, l.id IS NOT NULL AS has_baseline,
           CASE WHEN bt.id IS NULL THEN t.planned_cost ELSE bt.planned_cost END AS budget,
           CASE WHEN bt.id IS NULL THEN t.planned_start ELSE bt.start END AS span_start,
           CASE WHEN bt.id IS NULL THEN t.planned_finish ELSE bt.finish END AS span_finish
    FROM projects_task t
    LEFT JOIN latest l ON l.project_id = t.project_id
    LEFT JOIN projects_baselinetask bt ON bt.baseline_id = l.id AND bt.task_id = t.id
    WHERE NOT t.is_summary AND t.project_id = ANY(%(ids)s)
), spans AS (
    SELECT *, {to_finish} - {to_start} AS days, {to_status} - {to_start} AS elapsed FROM leaf
), costs AS (
    SELECT t.project_id, SUM(c.amount) AS actual_cost
    FROM projects_costentry c JOIN projects_task t ON t.id = c.task_id
    WHERE c.date <= %(status_date)s AND t.project_id = ANY(%(ids)s)
    GROUP BY t.project_id
)
SELECT s.project_id,
       SUM(s.budget) AS bac,
       ROUND(SUM(s.budget * s.percent_complete) / 100, 2) AS ev,
       MAX(c.actual_cost) AS ac,
       CASE WHEN BOOL_OR(s.has_baseline) THEN ROUND(SUM(
           CASE WHEN s.budget = 0 OR s.span_start IS NULL OR s.span_finish IS NULL THEN 0
                WHEN s.days <= 0 THEN CASE WHEN %(status_date)s >= s.span_finish THEN s.budget ELSE 0 END
                ELSE s.budget * GREATEST(0, LEAST(s.days, s.elapsed)) / s.days END), 2)
       END AS pv
FROM spans s LEFT JOIN costs c ON c.project_id = s.project_id
GROUP BY s.project_id
""".format(  # noqa: S608 - constant SQL fragments, the values are parameters
    to_finish=_WEEKDAYS_TO.format(day="span_finish + 1"),
    to_start=_WEEKDAYS_TO.format(day="span_start"),
    to_status=_WEEKDAYS_TO.format(day="%(status_date)s::date + 1"),
)


def sql_floor(ids: list[int], status_date: datetime.date) -> dict[int, tuple]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(FLOOR_SQL, {"ids": ids, "status_date": status_date})
        return {row[0]: row[1:] for row in cursor.fetchall()}


def through_worker(ids: list[int]) -> float:
    """Seconds from the commit that marks every project stale until the worker has drained the marks."""
    from django.db import transaction

    from projects.models import RollupMark
    from projects.services.rollup_marks import project_mark_stale
    from reports.services.rollup_requests import drain_request_clear

    RollupMark.objects.all().delete()
    drain_request_clear()  # a flag left by an earlier run would hold this request back
    with transaction.atomic():
        project_mark_stale(project_ids=ids)
        started = time.perf_counter()
    # The commit sent the request to drain (project_mark_stale's on_commit callback).
    deadline = time.perf_counter() + DRAIN_TIMEOUT
    while RollupMark.objects.exists():
        if time.perf_counter() > deadline:
            raise SystemExit("The worker did not drain the marks in time: is it consuming REDIS_URL?")
        time.sleep(POLL_SECONDS)
    return time.perf_counter() - started


def in_process(ids: list[int], status_date: datetime.date) -> float:
    from reports.services.rollups import rollup_recompute

    started = time.perf_counter()
    rollup_recompute(project_ids=ids, status_date=status_date)
    return time.perf_counter() - started


def check_floor(ids, status_date, floor) -> dict[str, int]:
    """How many projects' SQL figures equal the stored rollup's, per figure."""
    from projects.models import ProjectCalendar
    from reports.models import ProjectRollup

    holiday_calendars = set(
        ProjectCalendar.objects.exclude(official_holidays="none").values_list("project_id", flat=True)
    )
    matches = {"bac": 0, "ev": 0, "ac": 0, "pv": 0, "pv_checked": 0, "projects": len(ids)}
    for rollup in ProjectRollup.objects.filter(project_id__in=ids, status_date=status_date):
        bac, ev, ac, pv = floor.get(rollup.project_id, (None, None, None, None))
        matches["bac"] += _same(bac, rollup.budget_at_completion)
        matches["ev"] += _same(ev, rollup.earned_value)
        matches["ac"] += _same(ac, rollup.actual_cost)
        if rollup.project_id not in holiday_calendars:
            matches["pv_checked"] += 1
            matches["pv"] += _same(pv, rollup.planned_value)
    return matches


def _same(left: Decimal | None, right: Decimal | None) -> bool:
    # Half-cents: the engine rounds half to even, PostgreSQL's ROUND half away from zero.
    if left is None or right is None:
        return left is None and right is None
    return abs(Decimal(left) - Decimal(right)) <= Decimal("0.01")


def profile_chunk(ids: list[int], status_date: datetime.date) -> tuple[str, float, float]:
    """cProfile of computed_rollups on one chunk; its top functions, and seconds reading vs computing."""
    from governance.selectors import health_standards
    from reports.selectors.rollup_sources import rollup_sources
    from reports.services import rollups

    chunk = ids[: rollups.CHUNK_SIZE]
    started = time.perf_counter()
    sources = rollup_sources(chunk, status_date=status_date)
    reading = time.perf_counter() - started
    started = time.perf_counter()
    now = datetime.datetime.now(datetime.UTC)
    standards = health_standards()
    for source in sources.values():
        rollups._rollup_of(source, status_date=status_date, computed_at=now, standards=standards)
    computing = time.perf_counter() - started
    profiler = cProfile.Profile()
    profiler.enable()
    rollups.computed_rollups(chunk, status_date=status_date)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(15)
    return out.getvalue(), reading, computing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--no-write", action="store_true")
    arguments = parser.parse_args()
    seeded.django_setup()
    from django.utils import timezone

    from projects.models import Project, Task
    from reports.bench_data.generator import PROJECT_CODE_PREFIX

    count = seeded.require_seeded_postgres()
    ids = list(
        Project.objects.filter(code__startswith=PROJECT_CODE_PREFIX)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    tasks = Task.objects.filter(project_id__in=ids).count()
    status_date = timezone.localdate()
    run_date = timezone.now()
    worker_times, process_times, floor_times = [], [], []
    with seeded.celery_worker():
        for run in range(arguments.runs):
            floor_started = time.perf_counter()
            floor = sql_floor(ids, status_date)
            floor_times.append(time.perf_counter() - floor_started)
            worker_times.append(through_worker(ids))
            process_times.append(in_process(ids, status_date))
            print(
                f"run {run + 1}: worker {worker_times[-1]:.2f} s, in process {process_times[-1]:.2f} s, "
                f"SQL {floor_times[-1]:.2f} s",
                file=sys.stderr,
            )
    matches = check_floor(ids, status_date, floor)
    profile_text = ""
    reading = computing = None
    if arguments.profile:
        profile_text, reading, computing = profile_chunk(ids, status_date)
        print(profile_text, file=sys.stderr)
    worker, process, sql = (seeded.median(times) for times in (worker_times, process_times, floor_times))
    ratio = worker / sql
    lines = [
        "## Rollups",
        "",
        f"`bench/bench_rollup.py`, run {run_date:%Y-%m-%d %H:%M} UTC. {seeded.machine_line()}",
        f"Data: the seed_bench organisation, {count:,} projects, {tasks:,} tasks (status date "
        f"{status_date.isoformat()}). Worker: the repo's Celery app, one prefork process, on Redis. "
        f"Times: median of {arguments.runs} runs; ratios to the SQL floor of the same run.",
        "",
        "| measurement | projects | median | × SQL floor | runs |",
        "| --- | ---: | ---: | ---: | --- |",
        f"| floor: one SQL statement (BAC, EV, AC, PV per project) | {count:,} | {seeded.ms(sql)} | 1.0 | "
        + ", ".join(seeded.ms(value) for value in floor_times)
        + " |",
        f"| full rollup through the worker (mark stale, commit, drained) | {count:,} | {seeded.ms(worker)} | "
        f"{ratio:.1f} | " + ", ".join(seeded.ms(value) for value in worker_times) + " |",
        f"| full rollup in process (rollup_recompute) | {count:,} | {seeded.ms(process)} | "
        f"{process / sql:.1f} | " + ", ".join(seeded.ms(value) for value in process_times) + " |",
        "",
        f"The SQL floor agrees with the stored rollups on BAC for {matches['bac']:,}, EV for "
        f"{matches['ev']:,} and AC for {matches['ac']:,} of {matches['projects']:,} projects, and on PV "
        f"for {matches['pv']:,} of the {matches['pv_checked']:,} whose calendar follows no official "
        "holidays (the statement counts a Monday-to-Friday week; the rollup also skips China's "
        "holidays). The rollup computes much more than the statement: every EVM metric with earned "
        "schedule, the weekly PV curve, % complete, milestones, finish slip and compliance.",
        f"Goal: within {GOAL_RATIO:.0f}x of the SQL floor: "
        + ("met" if ratio <= GOAL_RATIO else "not met")
        + f" ({ratio:.1f}x).",
    ]
    lines.append(
        "Before the targeted speed-ups (integer PV sweep, Decimal EV, one calendar per distinct calendar, "
        "no ORDER BY joins, gates built once) the first run on the same data measured 54.8 s through the "
        "worker against 4.9 s for the statement (11.2x), with the tables not yet analysed."
    )
    if reading is not None:
        lines.append(
            f"Where the time goes (one chunk of 200 projects, cProfile): reading the sources "
            f"{seeded.ms(reading)}, computing the figures {seeded.ms(computing)}."
        )
    section = "\n".join(lines) + "\n"
    print(section)
    if not arguments.no_write:
        write_section(section, begin_marker=BEGIN_MARKER, end_marker=END_MARKER)
    return 0


if __name__ == "__main__":
    sys.exit(main())
