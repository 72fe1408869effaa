"""How project_reschedule schedules started and manually scheduled tasks (as MS Project does)."""

import datetime

import pytest

from projects.models import Dependency, ScheduleConstraint, Task
from projects.services.reschedule import project_reschedule
from projects.services.tasks import task_update
from tests.factories.plans import PLAN_START, build_chain, refreshed

pytestmark = pytest.mark.django_db

MONDAY_2 = PLAN_START + datetime.timedelta(days=7)  # 2026-03-09


def test_a_manual_task_keeps_its_start_whatever_its_predecessor(project):
    first, second = build_chain(project, [5, 2])
    # Second starts Monday 9 March after First's five days; marked manual, it stays there when First grows.
    Task.objects.filter(pk=second.pk).update(manual=True)
    Task.objects.filter(pk=first.pk).update(duration_days=8)

    project_reschedule(project=project)

    second = refreshed(second)
    assert (second.planned_start, second.planned_finish) == (MONDAY_2, MONDAY_2 + datetime.timedelta(days=1))
    assert second.duration_days == 2
    # It now starts three days before its predecessor finishes: the predecessor's free float says so.
    assert refreshed(first).free_float_days == -3


def test_an_automatic_task_moves_with_its_predecessor(project):
    first, second = build_chain(project, [5, 2])
    Task.objects.filter(pk=first.pk).update(duration_days=8)

    project_reschedule(project=project)

    assert refreshed(second).planned_start == PLAN_START + datetime.timedelta(days=10)


def test_a_manual_task_with_a_start_constraint_sits_on_that_date_even_before_its_predecessor(project):
    first, second = build_chain(project, [5, 2])
    Task.objects.filter(pk=second.pk).update(
        manual=True,
        constraint_type=ScheduleConstraint.START_NO_EARLIER_THAN,
        constraint_date=PLAN_START + datetime.timedelta(days=1),
    )

    project_reschedule(project=project)

    assert refreshed(second).planned_start == PLAN_START + datetime.timedelta(days=1)


def test_a_started_task_starts_on_its_actual_start_and_a_finished_one_keeps_its_actual_dates(project):
    first, second, third = build_chain(project, [2, 3, 1])
    # First finished late (Mon 2 to Thu 5 March); Second started early, on Wed 4, before First finished.
    Task.objects.filter(pk=first.pk).update(
        actual_start=PLAN_START, actual_finish=PLAN_START + datetime.timedelta(days=3), percent_complete=100
    )
    Task.objects.filter(pk=second.pk).update(
        actual_start=PLAN_START + datetime.timedelta(days=2), percent_complete=30
    )

    project_reschedule(project=project)

    first, second, third = refreshed(first), refreshed(second), refreshed(third)
    assert (first.planned_start, first.planned_finish) == (
        PLAN_START,
        PLAN_START + datetime.timedelta(days=3),
    )
    assert (second.planned_start, second.planned_finish) == (
        PLAN_START + datetime.timedelta(days=2),
        PLAN_START + datetime.timedelta(days=4),
    )
    # The rest of the plan follows the remaining work: Third after Second's finish on Friday 6.
    assert third.planned_start == MONDAY_2


def test_manual_can_be_set_through_the_task_service_and_pins_the_current_start(pm, project):
    first, second = build_chain(project, [5, 2])
    second = task_update(actor=pm, task=second, expected_version=second.version, changes={"manual": True})
    assert second.manual and second.planned_start == MONDAY_2
    task_update(actor=pm, task=refreshed(first), expected_version=first.version, changes={"duration_days": 1})
    assert refreshed(second).planned_start == MONDAY_2
    assert Dependency.objects.filter(successor=second).exists()


def test_a_summary_task_is_not_scheduled_manually(pm, project):
    summary = Task.objects.create(project=project, name="Phase", position=0)
    Task.objects.create(project=project, name="Work", position=0, parent=summary)
    project_reschedule(project=project)
    with pytest.raises(Exception, match="Only work tasks and milestones are scheduled manually"):
        task_update(actor=pm, task=refreshed(summary), expected_version=1, changes={"manual": True})


def test_an_actual_start_before_the_project_start_is_kept(project):
    (task,) = build_chain(project, [3])
    Task.objects.filter(pk=task.pk).update(actual_start=datetime.date(2026, 2, 26), percent_complete=10)

    project_reschedule(project=project)

    task = refreshed(task)
    # Thursday 26 February + 3 working days: Thursday, Friday, Monday 2 March.
    assert (task.planned_start, task.planned_finish) == (datetime.date(2026, 2, 26), PLAN_START)
