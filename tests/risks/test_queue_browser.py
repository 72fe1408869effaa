"""The risk pages across projects in Chromium: a risk a PM moves into the critical zone reaches the
PMO's queue, and a click on its heat-map cell lists it, in English and Chinese; screenshots kept."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from governance.models import PmoType
from risks.services import risk_create, risk_update
from tests.browser import signed_in_page
from tests.factories import build_access_world

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_risk_moved_into_the_red_zone_reaches_the_queue_and_its_heat_map_cell(
    browser, live_server, artifacts_dir, language
):
    world = build_access_world(PmoType.CONTROLLING)
    project = world.project_of_pm1
    risk = risk_create(
        actor=world.pm1, project=project, title="供应商延期 Supplier late", probability=2, impact=2
    )
    risk = risk_update(
        actor=world.pm1,
        risk=risk,
        changes={"probability": 5, "impact": 4, "strategy": "mitigate", "response_plan": "Second supplier."},
    )
    assert risk.escalated and risk.score == 20

    context, page = signed_in_page(
        browser, live_server, world.pmo, reverse("risk_portfolio:queue"), ready=None
    )
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.goto(f"{live_server.url}{reverse('risk_portfolio:queue')}")
    row = page.locator(f"#queue-risk-{risk.pk}")
    expect(row).to_contain_text("Supplier late")
    expect(row.locator(".level-badge.level-critical")).to_have_text("20")
    page.screenshot(path=artifacts_dir / f"risk-queue-{language}.png", full_page=True)

    # Signing off swaps the row in place.
    row.locator("button[type=submit]").click()
    expect(page.locator(f"#queue-risk-{risk.pk} .signed-off")).to_be_visible()

    page.goto(f"{live_server.url}{reverse('risk_portfolio:portfolio')}")
    cell = page.locator('#heat-map-inherent a[data-probability="5"][data-impact="4"]')
    expect(cell).to_have_text("1")
    cell.click()
    expect(page.locator("#cell-risks-list")).to_contain_text("Supplier late")
    expect(page).to_have_url(
        f"{live_server.url}{reverse('risk_portfolio:portfolio')}?side=inherent&probability=5&impact=4"
    )
    page.screenshot(path=artifacts_dir / f"portfolio-risks-{language}.png", full_page=True)
    assert errors == []
    context.close()
