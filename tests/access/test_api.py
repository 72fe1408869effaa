"""Who may do what through the API: role x endpoint x ownership, under two PMO types, two ways of signing in.

Every endpoint and method of the foundation API is tried by each of the seven users of
tests.factories.build_access_world on projects they manage, sponsor, belong to or have nothing to
do with. The expected answer comes from the world's own definition of who sees and edits what
(DOMAIN.md): seen and editable -> success, seen only -> 403, hidden -> 404. Each test collects
every mismatch, so a failure lists the whole damage, and there must be none.
"""

import pytest
from django.http import HttpRequest
from rest_framework.test import APIClient

from governance.models import ApiToken, PmoSettings, PmoType
from projects.models import Portfolio, Program, Project, ProjectMembership
from tests.api_clients import token_client
from tests.factories import (
    PASSWORD,
    MembershipFactory,
    ProgramFactory,
    UserFactory,
    build_access_world,
    published_methodology,
)

pytestmark = pytest.mark.django_db

ROLES = ["admin", "pmo", "pm1", "pm2", "member", "sponsor", "outsider"]
PMO_TYPES = [PmoType.SUPPORTIVE, PmoType.DIRECTIVE]
AUTH_METHODS = ["session", "token"]


class Matrix:
    """A client for one user plus the list of answers that differed from what the rules allow."""

    def __init__(self, client: APIClient, role: str):
        self.client = client
        self.role = role
        self.mismatches: list[str] = []

    def expect(self, method: str, url: str, expected: int | set[int], data=None):
        response = getattr(self.client, method)(url, data, format="json") if data is not None else None
        if response is None:
            response = getattr(self.client, method)(url)
        allowed = expected if isinstance(expected, set) else {expected}
        if response.status_code not in allowed:
            self.mismatches.append(
                f"{self.role} {method.upper()} {url}: got {response.status_code}, expected {sorted(allowed)}"
            )
        if response.status_code >= 400 and response.content:
            body = response.json()
            if set(body) != {"message", "extra"}:
                self.mismatches.append(f"{self.role} {method.upper()} {url}: error not in the shape: {body}")
        return response

    def expect_ids(self, url: str, expected_ids: set[int]):
        response = self.client.get(f"{url}{'&' if '?' in url else '?'}page_size=200")
        if response.status_code != 200:
            self.mismatches.append(f"{self.role} GET {url}: got {response.status_code}")
            return
        ids = {row["id"] for row in response.json()["results"]}
        if ids != expected_ids:
            self.mismatches.append(
                f"{self.role} GET {url}: rows {sorted(ids)}, permitted {sorted(expected_ids)}"
            )


def signed_in_client(user, auth: str) -> APIClient:
    if auth == "token":
        return token_client(user)
    client = APIClient()
    # django-axes counts each sign-in by its request, so the test's sign-in brings one.
    assert client.login(request=HttpRequest(), username=user.username, password=PASSWORD)
    return client


@pytest.fixture(params=PMO_TYPES)
def world(request):
    world = build_access_world(request.param)
    world.pmo_type = request.param
    # Programs and a second membership, so those lists have rows to hide.
    world.program = ProgramFactory(portfolio=world.portfolio)
    world.other_program = ProgramFactory(portfolio=world.other_portfolio)
    Project.objects.filter(pk=world.project_of_pm1.pk).update(program=world.program)
    Project.objects.filter(pk=world.project_of_pm2.pk).update(program=world.other_program)
    world.member_on_pm2 = MembershipFactory(project=world.project_of_pm2)
    return world


def expected_for(world, role: str, project_id: int, success: int) -> int:
    if project_id not in world.visible_projects(role):
        return 404
    if project_id in world.editable_projects(role, world.pmo_type):
        return success
    return 403


def sees_everything(role: str) -> bool:
    return role in {"admin", "pmo"}


