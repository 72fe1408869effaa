"""docker-compose.yml starts the real modules with the environment settings.py reads.

No Docker engine runs here, so the file is checked statically, its environment is fed to the settings in a
subprocess, and `docker-compose config -q` (Debian's v1, when installed) validates the syntax.
"""

import importlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from celery import Celery

REPO_ROOT = Path(__file__).resolve().parent.parent
COMPOSE_FILE = REPO_ROOT / "docker-compose.yml"
DJANGO_SERVICES = ("migrate", "web", "worker", "beat")
LONG_RUNNING = ("postgres", "redis", "web", "worker", "beat")
REQUIRED_VARIABLES = {
    "DJANGO_SECRET_KEY": "compose-test-secret-" + "x9Lp2q" * 10,
    "DJANGO_ALLOWED_HOSTS": "pmo.example.com",
    "POSTGRES_PASSWORD": "compose-test-password",
}
INTERPOLATION = re.compile(r"\$\{(\w+)(?::?([-?])([^}]*))?\}")


def interpolate(value: str, variables: dict[str, str]) -> str:
    """Expand ${VAR}, ${VAR:-default} and ${VAR:?message} the way Compose does."""

    def expand(match: re.Match) -> str:
        name, kind, argument = match.groups()
        if name in variables:
            return variables[name]
        if kind == "?":
            raise KeyError(f"{name}: {argument}")
        return argument if kind == "-" else ""

    return INTERPOLATION.sub(expand, value).replace("$$", "$")


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE_FILE.read_text())


def service_env(compose: dict, name: str) -> dict[str, str]:
    environment = compose["services"][name].get("environment", {})
    return {key: interpolate(str(value), REQUIRED_VARIABLES) for key, value in environment.items()}


def settings_read_variables() -> set[str]:
    """Names of the environment variables pmo_portal/settings.py reads."""
    source = (REPO_ROOT / "pmo_portal" / "settings.py").read_text()
    names = set(
        re.findall(r"""(?:environ\.get|environ\[|env_bool|env_int|env_list)\(?\s*["'](\w+)["']""", source)
    )
    if "dj_database_url.config(" in source:
        names.add("DATABASE_URL")  # dj_database_url.config() reads it
    return names


def test_stack_has_web_worker_beat_postgres_and_redis(compose):
    assert {"web", "worker", "beat", "postgres", "redis", "migrate"} <= set(compose["services"])
    assert "name" not in compose, "top-level name: is rejected by docker-compose 1.29"


def test_web_runs_gunicorn_on_the_projects_wsgi_application(compose):
    command = compose["services"]["web"]["command"]
    assert command[0] == "gunicorn"
    module_name, attribute = command[1].split(":")

    application = getattr(importlib.import_module(module_name), attribute)

    assert module_name == "pmo_portal.wsgi"
    assert callable(application)


@pytest.mark.parametrize(("service", "subcommand"), [("worker", "worker"), ("beat", "beat")])
def test_worker_and_beat_run_the_portals_celery_app(compose, service, subcommand):
    command = compose["services"][service]["command"]
    app_module = command[command.index("-A") + 1]

    module = importlib.import_module(app_module)
    app = getattr(module, "celery_app", None) or getattr(module, "app", None)

    assert command[0] == "celery"
    assert subcommand in command
    assert isinstance(app, Celery)
    assert app.main == "pmo_portal"


def test_migrate_service_applies_migrations_before_the_others_start(compose):
    services = compose["services"]
    assert services["migrate"]["command"][:3] == ["python", "manage.py", "migrate"]
    for name in ("web", "worker", "beat"):
        depends_on = services[name]["depends_on"]
        assert depends_on["migrate"]["condition"] == "service_completed_successfully"
        assert depends_on["postgres"]["condition"] == "service_healthy"
        assert depends_on["redis"]["condition"] == "service_healthy"


