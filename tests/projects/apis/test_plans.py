"""The Gantt's one write path: edits through the REST API, then the whole plan read again.

Each edit is what gantt.js sends (JSON, If-Match with the task's version); the plan it then reads,
GET /api/projects/<id>/plan/, is the payload the page embeds: tasks with what the viewer may edit,
links, and the working days as flags.
"""

import datetime

import pytest
from django.urls import reverse

from governance.models import PmoType
from projects.models import CalendarHoliday, Dependency, ProjectCalendar, Task
from projects.services.baselines import baseline_save
from projects.services.reschedule import project_reschedule
from projects.services.tasks import PROGRESS_FIELDS, TASK_EDITABLE_FIELDS, task_update
from tests.api_clients import plan_if_match, session_client
from tests.factories import MembershipFactory, UserFactory, build_access_world
from tests.factories.plans import PlannedProjectFactory, build_chain, refreshed

pytestmark = pytest.mark.django_db


def plan_of(client, project, **params) -> dict:
    response = client.get(reverse("api:plan-detail", args=[project.pk]), params)
    assert response.status_code == 200, response.content
    return response.json()


def rows_of(payload) -> dict[str, dict]:
    return {row["name"]: row for row in payload["tasks"]}


def editable(payload, row) -> list[str]:
    return payload["editable_sets"][row["edit"]]


def patch(client, task, version, **changes):
    return client.patch(
        reverse("api:task-detail", args=[task.pk]), changes, format="json", HTTP_IF_MATCH=f'"{version}"'
    )


@pytest.fixture
def pm_client(pm):
    return session_client(pm)


# --- what the plan says about the viewer --------------------------------------------------------------------


def test_the_page_and_the_api_hand_the_browser_the_same_plan(client, pm_client, pm, chain):
    client.force_login(pm)
    page = client.get(reverse("projects:plan", args=[chain["T1"].project_id]))
    assert page.context["payload"] == plan_of(pm_client, chain["T1"].project)


def test_each_task_says_which_fields_the_plan_editor_may_change(pm_client, project, chain):
    summary = Task.objects.create(project=project, name="Phase", position=20)
    Task.objects.create(project=project, name="Work", position=0, parent=summary, duration_days=2)
    Task.objects.create(
        project=project, name="Gate", position=1, parent=summary, is_milestone=True, duration_days=0
    )
    project_reschedule(project=project)
    payload = plan_of(pm_client, project)
    rows = rows_of(payload)
    assert editable(payload, rows["Work"]) == list(TASK_EDITABLE_FIELDS)
    assert "finish" not in editable(payload, rows["Gate"]) and "start" in editable(payload, rows["Gate"])
    summary_fields = editable(payload, rows["Phase"])
    assert "name" in summary_fields
    assert not {"duration_days", "start", "finish", "percent_complete", "planned_cost"} & set(summary_fields)


def test_each_task_says_whether_it_is_scheduled_manually(pm_client, project, chain):
    Task.objects.filter(pk=chain["T2"].pk).update(manual=True)
    rows = rows_of(plan_of(pm_client, project))
    assert {name: row["manual"] for name, row in rows.items()} == {
        "T1": False,
        "T2": True,
        "T3": False,
        "T4": False,
    }


def test_the_working_days_come_as_flags_weekends_and_holidays_off(pm_client, project, chain):
    calendar = ProjectCalendar.objects.create(project=project)
    CalendarHoliday.objects.create(calendar=calendar, date=datetime.date(2026, 3, 4), name="Holiday")
    payload = plan_of(pm_client, project)
    first = datetime.date.fromisoformat(payload["calendar"]["first"])
    flags = payload["calendar"]["working"]

    def working(day: datetime.date) -> bool:
        return flags[(day - first).days] == "1"

    assert first <= datetime.date(2026, 3, 2)
    assert working(datetime.date(2026, 3, 2)) and working(datetime.date(2026, 3, 3))
    assert not working(datetime.date(2026, 3, 4))  # the holiday
    assert not working(datetime.date(2026, 3, 7)) and not working(datetime.date(2026, 3, 8))  # the weekend


