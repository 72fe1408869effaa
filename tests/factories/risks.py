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


def bulk_risks(project, count: int, *, owner=None) -> list[Risk]:
    """`count` open risks on `project` in one insert, spread over a 5 x 5 grid and rated after response,
    for the pages' query pins at hundreds of rows."""
    owner = owner or project.project_manager
    risks = []
    for number in range(count):
        probability, impact = 1 + number % 5, 1 + (number // 5) % 5
        risks.append(
            Risk(
                project=project,
                title=f"Bulk risk {number}",
                category="technical",
                probability=probability,
                impact=impact,
                score=probability * impact,
                residual_probability=1,
                residual_impact=impact,
                owner=owner,
                cost_impact=Decimal(1000 + number),
                review_date=datetime.date(2026, 1, 1) if number % 3 == 0 else None,
            )
        )
    return Risk.objects.bulk_create(risks)


def bulk_issues(project, count: int) -> list[Issue]:
    """`count` open issues on `project` in one insert."""
    owner = project.project_manager
    return Issue.objects.bulk_create(
        Issue(project=project, title=f"Bulk issue {number}", owner=owner) for number in range(count)
    )
