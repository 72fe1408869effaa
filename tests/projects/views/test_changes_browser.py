"""Change requests in real Chromium: a PM drafts and submits one, the PMO and then the sponsor approve it
in sessions of their own, and the project's budget follows."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from governance.models import PmoType
from tests.browser import VIEWPORT, signed_in_page
from tests.factories import ProjectFactory, UserFactory, set_pmo_type

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_a_large_change_is_approved_by_the_pmo_then_the_sponsor_and_updates_the_budget(browser, live_server):
    set_pmo_type(PmoType.CONTROLLING)
    pm = UserFactory(username="pm1", first_name="Wei", last_name="Li", is_project_manager=True)
    pmo = UserFactory(username="pmo1", first_name="Fang", last_name="Wang", is_pmo_staff=True)
    sponsor = UserFactory(username="sponsor1", first_name="Min", last_name="Zhao", is_sponsor=True)
    project = ProjectFactory(
        code="CR-1",
        project_manager=pm,
        sponsor=sponsor,
        budget=Decimal("100000.00"),
        finish_date=datetime.date(2026, 6, 30),
    )
    context, page = signed_in_page(
        browser, live_server, pm, reverse("projects:change_request_create", args=[project.pk]), ready="form"
    )
    page.get_by_label("Title").fill("接口扩展 Extra interface")
    page.get_by_label("Impact on cost").fill("20000")
    page.get_by_label("Impact on schedule (working days)").fill("3")
    page.get_by_role("button", name="Save draft").click()
    page.get_by_role("button", name="Submit for approval").click()
    expect(page.locator("#approval-steps")).to_contain_text("PMO")
    expect(page.locator("#decision")).to_have_count(0)
    detail_url = page.url.removeprefix(live_server.url)
    context.close()

    for person, comment in ((pmo, "Checked"), (sponsor, "Funded")):
        context, page = signed_in_page(
            browser, live_server, person, detail_url, ready="#decision", viewport=VIEWPORT
        )
        page.get_by_label("Approve").check()
        page.get_by_label("Comment").fill(comment)
        page.get_by_role("button", name="Record decision").click()
        expect(page.locator("#approval-steps")).to_contain_text(comment)
        context.close()

    project.refresh_from_db()
    assert project.budget == Decimal("120000.00")
    assert project.finish_date == datetime.date(2026, 7, 3)
