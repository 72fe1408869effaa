"""Reads of the register: who sees which risks and issues, the filters, the PMO's queue, the figures
against hand-worked numbers, and a constant number of queries however many rows."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from governance.selectors import risk_standards
from governance.services import risk_standards_update
from risks.models import Risk, RiskKind, RiskStatus
from risks.selectors.risks import issue_list, pmo_risk_queue, risk_figures, risk_list
from tests.factories import IssueFactory, ProjectFactory, RiskFactory

pytestmark = pytest.mark.django_db
D = Decimal


def escalated(**fields) -> Risk:
    return RiskFactory(escalated=True, escalated_at=timezone.now(), **fields)


@pytest.fixture
def registers(world):
    """One risk and one issue on each of the world's three projects."""
    risks = {
        "pm1": RiskFactory(project=world.project_of_pm1),
        "pm1_second": RiskFactory(project=world.second_project_of_pm1),
        "pm2": RiskFactory(project=world.project_of_pm2),
    }
    for risk in risks.values():
        IssueFactory(project=risk.project)
    return risks


@pytest.mark.parametrize("role", ["admin", "pmo", "pm1", "pm2", "member", "sponsor", "outsider"])
def test_each_role_sees_the_risks_and_issues_of_the_projects_it_sees(world, registers, role):
    user = world.users[role]
    expected = world.visible_projects(role)
    assert {risk.project_id for risk in risk_list(user=user)} == expected
    assert {issue.project_id for issue in issue_list(user=user)} == expected


def test_the_filters_narrow_the_list(world):
    project = world.project_of_pm1
    today = datetime.date(2026, 5, 4)
    low = RiskFactory(project=project, probability=1, impact=2, category="cost")
    high = RiskFactory(
        project=project, probability=4, impact=3, review_date=today - datetime.timedelta(days=1)
    )
    closed = RiskFactory(
        project=project,
        probability=4,
        impact=4,
        status=RiskStatus.CLOSED,
        review_date=datetime.date(2026, 1, 1),
    )
    other = RiskFactory(project=world.project_of_pm2, owner=world.pm2)

    def ids(**filters):
        return [risk.pk for risk in risk_list(user=world.admin, **filters)]

    assert ids(project_id=project.pk) == [closed.pk, high.pk, low.pk]  # worst first
    assert ids(portfolio_id=world.other_portfolio.pk) == [other.pk]
    assert ids(category="cost") == [low.pk]
    assert ids(level="high", project_id=project.pk) == [closed.pk, high.pk]
    assert ids(level="low") == [low.pk]
    assert ids(status="closed") == [closed.pk]
    assert ids(owner_id=world.pm2.pk) == [other.pk]
    assert ids(overdue_on=today) == [high.pk]  # the closed one is no longer reviewed
    assert {risk.level for risk in risk_list(user=world.admin, project_id=project.pk)} == {"low", "high"}


def test_the_level_follows_the_bands_in_force(world):
    risk = RiskFactory(project=world.project_of_pm1, probability=3, impact=3)
    assert risk_list(user=world.admin).get(pk=risk.pk).level == "medium"
    risk_standards_update(actor=world.admin, medium_from=10, high_from=12, critical_from=16)
    assert risk_list(user=world.admin).get(pk=risk.pk).level == "low"


def test_the_pmo_queue_holds_the_open_escalated_risks_worst_first(world):
    project = world.project_of_pm1
    fifteen = escalated(project=project, probability=5, impact=3)
    twenty = escalated(project=project, probability=5, impact=4)
    earlier = escalated(project=world.project_of_pm2, owner=world.pm2, probability=5, impact=3)
    Risk.objects.filter(pk=earlier.pk).update(escalated_at=timezone.now() - datetime.timedelta(days=3))
    escalated(project=project, probability=5, impact=5, status=RiskStatus.CLOSED)
    RiskFactory(project=project, probability=2, impact=2)
    assert [risk.pk for risk in pmo_risk_queue(user=world.pmo)] == [twenty.pk, earlier.pk, fifteen.pk]
    assert [risk.pk for risk in pmo_risk_queue(user=world.pm2)] == [earlier.pk]


