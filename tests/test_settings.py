"""Settings come from the environment: embedded defaults, PostgreSQL and Redis by URL, strict production."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_SECRET = "production-secret-" + "k7Qz9w" * 10
READ_SETTINGS = """
import json
from django.conf import settings
print(json.dumps({
    "engine": settings.DATABASES["default"]["ENGINE"],
    "database": str(settings.DATABASES["default"]["NAME"]),
    "broker": settings.CELERY_BROKER_URL,
    "result_backend": settings.CELERY_RESULT_BACKEND,
    "eager": settings.CELERY_TASK_ALWAYS_EAGER,
    "debug": settings.DEBUG,
    "secret_key": settings.SECRET_KEY,
    "allowed_hosts": settings.ALLOWED_HOSTS,
    "ssl_redirect": settings.SECURE_SSL_REDIRECT,
    "session_cookie_secure": settings.SESSION_COOKIE_SECURE,
    "static_storage": settings.STORAGES["staticfiles"]["BACKEND"],
    "whitenoise_use_finders": getattr(settings, "WHITENOISE_USE_FINDERS", None),
}))
"""


def clean_env(**variables: str) -> dict[str, str]:
    """The current environment without any of the portal's settings variables, plus ``variables``."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "CELERY_", "DB_")) and key not in {"DATABASE_URL", "REDIS_URL"}
    }
    env["DJANGO_SETTINGS_MODULE"] = "pmo_portal.settings"
    env.update(variables)
    return env


def run_python(*args: str, **variables: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - the test's own interpreter
        [sys.executable, *args],
        cwd=REPO_ROOT,
        env=clean_env(**variables),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def manage(*args: str, **variables: str) -> subprocess.CompletedProcess:
    return run_python("manage.py", *args, **variables)


def read_settings(**variables: str) -> dict:
    result = run_python("-c", f"import django; django.setup(); {READ_SETTINGS}", **variables)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", DJANGO_DEBUG="0", DJANGO_ALLOWED_HOSTS="pmo.example.com")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = manage("check", DJANGO_DEBUG="0", DJANGO_SECRET_KEY=PRODUCTION_SECRET)

    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr


def test_production_settings_pass_the_deployment_checklist():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=PRODUCTION_SECRET,
        DJANGO_ALLOWED_HOSTS="pmo.example.com",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_the_well_known_development_key():
    result = manage(
        "check",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="dev-only-insecure-key-never-used-in-production",
        DJANGO_ALLOWED_HOSTS="pmo.example.com",
    )

    assert result.returncode != 0
    assert "development key" in result.stderr


def test_embedded_defaults_fail_the_deployment_checklist_for_their_key():
    result = manage("check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_debugging_fails_the_deployment_checklist():
    result = manage("check", "--deploy", "--fail-level", "WARNING", DJANGO_DEBUG="1")

    assert result.returncode != 0
    assert "DEBUG" in result.stderr


def test_no_variables_means_sqlite_and_tasks_in_process():
    values = read_settings()

    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["eager"] is True


def test_no_variables_means_debug_off_on_localhost_over_plain_http():
    values = read_settings()

    assert values["debug"] is False
    assert {"127.0.0.1", "localhost"} <= set(values["allowed_hosts"])
    assert values["secret_key"]  # the embedded default starts without DJANGO_SECRET_KEY
    assert values["ssl_redirect"] is False  # runserver speaks HTTP only
    assert values["session_cookie_secure"] is False  # or signing in over http://127.0.0.1 would fail
    assert values["whitenoise_use_finders"] is True  # static files without a collectstatic step
    assert values["static_storage"] == "django.contrib.staticfiles.storage.StaticFilesStorage"


@pytest.mark.parametrize("value", ["1", "true", "on"])
def test_django_debug_turns_debug_on(value):
    values = read_settings(DJANGO_DEBUG=value)

    assert values["debug"] is True
    assert values["secret_key"]


def test_production_serves_the_collected_hashed_static_files_over_https():
    values = read_settings(
        DJANGO_DEBUG="0", DJANGO_SECRET_KEY=PRODUCTION_SECRET, DJANGO_ALLOWED_HOSTS="pmo.example.com"
    )

    assert values["allowed_hosts"] == ["pmo.example.com"]
    assert values["secret_key"] == PRODUCTION_SECRET
    assert values["ssl_redirect"] is True
    assert values["whitenoise_use_finders"] is False
    assert values["static_storage"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"


EMBEDDED_REQUESTS = """
import json
from django.test import Client
client = Client(HTTP_ACCEPT_LANGUAGE="{language}")
page = client.get("/no-such-page/")
css = client.get("/static/portal/portal.css")
gantt = client.get("/static/projects/gantt.js")
body = lambda response: b"".join(response.streaming_content) if response.streaming else response.content
print(json.dumps({{
    "page_status": page.status_code,
    "page": page.content.decode(),
    "css_status": css.status_code,
    "css_length": len(body(css)),
    "gantt_status": gantt.status_code,
    "gantt_length": len(body(gantt)),
}}))
"""


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "There is nothing here, or it is not visible to you."),
        ("zh-hans", "此处没有内容，或您无权查看。"),
    ],
    ids=["en", "zh-hans"],
)
def test_embedded_default_shows_the_portals_404_and_serves_its_static_files(tmp_path, language, text):
    script = EMBEDDED_REQUESTS.format(language=language)
    result = run_python(
        "-c",
        f"import django; django.setup(); {script}",
        DATABASE_URL=f"sqlite:///{tmp_path / 'embedded.sqlite3'}",
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])

    assert values["page_status"] == 404
    assert text in values["page"]
    assert "Using the URLconf" not in values["page"]  # Django's debug page
    assert (values["css_status"], values["gantt_status"]) == (200, 200)
    assert values["css_length"] > 1000
    assert values["gantt_length"] > 1000


def test_database_url_selects_postgresql():
    values = read_settings(DATABASE_URL="postgres://pmo:secret@db.example.com:5432/pmo")

    assert values["engine"] == "django.db.backends.postgresql"
    assert values["database"] == "pmo"


def test_redis_url_selects_redis_as_broker_and_turns_off_in_process_tasks():
    values = read_settings(REDIS_URL="redis://cache.example.com:6379/3")

    assert values["broker"] == "redis://cache.example.com:6379/3"
    assert values["result_backend"] == "redis://cache.example.com:6379/3"
    assert values["eager"] is False


@pytest.mark.parametrize("value", ["0", "false", "off"])
def test_debug_is_off_for_every_spelling_of_false(value):
    values = read_settings(
        DJANGO_DEBUG=value, DJANGO_SECRET_KEY=PRODUCTION_SECRET, DJANGO_ALLOWED_HOSTS="pmo.example.com"
    )

    assert values["debug"] is False
