"""Writing generated rows at COPY speed: PostgreSQL's COPY FROM STDIN, elsewhere bulk_create in batches.

Rows carry explicit ids taken after the largest id of each table (`first_free_ids`); the sequences are
moved past them afterwards (`sequences_reset`), so later inserts by the portal get fresh ids.
"""

from __future__ import annotations

import csv
import io
import json
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection
from django.db.models import Max

from reports.bench_data.generator import FirstIds, Rows

# Table of FirstIds -> model label, in an order that satisfies the foreign keys (for back ends that
# check them at once).
TABLES = (
    ("user", "governance.User"),
    ("portfolio", "projects.Portfolio"),
    ("program", "projects.Program"),
    ("project", "projects.Project"),
    ("calendar", "projects.ProjectCalendar"),
    ("membership", "projects.ProjectMembership"),
    ("task", "projects.Task"),
    ("dependency", "projects.Dependency"),
    ("baseline", "projects.Baseline"),
    ("baseline_task", "projects.BaselineTask"),
    ("cost_entry", "projects.CostEntry"),
    ("snapshot", "reports.WeeklySnapshot"),
    ("risk", "risks.Risk"),
)
BATCH_SIZE = 2000
NULL = r"\N"


def first_free_ids() -> FirstIds:
    """One past the largest id of each table the generator writes."""
    ids = FirstIds()
    for name, label in TABLES:
        largest = apps.get_model(label).objects.aggregate(largest=Max("pk"))["largest"] or 0
        setattr(ids, name, largest + 1)
    return ids


def uses_copy() -> bool:
    return connection.vendor == "postgresql"


def rows_load(rows: Rows) -> dict[str, int]:
    """Write the rows, table by table in foreign-key order; returns the count per model label."""
    counts = {}
    for _name, label in TABLES:
        table_rows = rows.tables.get(label)
        if not table_rows:
            continue
        model = apps.get_model(label)
        if uses_copy():
            _copy(model, table_rows)
        else:
            _bulk_create(model, table_rows)
        counts[label] = len(table_rows)
    return counts


def _columns(model, row: dict) -> list:
    """The model's concrete fields, each with the value the row gives or the field's default."""
    fields = []
    for model_field in model._meta.concrete_fields:
        if model_field.attname not in row and not model_field.has_default() and not model_field.null:
            if model_field.get_internal_type() not in ("CharField", "TextField"):
                raise ValueError(f"{model.__name__}.{model_field.attname} needs a value")
        fields.append(model_field)
    return fields


def _value(model_field, row: dict):
    if model_field.attname in row:
        return row[model_field.attname]
    return model_field.get_default()


def _text(value) -> str:
    if value is None:
        return NULL
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (dict, list)):
        return json.dumps(value)
    if isinstance(value, Decimal):
        return str(value)
    return str(value)


def _copy(model, table_rows: list[dict]) -> None:
    fields = _columns(model, table_rows[0])
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in table_rows:
        writer.writerow([_text(_value(model_field, row)) for model_field in fields])
    buffer.seek(0)
    columns = ", ".join(connection.ops.quote_name(model_field.column) for model_field in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        # The Django cursor wraps psycopg2's, whose copy_expert streams the buffer.
        cursor.cursor.copy_expert(
            f"COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv, NULL '{NULL}')",  # noqa: S608
            buffer,
        )


def _bulk_create(model, table_rows: list[dict]) -> None:
    fields = _columns(model, table_rows[0])
    objects = [
        model(**{model_field.attname: _value(model_field, row) for model_field in fields})
        for row in table_rows
    ]
    with _generated_timestamps(fields):
        model.objects.bulk_create(objects, batch_size=BATCH_SIZE)


@contextmanager
def _generated_timestamps(fields):
    """Keep the rows' own timestamps: auto_now fields would set the time of the load instead."""
    stamped = [
        (model_field, model_field.auto_now, model_field.auto_now_add)
        for model_field in fields
        if getattr(model_field, "auto_now", False) or getattr(model_field, "auto_now_add", False)
    ]
    for model_field, _now, _now_add in stamped:
        model_field.auto_now = model_field.auto_now_add = False
    try:
        yield
    finally:
        for model_field, now, now_add in stamped:
            model_field.auto_now, model_field.auto_now_add = now, now_add


def sequences_reset() -> None:
    """Move every written table's id sequence past its largest id (no-op where ids are not sequenced)."""
    models = [apps.get_model(label) for _name, label in TABLES]
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def tables_analyze() -> None:
    """Give PostgreSQL's planner statistics of the loaded tables now (autovacuum may be off or late):
    without them it plans the rollup's reads as nested loops over tables it believes empty."""
    if not uses_copy():
        return
    with connection.cursor() as cursor:
        for _name, label in TABLES:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(apps.get_model(label)._meta.db_table)}")
