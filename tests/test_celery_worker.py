"""A real Celery worker, fed through a real Redis broker, runs the portal's tasks against the database."""

import pytest
import redis
from celery.result import EagerResult

from pmo_portal.tasks import ping
from projects.tasks import count_projects
from tests.factories import ProjectFactory

pytestmark = pytest.mark.celery_worker_test


@pytest.mark.django_db(transaction=True)
def test_worker_runs_a_task_that_reads_the_database(celery_worker, redis_url):
    ProjectFactory.create_batch(3)

    result = count_projects.delay()

    assert result.get(timeout=20) == 3
    # The result went through Redis, not an in-process shortcut.
    assert redis.Redis.from_url(redis_url).exists(f"celery-task-meta-{result.id}") == 1


@pytest.mark.django_db(transaction=True)
def test_worker_round_trips_chinese_text(celery_worker):
    assert ping.delay("项目管理办公室").get(timeout=20) == "项目管理办公室"


def test_tasks_run_in_process_outside_the_worker_fixture():
    result = ping.delay("eager")

    assert isinstance(result, EagerResult)
    assert result.get(timeout=1) == "eager"