def test_a_baseline_that_is_not_this_projects_is_refused(pm_client, project, chain):
    response = pm_client.get(reverse("api:plan-detail", args=[project.pk]), {"baseline": "999999"})
    assert response.status_code == 400
    assert "baseline" in response.json()["extra"]["fields"]


# --- who may change what ------------------------------------------------------------------------------------


def test_viewer_cannot_change_the_plan(chain):
    sponsor = UserFactory(is_sponsor=True)
    chain["T1"].project.sponsor = sponsor
    chain["T1"].project.save()
    response = patch(session_client(sponsor), chain["T1"], 1, duration_days=9)
    assert response.status_code == 403
    assert response.json()["message"] == "You may only update the progress of tasks assigned to you."
    assert refreshed(chain["T1"]).duration_days == 2


def test_outsider_gets_404_for_every_plan_address(client, chain):
    stranger = UserFactory(username="stranger")
    task = chain["T1"]
    project_id = task.project_id
    client.force_login(stranger)
    pages = [
        ("get", reverse("projects:plan", args=[project_id])),
        ("get", reverse("projects:plan_burndown", args=[project_id])),
        ("post", reverse("projects:plan_baseline_save", args=[project_id])),
    ]
    for method, url in pages:
        assert getattr(client, method)(url, {"name": "x"}).status_code == 404, url
    api = session_client(stranger)
    addresses = [
        ("get", reverse("api:plan-detail", args=[project_id]), None),
        ("patch", reverse("api:task-detail", args=[task.pk]), {"name": "x"}),
        ("post", reverse("api:task-list", args=[project_id]), {"name": "x"}),
        ("post", reverse("api:task-indent", args=[task.pk]), None),
        ("delete", reverse("api:task-detail", args=[task.pk]), None),
        (
            "post",
            reverse("api:dependency-list", args=[project_id]),
            {"predecessor": task.pk, "successor": task.pk},
        ),
    ]
    for method, url, body in addresses:
        response = getattr(api, method)(url, body, format="json", HTTP_IF_MATCH='"1"')
        assert response.status_code == 404, url
    assert refreshed(task).name == "T1"


def test_member_updates_percent_complete_of_own_task_only(project, pm):
    member = UserFactory(username="dev", is_team_member=True)
    MembershipFactory(project=project, user=member)
    mine, theirs = build_chain(project, [2, 2])
    Task.objects.filter(pk=mine.pk).update(assignee=member)
    client = session_client(member)

    payload = plan_of(client, project)
    rows = rows_of(payload)
    assert editable(payload, rows["T1"]) == list(PROGRESS_FIELDS)
    assert editable(payload, rows["T2"]) == []
    assert payload["may_edit"] is False

    assert patch(client, mine, 1, percent_complete=40).status_code == 200
    assert refreshed(mine).percent_complete == 40

    assert patch(client, mine, 2, name="Renamed").status_code == 403
    assert refreshed(mine).name == "T1"

    assert patch(client, theirs, 1, percent_complete=50).status_code == 403
    assert refreshed(theirs).percent_complete == 0


@pytest.mark.parametrize("pmo_type", [PmoType.SUPPORTIVE, PmoType.CONTROLLING, PmoType.DIRECTIVE])
def test_the_plan_says_may_edit_exactly_when_the_project_may_be_edited(pmo_type):
    world = build_access_world(pmo_type)
    build_chain(world.project_of_pm1, [1])
    for role, user in world.users.items():
        if world.project_of_pm1.pk not in world.visible_projects(role):
            continue
        payload = plan_of(session_client(user), world.project_of_pm1)
        assert payload["may_edit"] is (world.project_of_pm1.pk in world.editable_projects(role, pmo_type)), (
            role
        )


# --- editing reschedules ------------------------------------------------------------------------------------


def test_lengthening_a_task_moves_its_successors(pm_client, chain):
    response = patch(pm_client, chain["T1"], 1, duration_days=5)
    assert response.status_code == 200
    rows = rows_of(plan_of(pm_client, chain["T1"].project))
    # T1 now runs Monday to Friday, so T2 starts the next Monday.
    assert rows["T1"]["finish"] == "2026-03-06"
    assert rows["T2"]["start"] == "2026-03-09"
    assert rows["T3"]["start"] == "2026-03-12"
    assert rows["T1"]["version"] == 2
    assert refreshed(chain["T2"]).planned_start == datetime.date(2026, 3, 9)


