"""`manage.py reconcile_rollups`: recompute every project directly, store it, and print the drift found."""

import json

from django.core.management.base import BaseCommand

from reports.services.rollups import rollup_drift, rollup_rebuild_all


class Command(BaseCommand):
    help = (
        "Compare every project's stored rollup with a direct recompute from its source rows, print the "
        "drift as JSON (goal: 0), then store the recomputed figures. --check only compares."
    )

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Compare only; store nothing.")

    def handle(self, *args, check: bool = False, **options):
        drift = rollup_drift()
        report = {
            "drift": len(drift),
            "projects": len({item.project_id for item in drift}),
            "fields": [
                {"project": item.project_id, "field": item.field, "stored": _plain(item.stored),
                 "computed": _plain(item.computed)}
                for item in drift[:100]
            ],
        }  # fmt: skip
        if not check:
            report["recomputed"] = rollup_rebuild_all()
        self.stdout.write(json.dumps(report, ensure_ascii=False))


def _plain(value):
    """JSON's own types as they are, lists and tuples item by item (slipped milestones), the rest as text."""
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value if value is None or isinstance(value, (int, float, str, bool, dict)) else str(value)
