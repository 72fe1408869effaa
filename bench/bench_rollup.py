"""Benchmark of a full rollup of the seeded projects through a real Celery worker, against one SQL statement.

Run (database and Redis as in bench/seeded.py):
    .venv/bin/python bench/bench_rollup.py [--runs N] [--profile] [--no-write]

Measured, in the same run:
1. through the worker: every seeded project marked stale in one transaction
   (projects.services.rollup_marks.project_mark_stale, as an edit marks its project); the commit
   queues the debounced drains (reports.tasks.drain_rollups, one per part of ROLLUP_DRAIN_PARTS) on
   Redis; a worker of the repo's Celery app with one process per part drains the marks side by side;
   timed from the commit until no mark is left;
2. in process: reports.services.rollups.rollup_recompute over the same projects (no broker);
3. the floor: one set-based SQL statement (FLOOR_SQL) computing per project the plan figures the rollup
   computes: BAC, EV, AC, PV (time-phased over the working days of the baseline spans on a
   Monday-to-Friday week), CPI, SPI, EAC, % complete, the milestone counts, the planned and baseline
   dates, the finish slip and the weekly PV curve. Every figure is checked against the stored rollups;
   the working-day ones where the calendar has no official holidays (those that follow China's
   holidays count them, which the SQL week does not).
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
# difference of two such counts (the epoch is before any plan date). The rank of a Monday is then five
# per whole week since the epoch, which gives each weekly curve point's rank without a date.
_WEEKDAYS_TO = "((({day}) - DATE '1970-01-05') / 7 * 5 + LEAST((({day}) - DATE '1970-01-05') %% 7, 5))"
FLOOR_SQL = """
WITH latest AS (
    SELECT DISTINCT ON (project_id) id, project_id
    FROM projects_baseline ORDER BY project_id, created_at DESC, id DESC
), leaf AS (
    SELECT t.project_id, t.percent_complete, t.is_milestone, t.planned_start, t.planned_finish,
           t.actual_finish, l.id IS NOT NULL AS has_baseline, bt.id IS NOT NULL AS in_baseline,
           bt.finish AS baseline_finish,
           CASE WHEN bt.id IS NULL THEN t.planned_cost ELSE bt.planned_cost END AS budget,
           CASE WHEN bt.id IS NULL THEN t.planned_start ELSE bt.start END AS span_start,
           CASE WHEN bt.id IS NULL THEN t.planned_finish ELSE bt.finish END AS span_finish
    FROM projects_task t
    LEFT JOIN latest l ON l.project_id = t.project_id
    LEFT JOIN projects_baselinetask bt ON bt.baseline_id = l.id AND bt.task_id = t.id
    WHERE NOT t.is_summary AND t.project_id = ANY(%(ids)s)
), ranked AS (
    SELECT *, {to_finish} - {to_start} AS days, {to_status} - {to_start} AS elapsed,
           {to_start} AS to_start, {to_finish} AS to_finish FROM leaf
), costs AS (
    SELECT t.project_id, SUM(c.amount) AS actual_cost
    FROM projects_costentry c JOIN projects_task t ON t.id = c.task_id
    WHERE c.date <= %(status_date)s AND t.project_id = ANY(%(ids)s)
    GROUP BY t.project_id
), curve AS (
    -- The weekly PV curve: from the Monday of the earliest span start, one point per Sunday through
    -- the last span finish (at most 1,040 weeks); monday_rank is the rank of that first Monday.
    SELECT project_id, weeks, (monday - DATE '1970-01-05') / 7 * 5 AS monday_rank FROM (
        SELECT project_id, MIN(span_start) - (EXTRACT(ISODOW FROM MIN(span_start))::int - 1) AS monday,
               LEAST((MAX(span_finish) - (MIN(span_start) - (EXTRACT(ISODOW FROM MIN(span_start))::int - 1)))
                     / 7 + 1, 1040) AS weeks
        FROM leaf WHERE has_baseline GROUP BY project_id) c
), spans AS (
    -- Budgeted spans, a span without a working day planned whole at the end of its finish day; done_week
    -- is the first curve week whose end has the span complete (rank of the next Monday >= its end).
    SELECT s.*, GREATEST(0, CEIL((s.first + s.length) / 5.0)::int - c.monday_rank / 5 - 1) AS done_week,
           c.monday_rank
    FROM (SELECT project_id, budget,
                 CASE WHEN days <= 0 THEN to_finish - 1 ELSE to_start END AS first,
                 GREATEST(days, 1) AS length
          FROM ranked
          WHERE has_baseline AND budget <> 0 AND span_start IS NOT NULL AND span_finish IS NOT NULL) s
    JOIN curve c USING (project_id)
), points AS (
    -- Each week's PV: the spans complete by its end (summed over the weeks), plus the share so far of
    -- those in progress (partial).
    SELECT project_id, done_week AS week, SUM(budget) AS value FROM spans GROUP BY project_id, done_week
), partial AS (
    SELECT s.project_id, w AS week,
           SUM(s.budget * GREATEST(0, s.monday_rank + 5 * (w + 1) - s.first) / s.length) AS value
    FROM spans s, generate_series(GREATEST(0, s.first / 5 - s.monday_rank / 5 - 1), s.done_week - 1) AS w
    GROUP BY s.project_id, w
), weekly AS (
    SELECT c.project_id, w.week,
           COALESCE(SUM(p.value) OVER (PARTITION BY c.project_id ORDER BY w.week), 0)
           + COALESCE(q.value, 0) AS value
    FROM curve c CROSS JOIN LATERAL generate_series(0, c.weeks - 1) AS w(week)
    LEFT JOIN points p ON p.project_id = c.project_id AND p.week = w.week
    LEFT JOIN partial q ON q.project_id = c.project_id AND q.week = w.week
), pv_curves AS (
    SELECT project_id, ARRAY_AGG(ROUND(value, 2) ORDER BY week) AS pv_curve FROM weekly GROUP BY project_id
), figures AS (
    SELECT s.project_id,
           SUM(s.budget) AS bac,
           ROUND(SUM(s.budget * s.percent_complete) / 100, 2) AS ev,
           MAX(c.actual_cost) AS ac,
           CASE WHEN BOOL_OR(s.has_baseline) THEN ROUND(SUM(
               CASE WHEN s.budget = 0 OR s.span_start IS NULL OR s.span_finish IS NULL THEN 0
                    WHEN s.days <= 0 THEN CASE WHEN %(status_date)s >= s.span_finish THEN s.budget ELSE 0 END
                    ELSE s.budget * GREATEST(0, LEAST(s.days, s.elapsed)) / s.days END), 2)
           END AS pv,
           ROUND(SUM(s.percent_complete * CASE WHEN s.is_milestone THEN 1 ELSE GREATEST(
               COALESCE(s.planned_finish - s.planned_start + 1, 1), 1) END)::numeric
               / SUM(CASE WHEN s.is_milestone THEN 1 ELSE GREATEST(
               COALESCE(s.planned_finish - s.planned_start + 1, 1), 1) END), 1) AS percent_complete,
           COUNT(*) FILTER (WHERE s.is_milestone) AS milestones_total,
           COUNT(*) FILTER (WHERE s.is_milestone
               AND (s.actual_finish IS NOT NULL OR s.percent_complete >= 100)) AS milestones_done,
           COUNT(*) FILTER (WHERE s.is_milestone AND s.actual_finish IS NULL AND s.percent_complete < 100
               AND s.planned_finish BETWEEN %(status_date)s AND %(status_date)s::date + 30) AS milestones_due,
           COUNT(*) FILTER (WHERE s.is_milestone AND s.in_baseline AND s.baseline_finish IS NOT NULL AND
               CASE WHEN s.actual_finish IS NOT NULL THEN s.actual_finish > s.baseline_finish
                    WHEN s.percent_complete >= 100 THEN false
                    WHEN %(status_date)s > s.baseline_finish THEN true
                    ELSE COALESCE(s.planned_finish > s.baseline_finish, false) END) AS milestones_slipped,
           MIN(s.planned_start) AS planned_start, MAX(s.planned_finish) AS planned_finish,
           CASE WHEN BOOL_OR(s.has_baseline) THEN MAX(s.baseline_finish) FILTER (WHERE s.in_baseline) END
               AS baseline_finish
    FROM ranked s LEFT JOIN costs c ON c.project_id = s.project_id
    GROUP BY s.project_id
)
SELECT f.project_id, f.bac, f.ev, f.ac, f.pv,
       ROUND(f.ev / NULLIF(f.ac, 0), 4) AS cpi, ROUND(f.ev / NULLIF(f.pv, 0), 4) AS spi,
       ROUND(f.bac * f.ac / NULLIF(f.ev, 0), 2) AS eac,
       f.percent_complete, f.milestones_total, f.milestones_done, f.milestones_due, f.milestones_slipped,
       f.planned_start, f.planned_finish, f.baseline_finish,
       {to_planned} - {to_baseline} AS finish_slip_days,
       p.pv_curve
