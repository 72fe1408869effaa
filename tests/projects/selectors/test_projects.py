"""Who sees which projects, portfolios, programs and teams, and which projects they may edit."""

import pytest
from django.contrib.auth.models import AnonymousUser

from governance import policy
from governance.models import PmoType
from projects.models import Portfolio, Project
from projects.selectors.memberships import membership_list
from projects.selectors.portfolios import portfolio_list, program_list
from projects.selectors.projects import (
    project_detail,
    project_editable_ids,
    project_list,
    user_may_edit_project,
)
from tests.factories import (
    MembershipFactory,
    PortfolioFactory,
    ProgramFactory,
    ProjectFactory,
    UserFactory,
    build_access_world,
    set_pmo_type,
)

pytestmark = pytest.mark.django_db

ROLES = ["admin", "pmo", "pm1", "pm2", "member", "sponsor", "outsider"]


@pytest.fixture
def world():
    return build_access_world(PmoType.SUPPORTIVE)


def ids(queryset) -> set[int]:
    return set(queryset.values_list("pk", flat=True))


@pytest.mark.parametrize("role", ROLES)
def test_each_role_sees_exactly_its_projects(world, role):
    assert ids(project_list(user=world.users[role])) == world.visible_projects(role)


def test_anonymous_visitors_see_no_project(world):
    assert not project_list(user=AnonymousUser()).exists()
    assert not portfolio_list(user=AnonymousUser()).exists()
    assert not membership_list(user=AnonymousUser()).exists()


def test_a_project_shows_once_for_someone_who_is_member_and_sponsor(world):
    MembershipFactory(project=world.project_of_pm1, user=world.sponsor)

    rows = list(project_list(user=world.sponsor))

    assert [project.pk for project in rows] == [world.project_of_pm1.pk]


def test_hidden_project_detail_is_not_found(world):
    with pytest.raises(Project.DoesNotExist):
        project_detail(user=world.pm1, project_id=world.project_of_pm2.pk)

    assert project_detail(user=world.pm2, project_id=world.project_of_pm2.pk) == world.project_of_pm2


@pytest.mark.parametrize("pmo_type", PmoType.values)
@pytest.mark.parametrize("role", ROLES)
def test_editable_ids_follow_the_pmo_policy(world, role, pmo_type):
    set_pmo_type(pmo_type)
    user = world.users[role]
    visible = project_list(user=user)

    editable = project_editable_ids(user=user, projects=visible)

    assert editable == world.editable_projects(role, pmo_type)
    assert editable == {
        project.pk for project in visible if user_may_edit_project(user=user, project=project)
    }


def test_portfolio_override_decides_pmo_editing_per_project(world):
    set_pmo_type(PmoType.SUPPORTIVE)
    Portfolio.objects.filter(pk=world.other_portfolio.pk).update(pmo_type_override=PmoType.DIRECTIVE)

    editable = project_editable_ids(user=world.pmo, projects=project_list(user=world.pmo))

    assert editable == {world.project_of_pm2.pk}


def add_projects(count: int, *, manager, portfolios) -> None:
    for index in range(count):
        ProjectFactory(project_manager=manager, portfolio=portfolios[index % len(portfolios)])


# The installation's PMO type; each portfolio's own comes joined with its projects.
EDITABLE_IDS_QUERIES = 1


@pytest.mark.parametrize("role", ["pmo", "pm1"])
def test_editable_ids_cost_the_same_fixed_queries_at_10_and_200_projects(
    world, role, django_assert_num_queries
):
    user = world.users[role]
    portfolios = [world.portfolio, PortfolioFactory(pmo_type_override=PmoType.DIRECTIVE)]

    for total in (10, 200):
        add_projects(total - Project.objects.count(), manager=world.pm1, portfolios=portfolios)
        projects = list(project_list(user=user))
        assert len(projects) >= total - 1
        with django_assert_num_queries(EDITABLE_IDS_QUERIES, info=f"{total} projects"):
            project_editable_ids(user=user, projects=projects)


def test_project_list_joins_what_a_list_shows(world, django_assert_num_queries):
    add_projects(20, manager=world.pm1, portfolios=[world.portfolio])

    with django_assert_num_queries(1):
        rows = [
            (project.portfolio.name, project.project_manager.display_name, project.sponsor, project.program)
            for project in project_list(user=world.admin)
        ]

    assert len(rows) == 23


def test_editable_ids_match_the_policy_module(world):
    set_pmo_type(PmoType.DIRECTIVE)
    projects = list(project_list(user=world.pmo))

    editable = project_editable_ids(user=world.pmo, projects=projects)

    assert editable == {
        project.pk
        for project in projects
        if policy.may_edit_project(
            world.pmo, project_manager_id=project.project_manager_id, pmo_type=PmoType.DIRECTIVE
        )
    }


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("admin", {"portfolio", "other_portfolio", "empty"}),
        ("pmo", {"portfolio", "other_portfolio", "empty"}),
        ("pm1", {"portfolio"}),
        ("pm2", {"other_portfolio"}),
        ("member", {"portfolio"}),
        ("sponsor", {"portfolio"}),
        ("outsider", set()),
    ],
)
def test_portfolios_are_scoped_to_visible_projects(world, role, expected):
    empty = PortfolioFactory()
    names = {world.portfolio.pk: "portfolio", world.other_portfolio.pk: "other_portfolio", empty.pk: "empty"}

    visible = {names[pk] for pk in ids(portfolio_list(user=world.users[role]))}

    assert visible == expected


def test_programs_are_scoped_to_visible_projects(world):
    program_of_pm1 = ProgramFactory(portfolio=world.portfolio)
    program_of_pm2 = ProgramFactory(portfolio=world.other_portfolio)
    Project.objects.filter(pk=world.project_of_pm1.pk).update(program=program_of_pm1)
    Project.objects.filter(pk=world.project_of_pm2.pk).update(program=program_of_pm2)

    assert ids(program_list(user=world.member)) == {program_of_pm1.pk}
    assert ids(program_list(user=world.pm2)) == {program_of_pm2.pk}
    assert ids(program_list(user=world.pmo)) == {program_of_pm1.pk, program_of_pm2.pk}
    assert not program_list(user=world.outsider).exists()


def test_memberships_are_scoped_to_visible_projects(world):
    colleague = UserFactory(is_team_member=True)
    MembershipFactory(project=world.project_of_pm2, user=colleague)

    def project_ids(user):
        return set(membership_list(user=user).values_list("project_id", flat=True))

    assert project_ids(world.member) == {world.project_of_pm1.pk}
    assert project_ids(world.pm1) == {world.project_of_pm1.pk}
    assert project_ids(world.pm2) == {world.project_of_pm2.pk}
    assert project_ids(world.pmo) == {world.project_of_pm1.pk, world.project_of_pm2.pk}
    assert project_ids(world.outsider) == set()


def test_member_of_one_project_does_not_see_its_sibling(world):
    visible = ids(project_list(user=world.member))

    assert world.second_project_of_pm1.pk not in visible
