"""Stage gates, deliverables and waivers through the API: how the PMO type decides who moves a phase."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from governance.models import PmoType
from projects.models import Deliverable, GateReview, Waiver
from tests.api_clients import session_client
from tests.factories import build_access_world, set_pmo_type
from tests.factories.gates import gated_methodology_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    world = build_access_world(PmoType.CONTROLLING)
    waterfall = gated_methodology_version()
    world.project_of_pm1.methodology_version = waterfall
    world.project_of_pm1.save()
    return world


def request_gate(world):
    project = world.project_of_pm1
    response = session_client(world.pm1).post(f"/api/projects/{project.pk}/gate-reviews/", {}, format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def answers(review):
    return [{"answer": "yes", "note": ""} for _question in review["checklist"]]


def move(world, user, phase="planning"):
    return session_client(user).post(
        f"/api/projects/{world.project_of_pm1.pk}/phase/", {"phase": phase}, format="json"
    )


def test_controlling_pmo_blocks_phase_change_without_gate_approval(world):
    response = move(world, world.pm1)
    assert response.status_code == 409
    assert "approve" in response.json()["message"]
    world.project_of_pm1.refresh_from_db()
    assert world.project_of_pm1.phase == "initiating"


def test_controlling_pmo_approval_lets_the_pm_move_and_history_records_it(world):
    review = request_gate(world)
    assert review["state"] == "pending" and review["checklist"]
    decided = session_client(world.pmo).post(
        f"/api/gate-reviews/{review['id']}/decision/",
        {"decision": "approved", "comment": "Charter is sound.", "checklist": answers(review)},
        format="json",
    )
    assert decided.status_code == 200, decided.json()
    assert decided.json()["decided_by"]["username"] == "pmo"
    assert move(world, world.pm1).json() == {"phase": "planning", "next_phase": "executing"}
    history = session_client(world.pm1).get(f"/api/projects/{world.project_of_pm1.pk}/history/").json()
    kinds = [entry["kind"] for entry in history["results"]]
    assert {"changed", "gate_decided", "gate_requested"} <= set(kinds)


def test_a_second_decision_and_a_decision_without_authority_are_refused(world):
    review = request_gate(world)
    url = f"/api/gate-reviews/{review['id']}/decision/"
    body = {"decision": "approved", "comment": "ok", "checklist": answers(review)}
    refused = session_client(world.member).post(url, body, format="json")
    assert refused.status_code == 403
    assert GateReview.objects.get(pk=review["id"]).state == "pending"
    assert session_client(world.pmo).post(url, body, format="json").status_code == 200
    again = session_client(world.pmo).post(url, {**body, "decision": "rejected"}, format="json")
    assert again.status_code == 409
    assert "decided already" in again.json()["message"]
    assert GateReview.objects.get(pk=review["id"]).state == "approved"


def test_approval_with_conditions_makes_follow_ups_owned_by_members(world):
    review = request_gate(world)
    url = f"/api/gate-reviews/{review['id']}/decision/"
    due = (timezone.localdate() + timedelta(days=10)).isoformat()
    outsider = session_client(world.pmo).post(
        url,
        {
            "decision": "approved_with_conditions",
            "comment": "Fix the risk register",
            "checklist": answers(review),
            "conditions": [{"description": "Register", "owner": world.outsider.pk, "due_on": due}],
        },
        format="json",
    )
    assert outsider.status_code == 400
    assert "conditions" in outsider.json()["extra"]["fields"]
    ok = session_client(world.pmo).post(
        url,
        {
            "decision": "approved_with_conditions",
            "comment": "Fix the risk register",
            "checklist": answers(review),
            "conditions": [{"description": "Register", "owner": world.member.pk, "due_on": due}],
        },
        format="json",
    )
    assert ok.status_code == 200, ok.json()
    assert ok.json()["follow_ups"][0]["owner"]["username"] == "member"


def test_supportive_pmo_lets_the_pm_move_on_without_a_review(world):
    set_pmo_type(PmoType.SUPPORTIVE)
    assert move(world, world.pm1).status_code == 200
    assert move(world, world.pm1, "closing").status_code == 400  # only the next phase


def test_directive_pmo_approval_moves_the_project_and_the_pm_cannot(world):
    set_pmo_type(PmoType.DIRECTIVE)
    review = request_gate(world)
    assert move(world, world.pm1).status_code == 409
    session_client(world.pmo).post(
        f"/api/gate-reviews/{review['id']}/decision/",
        {"decision": "approved", "comment": "Go", "checklist": answers(review)},
        format="json",
    )
    world.project_of_pm1.refresh_from_db()
    assert world.project_of_pm1.phase == "planning"


def test_deliverables_list_missing_then_draft_submitted_accepted(world):
    project = world.project_of_pm1
    pm = session_client(world.pm1)
    listed = pm.get(f"/api/projects/{project.pk}/deliverables/").json()["results"]
    assert {row["state"] for row in listed} == {"missing"}
    saved = pm.post(
        f"/api/projects/{project.pk}/deliverables/",
        {"kind": "charter", "file": SimpleUploadedFile("charter.pdf", b"%PDF-1.7 body")},
        format="multipart",
    )
    assert saved.status_code == 201, saved.json()
    deliverable_id = saved.json()["id"]
    assert pm.post(f"/api/deliverables/{deliverable_id}/submit/").json()["state"] == "submitted"
    # Under a controlling PMO the PM does not accept; the PMO does.
    assert pm.post(f"/api/deliverables/{deliverable_id}/accept/", {}, format="json").status_code == 403
    accepted = session_client(world.pmo).post(
        f"/api/deliverables/{deliverable_id}/accept/", {}, format="json"
    )
    assert accepted.json()["state"] == "accepted"
    file_page = session_client(world.pm1).get(f"/projects/{project.pk}/deliverables/{deliverable_id}/file/")
    assert file_page.status_code == 200
    assert (
        session_client(world.pm2)
        .get(f"/projects/{project.pk}/deliverables/{deliverable_id}/file/")
        .status_code
        == 404
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ", "not allowed"),
        ("fake.pdf", b"not a pdf at all", "not a .pdf"),
        ("big.txt", b"a" * (20 * 1024 * 1024 + 1), "larger than 20 MB"),
    ],
)
def test_a_bad_upload_is_refused_on_the_file_field_and_nothing_saved(world, name, content, message):
    response = session_client(world.pm1).post(
        f"/api/projects/{world.project_of_pm1.pk}/deliverables/",
        {"kind": "charter", "file": SimpleUploadedFile(name, content)},
        format="multipart",
    )
    assert response.status_code == 400
    assert message in response.json()["extra"]["fields"]["file"][0]
    assert not Deliverable.objects.exists()


def test_waivers_need_a_reason_and_a_future_expiry_and_expired_ones_stop_counting(world):
    project = world.project_of_pm1
    url = f"/api/projects/{project.pk}/waivers/"
    pmo = session_client(world.pmo)
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    past = pmo.post(
        url, {"deliverable_kind": "charter", "reason": "x", "expires_on": yesterday}, format="json"
    )
    assert past.status_code == 400 and "expires_on" in past.json()["extra"]["fields"]
    no_reason = pmo.post(
        url, {"deliverable_kind": "charter", "reason": " ", "expires_on": "2099-01-01"}, format="json"
    )
    assert no_reason.status_code == 400 and "reason" in no_reason.json()["extra"]["fields"]
    assert (
        session_client(world.pm1)
        .post(url, {"deliverable_kind": "charter", "reason": "x", "expires_on": "2099-01-01"}, format="json")
        .status_code
        == 403
    )
    assert not Waiver.objects.exists()
    granted = pmo.post(
        url, {"deliverable_kind": "charter", "reason": "Reused", "expires_on": "2099-01-01"}, format="json"
    )
    assert granted.status_code == 201, granted.json()

    def charter_state():
        rows = pmo.get(f"/api/projects/{project.pk}/deliverables/").json()["results"]
        return next(row["state"] for row in rows if row["kind"] == "charter")

    assert charter_state() == "waived"
    Waiver.objects.update(expires_on=timezone.localdate() - timedelta(days=1))
    assert charter_state() == "missing"


@pytest.mark.parametrize("reviews", [10, 200])
def test_gate_review_and_deliverable_lists_keep_their_query_count(world, django_assert_num_queries, reviews):
    project = world.project_of_pm1
    GateReview.objects.bulk_create(
        GateReview(
            project=project, phase="initiating", gate_name="G", requested_by=world.pm1, state="deferred"
        )
        for _ in range(reviews)
    )
    Waiver.objects.bulk_create(
        Waiver(
            project=project,
            deliverable_kind="charter",
            reason="r",
            expires_on="2099-01-01",
            granted_by=world.pmo,
        )
        for _ in range(reviews)
    )
    client = session_client(world.pmo)
    for url, queries in (("gate-reviews", 6), ("deliverables", 6), ("waivers", 5)):
        with django_assert_num_queries(queries, info=url):
            assert client.get(f"/api/projects/{project.pk}/{url}/?page_size=200").status_code == 200


def test_a_waived_checklist_item_needs_no_answer_and_an_unknown_one_is_refused(world):
    project = world.project_of_pm1
    pmo = session_client(world.pmo)
    url = f"/api/projects/{project.pk}/waivers/"
    waiver = {"gate_phase": "initiating", "reason": "Board decision", "expires_on": "2099-01-01"}
    unknown = pmo.post(url, {**waiver, "checklist_item": "Is the moon full?"}, format="json")
    assert unknown.status_code == 400 and "checklist_item" in unknown.json()["extra"]["fields"]
    review = request_gate(world)
    first, _second = review["checklist"]
    assert pmo.post(url, {**waiver, "checklist_item": first}, format="json").status_code == 201
    decision_url = f"/api/gate-reviews/{review['id']}/decision/"
    unanswered = pmo.post(
        decision_url, {"decision": "approved", "comment": "ok", "checklist": [{}, {}]}, format="json"
    )
    assert unanswered.status_code == 400
    assert "Question 2" in unanswered.json()["extra"]["fields"]["checklist"][0]
    decided = pmo.post(
        decision_url,
        {"decision": "approved", "comment": "ok", "checklist": [{}, {"answer": "yes"}]},
        format="json",
    )
    assert decided.status_code == 200, decided.json()
    assert [answer["answer"] for answer in decided.json()["answers"]] == ["waived", "yes"]


def test_only_the_pm_requests_a_gate_review(world):
    project = world.project_of_pm1
    refused = session_client(world.pmo).post(f"/api/projects/{project.pk}/gate-reviews/", {}, format="json")
    assert refused.status_code == 403
    assert not GateReview.objects.exists()
