"""Browser sessions end after 30 idle minutes and 12 hours after sign-in, and say so on the sign-in page."""

import json
import time
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse

from pmo_portal.session_expiry import LAST_ACTIVITY_KEY, STARTED_KEY
from tests.factories import PASSWORD, UserFactory
from tests.test_settings import run_python

pytestmark = pytest.mark.django_db

PROJECTS_URL = reverse("projects:list")
EXPIRED_TEXT = "Your session has expired. Please sign in again."


@pytest.fixture
def person():
    return UserFactory(username="pm1", is_project_manager=True)


@pytest.fixture
def client(person):
    client = Client()
    client.force_login(person)
    return client


def age_session(client, *, idle: timedelta = timedelta(0), since_sign_in: timedelta = timedelta(0)):
    """Move the session's clock back as if time had passed."""
    session = client.session
    now = time.time()
    session[STARTED_KEY] = now - since_sign_in.total_seconds()
    session[LAST_ACTIVITY_KEY] = now - idle.total_seconds()
    session.save()


def test_signing_in_through_the_form_starts_the_sessions_clock(person):
    client = Client()
    before = time.time()
    client.post(reverse("login"), {"username": "pm1", "password": PASSWORD})
    assert client.session[STARTED_KEY] >= before
    assert client.session[LAST_ACTIVITY_KEY] >= before


def test_a_session_idle_for_more_than_30_minutes_sends_its_person_to_sign_in(client):
    age_session(client, idle=timedelta(minutes=31), since_sign_in=timedelta(hours=1))
    response = client.get(PROJECTS_URL)
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={PROJECTS_URL}"
    assert "_auth_user_id" not in client.session
    login = client.get(response.url)
    assert EXPIRED_TEXT in login.content.decode()


def test_a_session_used_within_30_minutes_lives_on(client):
    age_session(client, idle=timedelta(minutes=29), since_sign_in=timedelta(hours=2))
    assert client.get(PROJECTS_URL).status_code == 200
    # The request counts as activity: half an hour from now is still within the limit.
    assert time.time() - client.session[LAST_ACTIVITY_KEY] < 5


def test_a_busy_session_still_ends_12_hours_after_sign_in(client):
    age_session(client, idle=timedelta(minutes=1), since_sign_in=timedelta(hours=12, minutes=1))
    response = client.get(PROJECTS_URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_an_htmx_request_of_an_expired_session_is_redirected_by_htmx(client, person):
    age_session(client, idle=timedelta(hours=1))
    response = client.get(
        PROJECTS_URL, HTTP_HX_REQUEST="true", HTTP_HX_CURRENT_URL=f"http://testserver{PROJECTS_URL}?page=2"
    )
    assert response.status_code == 200
    assert response["HX-Redirect"] == f"{reverse('login')}?next={quote(PROJECTS_URL + '?page=2')}"
    assert "_auth_user_id" not in client.session


def test_an_api_call_of_an_expired_session_is_answered_as_signed_out(client):
    age_session(client, idle=timedelta(hours=1))
    response = client.get("/api/me/")
    assert response.status_code in (401, 403)
    assert set(response.json()) == {"message", "extra"}


def test_the_timeouts_follow_the_settings(client, settings):
    settings.SESSION_IDLE_TIMEOUT = timedelta(minutes=5)
    age_session(client, idle=timedelta(minutes=6))
    assert client.get(PROJECTS_URL).status_code == 302


def test_reading_pages_does_not_write_the_session_each_time(client):
    client.get(PROJECTS_URL)
    stamp = client.session[LAST_ACTIVITY_KEY]
    client.get(PROJECTS_URL)
    assert client.session[LAST_ACTIVITY_KEY] == stamp


def test_the_defaults_and_the_environment_set_the_timeouts():
    script = """
import json
from django.conf import settings
print(json.dumps({
    "idle": settings.SESSION_IDLE_TIMEOUT.total_seconds(),
    "absolute": settings.SESSION_ABSOLUTE_TIMEOUT.total_seconds(),
    "cookie": settings.SESSION_COOKIE_AGE,
    "token_days": settings.API_TOKEN_LIFETIME.days,
}))
"""
    command = f"import django; django.setup(); {script}"
    defaults = json.loads(run_python("-c", command).stdout.strip().splitlines()[-1])
    assert defaults == {"idle": 1800, "absolute": 43200, "cookie": 43200, "token_days": 30}
    changed = run_python(
        "-c",
        command,
        DJANGO_SESSION_IDLE_MINUTES="10",
        DJANGO_SESSION_ABSOLUTE_HOURS="8",
        DJANGO_API_TOKEN_DAYS="7",
    )
    assert json.loads(changed.stdout.strip().splitlines()[-1]) == {
        "idle": 600,
        "absolute": 28800,
        "cookie": 28800,
        "token_days": 7,
    }
