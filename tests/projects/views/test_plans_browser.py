"""Acceptance of the plan page in Chromium: edit in the Gantt, successors move, critical path changes,
and a second session that still shows the old version gets the stale-edit message."""

import pytest

from projects.models import Dependency, Task
from projects.services.reschedule import project_reschedule
from tests.browser import open_plan
from tests.factories import UserFactory
from tests.factories.plans import PlannedProjectFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def plan_world():
    """A (3 d) -> B (2 d) -> D (1 d) and C (4 d) -> D: A, B and D are critical, C has a day of float."""
    pm = UserFactory(username="planner", first_name="Li", last_name="Wei", is_project_manager=True)
    project = PlannedProjectFactory(project_manager=pm, code="GANTT-1", name="Customer portal relaunch")
    tasks = {
        name: Task.objects.create(project=project, name=name, position=number, duration_days=days)
        for number, (name, days) in enumerate(
            [("Analysis", 3), ("Build", 2), ("Content", 4), ("Go-live", 1)], start=1
        )
    }
    for predecessor, successor in (("Analysis", "Build"), ("Build", "Go-live"), ("Content", "Go-live")):
        Dependency.objects.create(
            project=project, predecessor=tasks[predecessor], successor=tasks[successor], type="FS"
        )
    project_reschedule(project=project)
    return pm, project


def row(page, name):
    return page.locator("#plan-rows tr", has=page.locator("td.c-name", has_text=name))


def critical_names(page) -> set[str]:
    return set(page.locator("#plan-rows tr.is-critical td.c-name").all_inner_texts())


def test_pm_edits_in_the_gantt_and_a_stale_second_session_is_refused(
    browser, live_server, plan_world, artifacts_dir
):
    pm, project = plan_world
    first_context, first = open_plan(browser, live_server, pm, project)
    second_context, second = open_plan(browser, live_server, pm, project)
    try:
        assert critical_names(first) == {"Analysis", "Build", "Go-live"}
        assert row(first, "Go-live").locator("td.c-start").inner_text() == "2026-03-09"
        assert first.locator(".g-task.critical").count() == 3

        # Lengthen Content from 4 to 8 working days, in place: click, type, Enter.
        row(first, "Content").locator("td.c-duration").click()
        cell_input = row(first, "Content").locator("td.c-duration input")
        cell_input.fill("8")
        cell_input.press("Enter")
        first.wait_for_selector(".plan-notice[data-notice=success]")

        # The successor moved on screen and the critical path is now Content -> Go-live.
        assert row(first, "Go-live").locator("td.c-start").inner_text() == "2026-03-12"
        assert row(first, "Go-live").locator("td.c-finish").inner_text() == "2026-03-12"
        assert critical_names(first) == {"Content", "Go-live"}
        assert first.locator(".g-task.critical").count() == 2
        assert first.locator(".g-link.critical").count() == 1
        first.screenshot(path=str(artifacts_dir / "plan_after_edit.png"), full_page=True)

        # The second session still shows Content at version 1 and tries its own change.
        assert row(second, "Content").locator("td.c-duration").inner_text() == "4 d"
        row(second, "Content").locator("td.c-duration").click()
        stale_input = row(second, "Content").locator("td.c-duration input")
        stale_input.fill("6")
        stale_input.press("Enter")
        notice = second.locator(".plan-notice[data-notice=warning]")
        notice.wait_for()
        assert "This task was changed by someone else" in notice.inner_text()
        assert "8 days" in notice.inner_text()
        # Nothing was overwritten, and the second session now shows the fresh values.
        assert row(second, "Content").locator("td.c-duration").inner_text() == "8 d"
        assert row(second, "Go-live").locator("td.c-start").inner_text() == "2026-03-12"
        second.screenshot(path=str(artifacts_dir / "plan_stale_edit.png"), full_page=True)
        assert Task.objects.get(project=project, name="Content").duration_days == 8
    finally:
        first_context.close()
        second_context.close()


