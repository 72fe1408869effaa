"""Guessing passwords: the login page and POST /api/auth/token/ stop checking them after too many failures.

django-axes counts failures per account and per address; at the limit every further attempt is refused
without its password being checked, the right one too, until the cool-off has passed. Most tests lower
the limit to 3 so that they stay fast; one holds the default of 100 with a loop.
"""

import json
from datetime import timedelta
from unittest import mock

import pytest
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings as django_settings
from django.db.models import F
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from governance.models import AuditEvent, AuditKind, AuditOutcome, User
from tests.factories import PASSWORD, UserFactory
from tests.test_settings import run_python

pytestmark = pytest.mark.django_db

LIMIT = 3
DEFAULT_LIMIT = django_settings.AXES_FAILURE_LIMIT  # as pmo_portal.settings sets it, before any override
LOGIN_URL = reverse("login")
TOKEN_URL = "/api/auth/token/"
LOCKOUT_TEXT = "Too many failed sign-in attempts."


@pytest.fixture(autouse=True)
def low_limit(settings):
    settings.AXES_FAILURE_LIMIT = LIMIT
    settings.AXES_COOLOFF_TIME = timedelta(hours=1)


@pytest.fixture
def person():
    return UserFactory(username="pm1", is_project_manager=True)


def sign_in(client, username, password, address="127.0.0.1"):
    return client.post(LOGIN_URL, {"username": username, "password": password}, REMOTE_ADDR=address)


def obtain_token(username, password, address="127.0.0.1"):
    return APIClient().post(
        TOKEN_URL, {"username": username, "password": password}, format="json", REMOTE_ADDR=address
    )


def pass_the_cool_off():
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(hours=1, minutes=1))


def test_the_login_page_refuses_even_the_right_password_after_the_limit_until_the_cool_off(person):
    client = Client()
    for _attempt in range(LIMIT - 1):
        assert sign_in(client, "pm1", "wrong").status_code == 200
    locked = sign_in(client, "pm1", "wrong")
    assert locked.status_code == 429
    assert LOCKOUT_TEXT in locked.content.decode()
    assert "try again in 60 minutes" in locked.content.decode()
    assert 3590 <= int(locked["Retry-After"]) <= 3600

    right = sign_in(client, "pm1", PASSWORD)
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session
    # Refused attempts do not push the end of the lockout further.
    assert "try again in 60 minutes" in right.content.decode()

    pass_the_cool_off()
    signed_in = sign_in(client, "pm1", PASSWORD)
    assert signed_in.status_code == 302
    assert client.session["_auth_user_id"] == str(person.pk)


def test_the_lockout_page_is_the_portals_own_and_says_how_long_to_wait(person):
    client = Client()
    for _attempt in range(LIMIT):
        response = sign_in(client, "pm1", "wrong")
    html = response.content.decode()
    assert 'class="brand"' in html  # the portal's page, not axes' plain text
    assert "Signing in is paused" in html
    assert f'href="{LOGIN_URL}"' in html
    assert "Account locked" not in html  # axes' default words


def test_the_lockout_speaks_chinese_to_a_chinese_browser(person):
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    for _attempt in range(LIMIT):
        response = sign_in(client, "pm1", "wrong")
    html = response.content.decode()
    assert response.status_code == 429
    assert "登录失败次数过多" in html
    assert "60 分钟后重试" in html
    api = APIClient(HTTP_ACCEPT_LANGUAGE="zh-hans").post(
        TOKEN_URL, {"username": "pm1", "password": "wrong"}, format="json"
    )
    assert "60 分钟后重试" in api.json()["message"]


def test_once_locked_out_passwords_are_no_longer_checked(person):
    with mock.patch.object(User, "check_password", autospec=True, return_value=False) as check:
        client = Client()
        for _attempt in range(LIMIT + 20):
            sign_in(client, "pm1", "wrong")
        for _attempt in range(20):
            obtain_token("pm1", "wrong")
    assert check.call_count == LIMIT


def test_an_unknown_account_is_answered_exactly_as_a_wrong_password(person):
    known, unknown = Client(), Client()
    wrong_password = sign_in(known, "pm1", "wrong", address="10.0.0.1")
    no_such_user = sign_in(unknown, "nobody", "wrong", address="10.0.0.2")
    assert wrong_password.context["form"].errors == no_such_user.context["form"].errors
    assert (
        obtain_token("pm1", "wrong", "10.0.0.1").json() == obtain_token("nobody", "wrong", "10.0.0.2").json()
    )
    for _attempt in range(LIMIT):
        wrong_password = sign_in(known, "pm1", "wrong", address="10.0.0.1")
        no_such_user = sign_in(unknown, "nobody", "wrong", address="10.0.0.2")
    assert wrong_password.status_code == no_such_user.status_code == 429
    assert wrong_password.context["message"] == no_such_user.context["message"]


def test_an_account_is_locked_whatever_address_the_guesses_come_from(person):
    for number in range(LIMIT):
        sign_in(Client(), "pm1", "wrong", address=f"10.0.1.{number}")
    assert sign_in(Client(), "pm1", PASSWORD, address="10.0.2.1").status_code == 429
    assert obtain_token("pm1", PASSWORD, address="10.0.2.2").status_code == 429
    # Other accounts, from other addresses, are not held up.
    UserFactory(username="pm2")
    assert sign_in(Client(), "pm2", PASSWORD, address="10.0.2.3").status_code == 302


