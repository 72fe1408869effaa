"""The one-statement bulk update writes every value as a row-by-row save would, NULLs included."""

import datetime
from decimal import Decimal

import pytest

from projects.bulk import bulk_update_rows
from projects.models import Task
from tests.factories.plans import PlannedProjectFactory, build_chain

pytestmark = pytest.mark.django_db


def test_bulk_update_rows_writes_dates_nulls_decimals_and_flags_of_each_row():
    project = PlannedProjectFactory()
    first, second, untouched = build_chain(project, [1, 2, 3], linked=False)
    first.planned_start, first.planned_cost, first.is_critical = (
        datetime.date(2027, 1, 4),
        Decimal("12.50"),
        True,
    )
    second.planned_start, second.planned_cost, second.is_critical = None, Decimal("0.01"), False

    bulk_update_rows(Task, [first, second], ["planned_start", "planned_cost", "is_critical"])

    stored = {task.pk: task for task in Task.objects.filter(project=project)}
    assert (stored[first.pk].planned_start, stored[first.pk].planned_cost, stored[first.pk].is_critical) == (
        datetime.date(2027, 1, 4),
        Decimal("12.50"),
        True,
    )
    assert (stored[second.pk].planned_start, stored[second.pk].planned_cost) == (None, Decimal("0.01"))
    assert stored[untouched.pk].planned_start == untouched.planned_start


def test_bulk_update_rows_with_nothing_to_write_sends_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        bulk_update_rows(Task, [], ["planned_start"])
