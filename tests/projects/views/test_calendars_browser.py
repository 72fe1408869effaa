"""The project calendar page in Chromium: "Add another holiday" adds a row from the page's own script."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory
from tests.factories.plans import PlannedProjectFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_add_another_holiday_appends_an_empty_row_to_fill_in(browser, live_server):
    pm = UserFactory(username="planner", is_project_manager=True)
    project = PlannedProjectFactory(project_manager=pm)
    url = reverse("projects:plan_calendar", args=[project.pk])
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}{reverse('login')}?next={url}")
        page.fill("input[name=username]", pm.username)
        page.fill("input[name=password]", PASSWORD)
        page.click("main button[type=submit]")
        page.wait_for_url(f"**{url}")
        rows = page.locator("#holiday-rows input[type=date]")
        assert rows.count() == 1
        page.click("#holiday-add")
        assert rows.count() == 2
        assert page.evaluate("document.activeElement.name") == "holidays-1-date"
        assert page.locator('input[name="holidays-TOTAL_FORMS"]').input_value() == "2"
    finally:
        context.close()