@pytest.mark.parametrize("auth", AUTH_METHODS)
@pytest.mark.parametrize("role", ROLES)
def test_project_endpoints_allow_exactly_what_the_rules_allow(world, role, auth):
    user = world.users[role]
    matrix = Matrix(signed_in_client(user, auth), role)
    projects = [world.project_of_pm1, world.second_project_of_pm1, world.project_of_pm2]
    visible = world.visible_projects(role)

    matrix.expect_ids("/api/projects/", visible)
    for project in projects:
        seen = 200 if project.pk in visible else 404
        matrix.expect("get", f"/api/projects/{project.pk}/", seen)
        matrix.expect("get", f"/api/projects/{project.pk}/history/", seen)

    rows = matrix.client.get("/api/projects/").json().get("results", [])
    editable = world.editable_projects(role, world.pmo_type)
    if {row["id"] for row in rows if row["can_edit"]} != editable:
        matrix.mismatches.append(
            f"{role}: can_edit rows differ from the editable projects {sorted(editable)}"
        )

    for project in projects:
        url = f"/api/projects/{project.pk}/"
        answer = matrix.expect("patch", url, expected_for(world, role, project.pk, 200), {"department": role})
        changed = Project.objects.get(pk=project.pk).department == role
        if changed != (answer.status_code == 200):
            matrix.mismatches.append(f"{role} PATCH {url}: saved={changed} with status {answer.status_code}")

    may_create = role in {"admin", "pm1", "pm2"} or (role == "pmo" and world.pmo_type == PmoType.DIRECTIVE)
    before = Project.objects.count()
    matrix.expect(
        "post",
        "/api/projects/",
        201 if may_create else 403,
        # Controlling and directive PMOs make the methodology mandatory.
        {
            "code": f"NEW-{role}",
            "name": "新项目",
            "portfolio": world.portfolio.pk,
            "methodology": published_methodology().pk,
        },
    )
    if Project.objects.count() != before + (1 if may_create else 0):
        matrix.mismatches.append(f"{role} POST /api/projects/: row count went wrong")

    for project in projects:
        deletable = 204 if role == "admin" else (403 if project.pk in visible else 404)
        matrix.expect("delete", f"/api/projects/{project.pk}/", deletable)
        if Project.objects.filter(pk=project.pk).exists() != (deletable != 204):
            matrix.mismatches.append(f"{role} DELETE project {project.pk}: row state went wrong")

    assert matrix.mismatches == []


@pytest.mark.parametrize("auth", AUTH_METHODS)
@pytest.mark.parametrize("role", ROLES)
def test_membership_endpoints_allow_exactly_what_the_rules_allow(world, role, auth):
    matrix = Matrix(signed_in_client(world.users[role], auth), role)
    visible = world.visible_projects(role)
    memberships = list(ProjectMembership.objects.all())
    permitted = {membership.pk for membership in memberships if membership.project_id in visible}

    matrix.expect_ids("/api/memberships/", permitted)
    for project_id in (world.project_of_pm1.pk, world.project_of_pm2.pk):
        matrix.expect_ids(
            f"/api/memberships/?project={project_id}",
            {m.pk for m in memberships if m.project_id == project_id and project_id in visible},
        )
    for membership in memberships:
        url = f"/api/memberships/{membership.pk}/"
        matrix.expect("get", url, 200 if membership.project_id in visible else 404)
        matrix.expect(
            "patch", url, expected_for(world, role, membership.project_id, 200), {"role": "observer"}
        )

    for project in (world.project_of_pm1, world.second_project_of_pm1, world.project_of_pm2):
        # A hidden project is an unknown value of the `project` field: 400 that reveals nothing.
        expected = expected_for(world, role, project.pk, 201)
        before = ProjectMembership.objects.count()
        matrix.expect(
            "post",
            "/api/memberships/",
            400 if expected == 404 else expected,
            {"project": project.pk, "user": world.outsider.pk},
        )
        added = ProjectMembership.objects.count() - before
        if added != (1 if expected == 201 else 0):
            matrix.mismatches.append(f"{role} POST membership on {project.pk}: {added} rows added")

    for membership in memberships:
        url = f"/api/memberships/{membership.pk}/"
        expected = expected_for(world, role, membership.project_id, 204)
        matrix.expect("delete", url, expected)
        if ProjectMembership.objects.filter(pk=membership.pk).exists() != (expected != 204):
            matrix.mismatches.append(f"{role} DELETE {url}: row state went wrong")

    assert matrix.mismatches == []


