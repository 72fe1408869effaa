"""The Gantt's payload (projects.serializers.plans.plan_payload): what it decides for the browser."""

import datetime

import pytest
from django.utils import timezone

from projects.models import Task
from projects.serializers.plans import plan_payload
from tests.factories.plans import build_chain

pytestmark = pytest.mark.django_db


def payload_by_name(user, project) -> dict[str, dict]:
    return {row["name"]: row for row in plan_payload(user=user, project=project, baseline=None)["tasks"]}


def at_utc(monkeypatch, moment: datetime.datetime) -> None:
    monkeypatch.setattr(timezone, "now", lambda: moment)


def test_a_task_planned_to_finish_before_today_and_not_complete_is_late(pm, project, monkeypatch):
    # T1 2026-03-02..03, T2 03-04..06, T3 03-09, and a milestone on 03-09 after T3.
    build_chain(project, [2, 3, 1])
    Task.objects.filter(project=project, name="T1").update(percent_complete=100)
    at_utc(monkeypatch, datetime.datetime(2026, 3, 9, 12, tzinfo=datetime.UTC))
    rows = payload_by_name(pm, project)
    assert rows["T2"]["finish"] == "2026-03-06"
    assert rows["T2"]["late"] is True
    assert rows["T1"]["late"] is False  # finished before today, but complete
    assert rows["T3"]["late"] is False  # finishes today: not late yet


def test_a_milestone_past_its_date_and_not_complete_is_late(pm, project, monkeypatch):
    build_chain(project, [2])
    Task.objects.create(project=project, name="Sign-off", position=5, duration_days=0, is_milestone=True)
    from projects.services.reschedule import project_reschedule

    project_reschedule(project=project)
    at_utc(monkeypatch, datetime.datetime(2026, 3, 10, 12, tzinfo=datetime.UTC))
    assert payload_by_name(pm, project)["Sign-off"]["late"] is True


def test_late_follows_the_portals_local_date_not_utc(pm, project, monkeypatch, settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    build_chain(project, [3])  # T1 2026-03-02..04
    # 2026-03-04 20:00 UTC is already 2026-03-05 04:00 in Shanghai: T1 is late there.
    at_utc(monkeypatch, datetime.datetime(2026, 3, 4, 20, tzinfo=datetime.UTC))
    timezone.deactivate()
    rows = payload_by_name(pm, project)
    assert rows["T1"]["late"] is True
    settings.TIME_ZONE = "UTC"
    timezone.deactivate()
    assert payload_by_name(pm, project)["T1"]["late"] is False
