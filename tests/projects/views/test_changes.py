"""The change request pages: the list, drafting, submitting, deciding, and the project page's section."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from governance.models import ChangeAuthorityTier, PmoType
from projects.models import ChangeRequest, ChangeRequestState
from projects.services.changes import change_request_create, change_request_submit
from tests.factories import ProjectFactory, UserFactory, set_pmo_type
from tests.projects.apis.test_changes import add_requests

pytestmark = pytest.mark.django_db

# Session, user, the project, count, the requests with their authors, their steps with who decided, and
# the PMO type (settings) deciding whether the person may raise one: at 10 and at 200 requests.
CHANGE_REQUEST_LIST_PAGE_QUERIES = 7
# The project page (tests/projects/views/test_projects.py) with its knowledge, governance and compliance
# sections and the pending
# changes, whose steps come in one query whatever their number; compliance reads the status reports'
# calendars and reports (two queries).
PROJECT_PAGE_QUERIES = 28


@pytest.fixture
def people():
    return {
        "pm": UserFactory(username="page-pm", is_project_manager=True),
        "pmo": UserFactory(username="page-pmo", is_pmo_staff=True),
        "sponsor": UserFactory(username="page-sponsor", is_sponsor=True),
        "admin": UserFactory(username="page-admin", is_superuser=True, is_staff=True),
    }


@pytest.fixture
def project(people):
    return ProjectFactory(
        project_manager=people["pm"],
        sponsor=people["sponsor"],
        budget=Decimal("100000.00"),
        finish_date=datetime.date(2026, 6, 30),
    )


def signed_in(client, user):
    client.force_login(user)
    return client


def test_change_request_list_page_costs_the_same_fixed_queries_at_10_and_200_requests(
    client, people, project, django_assert_num_queries
):
    signed_in(client, people["pm"])
    url = reverse("projects:change_requests", args=[project.pk])
    client.get(url)
    for rows in (10, 200):
        add_requests(project, rows - ChangeRequest.objects.count(), people["pm"])
        with django_assert_num_queries(CHANGE_REQUEST_LIST_PAGE_QUERIES, info=f"{rows} change requests"):
            response = client.get(url)
        assert response.status_code == 200
        assert len(response.context["rows"]) == min(rows, 25)
        assert response.context["rows"][0][1].role == "pmo"


def test_a_pm_drafts_and_submits_a_change_and_the_project_page_shows_it_pending(client, people, project):
    set_pmo_type(PmoType.CONTROLLING)
    signed_in(client, people["pm"])
    response = client.post(
        reverse("projects:change_request_create", args=[project.pk]),
        {
            "title": "Extra interface",
            "description": "",
            "reason": "Regulator",
            "scope_impact": "One more interface",
            "schedule_impact_days": "3",
            "cost_impact": "9000.00",
            "currency": "CNY",
        },
    )
    change = ChangeRequest.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("projects:change_request", args=[project.pk, change.pk])
    client.post(reverse("projects:change_request_submit", args=[project.pk, change.pk]))
    change.refresh_from_db()
    assert change.state == ChangeRequestState.SUBMITTED
    page = client.get(reverse("projects:detail", args=[project.pk]))
    assert [item.pk for item in page.context["pending_change_requests"]] == [change.pk]
    assert "Extra interface" in page.content.decode()


def test_the_form_refuses_a_negative_delay_and_another_currency_naming_the_fields(client, people, project):
    signed_in(client, people["pm"])
    response = client.post(
        reverse("projects:change_request_create", args=[project.pk]),
        {"title": "Bad", "schedule_impact_days": "-1", "cost_impact": "1", "currency": "USD"},
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) >= {"schedule_impact_days", "currency"}
    assert not ChangeRequest.objects.exists()


def test_the_decision_form_is_shown_only_to_whoever_has_the_turn(client, people, project):
    set_pmo_type(PmoType.CONTROLLING)
    change = change_request_create(
        actor=people["pm"], project=project, title="Big", cost_impact=Decimal("30000")
    )
    change_request_submit(actor=people["pm"], change_request=change)
    url = reverse("projects:change_request", args=[project.pk, change.pk])
    assert signed_in(client, people["sponsor"]).get(url).context["decision_form"] is None
    response = signed_in(client, people["pmo"]).get(url)
    assert response.context["decision_form"] is not None
    decided = client.post(
        reverse("projects:change_request_decide", args=[project.pk, change.pk]),
        {"decision": "approve", "comment": "Checked", "step": "1"},
    )
    assert decided.status_code == 302
    shown = signed_in(client, people["sponsor"]).get(url)
    assert shown.context["decision_form"] is not None
    assert [step.decision for step in shown.context["steps"]] == ["approved", ""]
    refused = signed_in(client, people["pm"]).post(
        reverse("projects:change_request_decide", args=[project.pk, change.pk]),
        {"decision": "approve", "comment": "Me too", "step": "2"},
    )
    assert refused.status_code == 403


def test_an_admin_sets_the_change_authority_and_pmo_staff_read_it(client, people):
    url = reverse("governance:change_authority")
    data = {}
    for pmo_type in PmoType.values:
        data |= {
            f"{pmo_type}-pm_cost_percent": "2",
            f"{pmo_type}-pm_delay_days": "5",
            f"{pmo_type}-pmo_cost_percent": "10",
            f"{pmo_type}-pmo_delay_days": "20",
        }
    assert signed_in(client, people["pmo"]).get(url).status_code == 200
    assert client.post(url, data).status_code == 403
    assert signed_in(client, people["admin"]).post(url, data).status_code == 302
    assert ChangeAuthorityTier.objects.get(pmo_type=PmoType.DIRECTIVE).pm_cost_percent == Decimal("2")
    refused = client.post(url, data | {"controlling-pmo_cost_percent": "1"})
    assert refused.status_code == 200
    assert ChangeAuthorityTier.objects.get(pmo_type=PmoType.CONTROLLING).pmo_cost_percent == Decimal("10")


def test_the_project_pages_pending_changes_cost_the_same_queries_at_10_and_200(
    client, people, project, django_assert_num_queries
):
    signed_in(client, people["pm"])
    url = reverse("projects:detail", args=[project.pk])
    client.get(url)
    for rows in (10, 200):
        add_requests(project, rows - ChangeRequest.objects.count(), people["pm"])
        with django_assert_num_queries(PROJECT_PAGE_QUERIES, info=f"{rows} pending changes"):
            response = client.get(url)
        assert len(response.context["pending_change_requests"]) == rows
        assert "awaiting PMO" in response.content.decode()


# Session, user, count, the requests awaiting the person with their project and author, their steps: at
# 10 and at 200 requests.
AWAITING_PAGE_QUERIES = 5


def test_changes_awaiting_me_lists_only_the_steps_that_are_mine(client, people, project):
    set_pmo_type(PmoType.CONTROLLING)
    small = change_request_create(
        actor=people["pm"], project=project, title="Small", cost_impact=Decimal("10")
    )
    large = change_request_create(
        actor=people["pm"], project=project, title="Large", cost_impact=Decimal("50000")
    )
    for change in (small, large):
        change_request_submit(actor=people["pm"], change_request=change)
    url = reverse("projects:change_requests_awaiting")

    def listed(person) -> list[str]:
        return [item.title for item in signed_in(client, people[person]).get(url).context["page_obj"]]

    assert listed("pm") == ["Small"]
    assert listed("pmo") == ["Large"]
    assert listed("sponsor") == []
    assert listed("admin") == []


def test_changes_awaiting_me_costs_the_same_fixed_queries_at_10_and_200_requests(
    client, people, project, django_assert_num_queries
):
    signed_in(client, people["pmo"])
    url = reverse("projects:change_requests_awaiting")
    client.get(url)
    for rows in (10, 200):
        add_requests(project, rows - ChangeRequest.objects.count(), people["pm"])
        with django_assert_num_queries(AWAITING_PAGE_QUERIES, info=f"{rows} change requests"):
            response = client.get(url)
        assert response.status_code == 200
        assert response.context["page_obj"].paginator.count == rows
