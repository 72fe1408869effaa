"""The schedule-risk page in real Chromium: ECharts draws the histogram, the S-curve and the tornado from
the page's data with no console error (the Content-Security-Policy included), in English and Chinese."""

import pytest
from django.urls import reverse

from tests.browser import signed_in_page
from tests.factories import build_access_world
from tests.factories.plans import PLAN_START, build_chain
from tests.factories.risks import TaskEstimateFactory
from tests.reports.test_dashboard_browser import console_errors

pytestmark = pytest.mark.browser

CHARTS_READY = "body[data-charts-ready=true]"


@pytest.mark.django_db(transaction=True)
def test_the_schedule_risk_page_draws_its_charts_without_console_errors(browser, live_server, artifacts_dir):
    world = build_access_world()
    project = world.project_of_pm1
    project.start_date = PLAN_START
    project.save(update_fields=["start_date"])
    tasks = build_chain(project, [5, 3, 8, 2])
    for task, (low, likely, high) in zip(tasks, [(4, 5, 9), (2, 3, 6), (6, 8, 14), (2, 2, 2)], strict=True):
        TaskEstimateFactory(task=task, optimistic=low, most_likely=likely, pessimistic=high)
    url = reverse("risk_tools:schedule_risk", kwargs={"project_id": project.pk})
    run = f"{url}?iterations=2000&seed=11&distribution=pert&target_finish="
    for language, title in (("en", "Schedule risk"), ("zh-hans", None)):
        context, page = signed_in_page(browser, live_server, world.pm1, url, ready=None)
        errors = console_errors(page)
        context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
        page.goto(f"{live_server.url}{run}")
        page.wait_for_selector(CHARTS_READY)
        if title:
            assert page.locator("h1").inner_text().startswith(title)
        for chart in ("histogram", "s-curve", "tornado"):
            assert page.locator(f"#{chart}-chart svg").count() >= 1, f"{chart} not drawn"
        assert page.locator("#figure-p80 dd").inner_text().startswith("2026-")
        page.screenshot(path=artifacts_dir / f"schedule-risk-{language}.png", full_page=True)
        assert errors == []
        context.close()
