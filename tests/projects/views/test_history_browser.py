"""The project's change history in real Chromium: the plan's edits on the project page and page by page."""

import datetime
from decimal import Decimal

import pytest
from django.db.models import F
from playwright.sync_api import expect

from projects.models import PlanEvent, Task
from projects.services.costs import cost_entry_add
from projects.services.dependencies import dependency_add
from projects.services.tasks import task_update
from tests.factories import UserFactory
from tests.factories.plans import PlannedProjectFactory, build_chain
from tests.projects.apis.test_project_history import add_plan_events
from tests.projects.views.test_projects_browser import sign_in

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_a_reader_sees_the_plans_edits_on_the_project_page_and_pages_back_through_them(
    page, live_server, artifacts_dir
):
    pm = UserFactory(username="pm1", first_name="Wei", last_name="Li", is_project_manager=True)
    project = PlannedProjectFactory(code="HIS-2", name="Data platform", project_manager=pm)
    design, build = build_chain(project, [2, 3], linked=False)
    # Older changes to page back through: yesterday's, after the project's creation the day before.
    add_plan_events(project, 60, actors=[pm])
    PlanEvent.objects.update(created_at=F("created_at") - datetime.timedelta(days=1))
    project.history.update(history_date=F("history_date") - datetime.timedelta(days=2))
    task_update(
        actor=pm, task=design, expected_version=1, changes={"name": "设计 Design", "duration_days": 4}
    )
    dependency_add(actor=pm, predecessor=Task.objects.get(pk=design.pk), successor=build, lag_days=2)
    cost_entry_add(
        actor=pm, task=build, date=datetime.date(2026, 3, 4), amount=Decimal("1200"), note="Licences"
    )

    sign_in(page, live_server, "pm1")
    page.goto(f"{live_server.url}/projects/{project.pk}/")
    history = page.locator("#history")
    newest, link, changed = (history.locator(".history > li").nth(index) for index in range(3))
    expect(newest).to_contain_text("Actual cost booked: 2 T2")
    expect(newest).to_contain_text("1,200.00")
    expect(link).to_contain_text("Link added: 1 设计 Design -> 2 T2 (FS +2d)")
    expect(changed).to_contain_text("Task changed: 1 T1")
    expect(changed).to_contain_text("Wei Li")
    expect(changed.locator("tr").filter(has_text="Duration (working days)")).to_contain_text("2→4")
    detail_shot = artifacts_dir / "project-history-recent.png"
    page.screenshot(path=detail_shot, full_page=True)

    page.get_by_role("link", name="Show older changes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change history")
    expect(page.locator(".history > li")).to_have_count(50)
    page.get_by_role("link", name="Show older changes").click()
    expect(page.locator(".history > li")).to_have_count(14)  # 63 plan changes and the project's creation
    expect(page.get_by_text("Created the project.")).to_be_visible()
    page_shot = artifacts_dir / "project-history-page-2.png"
    page.screenshot(path=page_shot, full_page=True)
    assert detail_shot.stat().st_size > 10_000 and page_shot.stat().st_size > 10_000