def test_the_critical_path_follows_the_longest_chain(pm_client, chain):
    before = rows_of(plan_of(pm_client, chain["T1"].project))
    assert before["T4"]["critical"] is False and before["T1"]["critical"] is True

    assert patch(pm_client, chain["T4"], 1, duration_days=10).status_code == 200

    after = rows_of(plan_of(pm_client, chain["T1"].project))
    assert after["T4"]["critical"] is True
    assert after["T1"]["critical"] is False


def test_typing_a_start_date_holds_the_task_to_it(pm_client, chain):
    assert patch(pm_client, chain["T4"], 1, start="2026-03-11").status_code == 200
    assert rows_of(plan_of(pm_client, chain["T4"].project))["T4"]["start"] == "2026-03-11"
    assert refreshed(chain["T4"]).constraint_type == "snet"


def test_typing_a_finish_date_sets_the_duration_in_working_days(pm_client, chain):
    # T1 starts Monday 2 March; finishing Tuesday of the next week is 7 working days.
    assert patch(pm_client, chain["T1"], 1, finish="2026-03-10").status_code == 200
    assert refreshed(chain["T1"]).duration_days == 7


def test_stale_edit_is_refused_with_the_fresh_values(pm_client, pm, chain):
    task = chain["T2"]
    task_update(actor=pm, task=task, expected_version=1, changes={"name": "Build API", "duration_days": 4})

    response = patch(pm_client, task, 1, duration_days=8)

    assert response.status_code == 412
    body = response.json()
    assert "Someone else changed this task" in body["message"]
    assert (body["extra"]["task"]["name"], body["extra"]["task"]["duration_days"]) == ("Build API", 4)
    assert rows_of(plan_of(pm_client, task.project))["Build API"]["version"] == 2
    stored = refreshed(task)
    assert (stored.name, stored.duration_days, stored.version) == ("Build API", 4, 2)


def test_negative_duration_is_refused_and_nothing_saved(pm_client, chain):
    response = patch(pm_client, chain["T1"], 1, duration_days=-3)
    assert response.status_code == 400
    assert response.json()["extra"]["fields"]["duration_days"] == ["The duration cannot be negative."]
    assert refreshed(chain["T1"]).duration_days == 2
    assert refreshed(chain["T1"]).version == 1


def test_a_start_date_the_calendar_cannot_reach_past_is_refused_not_a_server_error(pm_client, chain):
    response = patch(pm_client, chain["T1"], 1, start="9999-12-30")
    assert response.status_code == 400
    assert "would fall outside the years 1 to 9999" in response.json()["message"]
    assert refreshed(chain["T1"]).version == 1


def test_a_dependency_cycle_is_refused_naming_the_tasks(pm_client, chain):
    url = reverse("api:dependency-list", args=[chain["T1"].project_id])
    response = pm_client.post(
        url,
        {"predecessor": chain["T3"].pk, "successor": chain["T1"].pk, "type": "FS", "lag_days": 0},
        format="json",
        **plan_if_match(chain["T1"].project),
    )
    assert response.status_code == 400
    message = response.json()["message"]
    assert "cycle" in message
    for name in ("T1", "T2", "T3"):
        assert name in message.split("cycle", 1)[1]
    assert not Dependency.objects.filter(predecessor=chain["T3"], successor=chain["T1"]).exists()


