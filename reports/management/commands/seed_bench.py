"""Load the benchmark organisation: many projects with full plans, baselines, costs and a year of snapshots.

python manage.py seed_bench --projects 2000 [--seed N] [--status-date YYYY-MM-DD] [--no-rollups] [--force]

The rows come from reports.bench_data.generator (deterministic: the same seed, number of projects,
status date and an empty database give the same rows) and are written by reports.bench_data.loader:
COPY on PostgreSQL, bulk_create in batches elsewhere. The rollups are then computed by
reports.services.rollups (the code the workers run) and the current week's snapshots taken from them.
"""

import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.models import User
from projects.models import Portfolio, Project
from reports.bench_data import generator, loader
from reports.services.rollups import rollup_recompute, snapshots_take

MAX_PROJECTS = 20_000
DEFAULT_SEED = 20_261_201
PROJECTS_PER_CHUNK = 100


def _status_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(_("--status-date must be a date as YYYY-MM-DD, not “%s”.") % value) from error


class Command(BaseCommand):
    help = (
        "Generate the benchmark organisation (deterministic): about 1,000 people, 8 portfolios, 40 "
        "programs, 12 departments and N projects of 110 tasks (100 leaves: work and milestones) with "
        "links, a baseline, progress and costs as of the status date, 52 weekly snapshots and 10 risks "
        "each; then the rollups."
    )

    def add_arguments(self, parser):
        parser.add_argument("--projects", type=int, default=2000, help="How many projects (1 to 20,000).")
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="The random seed.")
        parser.add_argument(
            "--status-date",
            type=_status_date,
            default=None,
            help="The day progress and costs are recorded to (default: today).",
        )
        parser.add_argument(
            "--no-rollups",
            action="store_true",
            help="Leave the rollups to compute (e.g. by a benchmark); snapshots then cover the week too.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Add the benchmark organisation to a database that already holds projects.",
        )

    def handle(self, *args, projects, seed, status_date, no_rollups, force, **options):
        if not 1 <= projects <= MAX_PROJECTS:
            raise CommandError(_("--projects must be between 1 and %(max)s.") % {"max": f"{MAX_PROJECTS:,}"})
        if Project.objects.exists() and not force:
            raise CommandError(
                _(
                    "This database already holds projects; seed_bench never mixes into real data. "
                    "Use an empty database, or --force if you mean to add to this one."
                )
            )
        if (
            User.objects.filter(username__startswith=generator.USERNAME_PREFIX).exists()
            or Portfolio.objects.filter(code__startswith=generator.PROJECT_CODE_PREFIX).exists()
        ):
            raise CommandError(_("This database already holds a benchmark organisation; use an empty one."))
        status_date = status_date or timezone.localdate()
        started = time.perf_counter()
        counts: dict[str, int] = {}
        generating = loading = 0.0
        with transaction.atomic():
            bench = generator.BenchGenerator(
                seed=seed, status_date=status_date, first_ids=loader.first_free_ids()
            )
            clock = time.perf_counter()
            rows = bench.organisation_rows()
            generating += time.perf_counter() - clock
            self._add(counts, loader.rows_load(rows))
            for numbers in generator.chunks(projects, PROJECTS_PER_CHUNK):
                clock = time.perf_counter()
                rows = bench.project_rows(numbers)
                middle = time.perf_counter()
                self._add(counts, loader.rows_load(rows))
                generating += middle - clock
                loading += time.perf_counter() - middle
                self.stdout.write(f"  {numbers[-1]:,} / {projects:,} projects", ending="\r")
                self.stdout.flush()
            loader.sequences_reset()
        loader.tables_analyze()
        self.stdout.write("")
        rollup_seconds = 0.0
        if not no_rollups:
            clock = time.perf_counter()
            ids = Project.objects.filter(code__startswith=generator.PROJECT_CODE_PREFIX).values_list(
                "pk", flat=True
            )
            counts["reports.ProjectRollup"] = rollup_recompute(project_ids=ids, status_date=status_date)
            # The current week's snapshots from the rollups, as the nightly job takes them.
            snapshots_take(status_date=status_date)
            rollup_seconds = time.perf_counter() - clock
        total = time.perf_counter() - started
        for label, count in counts.items():
            self.stdout.write(f"{label:<30} {count:>10,}")
        self.stdout.write(
            f"Status date {status_date.isoformat()}, seed {seed}, "
            f"{'COPY' if loader.uses_copy() else 'bulk_create'}: generated in {generating:.1f} s, "
            f"loaded in {loading:.1f} s, rollups in {rollup_seconds:.1f} s, {total:.1f} s in all."
        )

    @staticmethod
    def _add(counts: dict[str, int], more: dict[str, int]) -> None:
        for label, count in more.items():
            counts[label] = counts.get(label, 0) + count
