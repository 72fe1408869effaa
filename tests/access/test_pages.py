"""Who may do what on every page: role x page x ownership, under a supportive and a directive PMO.

Each case signs in one of the seven people of `build_access_world`, visits every page of the
foundation and tries every write; the answer must be a success exactly when DOMAIN.md allows it,
and otherwise 404 (project hidden), 403 (visible but not allowed) or the sign-in page (anonymous),
with nothing changed.
"""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from governance.models import PmoSettings, PmoType
from projects.models import Project, ProjectMembership
from tests.factories import (
    PASSWORD,
    MembershipFactory,
    UserFactory,
    build_access_world,
    published_methodology,
)

pytestmark = pytest.mark.django_db

ROLES = ["admin", "pmo", "pm1", "pm2", "member", "sponsor", "outsider"]
PMO_TYPES = [PmoType.SUPPORTIVE, PmoType.DIRECTIVE]


def may_create(role: str, pmo_type: str) -> bool:
    return role in {"admin", "pm1", "pm2"} or (role == "pmo" and pmo_type == PmoType.DIRECTIVE)


def project_form_data(project: Project, **overrides) -> dict:
    data = {
        "code": project.code,
        "name": project.name,
        "description": project.description,
        "portfolio": project.portfolio_id,
        "program": project.program_id or "",
        "department": project.department,
        "sponsor": project.sponsor_id or "",
        "project_manager": project.project_manager_id,
        "status": project.status,
        "priority": project.priority,
        "start_date": "",
        "finish_date": "",
        "budget": str(project.budget),
        "currency": project.currency,
        "objectives": "",
        "scope_in": "",
        "scope_out": "",
        "success_criteria": "",
    }
    data.update(overrides)
    return data


class Checker:
    """Collects every answer that differs from what the role may do."""

    def __init__(self, client, label: str, anonymous: bool):
        self.client = client
        self.label = label
        self.anonymous = anonymous
        self.violations: list[str] = []

    def expect(
        self, method: str, url: str, allowed_status: int, denied_status: int, allowed: bool, data=None
    ):
        response = getattr(self.client, method)(url, data or {})
        if self.anonymous:
            ok = response.status_code == 302 and response.url.startswith(reverse("login"))
            expected = "redirect to sign-in"
        else:
            expected = allowed_status if allowed else denied_status
            ok = response.status_code == expected
        if not ok:
            self.violations.append(
                f"{self.label} {method.upper()} {url}: {response.status_code}, want {expected}"
            )
        return response

    def fact(self, description: str, holds: bool):
        if not holds:
            self.violations.append(f"{self.label}: {description}")


def exercise_every_page(client, world, role: str | None, pmo_type: str) -> list[str]:
    anonymous = role is None
    check = Checker(client, f"[{pmo_type} {role or 'anonymous'}]", anonymous)
    visible = set() if anonymous else world.visible_projects(role)
    editable = set() if anonymous else world.editable_projects(role, pmo_type)
    projects = [world.project_of_pm1, world.second_project_of_pm1, world.project_of_pm2]
    newcomer = UserFactory(username="newcomer")
    extra_memberships = {
        project.pk: MembershipFactory(project=project, user=UserFactory(), role="observer")
        for project in projects
    }

    # List: exactly the visible projects.
    response = check.expect("get", reverse("projects:list"), 200, 200, True)
    if not anonymous:
        listed = {project.pk for project in response.context["page_obj"].object_list}
        check.fact(f"list shows {sorted(listed)}, want {sorted(visible)}", listed == visible)

    # Password change page: every signed-in person.
    check.expect("get", reverse("password_change"), 200, 200, True)

    for project in projects:
        pk = project.pk
        seen, edits = pk in visible, pk in editable
        denied = 403 if seen else 404
        check.expect("get", reverse("projects:detail", args=[pk]), 200, 404, seen)
        check.expect("get", reverse("projects:edit", args=[pk]), 200, denied, edits)

        check.expect(
            "post",
            reverse("projects:edit", args=[pk]),
            302,
            denied,
            edits,
            data=project_form_data(project, name=f"Renamed by {role}"),
        )
        renamed = Project.objects.get(pk=pk).name == f"Renamed by {role}"
        check.fact(f"edit of {project.code} saved={renamed}", renamed == edits)

        check.expect(
            "post",
            reverse("projects:membership_add", args=[pk]),
            302,
            denied,
            edits,
            data={"user": newcomer.pk, "role": "team_member"},
        )
        added = ProjectMembership.objects.filter(project_id=pk, user=newcomer).exists()
        check.fact(f"team add on {project.code} saved={added}", added == edits)

        membership = extra_memberships[pk]
        check.expect(
            "post",
            reverse("projects:membership_change", args=[pk, membership.pk]),
            302,
            denied,
            edits,
            data={"role": "team_lead"},
        )
        changed = ProjectMembership.objects.get(pk=membership.pk).role == "team_lead"
        check.fact(f"role change on {project.code} saved={changed}", changed == edits)

        check.expect(
            "post", reverse("projects:membership_remove", args=[pk, membership.pk]), 302, denied, edits
        )
        removed = not ProjectMembership.objects.filter(pk=membership.pk).exists()
        check.fact(f"team remove on {project.code} saved={removed}", removed == edits)

    creates = not anonymous and may_create(role, pmo_type)
    check.expect("get", reverse("projects:create"), 200, 403, creates)
    own_id = None if anonymous else world.users[role].pk
    check.expect(
        "post",
        reverse("projects:create"),
        302,
        403,
        creates,
        # A directive PMO makes the methodology mandatory.
        data=project_form_data(
            world.project_of_pm1,
            code="MATRIX-1",
            name="新项目",
            project_manager=own_id or "",
            sponsor="",
            methodology=published_methodology().pk,
        ),
    )
    created = Project.objects.filter(code="MATRIX-1").exists()
    check.fact(f"create saved={created}", created == creates)

    configures = role == "admin"
    reads_settings = role in {"admin", "pmo"}
    check.expect("get", reverse("governance:settings"), 200, 403, reads_settings)
    check.expect(
        "post",
        reverse("governance:settings"),
        302,
        403,
        configures,
        data={"pmo_type": pmo_type, "default_currency": "EUR"},
    )
    currency_changed = PmoSettings.load().default_currency == "EUR"
    check.fact(f"PMO settings saved={currency_changed}", currency_changed == configures)
    return check.violations


@pytest.mark.parametrize("pmo_type", PMO_TYPES)
@pytest.mark.parametrize("role", ROLES)
def test_every_page_allows_exactly_what_the_role_may_do(client, role, pmo_type):
    world = build_access_world(pmo_type)
    client.force_login(world.users[role])
    assert exercise_every_page(client, world, role, pmo_type) == []


@pytest.mark.parametrize("pmo_type", PMO_TYPES)
def test_every_page_sends_anonymous_visitors_to_sign_in(client, pmo_type):
    world = build_access_world(pmo_type)
    assert exercise_every_page(client, world, None, pmo_type) == []
    assert not Project.objects.filter(code="MATRIX-1").exists()


def test_inactive_people_cannot_sign_in(client):
    user = UserFactory(username="gone", is_active=False)
    response = client.post(reverse("login"), {"username": "gone", "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert get_user_model().objects.get(pk=user.pk).last_login is None
