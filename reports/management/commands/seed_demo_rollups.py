"""`manage.py seed_demo_rollups`: the demo's dashboards filled: today's rollups and weeks of snapshots."""

from datetime import timedelta
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from projects.models import Project
from reports.models import ProjectRollup, WeeklySnapshot
from reports.services.rollups import (
    SNAPSHOT_FIELDS,
    computed_rollups,
    monday_of,
    rollup_drain,
    rollup_rebuild_all,
    snapshots_take,
)

CENT = Decimal("0.01")
INDEX = Decimal("0.0001")
# How much better or worse than today each project was per week back: half improve, half decline.
DRIFT_PER_WEEK = Decimal("0.012")


class Command(BaseCommand):
    help = (
        "Fill the dashboards of a freshly seeded demo: today's rollups, and snapshots of the last WEEKS "
        "weeks. The demo keeps no history of progress, so a past week's PV is the baseline's as of its "
        "Sunday and its EV and AC follow today's along that curve, drifting a little week by week "
        "(made-up history, for the trend charts only). Run after seed_demo; running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--weeks", type=int, default=12, help="Weeks of snapshots before this one (0-51)."
        )

    @transaction.atomic
    def handle(self, *args, weeks: int = 12, **options):
        if not 0 <= weeks <= 51:
            raise CommandError("--weeks must be a whole number from 0 to 51.")
        today = timezone.localdate()
        written = rollup_rebuild_all(status_date=today)
        # The seeding's own edits left stale marks; drained here, so the dashboards start fresh.
        rollup_drain()
        taken = snapshots_take(status_date=today)
        now = {rollup.pk: rollup for rollup in ProjectRollup.objects.all()}
        projects = {project.pk: project for project in Project.objects.all()}
        taken_at = timezone.now()
        for back in range(1, weeks + 1):
            sunday = monday_of(today) - timedelta(weeks=back) + timedelta(days=6)
            rows = []
            for project_id, past in computed_rollups(list(now), status_date=sunday).items():
                _follow_today(past, now[project_id], back=back, improving=project_id % 2 == 0)
                rows.append(
                    WeeklySnapshot(
                        project_id=project_id,
                        week=monday_of(sunday),
                        portfolio_id=projects[project_id].portfolio_id,
                        project_status=projects[project_id].status,
                        taken_at=taken_at,
                        **{name: getattr(past, name) for name in SNAPSHOT_FIELDS},
                    )
                )
            WeeklySnapshot.objects.bulk_create(
                rows,
                update_conflicts=True,
                unique_fields=["project", "week"],
                update_fields=[*SNAPSHOT_FIELDS, "portfolio", "project_status", "taken_at"],
            )
            taken += len(rows)
        self.stdout.write(f"rollups {written}, snapshots {taken} over {weeks + 1} weeks")


def _follow_today(past: ProjectRollup, today: ProjectRollup, *, back: int, improving: bool) -> None:
    """EV and AC of a past week: today's, scaled by how much of today's PV was planned by then."""
    if not (today.planned_value and past.planned_value is not None and today.earned_value is not None):
        return
    share = min(Decimal("1"), past.planned_value / today.planned_value)
    drift = DRIFT_PER_WEEK * back * (-1 if improving else 1)
    past.earned_value = (today.earned_value * share * (1 + drift)).quantize(CENT)
    past.schedule_performance_index = (
        (past.earned_value / past.planned_value).quantize(INDEX) if past.planned_value else None
    )
    if today.percent_complete is not None:
        past.percent_complete = min(Decimal("100"), today.percent_complete * share).quantize(Decimal("0.1"))
    if today.actual_cost and today.cost_performance_index and past.earned_value > 0:
        past.actual_cost = (past.earned_value / (today.cost_performance_index * (1 + drift / 2))).quantize(
            CENT
        )
        past.cost_performance_index = (past.earned_value / past.actual_cost).quantize(INDEX)
        if past.budget_at_completion is not None:
            past.estimate_at_completion = (past.budget_at_completion / past.cost_performance_index).quantize(
                CENT
            )
