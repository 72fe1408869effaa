"""The API's one error shape: every failure answers {"message": ..., "extra": {...}}."""

import pytest
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from projects.apis import projects as project_apis
from tests.factories import UserFactory, build_access_world

pytestmark = pytest.mark.django_db


def assert_error_shape(response, status_code: int) -> dict:
    assert response.status_code == status_code, (response.status_code, response.content)
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"message", "extra"}
    assert isinstance(body["message"], str)
    assert body["message"]
    assert isinstance(body["extra"], dict)
    return body


@pytest.fixture
def signed_in():
    client = APIClient()
    client.force_login(UserFactory(username="someone"))
    return client


@pytest.mark.parametrize(
    "url", ["/api/projects/", "/api/portfolios/", "/api/memberships/", "/api/me/", "/api/users/"]
)
def test_anonymous_clients_are_refused_with_401_in_the_error_shape(url):
    response = APIClient().get(url)
    body = assert_error_shape(response, 401)
    assert "credentials" in body["message"].lower()
    assert response["WWW-Authenticate"] == "Token"


def test_a_wrong_token_is_refused_with_401_in_the_error_shape():
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert_error_shape(client.get("/api/projects/"), 401)


@pytest.mark.parametrize(
    "url",
    [
        "/api/nothing-here/",
        "/api/projects/abc/",
        "/api/projects",
        "/api/projects/1/nope/",
        "/api/projects/1%0A/tasks/",
    ],
)
def test_unknown_addresses_under_api_answer_404_in_the_error_shape(signed_in, url):
    assert_error_shape(signed_in.get(url), 404)
    assert_error_shape(signed_in.post(url, {}, format="json"), 404)


def test_an_unknown_object_answers_404_in_the_error_shape(signed_in):
    assert_error_shape(signed_in.get("/api/projects/999999/"), 404)


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("put", "/api/projects/"),
        ("delete", "/api/projects/"),
        ("post", "/api/me/"),
        ("get", "/api/schedule/"),
    ],
)
def test_a_method_an_endpoint_does_not_offer_answers_405_in_the_error_shape(signed_in, method, url):
    assert_error_shape(getattr(signed_in, method)(url), 405)


def test_malformed_json_answers_400_in_the_error_shape(signed_in):
    body = assert_error_shape(
        signed_in.generic("POST", "/api/projects/", "{nope", content_type="application/json"), 400
    )
    assert "JSON" in body["message"]


def test_a_refused_write_answers_403_with_the_services_reason(monkeypatch):
    world = build_access_world()
    client = APIClient()
    client.force_login(world.member)
    body = assert_error_shape(client.delete(f"/api/projects/{world.project_of_pm1.pk}/"), 403)
    assert "admin" in body["message"]


def test_a_service_error_without_a_field_is_listed_as_a_general_error(monkeypatch):
    world = build_access_world()

    def refuse(**kwargs):
        raise ValidationError("The moon is in the wrong phase.")

    monkeypatch.setattr(project_apis, "project_update", refuse)
    client = APIClient()
    client.force_login(world.admin)
    response = client.patch(f"/api/projects/{world.project_of_pm1.pk}/", {"name": "x"}, format="json")
    body = assert_error_shape(response, 400)
    assert body["message"] == "The moon is in the wrong phase."
    assert body["extra"]["fields"] == {"non_field_errors": ["The moon is in the wrong phase."]}


def test_an_unexpected_server_error_still_answers_in_the_error_shape(monkeypatch, signed_in, caplog):
    def broken(**kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr(project_apis, "project_list_with_figures", broken)
    body = assert_error_shape(signed_in.get("/api/projects/"), 500)
    assert "bug" not in body["message"]
    assert "Unhandled API error" in caplog.text


def nested_arrays(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.parametrize("depth", [65, 5000, 100_000])
def test_json_nested_past_the_bound_answers_400_before_sign_in(depth):
    # Anonymous, on the one endpoint open to everyone: the parser refuses before anything walks the data.
    response = APIClient().generic(
        "POST", "/api/auth/token/", nested_arrays(depth), content_type="application/json"
    )
    body = assert_error_shape(response, 400)
    assert "64 levels" in body["message"]


def test_json_nested_past_the_bound_answers_400_to_a_signed_in_client(signed_in):
    document = '{"name": ' + nested_arrays(5000) + "}"
    response = signed_in.generic("POST", "/api/projects/", document, content_type="application/json")
    assert "64 levels" in assert_error_shape(response, 400)["message"]


def test_json_nested_within_the_bound_reaches_the_field_checks(signed_in):
    document = '{"name": ' + nested_arrays(63) + "}"
    response = signed_in.generic("POST", "/api/projects/", document, content_type="application/json")
    body = assert_error_shape(response, 400)
    assert "name" in body["extra"]["fields"]
