"""The risk register in real Chromium: a PM raises a risk, rates it up into the critical zone in its
row, the heat map counts it there, and a click on a heat-map cell narrows the list to that cell."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser import signed_in_page
from tests.factories import RiskFactory

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_a_pm_raises_a_risk_rates_it_critical_inline_and_the_heat_map_filters_the_list(
    browser, live_server, world, project, artifacts_dir
):
    RiskFactory(project=project, title="Printer toner runs out", probability=1, impact=2)
    create = reverse("risks:create", args=[project.pk])
    context, page = signed_in_page(browser, live_server, world.pm1, create, ready="input[name=title]")
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)

    page.fill("input[name=title]", "Data centre move slips")
    page.select_option("select[name=probability]", "2")
    page.select_option("select[name=impact]", "2")
    page.click("main button[type=submit]")
    page.wait_for_selector("h1:has-text('Data centre move slips')")

    page.goto(f"{live_server.url}{reverse('risks:register', args=[project.pk])}")
    row = page.locator("tbody.risk-row", has_text="Data centre move slips")
    row.locator("select[name=probability]").select_option("5")
    expect(page.locator("tbody.risk-row", has_text="Data centre move slips").locator(".score")).to_have_text(
        "10"
    )
    page.locator("tbody.risk-row", has_text="Data centre move slips").locator(
        "select[name=impact]"
    ).select_option("4")
    row = page.locator("tbody.risk-row", has_text="Data centre move slips")
    expect(row.locator(".score")).to_have_text("20")
    expect(row.locator(".badge.risk-level")).to_have_text("Critical")
    # The heat map beside the list counts it in the critical cell once the row is saved.
    cell = page.locator("#heat-maps [data-cell='5-4']")
    expect(cell).to_have_text("1")
    assert "level-critical" in cell.locator("xpath=..").get_attribute("class")
    page.screenshot(path=artifacts_dir / "risk-register-critical.png", full_page=True)

    page.locator("#heat-maps [data-cell='1-2']").click()
    expect(page.locator("tbody.risk-row")).to_have_count(1)
    expect(page.locator("tbody.risk-row")).to_contain_text("Printer toner runs out")
    assert "probability=1" in page.url and "impact=2" in page.url
    assert errors == []
    context.close()