FROM figures f LEFT JOIN pv_curves p ON p.project_id = f.project_id
""".format(  # noqa: S608 - constant SQL fragments, the values are parameters
    to_finish=_WEEKDAYS_TO.format(day="span_finish + 1"),
    to_start=_WEEKDAYS_TO.format(day="span_start"),
    to_status=_WEEKDAYS_TO.format(day="%(status_date)s::date + 1"),
    to_planned=_WEEKDAYS_TO.format(day="f.planned_finish"),
    to_baseline=_WEEKDAYS_TO.format(day="f.baseline_finish"),
)
# The columns after project_id, in order; check_floor compares each with the stored rollup.
FLOOR_COLUMNS = (
    "bac", "ev", "ac", "pv", "cpi", "spi", "eac", "percent_complete", "milestones_total",
    "milestones_done", "milestones_due", "milestones_slipped", "planned_start", "planned_finish",
    "baseline_finish", "finish_slip_days", "pv_curve",
)  # fmt: skip


def sql_floor(ids: list[int], status_date: datetime.date) -> dict[int, dict]:
    """The statement's figures by project id and column name."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        # PostgreSQL estimates generate_series at 1,000 rows a call, prices the statement high enough to
        # compile it, and spends over a second on JIT alone: a hand-tuned statement turns that off.
        cursor.execute("SET LOCAL jit = off")
        cursor.execute(FLOOR_SQL, {"ids": ids, "status_date": status_date})
        return {row[0]: dict(zip(FLOOR_COLUMNS, row[1:], strict=True)) for row in cursor.fetchall()}


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


