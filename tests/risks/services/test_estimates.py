"""Setting and clearing three-point estimates: the plan's editors only, in order, nothing half-saved."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from risks.models import TaskEstimate
from risks.services.estimates import estimates_set
from tests.factories.plans import build_chain
from tests.factories.risks import TaskEstimateFactory

pytestmark = pytest.mark.django_db


def test_the_pm_sets_and_clears_estimates_in_one_call(world, project):
    first, second = build_chain(project, [3, 2])
    TaskEstimateFactory(task=second)
    saved = estimates_set(
        actor=world.pm1, project=project, estimates={first.pk: ("2", "3.5", "6"), second.pk: None}
    )
    assert [(row.task_id, row.most_likely) for row in saved] == [(first.pk, Decimal("3.50"))]
    assert list(TaskEstimate.objects.values_list("task_id", flat=True)) == [first.pk]


def test_an_estimate_out_of_order_is_refused_by_field_and_nothing_is_saved(world, project):
    first, second = build_chain(project, [3, 2])
    with pytest.raises(ValidationError) as refused:
        estimates_set(
            actor=world.pm1,
            project=project,
            estimates={first.pk: (1, 2, 3), second.pk: (4, 3, 2), 999999: (1, 1, 1)},
        )
    fields = refused.value.message_dict
    assert f"estimates.{second.pk}.most_likely" in fields
    assert f"estimates.{second.pk}.pessimistic" in fields
    assert "estimates.999999" in fields
    assert not TaskEstimate.objects.exists()


def test_a_negative_or_non_numeric_duration_is_refused(world, project):
    (task,) = build_chain(project, [3])
    with pytest.raises(ValidationError) as refused:
        estimates_set(actor=world.pm1, project=project, estimates={task.pk: ("-1", "x", "3")})
    assert set(refused.value.message_dict) == {
        f"estimates.{task.pk}.optimistic",
        f"estimates.{task.pk}.most_likely",
    }


def test_a_team_member_and_the_pmo_under_a_supportive_pmo_may_not_set_estimates(world, project):
    (task,) = build_chain(project, [3])
    for person in (world.member, world.pmo, world.sponsor):
        with pytest.raises(PermissionDenied):
            estimates_set(actor=person, project=project, estimates={task.pk: (1, 2, 3)})
    assert not TaskEstimate.objects.exists()


def test_a_task_of_another_project_is_not_this_plans(world, project):
    (foreign,) = build_chain(world.second_project_of_pm1, [1])
    with pytest.raises(ValidationError) as refused:
        estimates_set(actor=world.pm1, project=project, estimates={foreign.pk: (1, 2, 3)})
    assert f"estimates.{foreign.pk}" in refused.value.message_dict
