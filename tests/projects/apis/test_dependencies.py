"""The dependencies API as a client uses it: what listing a plan's links costs.

Adding and removing links through the API: tests/projects/apis/test_plans.py and test_tasks.py.
"""

import pytest
from django.urls import reverse

from tests.api_clients import authenticated_client
from tests.factories import UserFactory
from tests.factories.plans import PlannedProjectFactory, build_chain

pytestmark = pytest.mark.django_db

# The project, count and the links with both tasks joined, at 10 and at 200 links.
DEPENDENCY_LIST_QUERIES = 3


def test_dependency_list_api_costs_the_same_fixed_queries_at_10_and_200_links(django_assert_num_queries):
    manager = UserFactory(is_project_manager=True)
    client = authenticated_client(manager)
    for links in (10, 200):
        project = PlannedProjectFactory(project_manager=manager)
        build_chain(project, [1] * (links + 1))  # a chain of n + 1 tasks has n links
        with django_assert_num_queries(DEPENDENCY_LIST_QUERIES, info=f"{links} links"):
            response = client.get(reverse("api:dependency-list", args=[project.pk]), {"page_size": 200})
        assert response.status_code == 200
        assert response.json()["count"] == links
        rows = response.json()["results"]
        assert len(rows) == links
        assert (rows[0]["predecessor_name"], rows[-1]["successor_name"]) == ("T1", f"T{links + 1}")
