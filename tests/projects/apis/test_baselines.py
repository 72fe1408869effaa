"""The baselines API as a client uses it: what listing a plan's baselines and one baseline's rows costs.

Saving a baseline and reading its variance through the API: tests/projects/apis/test_tasks.py.
"""

import pytest
from django.urls import reverse

from projects.models import Baseline, Task
from projects.services.baselines import baseline_save
from tests.api_clients import authenticated_client
from tests.factories import UserFactory
from tests.factories.plans import PlannedProjectFactory, build_chain

pytestmark = pytest.mark.django_db

# The project, count and the baselines with their author joined, at 10 and at 200 baselines.
BASELINE_LIST_QUERIES = 3
# The baseline with its author, the project, its calendar, count and the rows with their live task joined,
# at 10 and at 200 rows.
BASELINE_DETAIL_QUERIES = 5


@pytest.fixture
def manager():
    return UserFactory(is_project_manager=True)


def test_baseline_list_api_costs_the_same_fixed_queries_at_10_and_200_baselines(
    manager, django_assert_num_queries
):
    client = authenticated_client(manager)
    for baselines in (10, 200):
        project = PlannedProjectFactory(project_manager=manager)
        Baseline.objects.bulk_create(
            Baseline(project=project, name=f"B{number}", created_by=manager) for number in range(baselines)
        )
        with django_assert_num_queries(BASELINE_LIST_QUERIES, info=f"{baselines} baselines"):
            response = client.get(reverse("api:baseline-list", args=[project.pk]), {"page_size": 200})
        assert response.status_code == 200
        assert response.json()["count"] == baselines
        rows = response.json()["results"]
        assert len(rows) == baselines
        assert {row["created_by_name"] for row in rows} == {manager.display_name}


def test_baseline_detail_api_costs_the_same_fixed_queries_at_10_and_200_rows(
    manager, django_assert_num_queries
):
    client = authenticated_client(manager)
    for rows in (10, 200):
        project = PlannedProjectFactory(project_manager=manager)
        build_chain(project, [1] * rows)
        baseline = baseline_save(actor=manager, project=project, name="Approved")
        Task.objects.filter(project=project, name="T1").delete()  # a row whose task is gone has no variance
        with django_assert_num_queries(BASELINE_DETAIL_QUERIES, info=f"{rows} rows"):
            response = client.get(reverse("api:baseline-detail", args=[baseline.pk]), {"page_size": 200})
        assert response.status_code == 200
        assert response.json()["count"] == rows
        results = response.json()["results"]
        assert len(results) == rows
        assert sum(row["variance"] is None for row in results) == 1
        assert response.json()["baseline"]["name"] == "Approved"
