"""The memberships API as a client uses it: what listing the teams costs.

Adding, changing and removing members through the API: tests/projects/apis/test_projects.py.
"""

import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from projects.models import ProjectMembership
from tests.factories import MembershipFactory, ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db

MEMBERSHIP_LIST_URL = "/api/memberships/?page_size=200"
# Session, user, count and the rows with their project and person joined, at 10 and at 200 members.
MEMBERSHIP_LIST_QUERIES = 4


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def test_membership_list_api_costs_the_same_fixed_queries_at_10_and_200_members(django_assert_num_queries):
    pmo = UserFactory(username="pmo", is_pmo_staff=True)
    projects = ProjectFactory.create_batch(5)
    client = client_for(pmo)

    def add_members(count):
        people = get_user_model().objects.bulk_create(UserFactory.build_batch(count, is_team_member=True))
        ProjectMembership.objects.bulk_create(
            MembershipFactory.build(project=projects[number % len(projects)], user=person)
            for number, person in enumerate(people)
        )

    client.get(MEMBERSHIP_LIST_URL)  # warm the session
    for members in (10, 200):
        add_members(members - ProjectMembership.objects.count())
        with django_assert_num_queries(MEMBERSHIP_LIST_QUERIES, info=f"{members} members"):
            response = client.get(MEMBERSHIP_LIST_URL)
        assert response.status_code == 200
        assert response.json()["count"] == members
        assert len(response.json()["results"]) == members
