"""Marking a project's rolled-up figures stale, in the transaction of the edit that made them stale.

The projects app never calls the reports app: it records the fact in its own table and, once the
transaction has committed, sends `rollup_requested`, which the reports app subscribes to. A mark
outlives a lost signal (the broker down, a worker gone): the periodic drain picks it up.
"""

from collections.abc import Iterable

from django.db import connection, transaction
from django.dispatch import Signal
from django.utils import timezone

from projects.models import RollupMark

# Sent after commit with `project_ids`, a sorted list of the projects marked in that transaction.
rollup_requested = Signal()

_UPSERT = (
    "INSERT INTO {table} (project_id, generation, marked_at) VALUES (%s, 1, %s) "
    "ON CONFLICT (project_id) DO UPDATE "
    "SET generation = {table}.generation + 1, marked_at = excluded.marked_at"
)


def project_mark_stale(*, project_ids: Iterable[int]) -> None:
    """Mark the projects stale now (same transaction) and ask for a recompute after the commit.

    The upsert raises the mark's generation, so a drain that read the older generation leaves the
    mark in place and the project is recomputed again.
    """
    ids = sorted({int(project_id) for project_id in project_ids if project_id is not None})
    if not ids:
        return
    now = timezone.now()
    sql = _UPSERT.format(table=connection.ops.quote_name(RollupMark._meta.db_table))
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(project_id, now) for project_id in ids])
    # Many marks in one transaction ask many times; the receiver debounces them into one drain.
    transaction.on_commit(
        lambda: rollup_requested.send_robust(sender=RollupMark, project_ids=ids), robust=True
    )
