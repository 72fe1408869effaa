"""The status report API as a script drives it: start a draft, fill it in, submit it; a submitted report
refuses every edit with a clear message; bad input named field by field; the list's query count."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.models import PmoType
from projects.models import StatusReport
from tests.api_clients import authenticated_client
from tests.factories import MembershipFactory, ProjectFactory, UserFactory, set_pmo_type
from tests.factories.status_reports import weekly_reports

pytestmark = pytest.mark.django_db

# The project, the count and the page of reports with their author and submitter in one join: the same at
# 10 and at 200 reports.
STATUS_REPORT_LIST_QUERIES = 3

RATINGS = {
    "overall_rag": "green",
    "scope_rag": "green",
    "schedule_rag": "amber",
    "cost_rag": "green",
    "risk_rag": "amber",
    "quality_rag": "green",
}


def this_monday():
    today = timezone.localdate()
    return today - timedelta(days=today.weekday())


@pytest.fixture
def pm():
    return UserFactory(username="api-pm", is_project_manager=True)


@pytest.fixture
def project(pm):
    return ProjectFactory(project_manager=pm, status="active", start_date=this_monday() - timedelta(weeks=2))


def test_the_list_costs_the_same_queries_at_10_and_200_reports(pm, django_assert_num_queries):
    project = ProjectFactory(project_manager=pm, status="active")
    client = authenticated_client(pm)
    url = reverse("api:status-report-list", args=[project.pk])
    for rows in (10, 200):
        done = StatusReport.objects.count()
        weekly_reports(project, this_monday() - timedelta(weeks=300 - done), rows - done)
        with django_assert_num_queries(STATUS_REPORT_LIST_QUERIES, info=f"{rows} reports"):
            response = client.get(url, {"page_size": 200})
        assert response.status_code == 200
        assert response.json()["count"] == rows
        assert response.json()["results"][0]["submitted_by"]["username"] == "api-pm"


def test_a_script_starts_fills_and_submits_a_report_which_is_then_frozen(pm, project):
    client = authenticated_client(pm)
    created = client.post(reverse("api:status-report-list", args=[project.pk]), {}, format="json")
    assert created.status_code == 201
    body = created.json()
    assert body["period_start"] == this_monday().isoformat()
    assert body["state"] == "draft" and body["figures"]["spi"] is None
    detail = reverse("api:status-report-detail", args=[project.pk, body["id"]])
    submit = reverse("api:status-report-submit", args=[project.pk, body["id"]])

    early = client.post(submit)
    assert early.status_code == 400
    assert {"overall_rag", "narrative"} <= set(early.json()["extra"]["fields"])
    patched = client.patch(
        detail,
        RATINGS | {"narrative": "按计划推进", "customer_satisfaction": 5, "team_morale": None},
        format="json",
    )
    assert patched.status_code == 200 and patched.json()["customer_satisfaction"] == 5
    assert client.post(submit).json()["state"] == "submitted"

    frozen = client.patch(detail, {"narrative": "Rewritten"}, format="json")
    assert frozen.status_code == 400
    assert "can no longer be changed" in frozen.json()["extra"]["fields"]["state"][0]
    assert client.post(submit).status_code == 400
    assert client.get(detail).json()["narrative"] == "按计划推进"


def test_bad_input_is_named_field_by_field(pm, project):
    client = authenticated_client(pm)
    report = client.post(reverse("api:status-report-list", args=[project.pk]), {}, format="json").json()
    detail = reverse("api:status-report-detail", args=[project.pk, report["id"]])

    response = client.patch(
        detail, {"overall_rag": "blue", "team_morale": 0, "customer_satisfaction": "many"}, format="json"
    )

    assert response.status_code == 400
    assert set(response.json()["extra"]["fields"]) == {"overall_rag", "team_morale", "customer_satisfaction"}
    future = client.post(
        reverse("api:status-report-list", args=[project.pk]),
        {"period_start": (this_monday() + timedelta(weeks=1)).isoformat()},
        format="json",
    )
    assert future.status_code == 400 and "period_start" in future.json()["extra"]["fields"]
    unknown = client.patch(detail, {"state": "submitted"}, format="json")
    assert unknown.status_code == 400


def test_members_read_but_do_not_write_and_strangers_see_nothing(pm, project):
    report = weekly_reports(project, this_monday() - timedelta(weeks=1), 1)[0]
    member = UserFactory(is_team_member=True)
    MembershipFactory(project=project, user=member)
    stranger = UserFactory(is_project_manager=True)
    detail = reverse("api:status-report-detail", args=[project.pk, report.pk])
    set_pmo_type(PmoType.SUPPORTIVE)

    assert authenticated_client(member).get(detail).status_code == 200
    assert (
        authenticated_client(member).post(reverse("api:status-report-list", args=[project.pk])).status_code
        == 403
    )
    assert authenticated_client(stranger).get(detail).status_code == 404
    other = ProjectFactory(project_manager=pm)
    assert (
        authenticated_client(pm)
        .get(reverse("api:status-report-detail", args=[other.pk, report.pk]))
        .status_code
        == 404
    )
