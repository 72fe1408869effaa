"""The Gantt in Chromium: dragging bars, the two panes and their divider, hidden columns, late and
manually scheduled tasks, the plan's version on structure edits, and virtual rows on a large plan."""

import datetime
import json

import pytest
from django.utils import timezone

from projects.apis import plans as plan_apis
from projects.models import Dependency, Task
from projects.services.reschedule import project_reschedule
from projects.views import plans as plan_views
from tests.browser import open_plan
from tests.factories import UserFactory
from tests.factories.plans import PlannedProjectFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def build_plan(project, durations, links):
    tasks = {
        name: Task.objects.create(project=project, name=name, position=number, duration_days=days)
        for number, (name, days) in enumerate(durations, start=1)
    }
    for predecessor, successor in links:
        Dependency.objects.create(
            project=project, predecessor=tasks[predecessor], successor=tasks[successor], type="FS"
        )
    project_reschedule(project=project)
    return tasks


@pytest.fixture
def pm():
    return UserFactory(username="planner", first_name="Li", last_name="Wei", is_project_manager=True)


@pytest.fixture
def plan_world(pm):
    """A (3 d) -> B (2 d) -> D (1 d) and C (4 d) -> D, from Monday 2026-03-02."""
    project = PlannedProjectFactory(project_manager=pm, code="GANTT-2", name="Customer portal relaunch")
    build_plan(
        project,
        [("Analysis", 3), ("Build", 2), ("Content", 4), ("Go-live", 1)],
        [("Analysis", "Build"), ("Build", "Go-live"), ("Content", "Go-live")],
    )
    return project


@pytest.fixture
def long_plan(pm):
    """300 tasks in a chain over about 15 months, so the chart scrolls both ways."""
    project = PlannedProjectFactory(project_manager=pm, code="GANTT-LONG", name="Long plan")
    tasks = Task.objects.bulk_create(
        Task(project=project, name=f"Step {number}", position=number, duration_days=1 + number % 2)
        for number in range(1, 301)
    )
    Dependency.objects.bulk_create(
        Dependency(project=project, predecessor=before, successor=after)
        for before, after in zip(tasks, tasks[1:], strict=False)
    )
    project_reschedule(project=project)
    return project


def row(page, name):
    return page.locator("#plan-rows tr", has=page.locator("td.c-name .cell-text", has_text=name))


def cell(page, name, column):
    return row(page, name).locator(f"td.c-{column}").inner_text()


def bar_of(page, project, name):
    task = Task.objects.get(project=project, name=name)
    return page.locator(f'.g-task[data-id="{task.pk}"] .g-bar')


def drag(page, start_x, y, to_x):
    page.mouse.move(start_x, y)
    page.mouse.down()
    page.mouse.move((start_x + to_x) / 2, y, steps=4)
    page.mouse.move(to_x, y, steps=4)
    page.mouse.up()


def wait_for_notice(page, level="success"):
    page.wait_for_selector(f".plan-notice[data-notice={level}]")


def box(page, selector):
    return page.locator(selector).bounding_box()


# --- dragging bars ------------------------------------------------------------------------------------------


def test_dragging_a_bar_moves_the_task_and_its_successor_moves_too(browser, live_server, pm, plan_world):
    context, page = open_plan(browser, live_server, pm, plan_world)
    try:
        assert cell(page, "Build", "start") == "2026-03-05"
        bar = bar_of(page, plan_world, "Analysis").bounding_box()
        # Two days to the right (26 px a day at day zoom): Analysis starts Wednesday 2026-03-04.
        drag(page, bar["x"] + 10, bar["y"] + bar["height"] / 2, bar["x"] + 10 + 2 * 26)
        wait_for_notice(page)
        assert cell(page, "Analysis", "start") == "2026-03-04"
        assert cell(page, "Build", "start") == "2026-03-09"  # the successor moved, redrawn from the server
        analysis = Task.objects.get(project=plan_world, name="Analysis")
        assert analysis.planned_start == datetime.date(2026, 3, 4)
        assert analysis.duration_days == 3
        assert Task.objects.get(project=plan_world, name="Build").planned_start == datetime.date(2026, 3, 9)
        # The bar on screen moved with the data.
        moved = bar_of(page, plan_world, "Analysis").bounding_box()
        assert moved["x"] == pytest.approx(bar["x"] + 2 * 26, abs=1.5)
    finally:
        context.close()