def test_the_overdue_issues_are_the_open_ones_past_their_due_date(world):
    project = world.project_of_pm1
    today = datetime.date(2026, 5, 4)
    late = IssueFactory(project=project, due_date=datetime.date(2026, 5, 1))
    IssueFactory(project=project, due_date=datetime.date(2026, 5, 1), status="resolved", resolution="Fixed.")
    IssueFactory(project=project, due_date=today)
    assert [issue.pk for issue in issue_list(user=world.pm1, overdue_on=today)] == [late.pk]
    assert [issue.pk for issue in issue_list(user=world.pm1, severity="critical")] == []


def test_the_contingency_reserve_and_the_counts_by_level_against_hand_worked_numbers(world):
    project, empty = world.project_of_pm1, world.second_project_of_pm1

    def threat(probability, impact, cost, **fields):
        return RiskFactory(
            project=project, probability=probability, impact=impact, cost_impact=D(cost), **fields
        )

    threat(4, 4, "10000.00", escalated=True, escalated_at=timezone.now())  # 70 % -> 7,000.00; high
    threat(1, 2, "333.33")  # 10 % -> 33.333; low
    threat(5, 1, "0.05")  # 90 % -> 0.045; medium
    threat(3, 3, "50000.00", status=RiskStatus.CLOSED)  # closed: not reserved, not counted
    threat(2, 2, "1000.00", status=RiskStatus.OCCURRED)  # an issue now: not reserved, not counted
    threat(5, 4, "20000.00", kind=RiskKind.OPPORTUNITY)  # no reserve for a hoped-for saving; critical

    figures = risk_figures(project_ids=[project.pk, empty.pk])

    # 7,000 + 33.333 + 0.045 = 7,033.378, rounded once: 7,033.38
    assert figures[project.pk].contingency_reserve == D("7033.38")
    assert figures[project.pk].currency == "CNY"
    assert figures[project.pk].open_by_level == {"low": 1, "medium": 1, "high": 1, "critical": 1}
    assert (figures[project.pk].open_total, figures[project.pk].escalated_open) == (4, 1)
    assert figures[empty.pk].contingency_reserve == D("0.00")
    assert figures[empty.pk].open_total == 0


def test_a_risks_expected_monetary_value(world):
    risk = RiskFactory(project=world.project_of_pm1, probability=2, impact=5, cost_impact=D("12500.00"))
    assert risk.expected_monetary_value(risk_standards()) == D("3750.00")  # 30 %


def _fill(world, count):
    projects = [ProjectFactory(portfolio=world.portfolio, project_manager=world.pm1) for _ in range(3)]
    for number in range(count):
        project = projects[number % 3]
        risk = RiskFactory(project=project, probability=1 + number % 5, impact=1 + number % 4)
        IssueFactory(project=project, risk=risk if number % 2 else None)


@pytest.mark.parametrize("count", [10, 200])
def test_the_lists_take_the_same_queries_at_10_and_200_rows(world, count, django_assert_num_queries):
    _fill(world, count)
    with django_assert_num_queries(3):  # the standards, the risks with all they show, their linked tasks
        rows = [
            (risk.owner.username, risk.project.portfolio.code, risk.level)
            for risk in risk_list(user=world.pm1)
        ]
    assert len(rows) == count
    with django_assert_num_queries(1):
        issues = [
            (i.owner.username, i.project.code, i.risk_id and i.risk.title) for i in issue_list(user=world.pm1)
        ]
    assert len(issues) == count
    project_ids = set(Risk.objects.values_list("project_id", flat=True))
    with django_assert_num_queries(2):  # the standards, then one row per project
        figures = risk_figures(project_ids=project_ids)
    assert sum(item.open_total for item in figures.values()) == count
