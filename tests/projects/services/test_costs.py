"""Booking actual costs: spent money is dated today or earlier."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from projects.models import CostEntry
from projects.services.costs import cost_entry_add
from tests.factories.plans import build_chain

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("days_ahead", [1, 365 * 73])  # tomorrow, and 2099
def test_a_cost_dated_after_today_is_refused_naming_the_date(project, pm, days_ahead):
    (task,) = build_chain(project, [2])
    later = timezone.localdate() + datetime.timedelta(days=days_ahead)
    with pytest.raises(ValidationError) as refused:
        cost_entry_add(actor=pm, task=task, date=later, amount=Decimal("10.00"))
    assert refused.value.message_dict == {"date": ["The date of an actual cost cannot be in the future."]}
    assert not CostEntry.objects.filter(task=task).exists()


def test_someone_who_may_not_edit_the_plan_is_refused_before_the_date_is_checked(project, member):
    (task,) = build_chain(project, [2])
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(PermissionDenied):
        cost_entry_add(actor=member, task=task, date=tomorrow, amount=Decimal("10.00"))


def test_a_cost_dated_today_is_booked(project, pm):
    (task,) = build_chain(project, [2])
    entry = cost_entry_add(actor=pm, task=task, date=timezone.localdate(), amount=Decimal("10.00"))
    assert entry.pk is not None
