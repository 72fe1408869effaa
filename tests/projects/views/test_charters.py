"""The project charter pages, the methodology on the project page and in the create form, and the
PMO's page that moves projects to a newer methodology version."""

import pytest
from django.urls import reverse

from governance.models import PmoType
from projects.models import Project
from tests.factories import (
    MethodologyFactory,
    PortfolioFactory,
    ProjectFactory,
    UserFactory,
    published_version,
    set_pmo_type,
)
from tests.projects.views.test_projects import valid_project_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def pm():
    return UserFactory(username="pm1", is_project_manager=True)


@pytest.fixture
def project(pm):
    version = published_version(MethodologyFactory(name="PRINCE2 阶段式"), number=1)
    return ProjectFactory(project_manager=pm, methodology_version=version, objectives="交付新系统")


def charter_data(project, **overrides) -> dict:
    data = {
        "objectives": project.objectives,
        "scope_in": "",
        "scope_out": "",
        "success_criteria": "",
        "milestones": "",
        "assumptions": "",
        "constraints": "",
        "sponsor": "",
        "project_manager": project.project_manager_id,
        "budget": str(project.budget),
    }
    data.update(overrides)
    return data


def test_the_project_manager_fills_in_the_charter(client, pm, project):
    client.force_login(pm)
    url = reverse("projects:charter", args=[project.pk])
    assert client.get(url).status_code == 200

    response = client.post(
        url,
        charter_data(
            project,
            milestones="2026-12-01 立项\n2027-03-01 上线",
            assumptions="Vendor keeps its price",
            constraints="No downtime in November",
            budget="120000.00",
        ),
    )

    assert response.status_code == 302
    stored = Project.objects.get(pk=project.pk)
    assert stored.milestones == "2026-12-01 立项\n2027-03-01 上线"
    assert (stored.assumptions, stored.constraints) == ("Vendor keeps its price", "No downtime in November")
    assert str(stored.budget) == "120000.00"
    page = client.get(reverse("projects:detail", args=[project.pk])).text
    assert "2027-03-01 上线" in page and "No downtime in November" in page


def test_a_bad_charter_is_refused_on_the_field_and_nothing_changes(client, pm, project):
    client.force_login(pm)
    response = client.post(reverse("projects:charter", args=[project.pk]), charter_data(project, budget="-5"))
    assert response.status_code == 200
    assert response.context["form"].errors["budget"]
    assert Project.objects.get(pk=project.pk).budget == project.budget


def test_people_who_may_not_edit_the_project_cannot_change_its_charter_but_can_print_it(client, project):
    member = UserFactory(is_team_member=True)
    project.memberships.create(user=member)
    client.force_login(member)

    assert client.get(reverse("projects:charter", args=[project.pk])).status_code == 403
    response = client.post(
        reverse("projects:charter", args=[project.pk]), charter_data(project, milestones="x")
    )
    assert response.status_code == 403
    assert Project.objects.get(pk=project.pk).milestones == ""
    assert client.get(reverse("projects:charter_print", args=[project.pk])).status_code == 200
    client.force_login(UserFactory(is_team_member=True))
    assert client.get(reverse("projects:charter_print", args=[project.pk])).status_code == 404


def test_the_printable_charter_names_the_methodology_version_without_navigation(client, pm, project):
    client.force_login(pm)
    response = client.get(reverse("projects:charter_print", args=[project.pk]))

    assert "PRINCE2 阶段式, version 1" in response.text
    assert "交付新系统" in response.text
    assert "mainnav" not in response.text
    assert "charter_print" in response.text  # the print stylesheet (A4)


def test_the_printable_charter_is_in_the_readers_language(client, pm, project):
    client.force_login(pm)
    client.cookies["django_language"] = "zh-hans"
    response = client.get(reverse("projects:charter_print", args=[project.pk]))
    assert '<html lang="zh-hans">' in response.text
    assert "项目章程" in response.text
    assert "PRINCE2 阶段式，第 1 版" in response.text


def test_the_project_page_shows_the_methodology_and_its_version(client, pm, project):
    client.force_login(pm)
    page = client.get(reverse("projects:detail", args=[project.pk])).text
    assert "PRINCE2 阶段式, version 1" in page
    assert reverse("projects:charter", args=[project.pk]) in page


@pytest.mark.parametrize("pmo_type", [PmoType.CONTROLLING, PmoType.DIRECTIVE])
def test_the_create_form_requires_a_methodology_under_controlling_and_directive(client, pm, pmo_type):
    set_pmo_type(pmo_type)
    portfolio = PortfolioFactory()
    version = published_version()
    client.force_login(pm)

    response = client.post(reverse("projects:create"), valid_project_data(portfolio, pm))
    assert response.status_code == 200
    assert response.context["form"].errors["methodology"]
    assert not Project.objects.filter(code="NEW-1").exists()

    response = client.post(
        reverse("projects:create"), valid_project_data(portfolio, pm, methodology=version.methodology_id)
    )
    assert response.status_code == 302
    assert Project.objects.get(code="NEW-1").methodology_version == version


def test_the_pmo_moves_open_projects_to_a_newer_version_from_its_page(client, project):
    pmo = UserFactory(is_pmo_staff=True)
    newer = published_version(project.methodology_version.methodology, number=2)
    url = reverse("projects:methodology_move", args=[newer.pk])
    client.force_login(pmo)

    assert list(client.get(url).context["projects"]) == [project]
    response = client.post(url, {"projects": [str(project.pk)]})

    assert response.status_code == 302
    assert Project.objects.get(pk=project.pk).methodology_version == newer
    client.force_login(project.project_manager)
    assert client.get(url).status_code == 403


def test_the_move_page_costs_the_same_queries_at_10_and_200_projects(client, django_assert_num_queries):
    first = published_version()
    newer = published_version(first.methodology, number=2)
    client.force_login(UserFactory(is_pmo_staff=True))
    url = reverse("projects:methodology_move", args=[newer.pk])
    for count in (10, 200):
        Project.objects.bulk_create(
            ProjectFactory.build_batch(
                count - Project.objects.count(),
                portfolio=PortfolioFactory(),
                project_manager=UserFactory(is_project_manager=True),
                methodology_version=first,
            )
        )
        # Session and user, the version with its phases, the projects.
        with django_assert_num_queries(5, info=f"{count} projects"):
            response = client.get(url)
        assert len(response.context["projects"]) == count
