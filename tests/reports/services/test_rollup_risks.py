"""The rollup reads the risk register: exposure for the health score, contingency, the worst open threat."""

from decimal import Decimal

import pytest
from django.utils import timezone

from projects.services.status_reports import period_figures
from reports.models import ProjectRollup
from reports.services.rollups import rollup_drift, rollup_recompute
from risks.models import RiskKind, RiskStatus
from risks.services import risk_update
from tests.factories import ProjectFactory
from tests.factories.risks import RiskFactory

pytestmark = pytest.mark.django_db


def register():
    """Two open threats (3 x 4 with 200,000 at stake; 5 x 5 responded down to 2 x 2 with 1,000,000),
    an open opportunity and a closed threat."""
    project = ProjectFactory(status="active")
    rated = RiskFactory(
        project=project, title="供应商延期", probability=3, impact=4, cost_impact=Decimal("200000")
    )
    worst = RiskFactory(
        project=project,
        title="Data centre migration fails",
        probability=5,
        impact=5,
        residual_probability=2,
        residual_impact=2,
        residual_reason="",
        cost_impact=Decimal("1000000"),
    )
    RiskFactory(project=project, kind=RiskKind.OPPORTUNITY, probability=4, impact=4, strategy="exploit")
    RiskFactory(project=project, probability=5, impact=5, status=RiskStatus.CLOSED, cost_impact=Decimal("9"))
    return project, rated, worst


def test_exposure_is_the_open_threats_current_scores_as_a_share_of_the_worst_they_could_be():
    project, _rated, worst = register()

    rollup_recompute(project_ids=[project.pk])
    rollup = ProjectRollup.objects.get(project=project)

    # Current scores 12 (3 x 4) and 4 (residual 2 x 2) of at most 2 x 25: 16 / 50 = 32 %.
    assert rollup.risk_exposure == Decimal("32.0")
    assert rollup.risks_open == 3  # the opportunity is open too; the closed threat is not
    # EMV: (2 x 3 - 1) / 10 of 200,000 + (2 x 5 - 1) / 10 of 1,000,000 = 100,000 + 900,000.
    assert rollup.contingency_reserve == Decimal("1000000.00")
    assert (rollup.top_risk_id, rollup.top_risk_score) == (worst.pk, 25)
    assert rollup.details["health_inputs"]["risk_exposure"] == "32.0"


def test_a_project_without_open_threats_has_no_exposure_and_no_worst_risk():
    project = ProjectFactory(status="active")
    RiskFactory(project=project, status=RiskStatus.CLOSED)

    rollup_recompute(project_ids=[project.pk])
    rollup = ProjectRollup.objects.get(project=project)

    assert rollup.risk_exposure == Decimal("0.0")
    assert (rollup.risks_open, rollup.top_risk_id, rollup.contingency_reserve) == (0, None, Decimal("0.00"))


def test_a_rerated_risk_reaches_the_rollup_and_reconcile_finds_no_drift():
    project, rated, _worst = register()
    rollup_recompute(project_ids=[project.pk])

    risk_update(actor=project.project_manager, risk=rated, changes={"probability": 1, "impact": 1})
    rollup_recompute(project_ids=[project.pk])

    # 1 and 4 of 50: 10 %.
    assert ProjectRollup.objects.get(project=project).risk_exposure == Decimal("10.0")
    assert rollup_drift() == []


def test_a_status_report_draft_lists_the_risks_raised_in_its_period():
    project, rated, worst = register()
    today = timezone.localdate()

    figures = period_figures(project=project, period_start=today, period_end=today)

    titles = [risk["title"] for risk in figures["new_risks"]]
    assert titles[:2] == [rated.title, worst.title] and len(titles) == 4
    assert figures["new_risks"][0]["score"] == 12
    assert (
        period_figures(
            project=project,
            period_start=today.replace(year=today.year - 1),
            period_end=today.replace(year=today.year - 1),
        )["new_risks"]
        == []
    )
