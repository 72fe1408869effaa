"""Status reports in real Chromium: a PM starts this week's draft, rates and writes it, submits it after
the confirmation, and then finds it frozen: no edit button, and the edit address sends them back."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from projects.models import StatusReport
from tests.browser import signed_in_page
from tests.factories import ProjectFactory, UserFactory

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_a_pm_fills_and_submits_a_draft_and_sees_it_frozen(browser, live_server):
    pm = UserFactory(username="pm1", first_name="Wei", last_name="Li", is_project_manager=True)
    today = timezone.localdate()
    project = ProjectFactory(
        code="SR-1", project_manager=pm, status="active", start_date=today - timedelta(days=today.weekday())
    )
    context, page = signed_in_page(
        browser, live_server, pm, reverse("projects:status_reports", args=[project.pk]), ready="main h1"
    )
    page.get_by_role("button", name="Start the report for").click()
    expect(page.locator("#report-figures")).to_contain_text("not yet measured")
    for label, value in (
        ("Overall status", "amber"),
        ("Scope", "green"),
        ("Schedule", "amber"),
        ("Cost", "green"),
        ("Risk", "red"),
        ("Quality", "green"),
    ):
        page.get_by_label(label, exact=True).select_option(value)
    page.get_by_label("Summary").fill("接口联调延期一周 Integration slipped a week")
    page.get_by_label("Customer satisfaction").select_option("4")
    page.get_by_role("button", name="Save draft").click()
    page.get_by_role("link", name="Submit…").click()
    expect(page.locator("main")).to_contain_text("Once submitted it is frozen")
    page.get_by_role("button", name="Yes, submit it").click()

    expect(page.locator("#messages")).to_contain_text("it is now frozen")
    expect(page.locator("main")).to_contain_text("接口联调延期一周")
    expect(page.get_by_role("link", name="Edit draft")).to_have_count(0)
    report = StatusReport.objects.get(project=project)
    assert report.state == "submitted" and report.customer_satisfaction == 4
    page.goto(live_server.url + reverse("projects:status_report_edit", args=[project.pk, report.pk]))
    expect(page.locator("#messages")).to_contain_text("can no longer be changed")
    context.close()
