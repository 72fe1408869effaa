"""The change request API as a script drives it: draft, submit, decide in order; bad input refused."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from governance.models import PmoType
from projects.models import ChangeApproval, ChangeRequest, ChangeRequestState
from tests.api_clients import authenticated_client
from tests.factories import ProjectFactory, UserFactory, set_pmo_type

pytestmark = pytest.mark.django_db

# The project, count, the requests with their authors, their steps with who decided: the same at 10 and
# at 200 change requests.
CHANGE_REQUEST_LIST_QUERIES = 4


@pytest.fixture
def people():
    return {
        "pm": UserFactory(username="api-pm", is_project_manager=True),
        "pmo": UserFactory(username="api-pmo", is_pmo_staff=True),
        "sponsor": UserFactory(username="api-sponsor", is_sponsor=True),
    }


@pytest.fixture
def project(people):
    return ProjectFactory(
        project_manager=people["pm"],
        sponsor=people["sponsor"],
        budget=Decimal("200000.00"),
        finish_date=datetime.date(2026, 6, 30),
    )


def add_requests(project, count, author) -> None:
    requests = ChangeRequest.objects.bulk_create(
        ChangeRequest(
            project=project,
            title=f"Change {number}",
            currency=project.currency,
            state=ChangeRequestState.SUBMITTED,
            created_by=author,
        )
        for number in range(count)
    )
    ChangeApproval.objects.bulk_create(
        ChangeApproval(
            change_request=request, order=order, role=role, decided_by=author if order == 1 else None
        )
        for request in requests
        for order, role in ((1, "pmo"), (2, "sponsor"))
    )


def test_change_request_list_api_costs_the_same_fixed_queries_at_10_and_200_requests(
    people, project, django_assert_num_queries
):
    client = authenticated_client(people["pm"])
    url = reverse("api:change-request-list", args=[project.pk])
    for rows in (10, 200):
        add_requests(project, rows - ChangeRequest.objects.count(), people["pm"])
        with django_assert_num_queries(CHANGE_REQUEST_LIST_QUERIES, info=f"{rows} change requests"):
            response = client.get(url, {"page_size": 200})
        assert response.status_code == 200
        assert response.json()["count"] == rows
        assert [step["role"] for step in response.json()["results"][0]["approvals"]] == ["pmo", "sponsor"]


def test_a_script_drafts_submits_and_gets_a_change_approved_in_order(people, project):
    set_pmo_type(PmoType.CONTROLLING)
    pm = authenticated_client(people["pm"])
    created = pm.post(
        reverse("api:change-request-list", args=[project.pk]),
        {
            "title": "Second data centre",
            "cost_impact": "40000.00",
            "schedule_impact_days": 5,
            "reason": "Audit",
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    change_id = created.json()["id"]
    assert created.json()["state"] == "draft" and created.json()["currency"] == "CNY"
    patched = pm.patch(
        reverse("api:change-request-detail", args=[change_id]), {"save_baseline": True}, format="json"
    )
    assert patched.status_code == 200 and patched.json()["save_baseline"] is True
    submitted = pm.post(reverse("api:change-request-submit", args=[change_id]))
    assert submitted.status_code == 200
    assert [step["role"] for step in submitted.json()["approvals"]] == ["pmo", "sponsor"]
    decision_url = reverse("api:change-request-decision", args=[change_id])

    early = authenticated_client(people["sponsor"]).post(
        decision_url, {"decision": "approve", "comment": "Fine"}, format="json"
    )
    assert early.status_code == 400
    assert "step" in early.json()["extra"]["fields"]
    by_pm = pm.post(decision_url, {"decision": "approve", "comment": "Mine"}, format="json")
    assert by_pm.status_code == 403

    pmo = authenticated_client(people["pmo"])
    assert (
        pmo.post(decision_url, {"decision": "approve", "comment": "Checked"}, format="json").status_code
        == 200
    )
    twice = pmo.post(decision_url, {"decision": "approve", "comment": "Again", "step": 1}, format="json")
    assert twice.status_code == 400
    assert "step" in twice.json()["extra"]["fields"]
    final = authenticated_client(people["sponsor"]).post(
        decision_url, {"decision": "approve", "comment": "Funded"}, format="json"
    )
    assert final.status_code == 200
    assert final.json()["state"] == "approved"
    project.refresh_from_db()
    assert project.budget == Decimal("240000.00")
    assert project.finish_date == datetime.date(2026, 7, 7)
    assert project.baselines.count() == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": "Late", "schedule_impact_days": -3}, "schedule_impact_days"),
        ({"title": "Dollars", "cost_impact": "100.00", "currency": "USD"}, "currency"),
        ({"title": "Typo", "cost": "100.00"}, "cost"),
    ],
)
def test_bad_input_is_refused_naming_the_field(people, project, body, field):
    response = authenticated_client(people["pm"]).post(
        reverse("api:change-request-list", args=[project.pk]), body, format="json"
    )
    assert response.status_code == 400
    assert field in response.json()["extra"]["fields"]
    assert not ChangeRequest.objects.exists()


def test_a_decision_without_a_comment_or_on_a_draft_is_refused(people, project):
    pm = authenticated_client(people["pm"])
    created = pm.post(reverse("api:change-request-list", args=[project.pk]), {"title": "Tiny"}, format="json")
    decision_url = reverse("api:change-request-decision", args=[created.json()["id"]])
    on_draft = pm.post(decision_url, {"decision": "approve", "comment": "ok"}, format="json")
    assert on_draft.status_code == 400 and "decision" in on_draft.json()["extra"]["fields"]
    pm.post(reverse("api:change-request-submit", args=[created.json()["id"]]))
    silent = pm.post(decision_url, {"decision": "approve", "comment": ""}, format="json")
    assert silent.status_code == 400 and "comment" in silent.json()["extra"]["fields"]


def test_a_change_request_of_a_hidden_project_is_not_found(people, project):
    pm = authenticated_client(people["pm"])
    created = pm.post(reverse("api:change-request-list", args=[project.pk]), {"title": "Mine"}, format="json")
    stranger = authenticated_client(UserFactory(is_project_manager=True))
    assert stranger.get(reverse("api:change-request-detail", args=[created.json()["id"]])).status_code == 404
    assert stranger.get(reverse("api:change-request-list", args=[project.pk])).status_code == 404
