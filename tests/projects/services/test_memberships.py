"""What the membership services let each role do to a team, what they refuse, and what they record."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from governance.models import PmoType
from projects.models import MembershipRole, ProjectMembership
from projects.services.memberships import membership_add, membership_remove, membership_update
from tests.factories import (
    MembershipFactory,
    UserFactory,
    set_pmo_type,
)

pytestmark = pytest.mark.django_db


# --- memberships -------------------------------------------------------------------------------------


def test_project_manager_adds_a_member_with_a_role(world):
    newcomer = UserFactory(is_team_member=True)

    membership = membership_add(
        actor=world.pm1, project=world.project_of_pm1, user=newcomer, role=MembershipRole.TEAM_LEAD
    )

    assert membership.role == MembershipRole.TEAM_LEAD
    assert membership.history.get().history_user == world.pm1


def test_the_same_person_cannot_join_a_project_twice(world):
    with pytest.raises(ValidationError) as excinfo:
        membership_add(actor=world.pm1, project=world.project_of_pm1, user=world.member)

    assert set(excinfo.value.message_dict) == {"user"}
    assert ProjectMembership.objects.filter(project=world.project_of_pm1, user=world.member).count() == 1


def test_inactive_people_cannot_join_a_project(world):
    departed = UserFactory(is_active=False)

    with pytest.raises(ValidationError) as excinfo:
        membership_add(actor=world.pm1, project=world.project_of_pm1, user=departed)

    assert set(excinfo.value.message_dict) == {"user"}


def test_unknown_membership_role_is_refused(world):
    membership = ProjectMembership.objects.get(project=world.project_of_pm1, user=world.member)

    with pytest.raises(ValidationError) as excinfo:
        membership_update(actor=world.pm1, membership=membership, role="overlord")

    assert set(excinfo.value.message_dict) == {"role"}


@pytest.mark.parametrize("role", ["pm2", "member", "sponsor", "outsider", "pmo"])
def test_non_editors_cannot_change_the_team(world, role):
    actor = world.users[role]
    membership = ProjectMembership.objects.get(project=world.project_of_pm1, user=world.member)

    with pytest.raises(PermissionDenied):
        membership_add(actor=actor, project=world.project_of_pm1, user=world.outsider)
    with pytest.raises(PermissionDenied):
        membership_update(actor=actor, membership=membership, role=MembershipRole.OBSERVER)
    with pytest.raises(PermissionDenied):
        membership_remove(actor=actor, membership=membership)

    membership.refresh_from_db()
    assert membership.role == MembershipRole.TEAM_MEMBER
    assert not ProjectMembership.objects.filter(user=world.outsider).exists()


def test_directive_pmo_staff_manage_the_team(world):
    set_pmo_type(PmoType.DIRECTIVE)

    membership_add(actor=world.pmo, project=world.project_of_pm2, user=world.outsider)

    assert ProjectMembership.objects.filter(project=world.project_of_pm2, user=world.outsider).exists()


def test_removing_a_member_is_recorded_with_its_author(world):
    membership = MembershipFactory(project=world.project_of_pm1)
    membership_id = membership.pk

    membership_remove(actor=world.pm1, membership=membership)

    assert not ProjectMembership.objects.filter(pk=membership_id).exists()
    removal = ProjectMembership.history.filter(id=membership_id, history_type="-").get()
    assert removal.history_user == world.pm1
