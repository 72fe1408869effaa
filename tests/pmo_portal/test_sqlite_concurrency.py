"""Two people editing at once on the embedded SQLite default (`make run`) both succeed, or get a clear
message to try again: never "database is locked" as a 500.

The first test serves a migrated, seeded SQLite portal with gunicorn (two processes of eight threads,
as a small team's server would) and writes to it from six clients at once. The others make the lock
wait run out on purpose and check the answer a page and an API client get.
"""

import collections
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import OperationalError
from django.urls import reverse

from projects.models import CostEntry
from tests.factories import ProjectFactory
from tests.factories.plans import TaskFactory

REPO_ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "concurrent-editors"
CLIENTS = 6
ROUNDS = 8


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _embedded_environment(database: Path) -> dict[str, str]:
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in {"DATABASE_URL", "REDIS_URL", "DJANGO_DEBUG", "CELERY_TASK_ALWAYS_EAGER"}
    }
    environment.update(DATABASE_URL=f"sqlite:///{database}", DEMO_PASSWORD=PASSWORD)
    return environment


def _call(base: str, method: str, path: str, token: str | None = None, body=None, headers=None):
    request = urllib.request.Request(  # noqa: S310 - the test's own server on loopback
        base + path, method=method, data=None if body is None else json.dumps(body).encode()
    )
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Token {token}")
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - loopback
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


@pytest.fixture
def embedded_portal(tmp_path):
    """The portal as `make run` leaves it (SQLite, demo data), served by gunicorn on a free port."""
    environment = _embedded_environment(tmp_path / "portal.sqlite3")
    manage = [sys.executable, str(REPO_ROOT / "manage.py")]
    for command in (["migrate", "--noinput", "-v", "0"], ["seed_demo"]):
        subprocess.run([*manage, *command], cwd=REPO_ROOT, env=environment, check=True, capture_output=True)  # noqa: S603
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "gunicorn",
            "pmo_portal.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "2",
            "--threads",
            "8",
        ],
        cwd=REPO_ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{base}/accounts/login/", timeout=2)  # noqa: S310 - loopback
                break
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("the embedded portal did not start") from None
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_six_people_writing_at_once_on_sqlite_all_succeed_or_are_told_someone_was_first(embedded_portal):
    base = embedded_portal
    _status, answer = _call(
        base, "POST", "/api/auth/token/", body={"username": "admin", "password": PASSWORD}
    )
    token = answer["token"]
    _status, projects = _call(base, "GET", "/api/projects/", token)
    project_id = projects["results"][0]["id"]
    _status, plan = _call(base, "GET", f"/api/projects/{project_id}/plan/", token)
    task_ids = [task["id"] for task in plan["tasks"] if not task["summary"]]
    answers: collections.Counter[tuple[str, int]] = collections.Counter()
    failures: list[str] = []

    def editor(number: int) -> None:
        for round_number in range(ROUNDS):
            task_id = task_ids[(number * 7 + round_number) % len(task_ids)]
            note = f"editor {number} round {round_number}"
            status, body = _call(
                base,
                "POST",
                f"/api/tasks/{task_id}/cost-entries/",
                token,
                {"date": "2026-01-05", "amount": "1.00", "note": note},
            )
            answers["cost entry", status] += 1
            if status != 201:
                failures.append(f"cost entry: {status} {body}")
            _status, task = _call(base, "GET", f"/api/tasks/{task_id}/", token)
            status, body = _call(
                base,
                "PATCH",
                f"/api/tasks/{task_id}/",
                token,
                {"notes": note},
                {"If-Match": f'"{task["version"]}"'},
            )
            answers["task edit", status] += 1
            if status not in {200, 412}:
                failures.append(f"task edit: {status} {body}")

    editors = [threading.Thread(target=editor, args=(number,)) for number in range(CLIENTS)]
    for thread in editors:
        thread.start()
    for thread in editors:
        thread.join()

    assert failures == [], answers
    assert answers["cost entry", 201] == CLIENTS * ROUNDS
    # A task edit lands, or is refused because someone else changed the task first (412).
    assert answers["task edit", 200] >= 1
    notes = {entry["note"] for task_id in task_ids for entry in _cost_entries(base, token, task_id)}
    assert {f"editor {n} round {r}" for n in range(CLIENTS) for r in range(ROUNDS)} <= notes


def _cost_entries(base: str, token: str, task_id: int) -> list[dict]:
    _status, page = _call(base, "GET", f"/api/tasks/{task_id}/cost-entries/?page_size=200", token)
    return page["results"]


@pytest.fixture
def locked_database(monkeypatch):
    """Cost entries whose write finds the database still locked when the busy timeout runs out."""

    def refuse(**kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr("projects.apis.costs.cost_entry_add", refuse)
    monkeypatch.setattr("projects.views.tasks.book_cost", refuse)


@pytest.mark.django_db
def test_api_client_is_asked_to_retry_when_the_database_stays_locked(client, locked_database):
    project = ProjectFactory()
    task = TaskFactory(project=project)
    client.force_login(project.project_manager)

    response = client.post(
        reverse("api:task-cost-entries", args=[task.pk]),
        {"date": "2026-01-05", "amount": "10.00"},
        content_type="application/json",
    )

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "try again in a few seconds" in response.json()["message"]
    assert not CostEntry.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "text"), [("en", "try again in a few seconds"), ("zh-hans", "几秒钟后重试")]
)
def test_page_says_to_try_again_when_the_database_stays_locked(client, locked_database, language, text):
    project = ProjectFactory()
    task = TaskFactory(project=project)
    client.force_login(project.project_manager)

    response = client.post(
        reverse("projects:plan_cost_entry_add", args=[project.pk, task.pk]),
        {"date": "2026-01-05", "amount": "10.00"},
        headers={"accept-language": language},
    )

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert '<div class="code">503</div>' in response.content.decode()
    assert text in response.content.decode()
    assert not CostEntry.objects.exists()
