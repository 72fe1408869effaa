"""The governance API as a client uses it: what listing the people costs.

The people, me, PMO settings and token endpoints at work: tests/projects/apis/test_projects.py.
"""

import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

USER_LIST_URL = "/api/users/?page_size=200"
# Session, user, count and rows, at 10 and at 200 people.
USER_LIST_QUERIES = 4


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def test_user_list_api_costs_the_same_fixed_queries_at_10_and_200_people(django_assert_num_queries):
    people = get_user_model().objects
    client = client_for(UserFactory(username="pmo", is_pmo_staff=True))
    client.get(USER_LIST_URL)  # warm the session
    for rows in (10, 200):
        people.bulk_create(UserFactory.build_batch(rows - people.count()))
        with django_assert_num_queries(USER_LIST_QUERIES, info=f"{rows} people"):
            response = client.get(USER_LIST_URL)
        assert response.status_code == 200
        assert response.json()["count"] == rows
        assert len(response.json()["results"]) == rows
