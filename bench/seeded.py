"""Shared by the benchmarks on the seeded organisation (bench_rollup, bench_freshness, bench_dashboard).

The database is the one DATABASE_URL names, loaded beforehand with seed_bench (PostgreSQL only):

    createdb -h 127.0.0.1 -U postgres pmo_bench_2000
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/pmo_bench_2000
    export REDIS_URL=redis://127.0.0.1:6379/<a db of its own>
    .venv/bin/python manage.py migrate
    .venv/bin/python manage.py seed_bench --projects 2000

The benchmarks recompute rollups and edit a few tasks' % complete (and put them back), so the
database stays a benchmark database; they refuse one without the seeded projects.

A real Celery worker (the repo's app, one process, prefork pool) is started as a child process on
REDIS_URL for the rollup and freshness benchmarks, and stopped at the end.
"""

from __future__ import annotations

import os
import platform
import signal
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
WORKER_START_TIMEOUT = 60


def django_setup() -> None:
    sys.path.insert(0, str(REPO_ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pmo_portal.settings")
    import django

    django.setup()


def require_seeded_postgres(minimum_projects: int = 1, *, needs_worker: bool = True) -> int:
    """The number of seeded projects; exits with a message on another back end or without them."""
    from django.db import connection

    from projects.models import Project
    from reports.bench_data.generator import PROJECT_CODE_PREFIX

    if connection.vendor != "postgresql":
        skip("it needs PostgreSQL: set DATABASE_URL to the seeded database (see bench/seeded.py).")
    count = Project.objects.filter(code__startswith=PROJECT_CODE_PREFIX).count()
    if count < minimum_projects:
        skip(
            f"the database holds {count} seeded projects; load it first with "
            "`manage.py seed_bench --projects 2000` (see bench/seeded.py)."
        )
    if needs_worker and not os.environ.get("REDIS_URL"):
        skip("set REDIS_URL (a Redis database of the benchmark's own) for the worker (see bench/seeded.py).")
    return count


def skip(reason: str) -> None:
    """Stop without figures, and without failing `make bench`, which runs every benchmark."""
    print(f"{Path(sys.argv[0]).name} skipped: {reason}", file=sys.stderr)
    raise SystemExit(0)


def machine_line(extra: str = "") -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        server = cursor.fetchone()[0].split(" ")[0]
    return (
        f"Machine: Python {platform.python_version()} ({platform.python_implementation()}), "
        f"{os.cpu_count()} CPUs, {platform.system()} {platform.machine()}, PostgreSQL {server}, "
        f"1-minute load average {os.getloadavg()[0]:.2f} at the end (other work slows every figure alike)"
        + (f"; {extra}" if extra else "")
        + "."
    )


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (share 0.95 = p95) of the values."""
    ordered = sorted(values)
    rank = max(1, round(share * len(ordered) + 0.5 - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]


def median(values: list[float]) -> float:
    return statistics.median(values)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms"


@contextmanager
def celery_worker(*, concurrency: int = 1):
    """A real worker of the repo's Celery app on REDIS_URL, as a child process; stopped on exit."""
    from pmo_portal.celery import app
    from pmo_portal.tasks import ping

    if not os.environ.get("REDIS_URL"):
        raise SystemExit(
            "Set REDIS_URL (a Redis database of the benchmark's own): the worker needs a broker."
        )
    app.conf.task_always_eager = False
    app.control.purge()
    environment = {**os.environ, "CELERY_TASK_ALWAYS_EAGER": "0"}
    worker = subprocess.Popen(  # noqa: S603 - our own interpreter and the repo's app
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "pmo_portal",
            "worker",
            "--pool=prefork",
            f"--concurrency={concurrency}",
            "--loglevel=WARNING",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=REPO_ROOT,
        env=environment,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
    )
    try:
        started = time.perf_counter()
        ping.delay("ready").get(timeout=WORKER_START_TIMEOUT)
        print(f"worker {worker.pid} ready in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        yield worker
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
