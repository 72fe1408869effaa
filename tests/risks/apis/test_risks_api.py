"""The risks API: raising and moving risks, occurring into an issue, actions, the issue log, figures;
the house error shape with field names, and lists that take the same queries at 10 and 200 rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from governance.models import PmoType
from risks.models import Issue, Risk, RiskStatus
from tests.api_clients import authenticated_client
from tests.factories import IssueFactory, ProjectFactory, RiskActionFactory, RiskFactory, set_pmo_type

pytestmark = pytest.mark.django_db


@pytest.fixture
def pm(world):
    return authenticated_client(world.pm1)


def test_the_pm_raises_a_risk_and_reads_it_with_level_and_emv(world, project, pm):
    response = pm.post(
        "/api/risks/",
        {
            "project": project.pk,
            "title": "Supplier delivers late",
            "probability": 4,
            "impact": 4,
            "category": "schedule",
            "cost_impact": "10000.00",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["score"], body["level"], body["status"], body["escalated"]) == (
        16,
        "high",
        "identified",
        True,
    )
    assert body["expected_monetary_value"] == "7000.00"
    assert body["owner"]["id"] == world.pm1.pk and body["currency"] == "CNY"
    assert pm.get(f"/api/risks/{body['id']}/").json()["title"] == "Supplier delivers late"


def test_bad_input_answers_the_house_shape_naming_the_fields_and_saves_nothing(world, project, pm):
    response = pm.post(
        "/api/risks/",
        {"project": project.pk, "title": "X", "probability": 6, "impact": 0, "owner": world.outsider.pk},
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"message", "extra"}
    assert {"probability", "impact", "owner"} <= set(body["extra"]["fields"])
    assert not Risk.objects.exists()


def test_a_hidden_project_is_refused_as_unknown_and_outsiders_see_no_risk(world, project):
    risk = RiskFactory(project=project)
    outsider = authenticated_client(world.outsider)
    response = outsider.post(
        "/api/risks/", {"project": project.pk, "title": "X", "probability": 1, "impact": 1}
    )
    assert response.status_code == 400 and "project" in response.json()["extra"]["fields"]
    assert outsider.get(f"/api/risks/{risk.pk}/").status_code == 404
    assert outsider.get("/api/risks/").json()["count"] == 0


def test_the_workflow_through_the_api(world, project, pm):
    risk = RiskFactory(project=project, strategy="mitigate", response_plan="Standby supplier")
    for status in ("assessed", "response_planned", "monitoring"):
        response = pm.post(f"/api/risks/{risk.pk}/transition/", {"status": status}, format="json")
        assert response.status_code == 200 and response.json()["status"] == status
    refused = pm.post(f"/api/risks/{risk.pk}/transition/", {"status": "assessed"}, format="json")
    assert refused.status_code == 400 and "status" in refused.json()["extra"]["fields"]


def test_under_a_controlling_pmo_the_sign_off_unblocks_the_response(world, project, pm):
    set_pmo_type(PmoType.CONTROLLING)
    risk = RiskFactory(
        project=project,
        probability=5,
        impact=4,
        status=RiskStatus.ASSESSED,
        strategy="mitigate",
        response_plan="Standby supplier",
        escalated=True,
        escalated_at=timezone.now(),
    )
    url = f"/api/risks/{risk.pk}/transition/"
    refused = pm.post(url, {"status": "response_planned"}, format="json")
    assert refused.status_code == 400 and "response_signed_off_by" in refused.json()["extra"]["fields"]
    assert pm.post(f"/api/risks/{risk.pk}/sign-off/").status_code == 403
    signed = authenticated_client(world.pmo).post(f"/api/risks/{risk.pk}/sign-off/")
    assert signed.status_code == 200 and signed.json()["response_signed_off_by"]["id"] == world.pmo.pk
    assert pm.post(url, {"status": "response_planned"}, format="json").status_code == 200
    queue = authenticated_client(world.pmo).get("/api/risks/queue/").json()
    assert [row["id"] for row in queue["results"]] == [risk.pk]


def test_an_occurred_risk_answers_its_issue(world, project, pm):
    risk = RiskFactory(project=project, probability=5, impact=5)
    response = pm.post(f"/api/risks/{risk.pk}/occur/", {"due_date": "2026-08-01"}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["risk"] == risk.pk and response.json()["severity"] == "critical"
    assert Issue.objects.get().risk == risk
    assert pm.post(f"/api/risks/{risk.pk}/occur/", {}, format="json").status_code == 400


def test_actions_and_issues_through_the_api(world, project, pm):
    risk = RiskFactory(project=project)
    created = pm.post(
        f"/api/risks/{risk.pk}/actions/",
        {"description": "Book a second supplier", "owner": world.member.pk, "due_date": "2026-07-01"},
        format="json",
    )
    assert created.status_code == 201, created.content
    action_id = created.json()["id"]
    assert (
        pm.patch(f"/api/risk-actions/{action_id}/", {"due_date": "2026-07-08"}, format="json").json()[
            "due_date"
        ]
        == "2026-07-08"
    )
    assert pm.post(f"/api/risk-actions/{action_id}/complete/").json()["done_at"] is not None
    assert pm.get(f"/api/risks/{risk.pk}/actions/").json()["count"] == 1

    issue = pm.post(
        "/api/issues/", {"project": project.pk, "title": "Test server down"}, format="json"
    ).json()
    assert issue["status"] == "open" and issue["owner"]["id"] == world.pm1.pk
    refused = pm.post(f"/api/issues/{issue['id']}/resolve/", {"resolution": ""}, format="json")
    assert refused.status_code == 400 and "resolution" in refused.json()["extra"]["fields"]
    resolved = pm.post(f"/api/issues/{issue['id']}/resolve/", {"resolution": "Restarted"}, format="json")
    assert resolved.json()["status"] == "resolved"
    assert pm.post(f"/api/issues/{issue['id']}/close/").json()["status"] == "closed"


def test_the_filters_of_the_lists(world, project, pm):
    RiskFactory(project=project, probability=1, impact=1, category="cost")
    high = RiskFactory(project=project, probability=4, impact=3, review_date="2020-01-01")
    IssueFactory(project=project, due_date="2020-01-01")
    IssueFactory(project=project, severity="critical")

    def ids(url, **params):
        return [row["id"] for row in pm.get(url, params).json()["results"]]

    assert ids("/api/risks/", level="high") == [high.pk]
    assert ids("/api/risks/", overdue="true") == [high.pk]
    assert len(ids("/api/risks/", category="cost")) == 1
    assert len(ids("/api/risks/", project=project.pk, owner=world.pm1.pk)) == 2
    assert ids("/api/risks/", portfolio=world.other_portfolio.pk) == []
    assert len(ids("/api/issues/", overdue="true")) == 1
    assert len(ids("/api/issues/", severity="critical")) == 1
    assert pm.get("/api/risks/", {"level": "severe"}).status_code == 400


def test_the_figures_of_a_project(world, project, pm):
    RiskFactory(project=project, probability=2, impact=3, cost_impact="1000.00")  # 30 % -> 300.00
    body = pm.get(f"/api/projects/{project.pk}/risk-figures/").json()
    assert body["contingency_reserve"] == "300.00"
    assert body["open_by_level"] == {"low": 0, "medium": 1, "high": 0, "critical": 0}
    assert (
        authenticated_client(world.outsider).get(f"/api/projects/{project.pk}/risk-figures/").status_code
        == 404
    )


def _fill(world, count):
    """`count` risks over three projects, every other one escalated, and an issue for each."""
    projects = [ProjectFactory(portfolio=world.portfolio, project_manager=world.pm1) for _ in range(3)]
    for number in range(count):
        escalated = number % 2 == 0
        risk = RiskFactory(
            project=projects[number % 3],
            probability=1 + number % 5,
            impact=1 + number % 4,
            escalated=escalated,
            escalated_at=timezone.now() if escalated else None,
        )
        IssueFactory(project=risk.project, risk=risk if number % 3 else None)


def queries_of(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, {"page_size": 200})
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", ["/api/risks/", "/api/risks/queue/", "/api/issues/"])
def test_each_list_takes_the_same_queries_at_10_and_200_rows(world, url):
    client = authenticated_client(world.pm1)
    _fill(world, 10)
    few = queries_of(client, url)
    _fill(world, 190)
    assert client.get(url, {"page_size": 200}).json()["count"] >= 100
    assert queries_of(client, url) == few


def test_the_action_list_takes_the_same_queries_at_10_and_200_rows(world, project):
    client = authenticated_client(world.pm1)
    risk = RiskFactory(project=project)
    RiskActionFactory.create_batch(10, risk=risk)
    few = queries_of(client, f"/api/risks/{risk.pk}/actions/")
    RiskActionFactory.create_batch(190, risk=risk)
    assert queries_of(client, f"/api/risks/{risk.pk}/actions/") == few