def test_adding_and_removing_a_dependency_reschedules(pm_client, chain):
    project = chain["T1"].project
    response = pm_client.post(
        reverse("api:dependency-list", args=[project.pk]),
        {"predecessor": chain["T3"].pk, "successor": chain["T4"].pk, "type": "SS", "lag_days": 1},
        format="json",
        HTTP_IF_MATCH=plan_of(pm_client, project)["plan_etag"],
    )
    assert response.status_code == 201
    # T3 starts Monday 9 March; SS + 1 working day puts T4 on Tuesday 10 March.
    assert rows_of(plan_of(pm_client, project))["T4"]["start"] == "2026-03-10"
    link = Dependency.objects.get(predecessor=chain["T3"], successor=chain["T4"])

    removed = pm_client.delete(
        reverse("api:dependency-detail", args=[link.pk]), HTTP_IF_MATCH=response["ETag"]
    )
    assert removed.status_code == 204
    assert rows_of(plan_of(pm_client, project))["T4"]["start"] == "2026-03-02"


def test_add_indent_outdent_and_delete_as_the_gantt_sends_them(pm_client, chain):
    project = chain["T1"].project
    t3 = refreshed(chain["T3"])
    added = pm_client.post(
        reverse("api:task-list", args=[project.pk]),
        {"name": "Review", "duration_days": 2, "parent": t3.parent_id, "position": t3.position + 1},
        format="json",
    )
    assert added.status_code == 201
    assert [row["name"] for row in plan_of(pm_client, project)["tasks"]] == ["T1", "T2", "T3", "Review", "T4"]
    review = Task.objects.get(name="Review")

    # T3 has links and becomes a summary task, as in MS Project: its predecessor T2 now holds Review.
    indented = pm_client.post(
        reverse("api:task-indent", args=[review.pk]), HTTP_IF_MATCH=plan_of(pm_client, project)["plan_etag"]
    )
    assert indented.status_code == 200
    rows = rows_of(plan_of(pm_client, project))
    assert rows["Review"]["wbs"] == "3.1" and rows["T3"]["summary"] is True
    assert rows["Review"]["start"] == "2026-03-09"  # after T2 (Wednesday 4 to Friday 6 March)

    t4 = refreshed(chain["T4"])
    indented = pm_client.post(reverse("api:task-indent", args=[t4.pk]), HTTP_IF_MATCH=indented["ETag"])
    assert indented.status_code == 200
    assert rows_of(plan_of(pm_client, project))["T4"]["wbs"] == "3.2"

    outdented = pm_client.post(reverse("api:task-outdent", args=[t4.pk]), HTTP_IF_MATCH=indented["ETag"])
    assert outdented.status_code == 200
    assert rows_of(plan_of(pm_client, project))["T4"]["wbs"] == "4"

    t4 = refreshed(t4)
    deleted = pm_client.delete(reverse("api:task-detail", args=[t4.pk]), HTTP_IF_MATCH=f'"{t4.version}"')
    assert deleted.status_code == 204
    assert "T4" not in rows_of(plan_of(pm_client, project))
    assert not Task.objects.filter(pk=t4.pk).exists()


# --- what reading the plan costs ----------------------------------------------------------------------------

# Session, user, project, settings, calendar, tasks and links; with ?baseline= one more for the chosen
# baseline (its rows join the task query). The whole plan comes at once, 10 tasks or 200.
PLAN_QUERIES = {False: 7, True: 8}


@pytest.mark.parametrize("with_baseline", [False, True], ids=["without_baseline", "with_baseline"])
def test_plan_api_costs_the_same_fixed_queries_at_10_and_200_tasks(
    pm, with_baseline, django_assert_num_queries
):
    assignee = UserFactory(is_team_member=True)
    client = session_client(pm)
    plan_of(client, PlannedProjectFactory(project_manager=pm))  # warm the session
    for size in (10, 200):
        project = PlannedProjectFactory(project_manager=pm)
        MembershipFactory(project=project, user=assignee)
        build_chain(project, [1 + number % 3 for number in range(size)])
        Task.objects.filter(project=project).update(assignee=assignee)
        params = {}
        if with_baseline:
            params["baseline"] = baseline_save(actor=pm, project=project, name="B").pk
        with django_assert_num_queries(PLAN_QUERIES[with_baseline], info=f"{size} tasks"):
            payload = plan_of(client, project, **params)
        assert len(payload["tasks"]) == size
        assert len(payload["links"]) == size - 1
        assert {row["assignee"] for row in payload["tasks"]} == {assignee.display_name}
        assert ("var" in payload["tasks"][0]) is with_baseline
