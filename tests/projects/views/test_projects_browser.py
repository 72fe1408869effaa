"""A project manager works in real Chromium: signs in, creates a project with a Chinese name, finds it."""

import re

import pytest
from playwright.sync_api import expect

from projects.models import Project, ProjectMembership
from tests.factories import PASSWORD, PortfolioFactory, ProjectFactory, UserFactory

pytestmark = pytest.mark.browser

CHINESE_NAME = "智慧城市数据平台"


def sign_in(page, live_server, username):
    """Sign in on the way to the project list (the home page differs by role) and land there."""
    page.goto(f"{live_server.url}/projects/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{live_server.url}/projects/")


@pytest.mark.django_db(transaction=True)
def test_pm_creates_a_project_with_a_chinese_name_and_finds_it(page, live_server, artifacts_dir):
    UserFactory(username="pm1", first_name="Wei", last_name="Li", is_project_manager=True)
    PortfolioFactory(name="Smart City")
    for number in range(3):
        ProjectFactory(code=f"OLD-{number}", name=f"Existing project {number}")

    sign_in(page, live_server, "pm1")
    page.get_by_role("link", name="New project").click()
    page.get_by_label("Code").fill("SC-2026")
    page.get_by_label("Name").fill(CHINESE_NAME)
    page.get_by_label("Portfolio").select_option(label="Smart City")
    page.get_by_label("Start date").fill("2026-03-01")
    page.get_by_label("Finish date").fill("2026-12-31")
    page.get_by_label("Budget").fill("1800000")
    page.get_by_label("Objectives").fill("打通城市各部门数据，支撑智慧决策。")
    page.get_by_role("button", name="Create project").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text(CHINESE_NAME)
    expect(page.get_by_text("Project SC-2026 created.")).to_be_visible()
    expect(page.get_by_text("打通城市各部门数据，支撑智慧决策。")).to_be_visible()
    project = Project.objects.get(code="SC-2026")
    assert project.name == CHINESE_NAME

    page.get_by_role("link", name="Projects", exact=True).first.click()
    row = page.get_by_role("row").filter(has_text="SC-2026")
    expect(row).to_contain_text(CHINESE_NAME)
    expect(row).to_contain_text("1,800,000.00")
    list_shot = artifacts_dir / "project-list.png"
    page.screenshot(path=list_shot, full_page=True)

    row.get_by_role("link", name=CHINESE_NAME).click()
    expect(page).to_have_url(f"{live_server.url}/projects/{project.pk}/")
    expect(page.get_by_role("heading", name="Change history")).to_be_visible()
    detail_shot = artifacts_dir / "project-detail.png"
    page.screenshot(path=detail_shot, full_page=True)

    assert list_shot.exists() and list_shot.stat().st_size > 10_000
    assert detail_shot.exists() and detail_shot.stat().st_size > 10_000


@pytest.mark.django_db(transaction=True)
def test_filters_and_team_changes_swap_in_place_with_htmx(page, live_server, artifacts_dir):
    pm = UserFactory(username="pm1", is_project_manager=True)
    UserFactory(username="zhao", first_name="Zhao", last_name="Lei")
    project = ProjectFactory(code="ALPHA-1", name="Alpha", project_manager=pm)
    ProjectFactory(code="BETA-1", name="Beta", project_manager=pm)

    sign_in(page, live_server, "pm1")
    page.evaluate("window.__same_document = true")
    page.get_by_label("Search").fill("beta")
    expect(page.get_by_role("row").filter(has_text="ALPHA-1")).to_have_count(0)
    expect(page.get_by_role("row").filter(has_text="BETA-1")).to_have_count(1)
    expect(page).to_have_url(re.compile(r"q=beta"))
    # htmx swapped the table: the page itself was not reloaded.
    assert page.evaluate("window.__same_document") is True

    page.goto(f"{live_server.url}/projects/{project.pk}/")
    page.evaluate("window.__same_document = true")
    team = page.locator("#team")
    team.get_by_label("Person").select_option(label="Zhao Lei (zhao)")
    team.get_by_label("Role").last.select_option(label="Stakeholder")
    team.get_by_role("button", name="Add to team").click()
    expect(page.get_by_text("Zhao Lei joined the team.")).to_be_visible()
    expect(team.get_by_role("row").filter(has_text="Zhao Lei")).to_have_count(1)
    assert page.evaluate("window.__same_document") is True
    assert ProjectMembership.objects.get(project=project).role == "stakeholder"
    page.screenshot(path=artifacts_dir / "project-team.png", full_page=True)


@pytest.mark.django_db(transaction=True)
def test_language_switch_turns_the_interface_chinese(page, live_server, artifacts_dir, compiled_catalog):
    pm = UserFactory(username="pm1", is_project_manager=True)
    ProjectFactory(name=CHINESE_NAME, project_manager=pm)
    sign_in(page, live_server, "pm1")
    page.get_by_role("button", name="简体中文").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("项目")
    expect(page.get_by_role("columnheader", name="项目经理")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text=CHINESE_NAME)).to_contain_text("启动")
    page.screenshot(path=artifacts_dir / "project-list-zh.png", full_page=True)
