"""The project calendar page in Chromium: its script adds and discards exception rows, a saved exception
is listed and marked on the official days, and the page stays compact in English and in Chinese."""

import datetime

import pytest
from django.urls import reverse

from projects.models import OfficialHolidays
from projects.services.calendars import calendar_update
from tests.browser import signed_in_page
from tests.factories import UserFactory
from tests.factories.plans import PlannedProjectFactory, build_chain

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A 1280 px wide window shows the page of a two-year China project with a few exceptions within this
# height; the old page, a form row per holiday, was about 4,000 px with the 2026-2027 holidays.
COMPACT_PAGE_HEIGHT = 2600


def open_calendar(browser, live_server, user, project, **context_options):
    url = reverse("projects:plan_calendar", args=[project.pk])
    return signed_in_page(
        browser,
        live_server,
        user,
        url,
        ready=None,
        viewport={"width": 1280, "height": 800},
        **context_options,
    )


def test_add_another_exception_appends_a_row_and_discard_empties_it(browser, live_server):
    pm = UserFactory(username="planner", is_project_manager=True)
    project = PlannedProjectFactory(project_manager=pm, finish_date=datetime.date(2026, 12, 31))
    build_chain(project, [3])
    context, page = open_calendar(browser, live_server, pm, project)
    try:
        rows = page.locator("#holiday-rows input[type=date]")
        assert rows.count() == 1
        page.click("#holiday-add")
        assert rows.count() == 2
        assert page.evaluate("document.activeElement.name") == "holidays-1-date"
        assert page.locator('input[name="holidays-TOTAL_FORMS"]').input_value() == "2"
        assert page.locator("#holiday-rows tr").nth(1).locator(".row-number").inner_text() == "2"

        page.fill('input[name="holidays-1-date"]', "2026-03-20")
        page.click("#holiday-rows .holiday-discard")
        assert page.locator('input[name="holidays-1-date"]').input_value() == ""
        assert not page.locator("#holiday-rows tr").nth(1).is_visible()

        page.check('input[name="official_holidays"][value="china"]')
        page.fill('input[name="holidays-0-date"]', "2026-04-06")
        page.fill('input[name="holidays-0-name"]', "Go-live support")
        page.select_option('select[name="holidays-0-working"]', "working")
        page.click("form.calendar-form button[type=submit]")
        page.wait_for_selector(".alert-success")

        assert page.locator('input[name="holidays-0-date"]').input_value() == "2026-04-06"
        assert page.locator('select[name="holidays-0-working"]').input_value() == "working"
        qingming = page.locator(".official-table tbody tr").filter(has_text="Tomb-sweeping Day")
        assert qingming.locator(".exception-working").inner_text() == "works April 6"
        spring = page.locator(".official-table tbody tr").filter(has_text="Spring Festival")
        assert spring.locator(".day-worked").all_inner_texts() == ["Sat February 14", "Sat February 28"]
    finally:
        context.close()


@pytest.mark.parametrize(
    ("language", "locale", "marker"), [("en", "en-GB", "Spring Festival"), ("zh", "zh-CN", "春节")]
)
def test_the_calendar_page_is_compact_in_both_languages(
    browser, live_server, artifacts_dir, language, locale, marker
):
    from projects.workcalendar import official_calendar

    pm = UserFactory(username="planner", is_project_manager=True)
    unpublished = official_calendar("china").last_year + 1
    project = PlannedProjectFactory(
        project_manager=pm, name="财务核心系统迁移", finish_date=datetime.date(unpublished, 6, 30)
    )
    build_chain(project, [5, 5])
    calendar_update(
        actor=pm,
        project=project,
        working_weekdays=[0, 1, 2, 3, 4],
        holidays=[
            (datetime.date(2026, 4, 6), "数据迁移值守 Data migration on duty", True),
            (datetime.date(2026, 7, 17), "团队建设 Team offsite", False),
            (datetime.date(2026, 10, 10), "调休不上班 Make-up day off", False),
        ],
        official_holidays=OfficialHolidays.CHINA,
    )
    context, page = open_calendar(browser, live_server, pm, project, locale=locale)
    try:
        assert marker in page.locator(".official-table").first.inner_text()
        assert page.locator(".official-unpublished").count() == 1
        height = page.evaluate("document.documentElement.scrollHeight")
        page.screenshot(path=artifacts_dir / f"calendar-{language}.png", full_page=True)
        assert height < COMPACT_PAGE_HEIGHT, height
    finally:
        context.close()
