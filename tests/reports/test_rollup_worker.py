"""Rollups through a real Celery worker and Redis: edits reach the rollups, whatever the deliveries do."""

import time
from decimal import Decimal

import pytest

from projects.models import RollupMark
from reports.models import ProjectRollup
from reports.services.rollups import rollup_drift
from reports.tasks import drain_rollups
from tests.celery_connections import broker_unreachable
from tests.reports.services.test_rollups import planned_project, set_progress

pytestmark = [pytest.mark.celery_worker_test, pytest.mark.django_db(transaction=True)]
D = Decimal


def earned_value_becomes(project, expected, *, within=15.0):
    """Wait until the worker has stored the expected EV for the project; the last value seen otherwise."""
    deadline = time.monotonic() + within
    value = None
    while time.monotonic() < deadline:
        value = ProjectRollup.objects.filter(project=project).values_list("earned_value", flat=True).first()
        if value == expected and not RollupMark.objects.filter(project=project).exists():
            return value
        time.sleep(0.05)
    return value


def test_an_edit_is_rolled_up_by_the_worker_after_commit(celery_worker):
    project, tasks = planned_project()

    set_progress(project, tasks[0], 60)

    assert earned_value_becomes(project, D(300)) == D(300)
    assert rollup_drift() == []


def test_duplicate_and_late_deliveries_change_nothing(celery_worker):
    project, tasks = planned_project()
    set_progress(project, tasks[0], 60)
    set_progress(project, tasks[1], 20)
    assert earned_value_becomes(project, D(400)) == D(400)
    stored = ProjectRollup.objects.get(project=project)

    # A drain delivered again, and one arriving late, after the marks were drained.
    results = [drain_rollups.delay(), drain_rollups.delay()]
    for result in results:
        result.get(timeout=20)

    assert ProjectRollup.objects.get(project=project).earned_value == stored.earned_value == D(400)
    assert ProjectRollup.objects.get(project=project).computed_at == stored.computed_at
    assert rollup_drift() == []


def test_with_the_broker_down_edits_save_and_are_rolled_up_once_it_returns(celery_worker):
    project, tasks = planned_project()

    with broker_unreachable(celery_worker.app):
        started = time.monotonic()
        set_progress(project, tasks[0], 60)
        saving_took = time.monotonic() - started

        tasks[0].refresh_from_db()
        assert tasks[0].percent_complete == 60
        assert saving_took < 5  # the edit did not wait on the broker's retries
        assert RollupMark.objects.filter(project=project).exists()
        assert not ProjectRollup.objects.filter(project=project).exists()

    # The broker is back; the beat table's periodic drain is what arrives next.
    drain_rollups.delay().get(timeout=20)

    assert earned_value_becomes(project, D(300)) == D(300)
    assert rollup_drift() == []
