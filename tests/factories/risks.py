"""Factories of the risk register and the issue log: risks, their response actions, issues."""

import datetime
from decimal import Decimal

import factory

from risks.models import Issue, Reminder, Risk, RiskAction, TaskEstimate
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


class TaskEstimateFactory(factory.django.DjangoModelFactory):
    """A three-point estimate of 1 / 2 / 4 working days."""

    class Meta:
        model = TaskEstimate

    optimistic = Decimal("1")
    most_likely = Decimal("2")
    pessimistic = Decimal("4")


class ReminderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reminder

    risk = factory.SubFactory(RiskFactory)
    user = factory.SelfAttribute("risk.owner")
    kind = "risk_review_overdue"
    day = datetime.date(2026, 6, 1)
