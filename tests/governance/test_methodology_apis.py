"""The methodologies API: the list with the version new projects follow, one methodology's versions."""

import pytest
from rest_framework.test import APIClient

from governance.models import Methodology
from governance.services import methodology_draft_start
from tests.api_clients import session_client
from tests.factories import MethodologyFactory, MethodologyPhaseFactory, UserFactory, published_version

pytestmark = pytest.mark.django_db

# Session and user, the count, the page: the same at 10 and at 200 methodologies.
LIST_QUERIES = 4
# Session and user, the methodology, its versions (with who published them), their phases.
DETAIL_QUERIES = 5


@pytest.fixture
def reader():
    return UserFactory(is_team_member=True)


def test_the_list_gives_each_methodology_with_its_current_published_version(reader):
    version = published_version(MethodologyFactory(code="lean", name="Lean"))
    methodology_draft_start(actor=UserFactory(is_pmo_staff=True), methodology=version.methodology)

    body = session_client(reader).get("/api/methodologies/").json()

    row = next(item for item in body["results"] if item["code"] == "lean")
    # Version 2 is a draft: new projects still follow version 1.
    assert row == {
        "id": version.methodology_id,
        "code": "lean",
        "name": "Lean",
        "description": "",
        "is_active": True,
        "current_version": 1,
    }


def test_one_methodology_shows_every_version_newest_first_with_its_phases(reader):
    version = published_version(
        standard_risks=[{"title": "Late", "category": "", "probability": 2, "impact": 3}]
    )
    MethodologyPhaseFactory(version=version, order=2, lifecycle_phase="closing", name="Close", gate_name="")
    methodology_draft_start(actor=UserFactory(is_pmo_staff=True), methodology=version.methodology)

    response = session_client(reader).get(f"/api/methodologies/{version.methodology_id}/")

    assert response.status_code == 200
    versions = response.json()["versions"]
    assert [item["number"] for item in versions] == [2, 1]
    assert versions[0]["published_at"] is None
    assert versions[1]["standard_risks"] == [{"title": "Late", "category": "", "probability": 2, "impact": 3}]
    assert [phase["name"] for phase in versions[1]["phases"]] == ["Initiation", "Close"]
    assert versions[1]["phases"][0] == {
        "order": 1,
        "lifecycle_phase": "initiating",
        "name": "Initiation",
        "gate_name": "Initiation gate",
        "checklist": ["Is the business case valid?"],
        "required_deliverables": ["charter"],
        "reviewers": ["pmo"],
    }


def test_an_unknown_methodology_answers_404_in_the_error_shape(reader):
    response = session_client(reader).get("/api/methodologies/987654/")
    assert response.status_code == 404
    assert set(response.json()) == {"message", "extra"}


def test_signed_out_clients_are_refused():
    assert APIClient().get("/api/methodologies/").status_code == 401


def test_the_list_costs_the_same_queries_at_10_and_200_methodologies(reader, django_assert_num_queries):
    client = session_client(reader)
    Methodology.objects.all().delete()
    for count in (10, 200):
        Methodology.objects.bulk_create(MethodologyFactory.build_batch(count - Methodology.objects.count()))
        with django_assert_num_queries(LIST_QUERIES, info=f"{count} methodologies"):
            response = client.get("/api/methodologies/?page_size=200")
        assert response.json()["count"] == count


def test_one_methodology_costs_the_same_queries_with_2_and_20_versions(reader, django_assert_num_queries):
    client = session_client(reader)
    version = published_version()
    pmo = UserFactory(is_pmo_staff=True)
    for versions in (2, 20):
        while version.methodology.versions.count() < versions:
            draft = methodology_draft_start(actor=pmo, methodology=version.methodology)
            draft.published_at = version.published_at
            draft.save()
        with django_assert_num_queries(DETAIL_QUERIES, info=f"{versions} versions"):
            response = client.get(f"/api/methodologies/{version.methodology_id}/")
        assert len(response.json()["versions"]) == versions
