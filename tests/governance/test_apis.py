"""The governance API as a client uses it: people, me, the PMO settings, tokens, what listing costs."""

import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from governance.models import ApiToken, PmoType
from tests.api_clients import session_client
from tests.factories import (
    UserFactory,
    build_access_world,
)

pytestmark = pytest.mark.django_db

USER_LIST_URL = "/api/users/?page_size=200"
# Session, user, count and rows, at 10 and at 200 people.
USER_LIST_QUERIES = 4


def test_user_list_api_costs_the_same_fixed_queries_at_10_and_200_people(django_assert_num_queries):
    people = get_user_model().objects
    client = session_client(UserFactory(username="pmo", is_pmo_staff=True))
    client.get(USER_LIST_URL)  # warm the session
    for rows in (10, 200):
        people.bulk_create(UserFactory.build_batch(rows - people.count()))
        with django_assert_num_queries(USER_LIST_QUERIES, info=f"{rows} people"):
            response = client.get(USER_LIST_URL)
        assert response.status_code == 200
        assert response.json()["count"] == rows
        assert len(response.json()["results"]) == rows


@pytest.fixture
def world():
    return build_access_world(PmoType.SUPPORTIVE)


def test_any_signed_in_person_lists_people_to_pick_a_project_manager(world):
    client = session_client(world.member)
    body = client.get("/api/users/?role=project_manager").json()
    assert {row["username"] for row in body["results"]} == {"pm1", "pm2"}
    assert set(body["results"][0]) == {"id", "username", "display_name", "roles"}
    assert client.get("/api/users/?q=spons").json()["results"][0]["roles"] == ["sponsor"]


def test_me_tells_the_signed_in_person_their_roles(world):
    body = session_client(world.pm1).get("/api/me/").json()
    assert body["username"] == "pm1"
    assert body["roles"] == ["project_manager"]


def test_everyone_reads_the_pmo_settings_and_only_an_admin_changes_them(world):
    assert session_client(world.member).get("/api/pmo-settings/").json()["pmo_type"] == "supportive"
    refused = session_client(world.pmo).patch("/api/pmo-settings/", {"pmo_type": "directive"}, format="json")
    assert refused.status_code == 403
    changed = session_client(world.admin).put(
        "/api/pmo-settings/", {"pmo_type": "directive", "default_currency": "USD"}, format="json"
    )
    assert changed.status_code == 200
    assert changed.json()["pmo_type"] == "directive"
    patched = session_client(world.admin).patch(
        "/api/pmo-settings/", {"pmo_type": "controlling"}, format="json"
    )
    assert patched.json() | {"updated_at": None} == {
        "pmo_type": "controlling",
        "default_currency": "USD",
        "updated_at": None,
    }


def test_a_token_from_username_and_password_authenticates_api_calls(world):
    anonymous = APIClient()
    response = anonymous.post(
        "/api/auth/token/", {"username": "pm1", "password": "correct-horse-battery"}, format="json"
    )
    assert response.status_code == 200
    token = response.json()["token"]
    assert ApiToken.objects.get(user=world.pm1).key_hash == ApiToken.hash_key(token)
    anonymous.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert anonymous.get("/api/me/").json()["username"] == "pm1"


def test_a_wrong_password_gets_no_token(world):
    response = APIClient().post("/api/auth/token/", {"username": "pm1", "password": "nope"}, format="json")
    assert response.status_code == 400
    assert response.json()["message"]
    assert not ApiToken.objects.exists()