def test_an_edit_that_pushes_the_plan_past_the_projects_finish_says_so_at_once(
    browser, live_server, pm, plan_world
):
    plan_world.finish_date = datetime.date(2026, 3, 9)  # the day Go-live is planned: no overrun yet
    plan_world.save()
    context, page = open_plan(browser, live_server, pm, plan_world)
    try:
        notice = page.locator("#plan-finish-overrun")
        assert notice.is_hidden()
        bar = bar_of(page, plan_world, "Analysis").bounding_box()
        drag(page, bar["x"] + 10, bar["y"] + bar["height"] / 2, bar["x"] + 10 + 2 * 26)
        wait_for_notice(page)
        # Go-live moves to Wednesday 11 March: two working days past the finish date, without a reload.
        assert notice.is_visible()
        assert notice.inner_text() == (
            "The plan finishes on 2026-03-11, 2 working days after the project's finish date (2026-03-09)."
        )
    finally:
        context.close()


def test_a_bar_dropped_on_a_weekend_snaps_to_the_next_working_day(browser, live_server, pm, plan_world):
    context, page = open_plan(browser, live_server, pm, plan_world)
    try:
        bar = bar_of(page, plan_world, "Build").bounding_box()  # Thursday 2026-03-05
        drag(page, bar["x"] + 8, bar["y"] + bar["height"] / 2, bar["x"] + 8 + 2 * 26)  # Saturday
        wait_for_notice(page)
        assert cell(page, "Build", "start") == "2026-03-09"
    finally:
        context.close()


def test_dragging_the_right_end_changes_the_finish_and_the_successor_follows(
    browser, live_server, pm, plan_world
):
    context, page = open_plan(browser, live_server, pm, plan_world)
    try:
        assert cell(page, "Go-live", "start") == "2026-03-09"
        bar = bar_of(page, plan_world, "Build").bounding_box()  # 2026-03-05 .. 03-06
        right = bar["x"] + bar["width"] - 2
        # Three days on: Monday 2026-03-09, so Build lasts 3 working days.
        drag(page, right, bar["y"] + bar["height"] / 2, right + 3 * 26)
        wait_for_notice(page)
        assert cell(page, "Build", "finish") == "2026-03-09"
        assert cell(page, "Build", "duration") == "3 d"
        assert cell(page, "Go-live", "start") == "2026-03-10"
        assert Task.objects.get(project=plan_world, name="Build").duration_days == 3
    finally:
        context.close()


def test_a_viewer_cannot_drag_bars(browser, live_server, plan_world):
    sponsor = UserFactory(username="sponsor", is_sponsor=True)
    plan_world.sponsor = sponsor
    plan_world.save()
    context, page = open_plan(browser, live_server, sponsor, plan_world)
    try:
        assert page.locator(".g-task.draggable").count() == 0
        bar = bar_of(page, plan_world, "Analysis").bounding_box()
        drag(page, bar["x"] + 10, bar["y"] + bar["height"] / 2, bar["x"] + 10 + 3 * 26)
        page.wait_for_timeout(300)
        assert page.locator(".plan-notice").count() == 0
        analysis = Task.objects.get(project=plan_world, name="Analysis")
        assert analysis.planned_start == datetime.date(2026, 3, 2)
    finally:
        context.close()


# --- the two panes ------------------------------------------------------------------------------------------


def chart_covers_table(page) -> list[str]:
    """What of the chart is on top anywhere over the table pane, probed on a grid of points."""
    return page.evaluate(
        """() => {
        const pane = document.querySelector('.plan-grid-pane').getBoundingClientRect();
        const found = [];
        for (let px = pane.left + 2; px < pane.right - 1; px += 12) {
          for (let py = pane.top + 2; py < pane.bottom - 1; py += 7) {
            const hit = document.elementFromPoint(px, py);
            if (hit && !document.querySelector('.plan-grid-pane').contains(hit)) {
              found.push(`${Math.round(px)},${Math.round(py)}: ${hit.tagName}.${hit.getAttribute('class')}`);
            }
          }
        }
        return found;
      }"""
    )


