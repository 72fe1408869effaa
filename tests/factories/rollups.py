"""Factories of the reports app: a project's rollup and its weekly snapshots, with figures given directly."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from projects.models import Baseline, RollupMark
from reports.models import ProjectRollup, WeeklySnapshot
from reports.services.rollups import monday_of
from tests.factories.organisation import ProjectFactory


class RollupFactory(factory.django.DjangoModelFactory):
    """A stored rollup: a project on plan (SPI and CPI 1), not yet health-scored, no report yet."""

    class Meta:
        model = ProjectRollup

    project = factory.SubFactory(ProjectFactory)
    status_date = factory.LazyFunction(timezone.localdate)
    currency = factory.LazyAttribute(lambda rollup: rollup.project.currency)
    budget_at_completion = Decimal("1000.00")
    planned_value = Decimal("500.00")
    earned_value = Decimal("500.00")
    actual_cost = Decimal("500.00")
    estimate_at_completion = Decimal("1000.00")
    schedule_performance_index = Decimal("1.0000")
    cost_performance_index = Decimal("1.0000")
    percent_complete = Decimal("50.0")
    computed_at = factory.LazyFunction(timezone.now)
    details = factory.LazyFunction(dict)


class SnapshotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WeeklySnapshot

    project = factory.SubFactory(ProjectFactory)
    week = factory.LazyFunction(lambda: monday_of(timezone.localdate()))
    portfolio = factory.LazyAttribute(lambda snapshot: snapshot.project.portfolio)
    project_status = factory.LazyAttribute(lambda snapshot: snapshot.project.status)
    status_date = factory.LazyAttribute(lambda snapshot: snapshot.week + datetime.timedelta(days=6))
    currency = factory.LazyAttribute(lambda snapshot: snapshot.project.currency)
    taken_at = factory.LazyFunction(timezone.now)


def fresh(*projects) -> None:
    """Forget the stale marks that saving the projects left, as a drained rollup would."""
    RollupMark.objects.filter(project__in=projects).delete()


def rolled_up_projects(count: int, **project_fields) -> list:
    """`count` fresh projects with a baseline and a rollup (bulk-created); extra fields go to each project."""
    projects = ProjectFactory.create_batch(count, **project_fields)
    baselines = Baseline.objects.bulk_create(
        [Baseline(project=project, name="Approved") for project in projects]
    )
    ProjectRollup.objects.bulk_create(
        [
            RollupFactory.build(project=project, baseline=baseline)
            for project, baseline in zip(projects, baselines, strict=True)
        ]
    )
    fresh(*projects)
    return projects
