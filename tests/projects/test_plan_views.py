"""The plan pages as people use them: who sees and edits, edits that reschedule, stale edits, burndown."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance.models import PmoType
from projects.plan_models import Baseline, BurndownPoint, Dependency, Task
from projects.plan_reschedule import project_reschedule
from projects.plan_services import baseline_save, task_update
from tests.factories import MembershipFactory, UserFactory, build_access_world
from tests.plan_factories import PLAN_START, PlannedProjectFactory, build_chain, refreshed

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def plan_url(project) -> str:
    return reverse("projects:plan", args=[project.pk])


def edit_url(task) -> str:
    return reverse("projects:plan_task_edit", args=[task.project_id, task.pk])


def shown_tasks(response) -> dict[str, dict]:
    """The plan rows the page hands to the browser, by task name."""
    return {row["name"]: row for row in response.context["payload"]["tasks"]}


@pytest.fixture
def pm():
    return UserFactory(username="planner", first_name="Li", last_name="Wei", is_project_manager=True)


@pytest.fixture
def project(pm):
    return PlannedProjectFactory(project_manager=pm)


@pytest.fixture
def chain(project):
    """T1 (2 d) -> T2 (3 d) -> T3 (1 d), and T4 (4 d) on its own: the chain is critical."""
    build_chain(project, [2, 3, 1])
    Task.objects.create(project=project, name="T4", position=9, duration_days=4)
    project_reschedule(project=project)
    return {task.name: task for task in Task.objects.filter(project=project)}


# --- who sees what -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("pmo_type", [PmoType.SUPPORTIVE, PmoType.DIRECTIVE])
def test_plan_page_shows_each_role_what_the_access_rules_allow(client, pmo_type):
    world = build_access_world(pmo_type)
    build_chain(world.project_of_pm1, [1, 1])
    for role, user in world.users.items():
        client.force_login(user)
        response = client.get(plan_url(world.project_of_pm1))
        if world.project_of_pm1.pk not in world.visible_projects(role):
            assert response.status_code == 404, role
            continue
        assert response.status_code == 200, role
        editable = world.project_of_pm1.pk in world.editable_projects(role, pmo_type)
        assert response.context["payload"]["may_edit"] is editable, role
        assert ("Add task" in response.content.decode()) is editable, role


def test_viewer_cannot_change_the_plan(client, chain):
    sponsor = UserFactory(is_sponsor=True)
    chain["T1"].project.sponsor = sponsor
    chain["T1"].project.save()
    client.force_login(sponsor)
    response = client.post(edit_url(chain["T1"]), {"version": 1, "duration_days": 9}, **HTMX)
    assert response.status_code == 403
    assert "You may only update the progress of tasks assigned to you." in response.content.decode()
    assert refreshed(chain["T1"]).duration_days == 2


def test_outsider_gets_404_for_every_plan_address(client, chain):
    client.force_login(UserFactory(username="stranger"))
    task = chain["T1"]
    project_id = task.project_id
    addresses = [
        ("get", plan_url(task.project)),
        ("get", reverse("projects:plan_burndown", args=[project_id])),
        ("post", edit_url(task)),
        ("post", reverse("projects:plan_task_add", args=[project_id])),
        ("post", reverse("projects:plan_task_indent", args=[project_id, task.pk])),
        ("post", reverse("projects:plan_task_delete", args=[project_id, task.pk])),
        ("post", reverse("projects:plan_dependency_add", args=[project_id])),
        ("post", reverse("projects:plan_baseline_save", args=[project_id])),
    ]
    for method, url in addresses:
        response = getattr(client, method)(url, {"version": 1, "name": "x"})
        assert response.status_code == 404, url
    assert refreshed(task).name == "T1"


def test_member_updates_percent_complete_of_own_task_only(client, project, pm):
    member = UserFactory(username="dev", is_team_member=True)
    MembershipFactory(project=project, user=member)
    mine, theirs = build_chain(project, [2, 2])
    Task.objects.filter(pk=mine.pk).update(assignee=member)
    client.force_login(member)

    page = client.get(plan_url(project))
    rows = shown_tasks(page)
    assert rows["T1"]["mine"] is True and rows["T2"]["mine"] is False
    assert page.context["payload"]["may_edit"] is False

    response = client.post(edit_url(mine), {"version": 1, "percent_complete": 40}, **HTMX)
    assert response.status_code == 200
    assert refreshed(mine).percent_complete == 40

    renamed = client.post(edit_url(mine), {"version": 2, "name": "Renamed"}, **HTMX)
    assert renamed.status_code == 403
    assert refreshed(mine).name == "T1"

    other = client.post(edit_url(theirs), {"version": 1, "percent_complete": 50}, **HTMX)
    assert other.status_code == 403
    assert refreshed(theirs).percent_complete == 0


# --- editing reschedules -----------------------------------------------------------------------------------


def test_lengthening_a_task_moves_its_successors_and_answers_with_the_new_plan(client, pm, chain):
    client.force_login(pm)
    response = client.post(edit_url(chain["T1"]), {"version": 1, "duration_days": 5}, **HTMX)

    assert response.status_code == 200
    assert "saved; the plan was rescheduled" in response.content.decode()
    rows = shown_tasks(response)
    # T1 now runs Monday to Friday, so T2 starts the next Monday.
    assert rows["T1"]["finish"] == "2026-03-06"
    assert rows["T2"]["start"] == "2026-03-09"
    assert rows["T3"]["start"] == "2026-03-12"
    assert rows["T1"]["version"] == 2
    assert refreshed(chain["T2"]).planned_start == datetime.date(2026, 3, 9)


def test_the_critical_path_follows_the_longest_chain(client, pm, chain):
    client.force_login(pm)
    before = shown_tasks(client.get(plan_url(chain["T1"].project)))
    assert before["T4"]["critical"] is False and before["T1"]["critical"] is True

    response = client.post(edit_url(chain["T4"]), {"version": 1, "duration_days": 10}, **HTMX)

    after = shown_tasks(response)
    assert after["T4"]["critical"] is True
    assert after["T1"]["critical"] is False


def test_typing_a_start_date_holds_the_task_to_it(client, pm, chain):
    client.force_login(pm)
    response = client.post(edit_url(chain["T4"]), {"version": 1, "start": "2026-03-11"}, **HTMX)
    assert response.status_code == 200
    assert shown_tasks(response)["T4"]["start"] == "2026-03-11"
    assert refreshed(chain["T4"]).constraint_type == "snet"


def test_typing_a_finish_date_sets_the_duration_in_working_days(client, pm, chain):
    client.force_login(pm)
    # T1 starts Monday 2 March; finishing Tuesday of the next week is 7 working days.
    response = client.post(edit_url(chain["T1"]), {"version": 1, "finish": "2026-03-10"}, **HTMX)
    assert response.status_code == 200
    assert refreshed(chain["T1"]).duration_days == 7


def test_stale_edit_is_refused_with_the_fresh_values(client, pm, chain):
    task = chain["T2"]
    task_update(actor=pm, task=task, expected_version=1, data={"name": "Build API", "duration_days": 4})
    client.force_login(pm)

    response = client.post(edit_url(task), {"version": 1, "duration_days": 8}, **HTMX)

    assert response.status_code == 409
    page = response.content.decode()
    assert "This task was changed by someone else" in page
    assert "Nothing was saved" in page
    assert response.context["stale_task"].name == "Build API"
    assert "Build API" in page and "4 days" in page
    assert shown_tasks(response)["Build API"]["version"] == 2
    stored = refreshed(task)
    assert (stored.name, stored.duration_days, stored.version) == ("Build API", 4, 2)


def test_negative_duration_is_refused_and_nothing_saved(client, pm, chain):
    client.force_login(pm)
    response = client.post(edit_url(chain["T1"]), {"version": 1, "duration_days": -3}, **HTMX)
    assert response.status_code == 400
    assert "The duration cannot be negative." in response.content.decode()
    assert refreshed(chain["T1"]).duration_days == 2
    assert refreshed(chain["T1"]).version == 1


def test_a_start_date_the_calendar_cannot_reach_past_is_refused_not_a_server_error(client, pm, chain):
    client.force_login(pm)
    response = client.post(edit_url(chain["T1"]), {"version": 1, "start": "9999-12-30"}, **HTMX)
    assert response.status_code == 400
    assert "would fall outside the years 1 to 9999" in response.content.decode()
    assert refreshed(chain["T1"]).version == 1


def test_a_baseline_parameter_that_is_not_a_plain_number_shows_the_plan_without_one(client, pm, chain):
    client.force_login(pm)
    response = client.get(plan_url(chain["T1"].project), {"baseline": "²"})
    assert response.status_code == 200
    assert response.context["baseline"] is None


def test_a_dependency_cycle_is_refused_naming_the_tasks(client, pm, chain):
    client.force_login(pm)
    url = reverse("projects:plan_dependency_add", args=[chain["T1"].project_id])
    response = client.post(
        url,
        {"predecessor": chain["T3"].pk, "successor": chain["T1"].pk, "type": "FS", "lag_days": 0},
        **HTMX,
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "cycle" in page
    for name in ("T1", "T2", "T3"):
        assert name in page.split("cycle", 1)[1]
    assert not Dependency.objects.filter(predecessor=chain["T3"], successor=chain["T1"]).exists()


def test_adding_and_removing_a_dependency_reschedules(client, pm, chain):
    client.force_login(pm)
    project_id = chain["T1"].project_id
    response = client.post(
        reverse("projects:plan_dependency_add", args=[project_id]),
        {"predecessor": chain["T3"].pk, "successor": chain["T4"].pk, "type": "SS", "lag_days": 1},
        **HTMX,
    )
    assert response.status_code == 200
    # T3 starts Monday 9 March; SS + 1 working day puts T4 on Tuesday 10 March.
    assert shown_tasks(response)["T4"]["start"] == "2026-03-10"
    link = Dependency.objects.get(predecessor=chain["T3"], successor=chain["T4"])

    response = client.post(reverse("projects:plan_dependency_remove", args=[project_id, link.pk]), **HTMX)
    assert response.status_code == 200
    assert shown_tasks(response)["T4"]["start"] == "2026-03-02"


def test_add_indent_outdent_and_delete_through_the_page(client, pm, chain):
    client.force_login(pm)
    project_id = chain["T1"].project_id
    added = client.post(
        reverse("projects:plan_task_add", args=[project_id]),
        {"name": "Review", "duration_days": 2, "after": chain["T3"].pk},
        **HTMX,
    )
    assert added.status_code == 200
    assert [row["name"] for row in added.context["payload"]["tasks"]] == ["T1", "T2", "T3", "Review", "T4"]
    review = Task.objects.get(name="Review")

    indented = client.post(
        reverse("projects:plan_task_indent", args=[project_id, review.pk]),
        {"version": review.version},
        **HTMX,
    )
    assert indented.status_code == 400  # T3 has links, so it cannot become a summary task
    assert "has dependencies" in indented.content.decode()

    t4 = refreshed(chain["T4"])
    indented = client.post(
        reverse("projects:plan_task_indent", args=[project_id, t4.pk]), {"version": t4.version}, **HTMX
    )
    assert indented.status_code == 200
    rows = shown_tasks(indented)
    assert rows["T4"]["wbs"] == "4.1" and rows["Review"]["summary"] is True

    t4 = refreshed(t4)
    outdented = client.post(
        reverse("projects:plan_task_outdent", args=[project_id, t4.pk]), {"version": t4.version}, **HTMX
    )
    assert shown_tasks(outdented)["T4"]["wbs"] == "5"

    t4 = refreshed(t4)
    deleted = client.post(
        reverse("projects:plan_task_delete", args=[project_id, t4.pk]), {"version": t4.version}, **HTMX
    )
    assert deleted.status_code == 200
    assert "T4" not in shown_tasks(deleted)
    assert not Task.objects.filter(pk=t4.pk).exists()


def test_without_htmx_an_edit_goes_back_to_the_plan_with_a_message(client, pm, chain):
    client.force_login(pm)
    response = client.post(edit_url(chain["T1"]), {"version": 1, "name": "Kick-off"}, follow=True)
    assert response.redirect_chain[-1][0] == plan_url(chain["T1"].project)
    assert "“T1” saved; the plan was rescheduled." in response.content.decode()
    assert refreshed(chain["T1"]).name == "Kick-off"


# --- baselines ---------------------------------------------------------------------------------------------


def test_saving_a_baseline_shows_the_plan_against_it(client, pm, chain):
    client.force_login(pm)
    project = chain["T1"].project
    response = client.post(reverse("projects:plan_baseline_save", args=[project.pk]), {"name": "Approved"})
    baseline = Baseline.objects.get(project=project, name="Approved")
    assert response.url == f"{plan_url(project)}?baseline={baseline.pk}"

    client.post(edit_url(chain["T1"]), {"version": 1, "duration_days": 4, "baseline": baseline.pk}, **HTMX)
    page = client.get(response.url)
    rows = shown_tasks(page)
    assert rows["T2"]["base_start"] == "2026-03-04"
    assert rows["T2"]["start"] == "2026-03-06"
    assert rows["T2"]["var"][:3] == [2, 2, 0]
    assert rows["T1"]["var"][2] == 2
    assert "Finish var." in page.content.decode()


def test_the_baseline_list_offers_only_this_projects_baselines(client, pm, chain):
    other = PlannedProjectFactory(project_manager=pm)
    baseline_save(actor=pm, project=other, name="Elsewhere")
    client.force_login(pm)
    page = client.get(plan_url(chain["T1"].project), {"baseline": Baseline.objects.get(name="Elsewhere").pk})
    assert page.context["baseline"] is None
    assert "Elsewhere" not in page.content.decode()


# --- query counts ------------------------------------------------------------------------------------------


def _plan_queries(client, project) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(plan_url(project))
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("with_baseline", [False, True])
def test_plan_page_queries_do_not_grow_with_the_plan(client, pm, with_baseline):
    small = PlannedProjectFactory(project_manager=pm)
    large = PlannedProjectFactory(project_manager=pm)
    assignee = UserFactory()
    MembershipFactory(project=small, user=assignee)
    MembershipFactory(project=large, user=assignee)
    for project, size in ((small, 20), (large, 200)):
        build_chain(project, [1 + number % 3 for number in range(size)])
        Task.objects.filter(project=project).update(assignee=assignee)
        if with_baseline:
            baseline_save(actor=pm, project=project, name="B")
    client.force_login(pm)
    client.get(plan_url(small))  # warm the session and the settings row
    if with_baseline:
        small_count = _count_with_baseline(client, small)
        large_count = _count_with_baseline(client, large)
    else:
        small_count = _plan_queries(client, small)
        large_count = _plan_queries(client, large)
    assert small_count == large_count
    assert large_count <= 12


def _count_with_baseline(client, project) -> int:
    baseline = Baseline.objects.get(project=project)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(plan_url(project), {"baseline": baseline.pk})
    assert response.status_code == 200
    assert len(response.context["payload"]["tasks"][0]["var"]) == 4
    return len(queries)


# --- burndown ----------------------------------------------------------------------------------------------


def test_burndown_says_when_nothing_was_recorded_yet(client, pm, project):
    client.force_login(pm)
    response = client.get(reverse("projects:plan_burndown", args=[project.pk]))
    assert response.status_code == 200
    assert "Nothing has been recorded yet" in response.content.decode()


def test_burndown_draws_remaining_work_for_the_chosen_range(client, pm, project):
    for offset, remaining in enumerate([10, 8, 7, 4]):
        BurndownPoint.objects.create(
            project=project,
            date=PLAN_START + datetime.timedelta(days=offset),
            remaining_work_days=Decimal(remaining),
            planned_remaining_work_days=Decimal(10 - 3 * offset),
        )
    client.force_login(pm)
    url = reverse("projects:plan_burndown", args=[project.pk])

    whole = client.get(url)
    assert [point.remaining_work_days for point in whole.context["points"]] == [10, 8, 7, 4]
    assert 'class="bd-remaining"' in whole.content.decode()

    ranged = client.get(url, {"from": "2026-03-03", "to": "2026-03-04"})
    assert [point.date.isoformat() for point in ranged.context["points"]] == ["2026-03-03", "2026-03-04"]

    reversed_range = client.get(url, {"from": "2026-03-05", "to": "2026-03-01"})
    assert "The end of the range cannot be before its start." in reversed_range.content.decode()


def test_burndown_queries_do_not_grow_with_the_recorded_days(client, pm):
    counts = []
    client.force_login(pm)
    for days in (10, 200):
        project = PlannedProjectFactory(project_manager=pm)
        BurndownPoint.objects.bulk_create(
            BurndownPoint(
                project=project,
                date=PLAN_START + datetime.timedelta(days=offset),
                remaining_work_days=Decimal(days - offset),
                planned_remaining_work_days=Decimal(days - offset),
            )
            for offset in range(days)
        )
        url = reverse("projects:plan_burndown", args=[project.pk])
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        assert len(response.context["points"]) == days
        counts.append(len(queries))
    assert counts[0] == counts[1]