@pytest.mark.parametrize("auth", AUTH_METHODS)
@pytest.mark.parametrize("role", ROLES)
def test_portfolio_and_program_endpoints_allow_exactly_what_the_rules_allow(world, role, auth):
    matrix = Matrix(signed_in_client(world.users[role], auth), role)
    visible_projects = Project.objects.filter(pk__in=world.visible_projects(role))
    if sees_everything(role):
        portfolios = set(Portfolio.objects.values_list("pk", flat=True))
        programs = set(Program.objects.values_list("pk", flat=True))
    else:
        portfolios = set(visible_projects.values_list("portfolio_id", flat=True))
        programs = set(visible_projects.exclude(program=None).values_list("program_id", flat=True))
    manages = sees_everything(role)

    matrix.expect_ids("/api/portfolios/", portfolios)
    matrix.expect_ids("/api/programs/", programs)
    matrix.expect_ids(f"/api/programs/?portfolio={world.portfolio.pk}", programs & {world.program.pk})
    for portfolio in (world.portfolio, world.other_portfolio):
        url = f"/api/portfolios/{portfolio.pk}/"
        seen = portfolio.pk in portfolios
        matrix.expect("get", url, 200 if seen else 404)
        matrix.expect("patch", url, (200 if manages else 403) if seen else 404, {"name": f"by {role}"})
        if (Portfolio.objects.get(pk=portfolio.pk).name == f"by {role}") != (seen and manages):
            matrix.mismatches.append(f"{role} PATCH {url}: saved state went wrong")
        override = (200 if role == "admin" else 403) if seen else 404
        matrix.expect("patch", url, override, {"pmo_type_override": "controlling"})
    for program in (world.program, world.other_program):
        matrix.expect("get", f"/api/programs/{program.pk}/", 200 if program.pk in programs else 404)
        matrix.expect(
            "patch", f"/api/programs/{program.pk}/", 405 if program.pk in programs else {404, 405}, {}
        )

    before = (Portfolio.objects.count(), Program.objects.count())
    matrix.expect("post", "/api/portfolios/", 201 if manages else 403, {"code": f"PF-{role}", "name": "组合"})
    matrix.expect(
        "post",
        "/api/programs/",
        201 if manages else 403,
        {"portfolio": world.portfolio.pk, "code": f"PG-{role}", "name": "项目群"},
    )
    after = (Portfolio.objects.count(), Program.objects.count())
    if after != (before[0] + manages, before[1] + manages):
        matrix.mismatches.append(f"{role}: portfolio/program row counts went from {before} to {after}")

    assert matrix.mismatches == []