def test_scrolled_sideways_and_down_nothing_of_the_chart_is_drawn_over_the_table(
    browser, live_server, pm, long_plan, artifacts_dir
):
    context, page = open_plan(browser, live_server, pm, long_plan)
    try:
        page.screenshot(path=str(artifacts_dir / "gantt_opened.png"))
        for left, top in ((600, 0), (2500, 1500), (5200, 4000)):
            page.evaluate(
                "([left, top]) => { const s = document.getElementById('plan-scroll');"
                " s.scrollLeft = left; s.scrollTop = top; }",
                [left, top],
            )
            page.wait_for_timeout(120)  # the redraw waits for the next frame
            assert page.evaluate("document.getElementById('plan-scroll').scrollLeft") > 0
            assert chart_covers_table(page) == []
            # Every bar, link and weekend shape drawn lies right of the table pane, or is clipped there.
            table_right = box(page, ".plan-grid-pane")["x"] + box(page, ".plan-grid-pane")["width"]
            chart_left = box(page, "#plan-scroll")["x"]
            assert chart_left >= table_right
            page.screenshot(path=str(artifacts_dir / f"gantt_scrolled_{left}_{top}.png"))
        # Bars and links that cross the pane's left edge are cut there, not drawn over the table.
        page.evaluate(
            """() => {
            const s = document.getElementById('plan-scroll');
            s.scrollTop = 1500;
            s.dispatchEvent(new Event('scroll'));
          }"""
        )
        page.wait_for_timeout(120)
        page.evaluate(
            """() => {
            const s = document.getElementById('plan-scroll');
            const canvas = document.getElementById('plan-chart').getBoundingClientRect();
            const top = s.getBoundingClientRect().top + 46 + 5 * 28;
            const bar = [...document.querySelectorAll('.g-task .g-bar')]
              .find((shape) => shape.getBoundingClientRect().top > top);
            s.scrollLeft = bar.getBoundingClientRect().left - canvas.left + 8;
          }"""
        )
        page.wait_for_timeout(120)
        crossing = page.evaluate(
            """() => {
            const edge = document.getElementById('plan-scroll').getBoundingClientRect().left;
            return [...document.querySelectorAll('.g-task .g-bar, .g-link')]
              .filter((shape) => {
                const r = shape.getBoundingClientRect();
                return r.left < edge && r.right > edge;
              }).length;
          }"""
        )
        assert crossing > 0
        assert chart_covers_table(page) == []
        page.screenshot(path=str(artifacts_dir / "gantt_scrolled_bars_at_the_edge.png"))
        # The table rows follow the chart down: the same task is in the first row of both.
        first_row = page.evaluate(
            """() => {
            const s = document.getElementById('plan-scroll');
            const pane = document.querySelector('.plan-grid-pane');
            const hit = document.elementFromPoint(pane.getBoundingClientRect().left + 20,
              pane.getBoundingClientRect().top + 46 + 14);
            return [hit.closest('tr').getAttribute('aria-rowindex'), Math.floor((s.scrollTop + 14) / 28) + 2];
          }"""
        )
        assert int(first_row[0]) == first_row[1]
    finally:
        context.close()


def test_dragging_the_divider_widens_the_chart_and_the_width_is_remembered(
    browser, live_server, pm, plan_world
):
    context, page = open_plan(browser, live_server, pm, plan_world)
    try:
        chart_before = box(page, "#plan-scroll")["width"]
        divider = box(page, "#plan-divider")
        middle_y = divider["y"] + divider["height"] / 2
        drag(page, divider["x"] + 3, middle_y, divider["x"] + 3 - 250)
        chart_after = box(page, "#plan-scroll")["width"]
        assert chart_after == pytest.approx(chart_before + 250, abs=3)
        page.reload()
        page.wait_for_selector("#plan-page[data-ready=true]")
        assert box(page, "#plan-scroll")["width"] == pytest.approx(chart_after, abs=3)
    finally:
        context.close()


def test_a_hidden_column_disappears_and_stays_hidden(browser, live_server, pm, plan_world):
    context, page = open_plan(browser, live_server, pm, plan_world)
    try:
        assert page.locator("#plan-rows td.c-assignee").count() == 4
        page.click("#plan-columns summary")
        page.locator("#plan-columns input[data-column=assignee]").uncheck()
        assert page.locator("#plan-rows td.c-assignee").count() == 0
        assert page.locator("#plan-grid th[data-col=assignee]").is_hidden()
        assert page.locator("#plan-rows td.c-finish").count() == 4
        page.reload()
        page.wait_for_selector("#plan-page[data-ready=true]")
        assert page.locator("#plan-rows td.c-assignee").count() == 0
        assert page.locator("#plan-grid th[data-col=assignee]").is_hidden()
    finally:
        context.close()


# --- today, late and manual tasks ---------------------------------------------------------------------------