@pytest.mark.parametrize("service", LONG_RUNNING)
def test_every_long_running_service_has_a_healthcheck(compose, service):
    healthcheck = compose["services"][service].get("healthcheck", {})
    assert healthcheck.get("test"), f"{service} has no healthcheck"


@pytest.mark.parametrize("service", DJANGO_SERVICES)
def test_django_services_set_only_variables_the_settings_read(compose, service):
    environment = service_env(compose, service)
    read = settings_read_variables()

    assert {"DATABASE_URL", "REDIS_URL", "DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DJANGO_DEBUG"} <= read
    assert {"DATABASE_URL", "REDIS_URL", "DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"} <= set(environment)
    assert environment["DJANGO_DEBUG"] == "0"
    assert set(environment) <= read, f"unknown to settings.py: {set(environment) - read}"


def test_service_urls_point_at_the_compose_postgres_and_redis(compose):
    environment = service_env(compose, "web")
    postgres_env = service_env(compose, "postgres")
    database = urlsplit(environment["DATABASE_URL"])
    redis = urlsplit(environment["REDIS_URL"])

    assert database.hostname == "postgres" and database.port == 5432
    assert database.username == postgres_env["POSTGRES_USER"]
    assert database.password == postgres_env["POSTGRES_PASSWORD"]
    assert database.path.strip("/") == postgres_env["POSTGRES_DB"]
    assert redis.hostname == "redis"


def test_compose_environment_gives_production_settings_on_postgresql_and_redis(compose):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "CELERY_", "DB_")) and key not in {"DATABASE_URL", "REDIS_URL"}
    }
    environment.update(service_env(compose, "worker"))
    script = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.DEBUG, s.DATABASES['default']['ENGINE'], s.DATABASES['default']['HOST'], "
        "s.CELERY_BROKER_URL, s.CELERY_TASK_ALWAYS_EAGER, s.ALLOWED_HOSTS]))"
    )
    result = subprocess.run(  # noqa: S603 - the test's own interpreter
        [sys.executable, "-c", script],
        cwd=REPO_ROOT,
        env={**environment, "DJANGO_SETTINGS_MODULE": "pmo_portal.settings"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr

    debug, engine, host, broker, eager, allowed_hosts = json.loads(result.stdout.splitlines()[-1])
    assert debug is False
    assert engine == "django.db.backends.postgresql" and host == "postgres"
    assert broker == "redis://redis:6379/0" and eager is False
    assert allowed_hosts == ["pmo.example.com"]


def test_dockerfile_runs_as_a_non_root_user_and_builds_static_files():
    dockerfile = (REPO_ROOT / "Dockerfile").read_text()

    assert re.search(r"^FROM python:3\.11", dockerfile, re.MULTILINE)
    users = re.findall(r"^USER\s+(\S+)", dockerfile, re.MULTILINE)
    assert users and users[-1] not in {"root", "0"}
    assert "collectstatic" in dockerfile and "compilemessages" in dockerfile
    assert "pip install -r requirements.txt" in dockerfile


def docker_compose_config(**variables: str) -> subprocess.CompletedProcess:
    executable = shutil.which("docker-compose")
    if executable is None:
        pytest.skip("docker-compose not installed (apt-get install --no-install-recommends docker-compose)")
    environment = {key: value for key, value in os.environ.items() if key not in REQUIRED_VARIABLES}
    return subprocess.run(  # noqa: S603 - the docker-compose found on PATH
        [executable, "-f", str(COMPOSE_FILE), "config", "-q"],
        cwd=REPO_ROOT,
        env={**environment, **variables},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_docker_compose_accepts_the_file():
    result = docker_compose_config(**REQUIRED_VARIABLES)

    assert result.returncode == 0, result.stderr


def test_docker_compose_refuses_to_start_without_a_secret_key():
    variables = {key: value for key, value in REQUIRED_VARIABLES.items() if key != "DJANGO_SECRET_KEY"}

    result = docker_compose_config(**variables)

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr
