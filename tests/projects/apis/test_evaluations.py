"""/api/projects/<id>/evaluation/: read the prefilled evaluation, save the draft, submit it."""

from decimal import Decimal

import pytest

from projects.models import PostProjectEvaluation, RollupMark, Status
from tests.api_clients import session_client
from tests.factories import MembershipFactory, ProjectFactory, UserFactory
from tests.factories.knowledge import record_lesson

pytestmark = pytest.mark.django_db


@pytest.fixture
def pm():
    return UserFactory(username="pm", is_project_manager=True)


@pytest.fixture
def closed(pm):
    return ProjectFactory(project_manager=pm, status=Status.CLOSED, budget=Decimal("800.00"), currency="USD")


def url(project, tail=""):
    return f"/api/projects/{project.pk}/evaluation/{tail}"


def test_reading_before_anyone_wrote_gives_the_prefilled_figures(pm, closed):
    lesson = record_lesson(closed, title="Freeze scope early")
    body = session_client(pm).get(url(closed)).json()
    assert body["id"] is None and body["state"] == "draft" and body["can_edit"] is True
    assert body["budget"] == "800.00" and body["currency"] == "USD"
    assert body["actual_cost"] is None and body["cost_variance"] is None
    assert body["baseline_finish"] is None and body["finish_variance_days"] is None
    assert body["approved_changes"] == 0
    assert [item["id"] for item in body["lessons"]] == [lesson.pk]


def test_patch_saves_the_draft_and_submit_freezes_it(pm, closed):
    client = session_client(pm)
    response = client.patch(url(closed), {"went_well": "On budget", "rating": 4}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["rating"] == 4 and response.json()["id"] is not None
    assert RollupMark.objects.filter(project=closed).exists()
    response = client.post(url(closed, "submit/"), {"objectives_met": "yes"}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert body["state"] == "submitted" and body["can_edit"] is False
    assert body["submitted_by"]["username"] == "pm"
    response = client.patch(url(closed), {"rating": 1}, format="json")
    assert response.status_code == 400
    assert "state" in response.json()["extra"]["fields"]


def test_submit_without_a_rating_names_the_missing_field(pm, closed):
    response = session_client(pm).post(url(closed, "submit/"), {"objectives_met": "no"}, format="json")
    assert response.status_code == 400
    assert set(response.json()["extra"]["fields"]) == {"rating"}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"rating": 7}, "rating"),
        ({"rating": "four"}, "rating"),
        ({"objectives_met": "maybe"}, "objectives_met"),
        ({"actual_cost": "1.00"}, "actual_cost"),
        ({"went_well": "x" * 20001}, "went_well"),
    ],
)
def test_bad_input_answers_400_naming_the_field(pm, closed, body, field):
    response = session_client(pm).patch(url(closed), body, format="json")
    assert response.status_code == 400
    assert field in response.json()["extra"]["fields"]
    assert not PostProjectEvaluation.objects.exists()


def test_an_open_project_answers_409_on_read_and_400_on_write(pm):
    project = ProjectFactory(project_manager=pm, status=Status.ON_HOLD)
    client = session_client(pm)
    response = client.get(url(project))
    assert response.status_code == 409
    assert response.json()["message"].startswith("Only a closed project has a post-project evaluation")
    response = client.patch(url(project), {"rating": 3}, format="json")
    assert response.status_code == 400
    assert "project" in response.json()["extra"]["fields"]


def test_a_member_reads_but_may_not_write_and_a_stranger_sees_nothing(closed):
    member = UserFactory(is_team_member=True)
    MembershipFactory(project=closed, user=member)
    client = session_client(member)
    assert client.get(url(closed)).json()["can_edit"] is False
    assert client.patch(url(closed), {"rating": 3}, format="json").status_code == 403
    stranger = session_client(UserFactory(is_project_manager=True))
    assert stranger.get(url(closed)).status_code == 404
    assert stranger.post(url(closed, "submit/"), {}, format="json").status_code == 404