@pytest.fixture
def current_plan(pm):
    """Started 20 days ago: Done (complete) and Overdue finished before today, Ahead is still to come."""
    start = timezone.localdate() - datetime.timedelta(days=20)
    project = PlannedProjectFactory(project_manager=pm, code="GANTT-NOW", name="Running", start_date=start)
    tasks = build_plan(
        project,
        [("Done", 2), ("Overdue", 3), ("Ahead", 40), ("Filler", 120)],
        [("Done", "Overdue"), ("Overdue", "Ahead")],
    )
    Task.objects.filter(pk=tasks["Done"].pk).update(percent_complete=100)
    return project


def test_late_tasks_are_marked_in_the_table_and_the_chart_with_a_legend(
    browser, live_server, pm, current_plan, artifacts_dir
):
    context, page = open_plan(browser, live_server, pm, current_plan)
    try:
        assert row(page, "Overdue").get_attribute("class").split().count("is-late") == 1
        assert row(page, "Overdue").locator(".late-mark").count() == 1
        assert "is-late" not in row(page, "Done").get_attribute("class")
        assert "is-late" not in row(page, "Ahead").get_attribute("class")
        overdue = Task.objects.get(project=current_plan, name="Overdue")
        assert page.locator(f'.g-task.late[data-id="{overdue.pk}"]').count() == 1
        assert page.locator(".g-task.late").count() == 1
        assert "Late" in page.locator(".legend").inner_text()
        page.screenshot(path=str(artifacts_dir / "gantt_late.png"))
    finally:
        context.close()


def test_the_chart_opens_around_today_with_a_today_line(browser, live_server, pm, current_plan):
    context, page = open_plan(browser, live_server, pm, current_plan)
    try:
        assert page.evaluate("document.getElementById('plan-scroll').scrollLeft") > 0
        line = box(page, ".g-today")
        pane = box(page, "#plan-scroll")
        assert pane["x"] < line["x"] < pane["x"] + pane["width"]
    finally:
        context.close()


def test_a_plan_far_from_today_opens_at_its_start(browser, live_server, pm, long_plan):
    long_plan.start_date = timezone.localdate() + datetime.timedelta(days=800)
    long_plan.save()
    project_reschedule(project=long_plan)
    context, page = open_plan(browser, live_server, pm, long_plan)
    try:
        first = Task.objects.get(project=long_plan, name="Step 1")
        first_bar = page.locator(f'.g-task[data-id="{first.pk}"] .g-bar').bounding_box()
        pane = box(page, "#plan-scroll")
        assert pane["x"] < first_bar["x"] < pane["x"] + pane["width"] / 2
    finally:
        context.close()


def with_payload_changes(monkeypatch, change):
    """Let the plan, in the page and from the API, carry keys that its server side may add."""
    original = plan_views.plan_payload

    def changed(**kwargs):
        payload = original(**kwargs)
        change(payload)
        return payload

    monkeypatch.setattr(plan_views, "plan_payload", changed)
    monkeypatch.setattr(plan_apis, "plan_payload", changed)


def test_a_manually_scheduled_task_is_drawn_as_such(browser, live_server, pm, plan_world, monkeypatch):
    def mark_build(payload):
        for task in payload["tasks"]:
            if task["name"] == "Build":
                task["manual"] = True

    with_payload_changes(monkeypatch, mark_build)
    context, page = open_plan(browser, live_server, pm, plan_world)
    try:
        build = Task.objects.get(project=plan_world, name="Build")
        assert page.locator(f'.g-task.manual[data-id="{build.pk}"] .g-manual-ends').count() == 1
        assert page.locator(".g-task.manual").count() == 1  # a missing key means not manual
        assert row(page, "Build").locator(".manual-mark").count() == 1
        assert row(page, "Analysis").locator(".manual-mark").count() == 0
    finally:
        context.close()


# --- adding a link ------------------------------------------------------------------------------------------


def test_the_link_form_offers_every_task_but_the_selected_one_and_adds_the_link(
    browser, live_server, pm, plan_world
):
    context, page = open_plan(browser, live_server, pm, plan_world)
    try:
        choice = page.locator("#link-add-form select[name=predecessor]")
        offered = "(s) => [...s.options].filter((o) => o.value && !o.disabled).map((o) => o.text)"
        row(page, "Build").locator("td.c-wbs").click()
        assert choice.evaluate(offered) == ["1 Analysis", "3 Content", "4 Go-live"]
        row(page, "Content").locator("td.c-wbs").click()
        assert choice.evaluate(offered) == ["1 Analysis", "2 Build", "4 Go-live"]
        choice.select_option(label="1 Analysis")
        page.click("#link-add-form button[type=submit]")
        page.locator(".plan-notice[data-notice=success]").wait_for()
        assert Dependency.objects.filter(
            project=plan_world, predecessor__name="Analysis", successor__name="Content"
        ).exists()
        # After the plan is read again the list is rebuilt, still without the selected task.
        assert "3 Content" not in choice.evaluate(offered)
        assert choice.input_value() == ""
    finally:
        context.close()


