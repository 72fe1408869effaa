"""Asking a worker to drain the stale marks: debounced through Redis, and never failing the edit.

Marks are already in the database when a request is made, so a request that cannot reach the broker
loses nothing: the periodic drain in the beat table picks the marks up once the broker is back. Many
edits within the debounce window queue one drain.
"""

import logging

import redis
from celery import current_app as app
from django.conf import settings
from kombu.exceptions import OperationalError

from projects.models import Project
from projects.services.rollup_marks import project_mark_stale

logger = logging.getLogger(__name__)

DEBOUNCE_KEY = "pmo:rollups:drain-queued"
DEBOUNCE_SECONDS = 0.25
# A queued flag outlives a lost drain by at most this long; the periodic drain covers the gap.
DEBOUNCE_FLAG_SECONDS = 30
BROKER_TIMEOUT = 0.5
# Named, not imported: reports.tasks calls this module, and a task is found by its name anyway.
DRAIN_TASK = "reports.tasks.drain_rollups"


def _broker_redis() -> redis.Redis | None:
    """A client of the broker's Redis, which holds the debounce flag; None for another broker."""
    url = app.conf.broker_url or ""
    if not url.startswith(("redis://", "rediss://")):
        return None
    return redis.Redis.from_url(url, socket_timeout=BROKER_TIMEOUT, socket_connect_timeout=BROKER_TIMEOUT)


def rollup_request(**_signal_arguments) -> bool:
    """Queue one drain of the stale marks unless one is already queued; True when one was queued."""
    if app.conf.task_always_eager:
        app.tasks[DRAIN_TASK].apply()
        return True
    client = _broker_redis()
    try:
        if client is not None and not client.set(DEBOUNCE_KEY, "1", nx=True, ex=DEBOUNCE_FLAG_SECONDS):
            return False
    except redis.RedisError as error:
        logger.warning(
            "Rollup drain not queued (Redis unreachable: %s); the periodic drain will run it", error
        )
        return False
    parts = drain_parts()
    try:
        for part in range(parts):
            app.send_task(
                DRAIN_TASK, kwargs={"part": part, "parts": parts}, countdown=DEBOUNCE_SECONDS, retry=False
            )
    except (OperationalError, OSError) as error:
        logger.warning(
            "Rollup drain not queued (broker unreachable: %s); the periodic drain will run it", error
        )
        drain_request_clear()
        return False
    return True


def drain_parts() -> int:
    """How many drains one request queues, each for its share of the projects (settings.ROLLUP_DRAIN_PARTS):
    as many as a worker runs side by side, so a big drain uses every process."""
    return max(1, settings.ROLLUP_DRAIN_PARTS)


def drain_request_clear() -> None:
    """Forget the queued flag (best effort), so the next edit queues a drain."""
    client = None if app.conf.task_always_eager else _broker_redis()
    if client is None:
        return
    try:
        client.delete(DEBOUNCE_KEY)
    except redis.RedisError:
        pass


def rollups_all_stale(**_signal_arguments) -> None:
    """Mark every project stale (a PMO standard changed); the marks' own after-commit request drains them."""
    project_mark_stale(project_ids=Project.objects.values_list("pk", flat=True))
