"""The governance pages: the project page's section, the gate review page, deliverables and waivers."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from governance.models import PmoType
from projects.models import Deliverable, GateReview, Waiver
from tests.factories import MembershipFactory, ProjectFactory, UserFactory, set_pmo_type
from tests.factories.gates import gated_methodology_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    set_pmo_type(PmoType.CONTROLLING)
    return {
        "pm": UserFactory(username="pm", is_project_manager=True),
        "pmo": UserFactory(username="pmo", is_pmo_staff=True),
        "member": UserFactory(username="member", is_team_member=True),
    }


@pytest.fixture
def project(people):
    version = gated_methodology_version()
    project = ProjectFactory(project_manager=people["pm"], methodology_version=version)
    MembershipFactory(project=project, user=people["member"])
    return project


def page(client, user, project):
    client.force_login(user)
    return client.get(reverse("projects:detail", args=[project.pk])).content.decode()


def test_project_page_shows_the_gate_and_why_the_phase_cannot_move_yet(client, people, project):
    html = page(client, people["pm"], project)
    assert 'id="governance"' in html
    assert "Initiation gate" in html
    assert "Request gate review" in html
    assert "The PMO must approve the gate review of this phase" in html
    assert "Business case" in html and "Missing" in html


def test_reviewers_get_the_accept_button_and_a_pending_gate_cannot_be_requested_twice(
    client, people, project
):
    Deliverable.objects.create(
        project=project, kind="charter", state="submitted", link="https://example.com/c"
    )
    GateReview.objects.create(
        project=project, phase="initiating", gate_name="Initiation gate", requested_by=people["pm"]
    )
    pm_html = page(client, people["pm"], project)
    assert 'value="accept"' not in pm_html  # under a controlling PMO the PMO accepts
    assert 'id="request-gate"' not in pm_html
    assert 'id="pending-reviews"' in pm_html
    assert 'value="accept"' in page(client, people["pmo"], project)


def test_supportive_project_page_offers_the_move_without_a_review(client, people, project):
    set_pmo_type(PmoType.SUPPORTIVE)
    html = page(client, people["pm"], project)
    assert 'id="move-phase"' in html
    assert 'id="phase-refusal"' not in html


def test_a_waived_deliverable_reads_waived_on_the_project_page(client, people, project):
    Waiver.objects.create(
        project=project,
        deliverable_kind="business_case",
        reason="Reused from programme",
        expires_on=timezone.localdate() + timedelta(days=5),
        granted_by=people["pmo"],
    )
    assert "Waived" in page(client, people["pm"], project)


def test_gate_review_page_records_a_decision_and_refuses_a_second_one(client, people, project):
    review = GateReview.objects.create(
        project=project,
        phase="initiating",
        gate_name="Initiation gate",
        checklist=["Q1?"],
        requested_by=people["pm"],
    )
    url = reverse("projects:gate_review", args=[project.pk, review.pk])
    client.force_login(people["pmo"])
    assert 'id="decision-form"' in client.get(url).content.decode()
    no_answer = client.post(url, {"decision": "approved", "comment": "ok"})
    assert no_answer.status_code == 400
    assert "answer yes, no or n/a" in no_answer.content.decode()
    done = client.post(url, {"answer_0": "yes", "decision": "approved", "comment": "ok"})
    assert done.status_code == 302
    review.refresh_from_db()
    assert (review.state, review.decided_by) == ("approved", people["pmo"])
    again = client.post(url, {"answer_0": "no", "decision": "rejected", "comment": "changed my mind"})
    assert again.status_code == 400
    assert "decided already" in again.content.decode()
    review.refresh_from_db()
    assert review.state == "approved"


def test_the_deliverable_form_refuses_a_disguised_file_on_its_field(client, people, project):
    client.force_login(people["pm"])
    url = reverse("projects:deliverable_edit", args=[project.pk, "charter"])
    response = client.post(url, {"file": SimpleUploadedFile("charter.png", b"GIF89a not a png")})
    assert response.status_code == 400
    assert 'id="id_file_errors"' in response.content.decode()
    assert not Deliverable.objects.exists()
    ok = client.post(url, {"link": "https://docs.example.com/charter"})
    assert ok.status_code == 302
    assert Deliverable.objects.get().state == "draft"


def test_a_deliverable_file_is_served_only_to_people_who_see_the_project(client, people, project):
    client.force_login(people["pm"])
    client.post(
        reverse("projects:deliverable_edit", args=[project.pk, "charter"]),
        {"file": SimpleUploadedFile("charter.txt", "项目章程".encode())},
    )
    deliverable = Deliverable.objects.get()
    assert deliverable.file.name.startswith(f"projects/{project.pk}/deliverables/charter/")
    url = reverse("projects:deliverable_file", args=[project.pk, deliverable.pk])
    client.force_login(people["member"])
    assert b"".join(client.get(url).streaming_content).decode() == "项目章程"
    client.force_login(UserFactory(username="outsider"))
    assert client.get(url).status_code == 404


def test_only_pmo_staff_grant_waivers_on_the_page(client, people, project):
    url = reverse("projects:waivers", args=[project.pk])
    data = {"deliverable_kind": "charter", "reason": "Reused", "expires_on": "2099-01-01"}
    client.force_login(people["pm"])
    assert client.post(url, data).status_code == 403
    client.force_login(people["pmo"])
    past = client.post(url, {**data, "expires_on": "2000-01-01"})
    assert past.status_code == 400 and 'id="id_expires_on_errors"' in past.content.decode()
    assert client.post(url, data).status_code == 302
    assert Waiver.objects.get().granted_by == people["pmo"]


@pytest.mark.parametrize("count", [10, 200])
def test_the_waivers_page_keeps_its_query_count(client, people, project, django_assert_num_queries, count):
    Waiver.objects.bulk_create(
        Waiver(
            project=project,
            deliverable_kind="charter",
            reason="r",
            expires_on="2099-01-01",
            granted_by=people["pmo"],
        )
        for _ in range(count)
    )
    client.force_login(people["pmo"])
    # Session, user, the project, its methodology's phases, the waivers with who granted them.
    with django_assert_num_queries(5, info=f"{count} waivers"):
        response = client.get(reverse("projects:waivers", args=[project.pk]))
    assert response.content.decode().count("<td>r</td>") == count