# --- the plan's version on structure edits ------------------------------------------------------------------


def test_link_changes_carry_the_plan_etag_and_a_stale_plan_shows_the_stale_notice(
    browser, live_server, pm, plan_world, monkeypatch
):
    with_payload_changes(monkeypatch, lambda payload: payload.update(plan_etag="plan-7"))
    context, page = open_plan(browser, live_server, pm, plan_world)
    sent = []

    def stale(route):
        sent.append((route.request.method, route.request.headers.get("if-match"), route.request.post_data))
        route.fulfill(
            status=412,
            content_type="application/json",
            body=json.dumps({"message": "The plan was changed by someone else.", "extra": {}}),
        )

    page.route("**/api/dependencies/*/", stale)
    try:
        # A click on the link line opens the link for editing in the dependencies panel.
        link = Dependency.objects.get(project=plan_world, predecessor__name="Analysis")
        page.locator(f'[data-link="{link.pk}"] .g-link-hit').click(force=True)
        form = page.locator(f'form[data-link-form="{link.pk}"]')
        form.wait_for()
        form.locator("select[name=type]").select_option("SS")
        form.locator("input[name=lag]").fill("2")
        form.locator("button[type=submit]").click()
        notice = page.locator(".plan-notice[data-notice=warning]")
        notice.wait_for()
        assert "changed by someone else" in notice.inner_text()
        assert sent[0][0] == "PATCH"
        assert sent[0][1] == '"plan-7"'
        assert json.loads(sent[0][2]) == {"type": "SS", "lag_days": 2}
        # Removing a link sends the plan's ETag too.
        row(page, "Build").locator("td.c-wbs").click()
        page.locator(f'[data-remove-link="{link.pk}"]').click()
        page.wait_for_timeout(300)
        assert sent[1][:2] == ("DELETE", '"plan-7"')
    finally:
        context.close()


def test_indent_sends_the_plan_etag(browser, live_server, pm, plan_world, monkeypatch):
    with_payload_changes(monkeypatch, lambda payload: payload.update(plan_etag="plan-9"))
    context, page = open_plan(browser, live_server, pm, plan_world)
    try:
        row(page, "Content").locator("td.c-wbs").click()
        with page.expect_request("**/indent/") as request:
            page.click("[data-row-action=indent]")
        assert request.value.headers["if-match"] == '"plan-9"'
    finally:
        context.close()


def test_an_outline_move_refused_for_a_missing_plan_version_shows_the_stale_notice_and_reloads(
    browser, live_server, pm, plan_world, monkeypatch
):
    with_payload_changes(monkeypatch, lambda payload: payload.update(plan_etag="plan-3"))
    context, page = open_plan(browser, live_server, pm, plan_world)
    page.route(
        "**/outdent/",
        lambda route: route.fulfill(
            status=428,
            content_type="application/json",
            body=json.dumps({"message": "Send If-Match with the plan's ETag.", "extra": {}}),
        ),
    )
    try:
        row(page, "Content").locator("td.c-wbs").click()
        with page.expect_request(lambda request: request.url.endswith("/plan/") and request.method == "GET"):
            page.click("[data-row-action=outdent]")
        notice = page.locator(".plan-notice[data-notice=warning]")
        notice.wait_for()
        assert "changed by someone else" in notice.inner_text()
    finally:
        context.close()


# --- virtual rows -------------------------------------------------------------------------------------------


@pytest.fixture
def big_plan(pm):
    """2,000 tasks: 40 phases of 49 linked tasks."""
    project = PlannedProjectFactory(project_manager=pm, code="GANTT-BIG", name="Big plan")
    phases = Task.objects.bulk_create(
        Task(project=project, name=f"Phase {number}", position=number) for number in range(40)
    )
    leaves = Task.objects.bulk_create(
        Task(
            project=project,
            parent=phase,
            name=f"Work {phase.position}.{number}",
            position=number,
            duration_days=2,
        )
        for phase in phases
        for number in range(49)
    )
    Dependency.objects.bulk_create(
        Dependency(project=project, predecessor=before, successor=after)
        for before, after in zip(leaves, leaves[1:], strict=False)
        if before.parent_id == after.parent_id
    )
    Task.objects.filter(pk=leaves[-1].pk).update(name="The very last task")
    project_reschedule(project=project)
    return project


def test_a_2000_task_plan_draws_only_the_rows_in_view_and_scrolls_to_the_last_task(
    browser, live_server, pm, big_plan, artifacts_dir
):
    context, page = open_plan(browser, live_server, pm, big_plan)
    try:
        assert Task.objects.filter(project=big_plan).count() == 2000
        assert page.locator("#plan-rows tr.plan-row").count() < 100
        assert page.locator("#plan-chart svg *").count() < 2000
        assert page.locator("#plan-grid").get_attribute("aria-rowcount") == "2001"
        page.evaluate(
            "() => { const s = document.getElementById('plan-scroll'); s.scrollTop = s.scrollHeight; }"
        )
        last = row(page, "The very last task")
        last.wait_for()
        assert last.is_visible()
        assert page.locator("#plan-rows tr.plan-row").count() < 100
        last_task = Task.objects.get(project=big_plan, name="The very last task")
        assert page.locator(f'.g-task[data-id="{last_task.pk}"]').count() == 1
        # The last row is in view in the table pane, level with its bar in the chart.
        pane = box(page, ".plan-grid-pane")
        row_box = last.bounding_box()
        assert pane["y"] < row_box["y"] and row_box["y"] + row_box["height"] <= pane["y"] + pane["height"] + 1
        bar = page.locator(f'.g-task[data-id="{last_task.pk}"] .g-bar').bounding_box()
        assert abs((bar["y"] + bar["height"] / 2) - (row_box["y"] + row_box["height"] / 2)) < 3
        page.locator("#plan-view").screenshot(path=str(artifacts_dir / "gantt_2000_bottom.png"))
    finally:
        context.close()


def test_keyboard_moves_past_the_drawn_rows(browser, live_server, pm, big_plan):
    context, page = open_plan(browser, live_server, pm, big_plan)
    try:
        row(page, "Phase 0").locator("td.c-wbs").click()
        for _ in range(8):
            page.keyboard.press("PageDown")
        focused = page.evaluate("document.activeElement.closest('tr').getAttribute('aria-rowindex')")
        assert int(focused) > 100
        assert page.locator("#plan-rows tr.plan-row").count() < 100
    finally:
        context.close()


def test_zooming_out_narrows_the_chart_and_keeps_it_beside_the_table(
    browser, live_server, pm, long_plan, artifacts_dir
):
    context, page = open_plan(browser, live_server, pm, long_plan)
    try:
        day_width = page.evaluate("document.getElementById('plan-scroll').scrollWidth")
        for zoom in ("week", "month"):
            page.click(f"[data-zoom={zoom}]")
            page.wait_for_timeout(100)
            width = page.evaluate("document.getElementById('plan-scroll').scrollWidth")
            assert width < day_width
            assert chart_covers_table(page) == []
            assert page.locator(".g-task").count() > 10
            page.locator("#plan-view").screenshot(path=str(artifacts_dir / f"gantt_zoom_{zoom}.png"))
        page.reload()
        page.wait_for_selector("#plan-page[data-ready=true]")
        assert page.locator("[data-zoom=month]").get_attribute("aria-pressed") == "true"
    finally:
        context.close()


def test_escape_during_a_drag_puts_the_bar_back_and_sends_nothing(browser, live_server, pm, plan_world):
    context, page = open_plan(browser, live_server, pm, plan_world)
    try:
        bar = bar_of(page, plan_world, "Analysis").bounding_box()
        page.mouse.move(bar["x"] + 10, bar["y"] + bar["height"] / 2)
        page.mouse.down()
        page.mouse.move(bar["x"] + 10 + 3 * 26, bar["y"] + bar["height"] / 2, steps=5)
        page.keyboard.press("Escape")
        page.mouse.up()
        page.wait_for_timeout(300)
        assert page.locator(".plan-notice").count() == 0
        assert bar_of(page, plan_world, "Analysis").bounding_box()["x"] == pytest.approx(bar["x"], abs=1)
        assert Task.objects.get(project=plan_world, name="Analysis").version == 1
    finally:
        context.close()
