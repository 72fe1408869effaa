"""The memberships API as a client uses it: adding, changing and removing members, filters, costs."""

import pytest
from django.contrib.auth import get_user_model

from governance.models import PmoType
from projects.models import ProjectMembership
from tests.api_clients import session_client
from tests.factories import (
    MembershipFactory,
    ProjectFactory,
    UserFactory,
    build_access_world,
)

pytestmark = pytest.mark.django_db

MEMBERSHIP_LIST_URL = "/api/memberships/?page_size=200"
# Session, user, count and the rows with their project and person joined, at 10 and at 200 members.
MEMBERSHIP_LIST_QUERIES = 4


def test_membership_list_api_costs_the_same_fixed_queries_at_10_and_200_members(django_assert_num_queries):
    pmo = UserFactory(username="pmo", is_pmo_staff=True)
    projects = ProjectFactory.create_batch(5)
    client = session_client(pmo)

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


@pytest.fixture
def world():
    return build_access_world(PmoType.SUPPORTIVE)


def test_a_project_manager_adds_changes_and_removes_a_member(world):
    newcomer = UserFactory(username="newcomer", is_team_member=True)
    client = session_client(world.pm1)
    added = client.post(
        "/api/memberships/",
        {"project": world.project_of_pm1.pk, "user": newcomer.pk, "role": "team_lead"},
        format="json",
    )
    assert added.status_code == 201, added.json()
    membership_id = added.json()["id"]
    assert added.json()["user"]["username"] == "newcomer"
    assert added.json()["project"]["code"] == world.project_of_pm1.code

    changed = client.patch(f"/api/memberships/{membership_id}/", {"role": "observer"}, format="json")
    assert changed.json()["role"] == "observer"
    assert client.get(f"/api/memberships/{membership_id}/").json()["role"] == "observer"

    assert client.delete(f"/api/memberships/{membership_id}/").status_code == 204
    assert not ProjectMembership.objects.filter(pk=membership_id).exists()


def test_membership_list_filters_by_project_user_and_role(world):
    lead = MembershipFactory(project=world.project_of_pm2, role="team_lead")
    client = session_client(world.admin)

    def ids(query):
        return {row["id"] for row in client.get(f"/api/memberships/?{query}").json()["results"]}

    assert ids(f"project={world.project_of_pm2.pk}") == {lead.pk}
    assert ids(f"user={lead.user_id}") == {lead.pk}
    assert ids("role=team_lead") == {lead.pk}
