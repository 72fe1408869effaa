"""The actual costs API as a client uses it: what listing a task's cost entries costs, future dates.

Booking costs through the API: tests/projects/apis/test_tasks.py.
"""

import pytest
from django.urls import reverse

from projects.models import CostEntry
from tests.api_clients import authenticated_client
from tests.factories import UserFactory
from tests.factories.plans import CostEntryFactory, PlannedProjectFactory, build_chain

pytestmark = pytest.mark.django_db

# The task with its project, the project's visibility, count and the entries with their author joined, at
# 10 and at 200 entries.
COST_ENTRY_LIST_QUERIES = 4


def test_cost_entry_list_api_costs_the_same_fixed_queries_at_10_and_200_entries(django_assert_num_queries):
    manager = UserFactory(is_project_manager=True)
    bookers = UserFactory.create_batch(3)
    client = authenticated_client(manager)
    for entries in (10, 200):
        (task,) = build_chain(PlannedProjectFactory(project_manager=manager), [2])
        CostEntry.objects.bulk_create(
            CostEntryFactory.build(task=task, created_by=bookers[number % len(bookers)])
            for number in range(entries)
        )
        with django_assert_num_queries(COST_ENTRY_LIST_QUERIES, info=f"{entries} cost entries"):
            response = client.get(reverse("api:task-cost-entries", args=[task.pk]), {"page_size": 200})
        assert response.status_code == 200
        assert response.json()["count"] == entries
        assert len(response.json()["results"]) == entries


def test_a_cost_dated_in_the_future_is_refused_with_a_date_message():
    manager = UserFactory(is_project_manager=True)
    (task,) = build_chain(PlannedProjectFactory(project_manager=manager), [2])
    response = authenticated_client(manager).post(
        reverse("api:task-cost-entries", args=[task.pk]),
        {"date": "2099-01-01", "amount": "10.00"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["extra"]["fields"] == {
        "date": ["The date of an actual cost cannot be in the future."]
    }
    assert not CostEntry.objects.filter(task=task).exists()
