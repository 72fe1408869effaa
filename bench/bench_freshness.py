"""Benchmark of freshness: how long after a % complete edit through the API the rollup shows the new SPI.

Run (database and Redis as in bench/seeded.py):
    .venv/bin/python bench/bench_freshness.py [--edits 50] [--no-write]

With one real Celery worker (the repo's app, one prefork process, on REDIS_URL), N edits, one after
the other, each on a work task of a different seeded project that has a baseline and planned value:
PATCH /api/tasks/<id>/ {"percent_complete": ...} through django.test.Client as the project's manager
(the whole middleware stack, in process), with the task's ETag. The edit marks the project stale in
its transaction; the commit queues the debounced drain; the worker recomputes the project. Timed from
just before the PATCH until the project's rollup row shows the SPI the edit leads to (worked out from
the rollup before the edit: EV moves by the task's budget x the change of % complete), polled every
10 ms. When the portfolio dashboard API is on the branch (/api/dashboard/, reports.selectors.dashboard),
the time until it shows the new figures is measured too (`dashboard_shows`, pluggable).
Each edit is put back afterwards (not timed), so the database keeps its seeded figures.
p50 and p95 (nearest rank) of the N edits; goal p95 < 2 s. The section "## Freshness" of
bench/RESULTS.md is rewritten between its markers.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import seeded  # noqa: E402
from bench.results import write_section  # noqa: E402

BEGIN_MARKER = "<!-- BEGIN freshness benchmark (written by bench/bench_freshness.py) -->"
END_MARKER = "<!-- END freshness benchmark -->"
GOAL_P95 = 2.0
POLL_SECONDS = 0.01
TIMEOUT = 60


def pick_edits(count: int) -> list[tuple[int, int]]:
    """(project id, task id) of `count` work tasks with a budget, each in an active, baselined project."""
    from projects.models import Task
    from reports.bench_data.generator import PROJECT_CODE_PREFIX
    from reports.models import ProjectRollup

    projects = list(
        ProjectRollup.objects.filter(
            project__code__startswith=PROJECT_CODE_PREFIX,
            project__status="active",
            planned_value__gt=0,
        )
        .order_by("project_id")
        .values_list("project_id", flat=True)[: count * 3 : 3]
    )
    edits = []
    for project_id in projects:
        task = (
            Task.objects.filter(
                project_id=project_id, is_summary=False, is_milestone=False, planned_cost__gt=0
            )
            .order_by("-planned_cost", "pk")
            .first()
        )
        if task is not None:
            edits.append((project_id, task.pk))
    return edits[:count]


def expected_spi(project_id: int, task, new_percent: int) -> tuple[Decimal, Decimal]:
    """The EV and SPI the rollup shows once it has the edit: EV moves by budget x the change."""
    from projects.models import BaselineTask
    from reports import evm
    from reports.models import ProjectRollup

    rollup = ProjectRollup.objects.get(project_id=project_id)
    baseline_row = BaselineTask.objects.filter(baseline_id=rollup.baseline_id, task_id=task["id"]).first()
    budget = baseline_row.planned_cost if baseline_row else Decimal(task["planned_cost"])
    earned = rollup.earned_value + budget * (new_percent - task["percent_complete"]) / 100
    metrics = evm.metrics(
        evm.Figures(
            bac=rollup.budget_at_completion,
            pv=rollup.planned_value,
            ev=earned.quantize(evm.CENT),
            ac=rollup.actual_cost,
        )
    )
    return metrics["ev"], metrics["spi"]


def dashboard_shows(client, project_id: int, spi: Decimal) -> bool | None:
    """Whether /api/dashboard/ shows the new figures; None while the dashboard is not on this branch.

    Pluggable: the dashboard API (helper H3's reports/selectors/dashboard.py) lands separately; once it
    does, this reads it filtered to the project and looks for the SPI.
    """
    from django.urls import NoReverseMatch, reverse

    try:
        url = reverse("api:dashboard")
    except NoReverseMatch:
        return None
    response = client.get(url, {"project": project_id})
    if response.status_code != 200:
        return None
    return str(spi) in response.content.decode() or f"{float(spi):g}" in response.content.decode()


def patch_percent(client, task_id: int, percent: int):
    response = client.get(f"/api/tasks/{task_id}/")
    version = response.json()["version"]
    started = time.perf_counter()
    response = client.patch(
        f"/api/tasks/{task_id}/",
        data=json.dumps({"percent_complete": percent}),
        content_type="application/json",
        headers={"If-Match": f'"{version}"'},
    )
    if response.status_code != 200:
        raise SystemExit(f"PATCH of task {task_id} answered {response.status_code}: {response.content[:300]}")
    return started, time.perf_counter()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=50)
    parser.add_argument("--no-write", action="store_true")
    arguments = parser.parse_args()
    seeded.django_setup()
    from django.test import Client
    from django.test.utils import override_settings
    from django.utils import timezone

    from projects.models import Project, RollupMark, Task
    from reports.models import ProjectRollup
    from reports.services.rollups import rollup_recompute

    count = seeded.require_seeded_postgres()
    edits = pick_edits(arguments.edits)
    if len(edits) < arguments.edits:
        raise SystemExit(f"Only {len(edits)} projects fit the edit; seed more projects.")
    # Start from rollups that are up to date, so each wait is for the edit alone.
    RollupMark.objects.all().delete()
    rollup_recompute(project_ids=[project_id for project_id, _task in edits])
    run_date = timezone.now()
    rollup_times, dashboard_times, patch_times = [], [], []
    with override_settings(ALLOWED_HOSTS=["testserver"]), seeded.celery_worker():
        client = Client()
        for number, (project_id, task_id) in enumerate(edits, 1):
            project = Project.objects.select_related("project_manager").get(pk=project_id)
            client.force_login(project.project_manager)
            task = Task.objects.values("id", "percent_complete", "planned_cost").get(pk=task_id)
            new_percent = 100 if task["percent_complete"] < 50 else 0
            earned, spi = expected_spi(project_id, task, new_percent)
            started, answered = patch_percent(client, task_id, new_percent)
            patch_times.append(answered - started)
            deadline = started + TIMEOUT
            rollup_seen = dashboard_seen = None
            while rollup_seen is None or (dashboard_seen is None and dashboard_times is not None):
                now = time.perf_counter()
                if now > deadline:
                    raise SystemExit(f"Edit {number}: the new SPI did not show within {TIMEOUT} s.")
                if rollup_seen is None:
                    row = ProjectRollup.objects.filter(project_id=project_id).values_list(
                        "earned_value", "schedule_performance_index"
                    )[0]
                    if row == (earned, spi):
                        rollup_seen = time.perf_counter() - started
                if dashboard_seen is None and dashboard_times is not None:
                    shown = dashboard_shows(client, project_id, spi)
                    if shown is None:
                        dashboard_times = None  # not on this branch
                    elif shown:
                        dashboard_seen = time.perf_counter() - started
                time.sleep(POLL_SECONDS)
            rollup_times.append(rollup_seen)
            if dashboard_times is not None:
                dashboard_times.append(dashboard_seen)
            print(f"edit {number}: rollup after {seeded.ms(rollup_seen)}", file=sys.stderr)
            # Put the task back and let the worker settle before the next edit (not timed).
            patch_percent(client, task_id, task["percent_complete"])
            settle = time.perf_counter() + TIMEOUT
            while RollupMark.objects.exists() and time.perf_counter() < settle:
                time.sleep(POLL_SECONDS)
            time.sleep(0.3)
    p50, p95 = seeded.percentile(rollup_times, 0.5), seeded.percentile(rollup_times, 0.95)
    lines = [
        "## Freshness",
        "",
        f"`bench/bench_freshness.py`, run {run_date:%Y-%m-%d %H:%M} UTC. {seeded.machine_line()}",
        f"Data: the seed_bench organisation ({count:,} projects). One worker (the repo's Celery app, one "
        f"prefork process, on Redis). {len(rollup_times)} edits of a work task's % complete through "
        "PATCH /api/tasks/<id>/ as the project's manager, each in another project; timed from just before "
        "the PATCH until the project's rollup shows the new EV and SPI (polled every 10 ms).",
        "",
        "| measurement | edits | p50 | p95 | slowest | floor: the PATCH alone (p50) | p95 / PATCH |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        f"| edit until the rollup shows the new SPI | {len(rollup_times)} | {seeded.ms(p50)} | "
        f"{seeded.ms(p95)} | {seeded.ms(max(rollup_times))} | "
        f"{seeded.ms(seeded.percentile(patch_times, 0.5))} | "
        f"{p95 / seeded.percentile(patch_times, 0.5):.1f} |",
    ]
    if dashboard_times:
        lines.append(
            f"| edit until /api/dashboard/ shows it | {len(dashboard_times)} | "
            f"{seeded.ms(seeded.percentile(dashboard_times, 0.5))} | "
            f"{seeded.ms(seeded.percentile(dashboard_times, 0.95))} | {seeded.ms(max(dashboard_times))} | | |"
        )
    else:
        lines += ["", "/api/dashboard/ is not on this branch yet: only the rollup row is measured."]
    lines += [
        "",
        f"Goal: p95 < {GOAL_P95:.0f} s: "
        + ("met" if p95 < GOAL_P95 else "not met")
        + f" ({seeded.ms(p95)}).",
    ]
    section = "\n".join(lines) + "\n"
    print(section)
    if not arguments.no_write:
        write_section(section, begin_marker=BEGIN_MARKER, end_marker=END_MARKER)
    return 0


if __name__ == "__main__":
    sys.exit(main())
