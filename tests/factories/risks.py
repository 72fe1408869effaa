"""Factories of the risk register and the issue log: risks, their response actions, issues."""

import datetime
from decimal import Decimal

import factory

from risks.models import Issue, Risk, RiskAction
from tests.factories.organisation import ProjectFactory


class RiskFactory(factory.django.DjangoModelFactory):
    """A threat rated 3 x 3, owned by its project's manager, not yet assessed."""

    class Meta:
        model = Risk

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Risk {n}")
    category = "technical"
    probability = 3
    impact = 3
    score = factory.LazyAttribute(lambda risk: risk.probability * risk.impact)
    owner = factory.SelfAttribute("project.project_manager")
    cost_impact = Decimal("0")


class RiskActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RiskAction

    risk = factory.SubFactory(RiskFactory)
    description = factory.Sequence(lambda n: f"Action {n}")
    owner = factory.SelfAttribute("risk.owner")
    due_date = datetime.date(2026, 6, 1)


class IssueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Issue

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Issue {n}")
    owner = factory.SelfAttribute("project.project_manager")
