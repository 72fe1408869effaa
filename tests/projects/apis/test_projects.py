"""The projects API as a client uses it: lists, filters, create, change, delete, history."""

from decimal import Decimal

import pytest

from governance.models import PmoSettings, PmoType
from projects.models import Project, ProjectMembership
from tests.api_clients import session_client
from tests.factories import (
    MembershipFactory,
    PortfolioFactory,
    ProgramFactory,
    ProjectFactory,
    UserFactory,
    build_access_world,
    published_version,
    record_project_changes,
    set_pmo_type,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_access_world(PmoType.SUPPORTIVE)


# Projects -------------------------------------------------------------------------------------


def test_project_list_shows_each_project_with_its_people_money_and_edit_right(world):
    project = world.project_of_pm1
    response = session_client(world.pm1).get("/api/projects/")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    row = next(item for item in body["results"] if item["id"] == project.pk)
    assert row["code"] == project.code
    assert row["portfolio"]["id"] == world.portfolio.pk
    assert row["portfolio"]["name"] == world.portfolio.name
    assert row["project_manager"] == {
        "id": world.pm1.pk,
        "username": "pm1",
        "display_name": world.pm1.display_name,
    }
    assert row["sponsor"]["id"] == world.sponsor.pk
    assert row["budget"] == "100000.00"
    assert row["currency"] == "CNY"
    assert row["can_edit"] is True
    for key in ("phase", "status", "priority", "start_date", "finish_date", "objectives", "scope_in"):
        assert key in row
    assert {"created_at", "updated_at", "program", "department", "success_criteria"} <= set(row)


def test_can_edit_follows_the_pmo_type_for_pmo_staff(world):
    rows = session_client(world.pmo).get("/api/projects/").json()["results"]
    assert {row["can_edit"] for row in rows} == {False}
    set_pmo_type(PmoType.DIRECTIVE)
    rows = session_client(world.pmo).get("/api/projects/").json()["results"]
    assert {row["can_edit"] for row in rows} == {True}


def test_project_list_filters_by_text_status_phase_portfolio_and_manager(world):
    ProjectFactory(
        code="ERP-9", name="财务系统升级", portfolio=world.portfolio, status="active", phase="executing"
    )
    client = session_client(world.admin)

    def codes(query):
        response = client.get(f"/api/projects/?{query}")
        assert response.status_code == 200, response.json()
        return {row["code"] for row in response.json()["results"]}

    assert codes("q=财务") == {"ERP-9"}
    assert codes("status=active") == {"ERP-9"}
    assert codes("phase=executing") == {"ERP-9"}
    assert codes(f"portfolio={world.other_portfolio.pk}") == {world.project_of_pm2.code}
    assert codes(f"project_manager={world.pm1.pk}") == {
        world.project_of_pm1.code,
        world.second_project_of_pm1.code,
    }


def test_project_list_sorts_by_budget_and_pages(world):
    for budget in ("5.00", "500.00", "50.00"):
        ProjectFactory(portfolio=world.portfolio, budget=Decimal(budget))
    client = session_client(world.admin)
    budgets = [row["budget"] for row in client.get("/api/projects/?ordering=-budget").json()["results"]]
    assert budgets == sorted(budgets, key=Decimal, reverse=True)
    first = client.get("/api/projects/?ordering=code&page_size=2").json()
    assert first["count"] == 6
    assert len(first["results"]) == 2
    assert first["next"]
    second = client.get(first["next"]).json()
    assert {row["id"] for row in first["results"]}.isdisjoint(row["id"] for row in second["results"])


def test_page_size_is_capped_at_200(world):
    ProjectFactory.create_batch(205, portfolio=world.portfolio)
    body = session_client(world.admin).get("/api/projects/?page_size=1000").json()
    assert len(body["results"]) == 200


def test_a_project_manager_creates_a_project_with_a_chinese_name_and_manages_it(world):
    payload = {
        "code": "CRM-2026",
        "name": "客户关系管理系统",
        "description": "替换旧系统；目标：提升客户满意度",
        "portfolio": world.portfolio.pk,
        "start_date": "2026-01-05",
        "finish_date": "2026-06-30",
        "budget": "1250000.50",
        "currency": "CNY",
        "objectives": "上线新系统",
    }
    client = session_client(world.pm1)
    created = client.post("/api/projects/", payload, format="json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["project_manager"]["id"] == world.pm1.pk
    assert body["can_edit"] is True

    detail = client.get(f"/api/projects/{body['id']}/").json()
    assert detail["name"] == "客户关系管理系统"
    assert detail["description"] == "替换旧系统；目标：提升客户满意度"
    assert detail["budget"] == "1250000.50"
    assert Project.objects.get(pk=body["id"]).name == "客户关系管理系统"


def test_a_project_created_without_a_currency_gets_the_installation_default(world):
    settings_row = PmoSettings.load()
    settings_row.default_currency = "USD"
    settings_row.save()

    created = session_client(world.pm1).post(
        "/api/projects/", {"code": "USD-1", "name": "Dollars", "portfolio": world.portfolio.pk}, format="json"
    )

    assert created.status_code == 201, created.json()
    assert created.json()["currency"] == "USD"


def test_an_admin_names_another_project_manager_and_a_sponsor(world):
    created = session_client(world.admin).post(
        "/api/projects/",
        {
            "code": "HR-1",
            "name": "HR",
            "portfolio": world.portfolio.pk,
            "project_manager": world.pm2.pk,
            "sponsor": world.sponsor.pk,
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    assert created.json()["project_manager"]["id"] == world.pm2.pk
    assert created.json()["sponsor"]["display_name"] == world.sponsor.display_name


def test_a_project_manager_changes_their_project_and_the_history_records_it(world):
    project = world.project_of_pm1
    client = session_client(world.pm1)
    changed = client.patch(
        f"/api/projects/{project.pk}/", {"status": "active", "name": "新名称"}, format="json"
    )
    assert changed.status_code == 200, changed.json()
    assert changed.json()["status"] == "active"
    project.refresh_from_db()
    assert (project.status, project.name) == ("active", "新名称")

    history = client.get(f"/api/projects/{project.pk}/history/").json()
    latest = history["results"][0]
    assert latest["kind"] == "changed"
    assert latest["who"] == world.pm1.display_name
    assert {change["new"] for change in latest["changes"]} >= {"新名称"}


def test_patch_leaves_fields_not_sent_alone(world):
    project = world.project_of_pm1
    session_client(world.pm1).patch(f"/api/projects/{project.pk}/", {"department": "IT"}, format="json")
    project.refresh_from_db()
    assert project.department == "IT"
    assert project.sponsor_id == world.sponsor.pk
    assert project.budget == Decimal("100000.00")


def test_patch_refuses_to_change_the_phase_which_moves_only_through_its_gate(world):
    project = world.project_of_pm1
    response = session_client(world.pm1).patch(
        f"/api/projects/{project.pk}/", {"phase": "planning", "department": "IT"}, format="json"
    )
    assert response.status_code == 400
    assert "gate" in response.json()["extra"]["fields"]["phase"][0]
    project.refresh_from_db()
    assert (project.phase, project.department) == ("initiating", "")


def test_a_program_from_another_portfolio_is_refused_by_name(world):
    foreign = ProgramFactory(portfolio=world.other_portfolio)
    response = session_client(world.pm1).patch(
        f"/api/projects/{world.project_of_pm1.pk}/", {"program": foreign.pk}, format="json"
    )
    assert response.status_code == 400
    assert "program" in response.json()["extra"]["fields"]


def test_only_an_admin_deletes_a_project(world):
    project = world.project_of_pm1
    assert session_client(world.pm1).delete(f"/api/projects/{project.pk}/").status_code == 403
    assert Project.objects.filter(pk=project.pk).exists()
    assert session_client(world.admin).delete(f"/api/projects/{project.pk}/").status_code == 204
    assert not Project.objects.filter(pk=project.pk).exists()


def test_history_pages_newest_first(world):
    project = world.second_project_of_pm1
    client = session_client(world.pm1)
    for number in range(5):
        client.patch(f"/api/projects/{project.pk}/", {"department": f"D{number}"}, format="json")
    body = client.get(f"/api/projects/{project.pk}/history/?page_size=2").json()
    assert body["count"] == 6
    assert [change["new"] for change in body["results"][0]["changes"]] == ["D4"]


# Query counts ---------------------------------------------------------------------------------

PROJECT_LIST_URL = "/api/projects/?page_size=200"
# Session, user, count, rows (people, portfolio and program joined) and the settings that decide
# `can_edit`, whoever asks, at 10 and at 200 projects.
PROJECT_LIST_QUERIES = {"admin": 5, "pm1": 5, "member": 5}
# Session, user, the project, its history records with their authors, the portfolios the changes name, and
# the plan's changes (their count, then the page with their authors).
PROJECT_HISTORY_QUERIES = 9


@pytest.mark.parametrize("user_name", ["admin", "pm1", "member"])
def test_project_list_api_costs_the_same_fixed_queries_at_10_and_200_projects(
    user_name, django_assert_num_queries
):
    manager = UserFactory(username="pm1", is_project_manager=True)
    member = UserFactory(username="member", is_team_member=True)
    admin = UserFactory(username="admin", is_superuser=True)
    users = {"admin": admin, "pm1": manager, "member": member}
    portfolio = PortfolioFactory()
    program = ProgramFactory(portfolio=portfolio)
    sponsor = UserFactory(is_sponsor=True)

    def add_projects(count):
        projects = Project.objects.bulk_create(
            ProjectFactory.build_batch(
                count, portfolio=portfolio, program=program, project_manager=manager, sponsor=sponsor
            )
        )
        ProjectMembership.objects.bulk_create(
            MembershipFactory.build(project=project, user=member) for project in projects
        )

    client = session_client(users[user_name])
    client.get(PROJECT_LIST_URL)  # warm the session
    for count in (10, 200):
        add_projects(count - Project.objects.count())
        with django_assert_num_queries(PROJECT_LIST_QUERIES[user_name], info=f"{count} projects"):
            response = client.get(PROJECT_LIST_URL)
        assert response.status_code == 200
        assert response.json()["count"] == count
        assert len(response.json()["results"]) == count


def test_project_history_api_costs_the_same_fixed_queries_at_10_and_200_entries(django_assert_num_queries):
    manager = UserFactory(is_project_manager=True)
    portfolios = PortfolioFactory.create_batch(2)
    project = ProjectFactory(portfolio=portfolios[0], project_manager=manager)
    url = f"/api/projects/{project.pk}/history/?page_size=200"
    client = session_client(manager)
    client.get(url)  # warm the session
    for entries in (10, 200):
        # Each entry but the first (the creation) is a change.
        record_project_changes(
            project, entries - project.history.count(), actor=manager, portfolios=portfolios
        )
        with django_assert_num_queries(PROJECT_HISTORY_QUERIES, info=f"{entries} history entries"):
            response = client.get(url)
        assert response.status_code == 200
        assert response.json()["count"] == entries
        assert len(response.json()["results"]) == entries


# Methodology at creation ----------------------------------------------------------------------


def test_a_project_created_through_the_api_follows_the_methodology_it_names(world):
    version = published_version()
    response = session_client(world.pm1).post(
        "/api/projects/",
        {
            "code": "API-M1",
            "name": "有方法论",
            "portfolio": world.portfolio.pk,
            "methodology": version.methodology_id,
        },
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["methodology"] == {
        "id": version.methodology_id,
        "code": version.methodology.code,
        "name": version.methodology.name,
        "version": 1,
    }
    listed = session_client(world.pm1).get("/api/projects/?q=API-M1").json()["results"]
    assert listed[0]["methodology"]["version"] == 1


def test_under_a_controlling_pmo_the_api_refuses_a_project_without_a_methodology(world):
    set_pmo_type(PmoType.CONTROLLING)
    response = session_client(world.pm1).post(
        "/api/projects/",
        {"code": "API-M2", "name": "无方法论", "portfolio": world.portfolio.pk},
        format="json",
    )
    assert response.status_code == 400
    assert "methodology" in response.json()["extra"]["fields"]
    assert not Project.objects.filter(code="API-M2").exists()


def test_the_methodology_is_chosen_at_creation_only(world):
    response = session_client(world.pm1).patch(
        f"/api/projects/{world.project_of_pm1.pk}/", {"methodology": 1}, format="json"
    )
    assert response.status_code == 400
    assert "methodology" in response.json()["extra"]["fields"]