@pytest.mark.parametrize("auth", AUTH_METHODS)
@pytest.mark.parametrize("role", ROLES)
def test_people_settings_and_scheduling_endpoints_allow_exactly_what_the_rules_allow(world, role, auth):
    matrix = Matrix(signed_in_client(world.users[role], auth), role)
    everyone = {user.pk for user in world.users.values()} | set(
        ProjectMembership.objects.values_list("user_id", flat=True)
    )
    matrix.expect_ids("/api/users/", everyone)
    me = matrix.expect("get", "/api/me/", 200)
    if me.status_code == 200 and me.json()["id"] != world.users[role].pk:
        matrix.mismatches.append(f"{role} GET /api/me/: answered for someone else")

    matrix.expect("get", "/api/pmo-settings/", 200)
    is_admin = role == "admin"
    matrix.expect("patch", "/api/pmo-settings/", 200 if is_admin else 403, {"default_currency": "EUR"})
    matrix.expect(
        "put",
        "/api/pmo-settings/",
        200 if is_admin else 403,
        {"pmo_type": world.pmo_type, "default_currency": "EUR"},
    )
    if (PmoSettings.load().default_currency == "EUR") != is_admin:
        matrix.mismatches.append(f"{role}: PMO settings saved state went wrong")

    network = {
        "activities": [{"id": "A", "duration": 2}, {"id": "B", "duration": 1, "predecessors": [{"id": "A"}]}]
    }
    matrix.expect("post", "/api/schedule/", 200, network)

    token = APIClient().post(
        "/api/auth/token/", {"username": world.users[role].username, "password": PASSWORD}, format="json"
    )
    if (
        token.status_code != 200
        or not ApiToken.objects.filter(
            user=world.users[role], key_hash=ApiToken.hash_key(token.json()["token"])
        ).exists()
    ):
        matrix.mismatches.append(f"{role} POST /api/auth/token/: no token for the right password")

    assert matrix.mismatches == []


ANONYMOUS_CALLS = [
    ("get", "/api/projects/"),
    ("post", "/api/projects/"),
    ("get", "/api/projects/{project}/"),
    ("patch", "/api/projects/{project}/"),
    ("delete", "/api/projects/{project}/"),
    ("get", "/api/projects/{project}/history/"),
    ("get", "/api/portfolios/"),
    ("post", "/api/portfolios/"),
    ("get", "/api/portfolios/{portfolio}/"),
    ("patch", "/api/portfolios/{portfolio}/"),
    ("get", "/api/programs/"),
    ("post", "/api/programs/"),
    ("get", "/api/programs/{program}/"),
    ("get", "/api/memberships/"),
    ("post", "/api/memberships/"),
    ("get", "/api/memberships/{membership}/"),
    ("patch", "/api/memberships/{membership}/"),
    ("delete", "/api/memberships/{membership}/"),
    ("get", "/api/users/"),
    ("get", "/api/me/"),
    ("get", "/api/pmo-settings/"),
    ("put", "/api/pmo-settings/"),
    ("patch", "/api/pmo-settings/"),
    ("post", "/api/schedule/"),
]


@pytest.mark.parametrize("auth", ["anonymous", "bad token", "signed out session"])
def test_nobody_unauthenticated_gets_anything(world, auth):
    client = APIClient()
    if auth == "bad token":
        client.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")
    elif auth == "signed out session":
        client.login(request=HttpRequest(), username="admin", password=PASSWORD)
        client.logout()
    ids = {
        "project": world.project_of_pm1.pk,
        "portfolio": world.portfolio.pk,
        "program": world.program.pk,
        "membership": ProjectMembership.objects.filter(user=world.member).get().pk,
    }
    before = (Project.objects.count(), ProjectMembership.objects.count(), Project.history.count())
    matrix = Matrix(client, auth)
    for method, template in ANONYMOUS_CALLS:
        matrix.expect(method, template.format(**ids), 401, {} if method != "get" else None)
    assert matrix.mismatches == []
    assert (Project.objects.count(), ProjectMembership.objects.count(), Project.history.count()) == before


def test_an_outsider_with_a_valid_token_cannot_reach_anything_by_guessing_ids(world):
    client = signed_in_client(UserFactory(username="stranger"), "token")
    for project in (world.project_of_pm1, world.project_of_pm2):
        assert client.get(f"/api/projects/{project.pk}/").status_code == 404
    assert client.get("/api/projects/").json()["count"] == 0
    assert client.get("/api/memberships/").json()["count"] == 0
    assert client.get("/api/portfolios/").json()["count"] == 0