# Each column of the statement beside the rollup attribute it must equal; those that count working days
# (PV, its curve, SPI, the finish slip) only where the calendar follows no official holidays.
ROLLUP_ATTRIBUTES = {
    "bac": "budget_at_completion", "ev": "earned_value", "ac": "actual_cost", "pv": "planned_value",
    "cpi": "cost_performance_index", "spi": "schedule_performance_index", "eac": "estimate_at_completion",
    "percent_complete": "percent_complete", "milestones_total": "milestones_total",
    "milestones_done": "milestones_done", "milestones_due": "milestones_due",
    "milestones_slipped": "milestones_slipped", "planned_start": "planned_start",
    "planned_finish": "planned_finish", "baseline_finish": "baseline_finish",
    "finish_slip_days": "finish_slip_days", "pv_curve": None,
}  # fmt: skip
WORKING_DAY_COLUMNS = {"pv", "pv_curve", "spi", "finish_slip_days"}


def check_floor(ids, status_date, floor) -> dict[str, tuple[int, int]]:
    """Per column of the statement: (projects where it equals the stored rollup, projects compared)."""
    from projects.models import ProjectCalendar
    from reports.models import ProjectRollup

    holiday_calendars = set(
        ProjectCalendar.objects.exclude(official_holidays="none").values_list("project_id", flat=True)
    )
    matches = {column: [0, 0] for column in FLOOR_COLUMNS}
    for rollup in ProjectRollup.objects.filter(project_id__in=ids, status_date=status_date):
        figures = floor.get(rollup.project_id, {})
        for column in FLOOR_COLUMNS:
            if column in WORKING_DAY_COLUMNS and rollup.project_id in holiday_calendars:
                continue
            attribute = ROLLUP_ATTRIBUTES[column]
            if attribute is None:
                stored = [Decimal(value) for value in rollup.details.get("pv_curve") or []]
                computed = list(figures.get(column) or [])
                same = len(stored) == len(computed) and all(map(_same, computed, stored))
            else:
                stored, computed = getattr(rollup, attribute), figures.get(column)
                same = _same(computed, stored)
            matches[column][0] += same
            matches[column][1] += 1
    return {column: (same, compared) for column, (same, compared) in matches.items()}


