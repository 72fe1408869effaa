"""Actual cost to date: what was spent up to today."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from projects.models import Task
from projects.selectors.costs import with_actual_cost
from tests.factories.plans import CostEntryFactory, build_chain

pytestmark = pytest.mark.django_db


def test_actual_cost_to_date_leaves_out_entries_dated_after_today(project):
    (task,) = build_chain(project, [2])
    today = timezone.localdate()
    CostEntryFactory(task=task, date=today, amount=Decimal("100.00"))
    CostEntryFactory(task=task, date=today - datetime.timedelta(days=30), amount=Decimal("20.00"))
    # Stored before such dates were refused: a cost dated 2099 is not spent yet.
    CostEntryFactory(task=task, date=datetime.date(2099, 1, 1), amount=Decimal("5000.00"))
    assert with_actual_cost(Task.objects.filter(pk=task.pk)).get().actual_cost == Decimal("120.00")
