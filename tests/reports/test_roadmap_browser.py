"""The roadmap in Chromium: projects drawn on the timeline, a click on one opens the project's plan."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from reports.models import ProjectRollup
from tests.factories import UserFactory
from tests.projects.views.test_projects_browser import sign_in
from tests.reports.test_roadmap import planned_project

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_click_on_a_project_of_the_roadmap_opens_its_plan(page, live_server, artifacts_dir, language):
    UserFactory(username="pmo", is_pmo_staff=True)
    pm = UserFactory(username="pm1", first_name="Wei", last_name="Li", is_project_manager=True)
    late = planned_project("LATE-1", pm=pm, slip_days=4, name="客户关系管理系统升级")
    on_time = planned_project("ONTIME-1", pm=pm, name="Data platform")
    ProjectRollup.objects.filter(project=late).update(reported_rag="red")
    ProjectRollup.objects.filter(project=on_time).update(
        health_band="", health_score=None
    )  # not yet measured
    sign_in(page, live_server, "pmo")
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.goto(f"{live_server.url}{reverse('reports:roadmap')}")
    row = page.locator('a.roadmap-row[data-project="LATE-1"]')
    expect(row.locator("rect.bar.rag-red")).to_have_count(1)
    expect(page.locator('a.roadmap-row[data-project="ONTIME-1"] rect.bar.rag-none')).to_have_count(1)
    expect(row.locator("text.row-slip")).to_contain_text("4")
    page.screenshot(path=artifacts_dir / f"roadmap-{language}.png", full_page=True)
    row.locator("rect.bar").click()
    expect(page).to_have_url(f"{live_server.url}{reverse('projects:plan', args=[late.pk])}")