def _same(left, right) -> bool:
    if left is None or right is None:
        return left is None and right is None
    if isinstance(right, Decimal):
        # One unit of the last place (a cent, or 0.0001 of an index): the engine rounds half up exactly,
        # PostgreSQL rounds numeric quotients carried to its own precision.
        return abs(Decimal(left) - right) <= Decimal(1).scaleb(right.as_tuple().exponent)
    return left == right


def profile_chunk(ids: list[int], status_date: datetime.date) -> tuple[str, float, float]:
    """cProfile of computed_rollups on one chunk; its top functions, and seconds reading vs computing."""
    from governance.selectors import pmo_settings
    from reports.selectors.rollup_sources import rollup_sources
    from reports.services import rollups

    chunk = ids[: rollups.CHUNK_SIZE]
    started = time.perf_counter()
    sources = rollup_sources(chunk, status_date=status_date)
    reading = time.perf_counter() - started
    started = time.perf_counter()
    now = datetime.datetime.now(datetime.UTC)
    settings_row = pmo_settings()
    standards, risk_rules = settings_row.health_standards(), settings_row.risk_standards()
    for source in sources.values():
        rollups._rollup_of(
            source, status_date=status_date, computed_at=now, standards=standards, risk_rules=risk_rules
        )
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
    from django.conf import settings

    processes = settings.ROLLUP_DRAIN_PARTS
    with seeded.celery_worker(concurrency=processes):
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
        f"{status_date.isoformat()}). Worker: the repo's Celery app, one worker "
        f"with a prefork pool of {processes} process{'es' if processes > 1 else ''} (ROLLUP_DRAIN_PARTS: one "
        "request queues a drain per process, each for its share of the projects), on Redis. "
        f"Times: median of {arguments.runs} runs; ratios to the SQL floor of the same run.",
        "",
        "| measurement | projects | median | × SQL floor | runs |",
        "| --- | ---: | ---: | ---: | --- |",
        f"| floor: one SQL statement (the figures below, per project) | {count:,} | {seeded.ms(sql)} | 1.0 | "
        + ", ".join(seeded.ms(value) for value in floor_times)
        + " |",
        f"| full rollup through the worker (mark stale, commit, drained) | {count:,} | {seeded.ms(worker)} | "
        f"{ratio:.1f} | " + ", ".join(seeded.ms(value) for value in worker_times) + " |",
        f"| full rollup in process (rollup_recompute) | {count:,} | {seeded.ms(process)} | "
        f"{process / sql:.1f} | " + ", ".join(seeded.ms(value) for value in process_times) + " |",
        "",
        "The statement (FLOOR_SQL) computes per project, as the rollup does: BAC, EV, AC, PV, CPI, SPI, EAC, "
        "% complete (duration-weighted), the milestones total, done, due in 30 days and slipped, the planned "
        "start and finish, the baseline finish, the finish slip in working days, and the weekly PV curve "
        "(the spans complete by each Sunday plus the share of those in progress). Each figure checked "
        "against the stored rollups (projects equal / compared): "
        + ", ".join(f"{column} {same:,}/{compared:,}" for column, (same, compared) in matches.items())
        + ". Working-day figures (PV, its curve, SPI, finish slip) are compared where the calendar follows "
        "no official holidays: the statement counts a Monday-to-Friday week, the rollup also skips China's "
        "holidays. Left to the rollup alone: earned schedule, TCPI and the other EVM ratios, compliance "
        "from gates, deliverables, changes and report punctuality, health, scope changes and the reported "
        "RAG.",
        f"Goal: within {GOAL_RATIO:.0f}x of the SQL floor: "
        + ("met" if ratio <= GOAL_RATIO else "not met")
        + f" ({ratio:.1f}x).",
    ]
    lines.append(
        "History on the same data: the first run measured 54.8 s through the worker (tables not analysed); "
        "until 2026-12-01 the floor computed BAC, EV, AC and PV only (0.66 s, against which the rollup "
        "then took 6.1 s, 9.3x)."
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
