"""The PMO's risk queue page: the open escalated risks worst first, its filters, who sees it, and the
sign-off of a response in place under a controlling PMO."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.models import PmoType
from risks.models import Risk
from tests.factories import RiskFactory, set_pmo_type

pytestmark = pytest.mark.django_db

URL = reverse("risk_portfolio:queue")
# Session, user, the standards (twice: the page's and the queue's own), the page's count and rows, the
# installation's PMO type; the choices of portfolio and project.
QUEUE_PAGE_QUERIES = 9
HTMX = {"HTTP_HX_REQUEST": "true"}


def escalated(**fields) -> Risk:
    fields.setdefault("strategy", "mitigate")
    fields.setdefault("response_plan", "Pair them up.")
    fields.setdefault("status", "assessed")
    return RiskFactory(escalated=True, escalated_at=timezone.now(), **fields)


def _queue_titles(response) -> list[str]:
    return [row["risk"].title for row in response.context["rows"]]


def test_the_queue_lists_open_escalated_risks_by_score_then_emv(client, world):
    project = world.project_of_pm1
    # Both score 20; 5 x 4 at 90 % is worth more than 4 x 5 at 70 % for the same cost.
    escalated(project=project, title="Seventy", probability=4, impact=5, cost_impact=Decimal("1000"))
    escalated(project=project, title="Ninety", probability=5, impact=4, cost_impact=Decimal("1000"))
    escalated(project=world.project_of_pm2, title="Fifteen", probability=5, impact=3)
    escalated(project=project, title="Closed", probability=5, impact=5, status="closed")
    RiskFactory(project=project, title="Not escalated", probability=5, impact=5)
    client.force_login(world.pmo)
    response = client.get(URL)
    assert _queue_titles(response) == ["Ninety", "Seventy", "Fifteen"]
    html = response.content.decode()
    assert "900.00" in html and "700.00" in html and world.pm1.display_name in html


def test_the_queue_filters_by_portfolio_project_category_and_level(client, world):
    escalated(
        project=world.project_of_pm1, title="Critical schedule", category="schedule", probability=5, impact=4
    )
    escalated(project=world.project_of_pm1, title="High cost", category="cost", probability=5, impact=3)
    escalated(project=world.project_of_pm2, title="Elsewhere", category="cost", probability=5, impact=3)
    client.force_login(world.pmo)
    assert _queue_titles(client.get(URL, {"portfolio": world.other_portfolio.pk})) == ["Elsewhere"]
    assert _queue_titles(client.get(URL, {"project": world.project_of_pm1.pk})) == [
        "Critical schedule",
        "High cost",
    ]
    assert _queue_titles(client.get(URL, {"category": "schedule"})) == ["Critical schedule"]
    assert _queue_titles(client.get(URL, {"level": "high"})) == ["High cost", "Elsewhere"]
    assert client.get(URL, {"level": "nonsense"}).status_code == 200


def test_pms_and_sponsors_see_only_their_projects_escalations_and_members_are_refused(client, world):
    escalated(project=world.project_of_pm1, title="Mine", probability=5, impact=4)
    escalated(project=world.project_of_pm2, title="Theirs", probability=5, impact=4)
    client.force_login(world.pm2)
    assert _queue_titles(client.get(URL)) == ["Theirs"]
    client.force_login(world.sponsor)
    assert _queue_titles(client.get(URL)) == ["Mine"]
    client.force_login(world.member)
    assert client.get(URL).status_code == 403


def test_under_a_controlling_pmo_pmo_staff_sign_off_in_place(client, world):
    set_pmo_type(PmoType.CONTROLLING)
    risk = escalated(project=world.project_of_pm1, title="Key person leaves", probability=5, impact=4)
    client.force_login(world.pmo)
    page = client.get(URL).content.decode()
    assert "Sign off response" in page
    response = client.post(reverse("risk_portfolio:sign_off", args=[risk.pk]), **HTMX)
    assert response.status_code == 200
    row = response.content.decode()
    assert row.lstrip().startswith(f'<tr id="queue-risk-{risk.pk}"')
    assert "Signed off by" in row and "Sign off response" not in row
    risk.refresh_from_db()
    assert risk.response_signed_off_by == world.pmo


def test_a_pm_is_refused_the_sign_off_and_the_row_says_why(client, world):
    set_pmo_type(PmoType.CONTROLLING)
    risk = escalated(project=world.project_of_pm1, probability=5, impact=4)
    client.force_login(world.pm1)
    assert "Sign off response" not in client.get(URL).content.decode()
    url = reverse("risk_portfolio:sign_off", args=[risk.pk])
    assert client.post(url).status_code == 403
    row = client.post(url, **HTMX).content.decode()
    assert "Only PMO staff sign off risk responses." in row
    risk.refresh_from_db()
    assert risk.response_signed_off_at is None


def test_a_risk_without_a_strategy_cannot_be_signed_off_and_the_row_says_so(client, world):
    set_pmo_type(PmoType.CONTROLLING)
    risk = escalated(project=world.project_of_pm1, probability=5, impact=4, strategy="", response_plan="")
    client.force_login(world.pmo)
    row = client.post(reverse("risk_portfolio:sign_off", args=[risk.pk]), **HTMX).content.decode()
    assert "The risk has no response strategy to sign off yet." in row
    risk.refresh_from_db()
    assert risk.response_signed_off_at is None


def test_the_button_is_only_offered_under_a_controlling_pmo_and_directive_says_the_pmo_owns_them(
    client, world
):
    escalated(project=world.project_of_pm1, probability=5, impact=4)
    client.force_login(world.pmo)
    supportive = client.get(URL).content.decode()
    assert "Sign off response" not in supportive and "The PMO owns this risk." not in supportive
    set_pmo_type(PmoType.DIRECTIVE)
    directive = client.get(URL).content.decode()
    assert "The PMO owns this risk." in directive and "Sign off response" not in directive


def test_a_hidden_risk_answers_404_to_the_sign_off(client, world):
    risk = escalated(project=world.project_of_pm1, probability=5, impact=4)
    client.force_login(world.pm2)
    assert client.post(reverse("risk_portfolio:sign_off", args=[risk.pk]), **HTMX).status_code == 404


def _bulk_escalated(projects, count: int, offset: int) -> None:
    Risk.objects.bulk_create(
        Risk(
            project=projects[index % len(projects)],
            title=f"Escalated {offset + index}",
            category="technical",
            probability=3 + index % 3,
            impact=5,
            score=(3 + index % 3) * 5,
            owner=projects[index % len(projects)].project_manager,
            cost_impact=Decimal(10 * index),
            strategy="mitigate",
            response_plan="Plan",
            status="assessed",
            escalated=True,
            escalated_at=timezone.now(),
        )
        for index in range(count)
    )


def test_the_queue_costs_the_same_queries_at_10_and_500_risks(client, world, django_assert_num_queries):
    set_pmo_type(PmoType.CONTROLLING)
    projects = [world.project_of_pm1, world.second_project_of_pm1, world.project_of_pm2]
    client.force_login(world.pmo)
    for total, add, offset in ((10, 10, 0), (500, 490, 10)):
        _bulk_escalated(projects, add, offset)
        with django_assert_num_queries(QUEUE_PAGE_QUERIES, info=f"{total} risks"):
            response = client.get(URL)
        assert response.status_code == 200
        assert response.context["page_obj"].paginator.count == total
        assert len(response.context["rows"]) == min(total, 50)
