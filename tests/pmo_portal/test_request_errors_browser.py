"""An htmx form whose request fails says so on the page, in the reader's language, instead of nothing.

htmx swaps only successful answers; the portal's script shows the refusal notice of base.html for a
503 (the embedded database busy), any other error status and a lost connection.
"""

import pytest
from django.db import OperationalError
from django.urls import reverse
from playwright.sync_api import expect

from projects.models import CostEntry
from tests.factories import UserFactory
from tests.factories.plans import PlannedProjectFactory, build_chain
from tests.projects.views.test_projects_browser import sign_in

pytestmark = pytest.mark.browser

BUSY = {
    "en": "Someone else is saving a change at this moment. Nothing of yours was saved",
    "zh-hans": "此刻有其他人正在保存更改。您的内容未被保存",
}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_booking_a_cost_while_the_database_is_busy_shows_the_retry_notice(
    page, live_server, monkeypatch, artifacts_dir, language
):
    def busy(**kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr("projects.views.tasks.book_cost", busy)
    pm = UserFactory(username="pm1", is_project_manager=True)
    project = PlannedProjectFactory(code="BSY-1", name="Busy plan", project_manager=pm)
    (task,) = build_chain(project, [3], linked=False)
    sign_in(page, live_server, "pm1")
    if language != "en":
        page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.goto(f"{live_server.url}{reverse('projects:plan_task', args=[project.pk, task.pk])}")
    notice = page.locator("#request-error")
    expect(notice).to_be_hidden()

    form = page.locator("form.cost-add")
    form.locator("input[name=date]").fill("2026-03-04")
    form.locator("input[name=amount]").fill("120")
    form.locator("button[type=submit]").click()

    expect(notice).to_be_visible()
    expect(notice).to_contain_text(BUSY[language])
    expect(form.locator("input[name=amount]")).to_have_value("120")  # what was typed is still there
    page.screenshot(path=artifacts_dir / f"request-error-busy-{language}.png", full_page=True)
    assert not CostEntry.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_form_refused_while_the_database_is_busy_goes_back_with_what_was_typed(
    page, live_server, monkeypatch
):
    def busy(**kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr("projects.services.projects.project_update", busy)
    pm = UserFactory(username="pm1", is_project_manager=True)
    project = PlannedProjectFactory(code="BSY-2", name="Busy project", project_manager=pm)
    sign_in(page, live_server, "pm1")
    page.goto(f"{live_server.url}{reverse('projects:edit', args=[project.pk])}")

    page.fill("input[name=name]", "Renamed while busy")
    page.locator("main form button[type=submit]").last.click()

    expect(page.locator(".error-page .code")).to_have_text("503")
    page.get_by_role("button", name="Back to your changes").click()
    expect(page.locator("input[name=name]")).to_have_value("Renamed while busy")
    project.refresh_from_db()
    assert project.name == "Busy project"
