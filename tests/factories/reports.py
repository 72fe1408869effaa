"""Factories of the reports app: a project's rollup row as the rollup service would store it."""

from datetime import date
from decimal import Decimal

import factory
from django.utils import timezone

from reports.models import ProjectRollup
from tests.factories.organisation import ProjectFactory


class RollupFactory(factory.django.DjangoModelFactory):
    """A stored rollup with plain figures; health and RAG blank (not yet measured) unless given."""

    class Meta:
        model = ProjectRollup

    project = factory.SubFactory(ProjectFactory)
    status_date = date(2026, 6, 1)
    currency = factory.SelfAttribute("project.currency")
    percent_complete = Decimal("40.0")
    schedule_performance_index = Decimal("0.9500")
    cost_performance_index = Decimal("1.0500")
    computed_at = factory.LazyFunction(timezone.now)
