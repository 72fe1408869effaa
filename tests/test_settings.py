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


def test_development_defaults_fail_the_deployment_checklist():
    result = manage("check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode != 0
    assert "DEBUG" in result.stderr


def test_no_variables_means_sqlite_and_tasks_in_process():
    values = read_settings()

    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["eager"] is True
    assert values["debug"] is True


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
