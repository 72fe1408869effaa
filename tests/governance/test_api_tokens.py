"""API tokens: stored hashed, expiring, listed and revoked by their owner, dead after a password change,
a deactivation or an API sign-out; the "Authorization: Token <key>" header as before."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from governance import services
from governance.models import ApiToken
from tests.api_clients import session_client
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

ME_URL = "/api/me/"
TOKENS_URL = "/api/auth/tokens/"
PAGE_URL = reverse("api_tokens")
# Session, user, count and rows, at 10 and at 200 tokens.
TOKEN_LIST_QUERIES = 4


@pytest.fixture
def person():
    return UserFactory(username="pm1", is_project_manager=True)


def with_key(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def obtain(username="pm1", password=PASSWORD):
    return APIClient().post("/api/auth/token/", {"username": username, "password": password}, format="json")


def test_the_token_endpoint_answers_as_before_and_keeps_only_a_hash(person):
    response = obtain()
    assert response.status_code == 200
    key = response.json()["token"]
    assert len(key) == 40
    stored = ApiToken.objects.get(user=person)
    assert stored.key_hash == ApiToken.hash_key(key)
    assert key not in {stored.key_hash, stored.name, stored.key_prefix}
    assert with_key(key).get(ME_URL).json()["username"] == "pm1"


def test_a_token_expires_after_thirty_days_by_default(person):
    before = timezone.now()
    key = obtain().json()["token"]
    token = ApiToken.objects.get()
    assert before + timedelta(days=30) <= token.expires_at <= timezone.now() + timedelta(days=30)
    ApiToken.objects.update(
        created_at=timezone.now() - timedelta(days=31), expires_at=timezone.now() - timedelta(seconds=1)
    )
    refused = with_key(key).get(ME_URL)
    assert refused.status_code == 401
    assert refused["WWW-Authenticate"] == "Token"
    assert set(refused.json()) == {"message", "extra"}


def test_the_lifetime_follows_the_setting(person, settings):
    settings.API_TOKEN_LIFETIME = timedelta(days=7)
    token, _key = services.api_token_create(user=person, name="Short")
    assert token.expires_at - token.created_at == timedelta(days=7)


def test_an_unknown_or_malformed_key_is_refused_with_401(person):
    for header in ("Token 0123456789abcdef0123456789abcdef01234567", "Token", "Token a b"):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=header)
        response = client.get(ME_URL)
        assert response.status_code == 401, header
        assert response["WWW-Authenticate"] == "Token"


def test_using_a_token_records_when_it_was_last_used(person):
    token, key = services.api_token_create(user=person, name="Script")
    assert token.last_used_at is None
    with_key(key).get(ME_URL)
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_person_lists_creates_and_revokes_their_own_tokens(person):
    client = session_client(person)
    created = client.post(TOKENS_URL, {"name": "CI pipeline"}, format="json")
    assert created.status_code == 201
    body = created.json()
    assert set(body) == {"id", "name", "key_prefix", "created_at", "last_used_at", "expires_at", "key"}
    assert body["key"].startswith(body["key_prefix"])
    assert with_key(body["key"]).get(ME_URL).status_code == 200

    listed = client.get(TOKENS_URL).json()
    assert [row["name"] for row in listed["results"]] == ["CI pipeline"]
    assert "key" not in listed["results"][0]

    assert client.delete(f"{TOKENS_URL}{body['id']}/").status_code == 204
    assert with_key(body["key"]).get(ME_URL).status_code == 401
    assert client.get(TOKENS_URL).json()["count"] == 0


def test_another_persons_token_is_neither_listed_nor_revocable(person):
    other = UserFactory(username="pm2")
    token, key = services.api_token_create(user=other, name="Theirs")
    client = session_client(person)
    assert client.get(TOKENS_URL).json()["count"] == 0
    assert client.delete(f"{TOKENS_URL}{token.pk}/").status_code == 404
    page = Client()
    page.force_login(person)
    assert page.post(reverse("api_token_revoke", args=[token.pk])).status_code == 404
    assert with_key(key).get(ME_URL).status_code == 200


def test_a_token_needs_a_name(person):
    response = session_client(person).post(TOKENS_URL, {"name": ""}, format="json")
    assert response.status_code == 400
    assert "name" in response.json()["extra"]["fields"]


def test_signing_out_through_the_api_revokes_the_token_used(person):
    kept, kept_key = services.api_token_create(user=person, name="Kept")
    key = obtain().json()["token"]
    assert with_key(key).post("/api/auth/logout/").status_code == 204
    assert with_key(key).get(ME_URL).status_code == 401
    assert with_key(kept_key).get(ME_URL).status_code == 200


def test_signing_out_through_the_api_by_session_ends_the_session(person):
    client = session_client(person)
    assert client.post("/api/auth/logout/").status_code == 204
    assert client.get(ME_URL).status_code in (401, 403)


def test_a_password_change_on_the_page_kills_every_token(person):
    key = obtain().json()["token"]
    page = Client()
    page.force_login(person)
    response = page.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "another-horse-battery",
            "new_password2": "another-horse-battery",
        },
    )
    assert response.status_code == 302
    assert with_key(key).get(ME_URL).status_code == 401
    person.refresh_from_db()
    assert session_client(person).get(TOKENS_URL).json()["count"] == 0


def test_a_password_set_anywhere_kills_every_token(person):
    key = obtain().json()["token"]
    user = get_user_model().objects.get(pk=person.pk)
    user.set_password("set-from-a-shell-horse")
    user.save()
    assert with_key(key).get(ME_URL).status_code == 401
    assert not ApiToken.objects.exists()  # the dead token met at sign-in is gone


def test_a_password_changed_in_the_admin_kills_every_token(person):
    key = obtain().json()["token"]
    admin = Client()
    admin.force_login(UserFactory(username="admin", is_superuser=True, is_staff=True))
    response = admin.post(
        reverse("admin:auth_user_password_change", args=[person.pk]),
        {
            "password1": "admin-set-horse-battery",
            "password2": "admin-set-horse-battery",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302
    assert with_key(key).get(ME_URL).status_code == 401


def test_a_deactivated_account_loses_its_tokens_for_good(person):
    key = obtain().json()["token"]
    admin = Client()
    admin.force_login(UserFactory(username="admin", is_superuser=True, is_staff=True))
    change = admin.get(f"/admin/governance/user/{person.pk}/change/").context["adminform"].form
    data = {
        name: value for name, value in change.initial.items() if value is not None and name != "is_active"
    }
    data.update(
        {"date_joined_0": "2026-01-01", "date_joined_1": "00:00:00", "groups": [], "user_permissions": []}
    )
    data.pop("date_joined", None)
    data.pop("last_login", None)
    response = admin.post(f"/admin/governance/user/{person.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert not ApiToken.objects.filter(user=person).exists()
    get_user_model().objects.filter(pk=person.pk).update(is_active=True)
    assert with_key(key).get(ME_URL).status_code == 401


def test_an_inactive_accounts_token_is_refused_however_it_was_deactivated(person):
    key = obtain().json()["token"]
    get_user_model().objects.filter(pk=person.pk).update(is_active=False)
    assert with_key(key).get(ME_URL).status_code == 401
    get_user_model().objects.filter(pk=person.pk).update(is_active=True)
    assert with_key(key).get(ME_URL).status_code == 401


def test_housekeeping_deletes_dead_tokens_only(person):
    live, _key = services.api_token_create(user=person, name="Live")
    expired, _key = services.api_token_create(user=person, name="Expired")
    ApiToken.objects.filter(pk=expired.pk).update(
        created_at=timezone.now() - timedelta(days=31), expires_at=timezone.now() - timedelta(days=1)
    )
    other = UserFactory(username="pm2")
    services.api_token_create(user=other, name="Before the new password")
    other.set_password("new-horse-battery-staple")
    other.save()
    assert services.api_tokens_purge() == 2
    assert list(ApiToken.objects.all()) == [live]


def test_the_tokens_page_shows_a_new_key_once_and_revokes(person):
    page = Client()
    page.force_login(person)
    created = page.post(PAGE_URL, {"name": "Reporting script"}, follow=True)
    assert created.redirect_chain == [(PAGE_URL, 302)]  # reloading the page makes no second token
    key = created.context["created"]["key"]
    html = created.content.decode()
    assert key in html
    assert "Reporting script" in html
    assert created["Cache-Control"].startswith("max-age=0")
    assert with_key(key).get(ME_URL).status_code == 200

    again = page.get(PAGE_URL).content.decode()
    assert "Reporting script" in again
    assert key not in again
    assert key[:8] in again

    token = ApiToken.objects.get()
    revoked = page.post(reverse("api_token_revoke", args=[token.pk]), follow=True)
    assert "Reporting script" in revoked.content.decode()  # the message says which
    assert not ApiToken.objects.exists()
    assert with_key(key).get(ME_URL).status_code == 401


def test_the_tokens_page_is_in_the_user_menu_and_speaks_chinese(person):
    page = Client()
    page.force_login(person)
    session = page.session
    session["_language"] = "zh-hans"
    session.save()
    page.cookies["django_language"] = "zh-hans"
    html = page.get(reverse("projects:list")).content.decode()
    assert f'href="{PAGE_URL}"' in html
    html = page.get(PAGE_URL).content.decode()
    assert "您还没有 API 令牌。" in html
    assert "创建令牌" in html


def build_tokens(user, rows: int) -> None:
    now = timezone.now()
    ApiToken.objects.bulk_create(
        ApiToken(
            user=user,
            name=f"Token {number}",
            key_hash=ApiToken.hash_key(f"{user.pk}-{number}"),
            key_prefix="abcd1234",
            password_fingerprint=ApiToken.password_fingerprint_of(user),
            created_at=now,
            expires_at=now + timedelta(days=30),
        )
        for number in range(ApiToken.objects.filter(user=user).count(), rows)
    )


def test_the_token_list_costs_the_same_queries_at_10_and_200_tokens(person, django_assert_num_queries):
    client = session_client(person)
    client.get(TOKENS_URL)  # warm the session
    for rows in (10, 200):
        build_tokens(person, rows)
        with django_assert_num_queries(TOKEN_LIST_QUERIES, info=f"{rows} tokens"):
            response = client.get(f"{TOKENS_URL}?page_size=200")
        assert response.json()["count"] == rows


def test_the_tokens_page_costs_the_same_queries_at_10_and_200_tokens(person, django_assert_num_queries):
    page = Client()
    page.force_login(person)
    page.get(PAGE_URL)
    counts = []
    for rows in (10, 200):
        build_tokens(person, rows)
        with django_assert_num_queries(3, info=f"{rows} tokens") as captured:
            response = page.get(PAGE_URL)
        counts.append(len(captured))
        assert response.content.decode().count('class="btn btn-small btn-danger"') == rows
    assert counts[0] == counts[1]


def test_named_tokens_are_refused_beyond_the_limit(person, monkeypatch):
    monkeypatch.setattr(services, "NAMED_API_TOKENS_PER_PERSON", 2)
    client = session_client(person)
    for number in range(2):
        assert client.post(TOKENS_URL, {"name": f"Script {number}"}, format="json").status_code == 201
    refused = client.post(TOKENS_URL, {"name": "One too many"}, format="json")
    assert refused.status_code == 400
    assert refused.json()["message"] == "You already have 2 API tokens: revoke one before making another."
    page = Client()
    page.force_login(person)
    response = page.post(PAGE_URL, {"name": "One too many"})
    assert response.status_code == 200
    assert "revoke one before making another" in response.content.decode()
    assert ApiToken.objects.count() == 2


def test_tokens_made_by_signing_in_take_turns_without_touching_named_ones(person, monkeypatch):
    monkeypatch.setattr(services, "SIGN_IN_API_TOKENS_PER_PERSON", 3)
    named, named_key = services.api_token_create(user=person, name="CI pipeline")
    keys = [obtain().json()["token"] for _run in range(5)]
    assert ApiToken.objects.filter(made_by_sign_in=True).count() == 3
    assert [with_key(key).get(ME_URL).status_code for key in keys] == [401, 401, 200, 200, 200]
    assert with_key(named_key).get(ME_URL).status_code == 200


def test_a_busy_token_records_its_use_at_most_once_a_minute(person):
    token, key = services.api_token_create(user=person, name="Busy script")
    recently = timezone.now() - timedelta(seconds=10)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=recently)
    with_key(key).get(ME_URL)
    token.refresh_from_db()
    assert token.last_used_at == recently
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now() - timedelta(minutes=2))
    with_key(key).get(ME_URL)
    token.refresh_from_db()
    assert timezone.now() - token.last_used_at < timedelta(seconds=5)
