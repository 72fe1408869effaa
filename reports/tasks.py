"""Background jobs of the reports app: thin, idempotent, recomputing from the source rows."""

from celery import shared_task

from reports.services.rollup_requests import drain_request_clear, rollup_request
from reports.services.rollups import rollup_drain, rollup_rebuild_all, snapshots_take

RETRY_TRANSIENT = {
    "autoretry_for": (ConnectionError, TimeoutError),
    "retry_backoff": True,
    "retry_jitter": True,
    "max_retries": 5,
}


@shared_task(name="reports.tasks.drain_rollups", ignore_result=True, acks_late=True, **RETRY_TRANSIENT)
def drain_rollups(part: int = 0, parts: int = 1) -> int:
    """Recompute the projects marked stale (those of one part of `parts`, see rollup_drain); safe to
    deliver twice (acks_late: proven idempotent)."""
    # Cleared first, so an edit landing while this drain runs queues the next one.
    drain_request_clear()
    result = rollup_drain(part=part, parts=parts)
    if result.remaining:
        rollup_request()
    return result.recomputed


@shared_task(name="reports.tasks.rebuild_rollups", ignore_result=True, acks_late=True, **RETRY_TRANSIENT)
def rebuild_rollups() -> int:
    """Recompute every project and upsert this week's snapshots (the nightly full rebuild)."""
    written = rollup_rebuild_all()
    snapshots_take()
    return written
