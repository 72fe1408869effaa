"""The register's single-row rules, held by the database itself and told by clean() with field names."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from risks.models import Issue, IssueStatus, Risk, RiskKind
from tests.factories import IssueFactory, ProjectFactory, RiskFactory

pytestmark = pytest.mark.django_db


def refused_by_database(**changes) -> bool:
    risk = RiskFactory()
    try:
        with transaction.atomic():
            Risk.objects.filter(pk=risk.pk).update(**changes)
    except IntegrityError:
        return True
    return False


@pytest.mark.parametrize(
    "changes",
    [
        {"probability": 0, "score": 0},
        {"impact": 11, "probability": 1, "score": 11},
        {"score": 10},  # not 3 x 3
        {"residual_probability": 2},  # without its impact
        {"cost_impact": -1},
        {"kind": RiskKind.OPPORTUNITY, "strategy": "mitigate"},
        {"strategy": "exploit"},
        {"escalated": True},  # without the time it escalated
        {"status": "forgotten"},
    ],
)
def test_the_database_refuses_a_row_that_breaks_a_rule(changes):
    assert refused_by_database(**changes)


def test_a_threat_and_an_opportunity_accept_only_their_own_strategies():
    threat = RiskFactory.build(project=ProjectFactory(), strategy="share")
    threat.owner = threat.project.project_manager
    with pytest.raises(ValidationError) as refused:
        threat.full_clean()
    assert "strategy" in refused.value.message_dict
    opportunity = RiskFactory.build(project=threat.project, owner=threat.owner, kind="opportunity")
    for strategy in ("exploit", "enhance", "share", "accept"):
        opportunity.strategy = strategy
        opportunity.full_clean()
    for strategy in ("avoid", "mitigate", "transfer", "escalate"):
        opportunity.strategy = strategy
        with pytest.raises(ValidationError) as refused:
            opportunity.full_clean()
        assert "strategy" in refused.value.message_dict


def test_a_residual_score_above_the_inherent_one_needs_a_reason():
    risk = RiskFactory(probability=2, impact=2, score=4)
    risk.residual_probability, risk.residual_impact = 3, 2
    with pytest.raises(ValidationError) as refused:
        risk.full_clean()
    assert list(refused.value.message_dict) == ["residual_reason"]
    risk.residual_reason = "The supplier's fix moves the risk to the integration phase."
    risk.full_clean()


def test_one_issue_per_risk():
    risk = RiskFactory()
    IssueFactory(project=risk.project, risk=risk)
    with pytest.raises(IntegrityError), transaction.atomic():
        Issue.objects.create(project=risk.project, owner=risk.owner, title="Again", risk=risk)


def test_a_resolved_issue_says_how():
    issue = IssueFactory(status=IssueStatus.RESOLVED, resolution="Patched.")
    issue.resolution = ""
    with pytest.raises(ValidationError) as refused:
        issue.full_clean()
    assert "resolution" in refused.value.message_dict


def test_deleting_a_project_takes_its_risks_and_issues_with_it():
    risk = RiskFactory()
    IssueFactory(project=risk.project, risk=risk)
    risk.project.delete()
    assert not Risk.objects.exists() and not Issue.objects.exists()