def test_an_address_is_locked_whatever_accounts_it_tries(person):
    for number in range(LIMIT):
        sign_in(Client(), f"guess{number}", "wrong", address="10.0.3.1")
    assert sign_in(Client(), "pm1", PASSWORD, address="10.0.3.1").status_code == 429
    assert sign_in(Client(), "pm1", PASSWORD, address="10.0.3.2").status_code == 302


def test_the_token_api_answers_429_with_retry_after_in_the_error_shape(person):
    for _attempt in range(LIMIT - 1):
        assert obtain_token("pm1", "wrong").status_code == 400
    locked = obtain_token("pm1", "wrong")
    assert locked.status_code == 429
    assert 3590 <= int(locked["Retry-After"]) <= 3600
    body = locked.json()
    assert set(body) == {"message", "extra"}
    assert body["message"].startswith(LOCKOUT_TEXT)
    assert "60 minutes" in body["message"]

    refused = obtain_token("pm1", PASSWORD)
    assert refused.status_code == 429
    assert "token" not in refused.json()

    pass_the_cool_off()
    assert obtain_token("pm1", PASSWORD).status_code == 200


def test_the_wait_shown_counts_down_from_the_last_failure(person):
    for _attempt in range(LIMIT):
        sign_in(Client(), "pm1", "wrong")
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=45))
    response = obtain_token("pm1", PASSWORD)
    assert "15 minutes" in response.json()["message"]
    assert 890 <= int(response["Retry-After"]) <= 900


def test_a_lockout_is_signalled_for_the_audit_log(person):
    received = []

    def listener(sender, request, username, ip_address, **kwargs):
        received.append((username, ip_address))

    user_locked_out.connect(listener)
    try:
        for _attempt in range(LIMIT):
            sign_in(Client(), "pm1", "wrong", address="10.0.4.1")
    finally:
        user_locked_out.disconnect(listener)
    assert received == [("pm1", "10.0.4.1")]


def test_a_trusted_proxy_is_asked_for_the_clients_address(person, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _attempt in range(LIMIT):
        Client().post(
            LOGIN_URL,
            {"username": "pm1", "password": "wrong"},
            REMOTE_ADDR="10.9.9.9",
            HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7",
        )
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.7"}


def test_without_a_trusted_proxy_x_forwarded_for_is_ignored(person):
    Client().post(
        LOGIN_URL,
        {"username": "pm1", "password": "wrong"},
        REMOTE_ADDR="10.9.9.9",
        HTTP_X_FORWARDED_FOR="1.2.3.4",
    )
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"10.9.9.9"}


def test_by_default_an_account_gets_100_evaluated_attempts_an_hour(person, settings):
    assert DEFAULT_LIMIT == 100
    settings.AXES_FAILURE_LIMIT = DEFAULT_LIMIT
    with mock.patch.object(User, "check_password", autospec=True, return_value=False) as check:
        for _attempt in range(150):
            response = obtain_token("pm1", "wrong")
    assert check.call_count == 100
    assert response.status_code == 429


def test_the_defaults_and_the_environment_set_the_limits():
    script = """
import json
from django.conf import settings
print(json.dumps({
    "limit": settings.AXES_FAILURE_LIMIT,
    "cool_off": settings.AXES_COOLOFF_TIME.total_seconds(),
    "parameters": settings.AXES_LOCKOUT_PARAMETERS,
}))
"""
    defaults = run_python("-c", f"import django; django.setup(); {script}")
    assert json.loads(defaults.stdout.strip().splitlines()[-1]) == {
        "limit": 100,
        "cool_off": 3600,
        "parameters": ["username", "ip_address"],
    }
    changed = run_python(
        "-c",
        f"import django; django.setup(); {script}",
        DJANGO_SIGN_IN_FAILURE_LIMIT="20",
        DJANGO_SIGN_IN_COOLOFF_MINUTES="15",
    )
    values = json.loads(changed.stdout.strip().splitlines()[-1])
    assert (values["limit"], values["cool_off"]) == (20, 900)


def test_the_failures_and_the_lockout_land_in_the_audit_log_with_the_name_and_address(person):
    client = Client()
    for _attempt in range(LIMIT):
        sign_in(client, "pm1", "wrong", address="203.0.113.7")

    refused = sign_in(client, "pm1", PASSWORD, address="203.0.113.7")

    assert refused.status_code == 429
    failures = AuditEvent.objects.filter(kind=AuditKind.SIGN_IN_FAILED)
    assert failures.count() >= LIMIT
    assert set(failures.values_list("username", "ip_address")) == {("pm1", "203.0.113.7")}
    lockout = AuditEvent.objects.filter(kind=AuditKind.LOCKOUT).latest("occurred_at")
    assert (lockout.username, lockout.ip_address, lockout.outcome) == (
        "pm1",
        "203.0.113.7",
        AuditOutcome.DENIED,
    )
    assert not AuditEvent.objects.filter(kind=AuditKind.SIGN_IN).exists()