def test_keyboard_editing_tab_moves_on_and_escape_cancels(browser, live_server, plan_world):
    pm, project = plan_world
    context, page = open_plan(browser, live_server, pm, project)
    try:
        name_cell = row(page, "Analysis").locator("td.c-name")
        name_cell.click()
        page.keyboard.press("Escape")
        assert row(page, "Analysis").locator("td.c-name input").count() == 0

        page.keyboard.press("Enter")  # the focused cell opens again
        editor = page.locator("td.c-name input")
        editor.fill("Requirements analysis")
        editor.press("Tab")
        # Saved, and the next cell (duration) is now being edited.
        duration_editor = row(page, "Requirements analysis").locator("td.c-duration input")
        duration_editor.wait_for()
        notice = page.locator(".plan-notice[data-notice=success]")
        assert notice.inner_text() == "“Requirements analysis” saved; the plan was rescheduled."
        duration_editor.press("Escape")
        assert Task.objects.get(project=project, position=0).name == "Requirements analysis"
        assert Task.objects.filter(project=project, name="Analysis").count() == 0
    finally:
        context.close()


def test_viewer_sees_the_plan_without_edit_controls(browser, live_server, plan_world):
    _pm, project = plan_world
    sponsor = UserFactory(username="sponsor", is_sponsor=True)
    project.sponsor = sponsor
    project.save()
    context, page = open_plan(browser, live_server, sponsor, project)
    try:
        assert page.locator("#task-add-form").count() == 0
        assert page.locator("#plan-rows td.editable").count() == 0
        row(page, "Build").locator("td.c-duration").click()
        assert page.locator("#plan-rows input").count() == 0
    finally:
        context.close()


def test_a_refused_edit_says_why_and_the_cell_can_be_edited_again(browser, live_server, plan_world):
    pm, project = plan_world
    context, page = open_plan(browser, live_server, pm, project)
    try:
        row(page, "Build").locator("td.c-duration").click()
        editor = row(page, "Build").locator("td.c-duration input")
        editor.fill("-2")
        editor.press("Enter")
        notice = page.locator(".plan-notice[data-notice=error]")
        notice.wait_for()
        assert "Nothing was saved." in notice.inner_text()
        assert "The duration cannot be negative." in notice.inner_text()
        # The cell shows the stored value again and opens for a new try.
        assert row(page, "Build").locator("td.c-duration").inner_text() == "2 d"
        row(page, "Build").locator("td.c-duration").click()
        editor = row(page, "Build").locator("td.c-duration input")
        editor.fill("3")
        editor.press("Enter")
        page.wait_for_selector(".plan-notice[data-notice=success]")
        assert row(page, "Build").locator("td.c-duration").inner_text() == "3 d"
        assert Task.objects.get(project=project, name="Build").duration_days == 3
    finally:
        context.close()


def test_indenting_under_a_linked_task_and_a_stale_structure_edit_in_the_gantt(
    browser, live_server, plan_world, artifacts_dir
):
    pm, project = plan_world
    first_context, first = open_plan(browser, live_server, pm, project)
    second_context, second = open_plan(browser, live_server, pm, project)
    try:
        # Build has links both ways; Content indents under it and now waits for Analysis, as in MS Project.
        row(first, "Content").locator("td.c-wbs").click()
        first.click("[data-row-action=indent]")
        first.wait_for_selector(".plan-notice[data-notice=success]")
        assert row(first, "Content").locator("td.c-wbs").inner_text() == "2.1"
        assert row(first, "Content").locator("td.c-start").inner_text() == "2026-03-05"
        assert Task.objects.get(project=project, name="Content").parent.name == "Build"

        # The second session still shows the plan before that indent: its outline edit is refused.
        row(second, "Go-live").locator("td.c-wbs").click()
        second.click("[data-row-action=indent]")
        notice = second.locator(".plan-notice[data-notice=warning]")
        notice.wait_for()
        assert "Someone else changed this plan" in notice.inner_text()
        assert row(second, "Content").locator("td.c-wbs").inner_text() == "2.1"  # the fresh plan
        second.screenshot(path=str(artifacts_dir / "plan_stale_structure_edit.png"), full_page=True)
        assert Task.objects.get(project=project, name="Go-live").parent_id is None
    finally:
        first_context.close()
        second_context.close()
