"""Links: summary tasks link as in MS Project, a link's type and lag change in place, lags stay in range."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from projects.limits import MAX_LAG_DAYS_WITHOUT_FINISH
from projects.models import Dependency, Task
from projects.services.dependencies import (
    dependency_add,
    dependency_lag_limit,
    dependency_remove,
    dependency_update,
)
from projects.services.editing import StalePlanError
from projects.services.tasks import task_create
from tests.factories import UserFactory
from tests.factories.plans import build_chain, refreshed

pytestmark = pytest.mark.django_db

MARCH = lambda day: datetime.date(2026, 3, day)  # noqa: E731 - reads like a calendar in the asserts


def test_a_summary_task_links_to_and_from_other_tasks(project, pm):
    design, release = build_chain(project, [3, 1], linked=False)
    phase = task_create(actor=pm, project=project, name="Build", position=1)
    task_create(actor=pm, project=project, name="Code", parent=phase, duration_days=2)
    dependency_add(actor=pm, predecessor=design, successor=refreshed(phase))
    dependency_add(actor=pm, predecessor=refreshed(phase), successor=release)
    code = Task.objects.get(name="Code")
    assert (code.planned_start, code.planned_finish) == (MARCH(5), MARCH(6))
    assert refreshed(release).planned_start == MARCH(9)


def test_a_summary_task_cannot_be_linked_to_its_own_subtask_either_way(project, pm):
    phase = task_create(actor=pm, project=project, name="Build")
    code = task_create(actor=pm, project=project, name="Code", parent=phase)
    for predecessor, successor in ((phase, code), (code, phase)):
        with pytest.raises(ValidationError) as refused:
            dependency_add(actor=pm, predecessor=refreshed(predecessor), successor=refreshed(successor))
        assert "cannot be linked to its own subtasks" in refused.value.message_dict["successor"][0]
    assert not Dependency.objects.filter(project=project).exists()


def test_changing_a_links_type_and_lag_reschedules_at_once(project, pm):
    first, second = build_chain(project, [3, 2])
    link = Dependency.objects.get(predecessor=first)
    project.refresh_from_db()
    changed = dependency_update(
        actor=pm,
        dependency=link,
        changes={"type": "SS", "lag_days": 1},
        expected_plan_version=project.plan_version,
    )
    assert (changed.type, changed.lag_days) == ("SS", 1)
    assert changed.project.plan_version == project.plan_version + 1
    assert refreshed(second).planned_start == MARCH(3)
    dependency_update(actor=pm, dependency=link, changes={"lag_days": -1})
    assert refreshed(second).planned_start == MARCH(2)  # a lead cannot start before the project


def test_a_link_change_refuses_other_fields_stale_plans_and_other_people(project, pm):
    first, second = build_chain(project, [3, 2])
    link = Dependency.objects.get(predecessor=first)
    with pytest.raises(ValidationError) as refused:
        dependency_update(actor=pm, dependency=link, changes={"successor": first})
    assert "successor" in refused.value.message_dict
    project.refresh_from_db()
    with pytest.raises(StalePlanError):
        dependency_update(
            actor=pm, dependency=link, changes={"lag_days": 2}, expected_plan_version=project.plan_version - 1
        )
    with pytest.raises(StalePlanError):
        dependency_remove(actor=pm, dependency=link, expected_plan_version=project.plan_version + 5)
    with pytest.raises(PermissionDenied):
        dependency_update(actor=UserFactory(), dependency=link, changes={"lag_days": 2})
    assert (refreshed(second).planned_start, Dependency.objects.get(pk=link.pk).lag_days) == (MARCH(5), 0)


def test_a_link_change_to_an_unknown_type_is_refused_naming_the_field(project, pm):
    first, second = build_chain(project, [1, 1])
    link = Dependency.objects.get(predecessor=first)
    with pytest.raises(ValidationError) as refused:
        dependency_update(actor=pm, dependency=link, changes={"type": "XX"})
    assert "type" in refused.value.message_dict
    assert Dependency.objects.get(pk=link.pk).type == "FS"


def test_a_lag_longer_than_the_project_is_refused_naming_the_field(project, pm):
    project.finish_date = MARCH(31)  # 2 to 31 March: 22 working days
    project.save()
    first, second = build_chain(project, [1, 1], linked=False)
    assert dependency_lag_limit(project) == 22
    for lag in (23, -23, -99_999):
        with pytest.raises(ValidationError) as refused:
            dependency_add(actor=pm, predecessor=first, successor=second, lag_days=lag)
        assert refused.value.message_dict["lag_days"] == [
            "A lag or lead can be at most 22 working days (the span of the project)."
        ]
    link = dependency_add(actor=pm, predecessor=first, successor=second, lag_days=-22)
    with pytest.raises(ValidationError) as refused:
        dependency_update(actor=pm, dependency=link, changes={"lag_days": 30})
    assert "lag_days" in refused.value.message_dict


def test_a_project_without_a_finish_date_caps_lags_at_three_years_of_working_days(project, pm):
    assert project.finish_date is None
    first, second = build_chain(project, [1, 1], linked=False)
    assert MAX_LAG_DAYS_WITHOUT_FINISH == 780
    with pytest.raises(ValidationError, match="at most 780 working days"):
        dependency_add(actor=pm, predecessor=first, successor=second, lag_days=781)
    dependency_add(actor=pm, predecessor=first, successor=second, lag_days=780)
