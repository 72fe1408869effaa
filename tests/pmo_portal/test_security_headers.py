"""Every answer carries the security headers; signed-in answers are never cached; the cookies keep to
themselves. Checked on a page, an API answer and an error answer, with the embedded settings and with
the production settings as pmo_portal/settings.py computes them, and on gunicorn itself (no Server).
"""

import json
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from governance.services import api_token_create
from tests.factories import PASSWORD, ProjectFactory, UserFactory
from tests.test_settings import PRODUCTION_SECRET, REPO_ROOT, clean_env, run_python

pytestmark = pytest.mark.django_db

POLICY = (
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
)
# What the production settings decide about headers and cookies, read in a child process so the
# settings module computes them from the environment as it does under gunicorn.
SECURITY_SETTINGS = (
    "CONTENT_SECURITY_POLICY",
    "CSRF_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SECURE",
    "MIDDLEWARE",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_HSTS_SECONDS",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_REFERRER_POLICY",
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SECURE",
    "X_FRAME_OPTIONS",
)


def production_security_settings() -> dict:
    script = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {SECURITY_SETTINGS!r}}}))"
    )
    result = run_python(
        "-c",
        script,
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=PRODUCTION_SECRET,
        DJANGO_ALLOWED_HOSTS="pmo.example.com",
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values


def assert_security_headers(response, *, private: bool) -> None:
    policy = response.headers.get("Content-Security-Policy", "")
    for directive in POLICY:
        assert directive in policy, (response.request["PATH_INFO"], directive, policy)
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "Server" not in response.headers
    cache = {part.strip() for part in response.headers.get("Cache-Control", "").split(",")}
    if private:
        assert {"private", "no-store"} <= cache, (response.request["PATH_INFO"], cache)


def answers(client: Client, token: str, hidden_project_id: int, **secure) -> dict:
    """A page, an API answer (session and token) and error answers of both, for one signed-in person."""
    return {
        "page": client.get(reverse("projects:list"), **secure),
        "api": client.get(reverse("api:me"), **secure),
        "api_with_token": Client().get(reverse("api:me"), HTTP_AUTHORIZATION=f"Token {token}", **secure),
        "page_error": client.get(reverse("projects:detail", args=[hidden_project_id]), **secure),
        "api_error": client.get(reverse("api:project-detail", args=[hidden_project_id]), **secure),
        "api_unknown": client.get("/api/nowhere/", **secure),
    }


EXPECTED_STATUS = {"page": 200, "api": 200, "api_with_token": 200, "page_error": 404, "api_error": 404}


@pytest.fixture
def person():
    return UserFactory(username="reader", is_team_member=True)


def test_pages_api_answers_and_errors_carry_the_headers_and_are_never_cached_when_signed_in(person):
    hidden = ProjectFactory()
    _token, token = api_token_create(user=person, name="Headers")
    client = Client()
    client.force_login(person)

    for name, response in answers(client, token, hidden.pk).items():
        assert response.status_code == EXPECTED_STATUS.get(name, 404), name
        assert_security_headers(response, private=True)


def test_the_sign_in_page_carries_the_policy_and_an_httponly_csrf_cookie():
    response = Client().get(reverse("login"))

    assert response.status_code == 200
    assert_security_headers(response, private=False)
    assert response.cookies["csrftoken"]["httponly"] is True


def test_static_files_keep_their_own_caching_for_signed_in_people(person):
    client = Client()
    client.force_login(person)

    response = client.get("/static/portal/portal.css")

    assert response.status_code == 200
    assert "no-store" not in response.headers.get("Cache-Control", "")


def test_the_session_cookie_is_httponly(person):
    response = Client().post(reverse("login"), {"username": person.username, "password": PASSWORD})

    assert response.status_code == 302
    assert response.cookies["sessionid"]["httponly"] is True


def test_production_adds_hsts_and_secure_httponly_cookies_on_every_kind_of_answer(person):
    production = production_security_settings()
    hidden = ProjectFactory()
    _token, token = api_token_create(user=person, name="Headers")
    with override_settings(**production):
        sign_in = Client().get(reverse("login"), secure=True)
        assert sign_in.cookies["csrftoken"]["secure"] is True
        assert sign_in.cookies["csrftoken"]["httponly"] is True
        client = Client()
        signed_in = client.post(
            reverse("login"), {"username": person.username, "password": PASSWORD}, secure=True
        )
        assert signed_in.cookies["sessionid"]["secure"] is True
        assert signed_in.cookies["sessionid"]["httponly"] is True
        for name, response in answers(client, token, hidden.pk, secure=True).items():
            assert response.status_code == EXPECTED_STATUS.get(name, 404), name
            assert_security_headers(response, private=True)
            hsts = response.headers["Strict-Transport-Security"]
            assert hsts == "max-age=31536000; includeSubDomains; preload", name
        assert Client().get(reverse("login")).status_code == 301  # plain HTTP goes to HTTPS


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_gunicorn_with_the_portals_configuration_sends_no_server_header(tmp_path):
    port = free_port()
    environment = clean_env(DATABASE_URL=f"sqlite:///{tmp_path / 'gunicorn.sqlite3'}")
    server = subprocess.Popen(  # noqa: S603 - the venv's own gunicorn, the repository's configuration
        [
            sys.executable,
            "-m",
            "gunicorn",
            "pmo_portal.wsgi:application",
            "--config",
            "gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
        ],
        cwd=REPO_ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                response = urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=5)  # noqa: S310
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.2)
        assert response.status == 200
        assert response.headers.get("Server") is None
        assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    finally:
        server.terminate()
        server.wait(timeout=30)
