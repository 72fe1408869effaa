import datetime

import pytest
from django.urls import reverse

from governance.models import PmoType
from projects.models import Task
from projects.services.baselines import baseline_save
from projects.services.dependencies import dependency_add
from projects.services.tasks import task_update
from tests.api_clients import authenticated_client, plan_if_match
from tests.factories import UserFactory, build_access_world
from tests.factories.plans import PlannedProjectFactory, build_chain, refreshed

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    return PlannedProjectFactory()


@pytest.fixture
def pm_client(project):
    return authenticated_client(project.project_manager)


def task_url(task) -> str:
    return reverse("api:task-detail", args=[task.pk])


def test_a_task_carries_its_version_as_etag(project, pm_client):
    (task,) = build_chain(project, [2])
    response = pm_client.get(task_url(task))
    assert response.status_code == 200
    assert response["ETag"] == '"1"'
    assert response.json()["planned_start"] == "2026-03-02"


def test_patch_without_if_match_is_refused_with_428(project, pm_client):
    (task,) = build_chain(project, [2])
    response = pm_client.patch(task_url(task), {"name": "Renamed"}, format="json")
    assert response.status_code == 428
    assert set(response.json()) == {"message", "extra"}
    assert refreshed(task).name == "T1"


def test_a_stale_patch_gets_412_with_the_fresh_task(project, pm_client):
    (task,) = build_chain(project, [2])
    first = pm_client.patch(task_url(task), {"name": "First"}, format="json", HTTP_IF_MATCH='"1"')
    assert first.status_code == 200
    assert first["ETag"] == '"2"'
    stale = pm_client.patch(task_url(task), {"name": "Second"}, format="json", HTTP_IF_MATCH='"1"')
    assert stale.status_code == 412
    body = stale.json()
    assert body["message"]
    assert body["extra"]["task"]["name"] == "First"
    assert body["extra"]["task"]["version"] == 2


@pytest.mark.parametrize("tag", ['W/"1"', ' W/"1"', '"2", W/"1"'])
def test_a_weak_etag_in_if_match_is_refused_with_412_and_changes_nothing(project, pm_client, tag):
    # RFC 9110 13.1.1: If-Match compares strongly, so a weak tag never matches, even the current one.
    (task,) = build_chain(project, [2])
    response = pm_client.patch(task_url(task), {"name": "Renamed"}, format="json", HTTP_IF_MATCH=tag)
    assert response.status_code == 412
    assert "W/" in response.json()["message"]
    assert refreshed(task).name == "T1"
    deleted = pm_client.delete(task_url(task), HTTP_IF_MATCH=tag)
    assert deleted.status_code == 412
    assert Task.objects.filter(pk=task.pk).exists()


@pytest.mark.parametrize("edit", ["task-indent", "task-outdent"])
def test_a_weak_plan_etag_is_refused_with_412_on_outline_moves(project, pm_client, edit):
    task = build_chain(project, [2, 3])[-1]
    weak = "W/" + plan_if_match(project)["HTTP_IF_MATCH"]
    version = refreshed(project).plan_version
    response = pm_client.post(reverse(f"api:{edit}", args=[task.pk]), HTTP_IF_MATCH=weak)
    assert response.status_code == 412
    assert "W/" in response.json()["message"]
    assert refreshed(project).plan_version == version


def test_durations_and_lags_beyond_the_limits_are_refused_with_400(project, pm_client):
    first, second = build_chain(project, [2, 3], linked=False)
    too_long = pm_client.patch(task_url(first), {"duration_days": 10**9}, format="json", HTTP_IF_MATCH='"1"')
    assert too_long.status_code == 400
    assert "duration_days" in too_long.json()["extra"]["fields"]
    too_far = pm_client.post(
        reverse("api:dependency-list", args=[project.pk]),
        {"predecessor": first.pk, "successor": second.pk, "lag_days": 2_000_000_000},
        format="json",
        **plan_if_match(project),
    )
    assert too_far.status_code == 400
    assert "lag_days" in too_far.json()["extra"]["fields"]
    assert refreshed(first).duration_days == 2


def test_a_task_is_marked_manually_scheduled_through_the_api_and_keeps_its_start(project, pm_client):
    first, second = build_chain(project, [2, 3])
    response = pm_client.patch(task_url(second), {"manual": True}, format="json", HTTP_IF_MATCH='"1"')
    assert response.status_code == 200, response.content
    assert (response.json()["manual"], response.json()["planned_start"]) == (True, "2026-03-04")
    pm_client.patch(task_url(first), {"duration_days": 4}, format="json", HTTP_IF_MATCH='"1"')
    assert pm_client.get(task_url(second)).json()["planned_start"] == "2026-03-04"
    refused = pm_client.patch(task_url(second), {"manual": "perhaps"}, format="json", HTTP_IF_MATCH='"2"')
    assert refused.status_code == 400
    assert "manual" in refused.json()["extra"]["fields"]


def test_delete_needs_the_current_version(project, pm_client):
    (task,) = build_chain(project, [2])
    assert pm_client.delete(task_url(task)).status_code == 428
    assert pm_client.delete(task_url(task), HTTP_IF_MATCH='"7"').status_code == 412
    assert pm_client.delete(task_url(task), HTTP_IF_MATCH='"1"').status_code == 204
    assert not Task.objects.filter(pk=task.pk).exists()


def test_editing_through_the_api_moves_successors(project, pm_client):
    first, second = build_chain(project, [3, 2])
    response = pm_client.patch(task_url(first), {"duration_days": 5}, format="json", HTTP_IF_MATCH='"1"')
    assert response.status_code == 200
    assert pm_client.get(task_url(second)).json()["planned_start"] == "2026-03-09"


def test_a_cycle_is_refused_in_the_error_shape_naming_the_tasks(project, pm_client):
    first, second = build_chain(project, [1, 1])
    url = reverse("api:dependency-list", args=[project.pk])
    response = pm_client.post(
        url, {"predecessor": second.pk, "successor": first.pk}, format="json", **plan_if_match(project)
    )
    assert response.status_code == 400
    assert "T1" in response.json()["message"] and "T2" in response.json()["message"]


def test_links_only_join_tasks_of_the_same_project(project, pm_client):
    (task,) = build_chain(project, [1])
    (foreign,) = build_chain(PlannedProjectFactory(), [1])
    url = reverse("api:dependency-list", args=[project.pk])
    response = pm_client.post(
        url, {"predecessor": task.pk, "successor": foreign.pk}, format="json", **plan_if_match(project)
    )
    assert response.status_code == 400
    assert "successor" in response.json()["extra"]["fields"]


@pytest.mark.parametrize("pmo_type", [PmoType.SUPPORTIVE, PmoType.DIRECTIVE])
def test_task_api_permissions_follow_the_project_access_rules(pmo_type):
    world = build_access_world(pmo_type)
    project = world.project_of_pm1
    url = reverse("api:task-list", args=[project.pk])
    for role, user in world.users.items():
        client = authenticated_client(user)
        visible = project.pk in world.visible_projects(role)
        editable = project.pk in world.editable_projects(role, pmo_type)
        assert client.get(url).status_code == (200 if visible else 404), role
        created = client.post(url, {"name": f"by {role}"}, format="json")
        assert created.status_code == (201 if editable else 403 if visible else 404), role


def test_a_member_patches_progress_of_own_tasks_only():
    world = build_access_world(PmoType.SUPPORTIVE)
    mine, theirs = build_chain(world.project_of_pm1, [2, 2])
    task_update(actor=world.pm1, task=mine, expected_version=1, changes={"assignee": world.member})
    client = authenticated_client(world.member)
    progress = client.patch(task_url(mine), {"percent_complete": 60}, format="json", HTTP_IF_MATCH='"2"')
    assert progress.status_code == 200
    assert progress.json()["percent_complete"] == 60
    assert client.patch(task_url(mine), {"name": "x"}, format="json", HTTP_IF_MATCH='"3"').status_code == 403
    other = client.patch(task_url(theirs), {"percent_complete": 5}, format="json", HTTP_IF_MATCH='"1"')
    assert other.status_code == 403
    outsider = authenticated_client(world.outsider).patch(
        task_url(mine), {"percent_complete": 5}, HTTP_IF_MATCH='"3"'
    )
    assert outsider.status_code == 404


def test_task_list_filters(project, pm_client):
    short, long = build_chain(project, [1, 4], linked=False)
    url = reverse("api:task-list", args=[project.pk])
    critical = pm_client.get(url, {"critical": "true"}).json()["results"]
    assert [row["name"] for row in critical] == ["T2"]
    assert [row["name"] for row in pm_client.get(url, {"q": "T1"}).json()["results"]] == ["T1"]
    assert pm_client.get(url, {"milestone": "true"}).json()["count"] == 0
    assert pm_client.get(url, {"parent": "none"}).json()["count"] == 2


# The project, count and the tasks with their assignee and actual cost joined; with ?baseline= also the
# chosen baseline and the project's calendar (variance is in working days), the baseline rows join the tasks.
# The client is authenticated without a session, so its first request costs what later ones do.
TASK_LIST_QUERIES = {False: 3, True: 5}


@pytest.mark.parametrize("with_baseline", [False, True], ids=["without_baseline", "with_baseline"])
def test_task_list_api_costs_the_same_fixed_queries_at_10_and_200_tasks(
    with_baseline, django_assert_num_queries
):
    manager = UserFactory(is_project_manager=True)
    assignee = UserFactory(is_team_member=True)
    small = PlannedProjectFactory(project_manager=manager)
    large = PlannedProjectFactory(project_manager=manager)
    for project, size in ((small, 10), (large, 200)):
        build_chain(project, [1] * size)
        Task.objects.filter(project=project).update(assignee=assignee)
        baseline_save(actor=manager, project=project, name="B")
    client = authenticated_client(manager)
    for project, size in ((small, 10), (large, 200)):
        params = {"page_size": 200}
        if with_baseline:
            params["baseline"] = project.baselines.get().pk
        with django_assert_num_queries(TASK_LIST_QUERIES[with_baseline], info=f"{size} tasks"):
            response = client.get(reverse("api:task-list", args=[project.pk]), params)
        assert response.status_code == 200
        assert response.json()["count"] == size
        rows = response.json()["results"]
        assert len(rows) == size
        assert {row["assignee_name"] for row in rows} == {assignee.display_name}
        assert (rows[-1]["variance"] is not None) is with_baseline


def test_baseline_detail_shows_variance_in_working_days(project, pm_client):
    first, second = build_chain(project, [3, 2])
    saved = pm_client.post(reverse("api:baseline-list", args=[project.pk]), {"name": "Plan A"}, format="json")
    assert saved.status_code == 201
    pm_client.patch(task_url(first), {"duration_days": 5}, format="json", HTTP_IF_MATCH='"1"')
    detail = pm_client.get(reverse("api:baseline-detail", args=[saved.json()["id"]])).json()
    rows = {row["task_name"]: row for row in detail["results"]}
    assert rows["T2"]["variance"]["start_days"] == 2
    assert rows["T1"]["variance"]["duration_days"] == 2
    listed = pm_client.get(reverse("api:task-list", args=[project.pk]), {"baseline": saved.json()["id"]})
    assert listed.json()["results"][1]["variance"]["finish_days"] == 2


def test_cost_entries_are_booked_and_listed(project, pm_client):
    (task,) = build_chain(project, [2])
    url = reverse("api:task-cost-entries", args=[task.pk])
    booked = pm_client.post(url, {"date": "2026-03-03", "amount": "99.50", "note": "travel"}, format="json")
    assert booked.status_code == 201
    assert pm_client.get(url).json()["results"][0]["amount"] == "99.50"
    assert pm_client.get(task_url(task)).json()["actual_cost"] == "99.50"
    assert pm_client.post(url, {"date": "2026-03-03", "amount": "-1"}, format="json").status_code == 400


def test_calendar_put_reschedules_the_plan(project, pm_client):
    (task,) = build_chain(project, [3])
    url = reverse("api:plan-calendar", args=[project.pk])
    assert pm_client.get(url).json() == {
        "working_weekdays": [0, 1, 2, 3, 4],
        "official_holidays": "none",
        "holidays": [],
        "official_years": [],
    }
    payload = {"working_weekdays": [0, 1, 2, 3, 4], "holidays": [{"date": "2026-03-02", "name": "Closed"}]}
    response = pm_client.put(url, payload, format="json")
    assert response.status_code == 200
    assert response.json()["holidays"] == [{"date": "2026-03-02", "name": "Closed", "working": False}]
    assert refreshed(task).planned_start == datetime.date(2026, 3, 3)


def test_schedule_summary_lists_the_critical_path(project, pm_client):
    first, second, spare = build_chain(project, [3, 2, 1], linked=False)
    dependency_add(actor=project.project_manager, predecessor=first, successor=second)
    summary = pm_client.get(reverse("api:plan-schedule", args=[project.pk])).json()
    assert summary["project_duration_days"] == 5
    assert summary["critical_path"] == [first.pk, second.pk]
    assert summary["finish"] == "2026-03-06"


def test_indent_outdent_and_move_endpoints_renumber_the_outline(project, pm_client):
    first, second, third = build_chain(project, [1, 1, 1], linked=False)
    indented = pm_client.post(reverse("api:task-indent", args=[second.pk]), **plan_if_match(project))
    assert indented.status_code == 200
    assert indented.json()["wbs_code"] == "1.1"
    assert indented["ETag"] == plan_if_match(project)["HTTP_IF_MATCH"]
    refused = pm_client.post(reverse("api:task-indent", args=[first.pk]), HTTP_IF_MATCH=indented["ETag"])
    assert refused.status_code == 400
    moved = pm_client.post(
        reverse("api:task-move", args=[third.pk]),
        {"parent": first.pk, "position": 0},
        format="json",
        HTTP_IF_MATCH=indented["ETag"],
    )
    assert moved.json()["wbs_code"] == "1.1"
    assert refreshed(second).wbs_code == "1.2"
    outdented = pm_client.post(reverse("api:task-outdent", args=[third.pk]), HTTP_IF_MATCH=moved["ETag"])
    assert outdented.json()["wbs_code"] == "2"
    assert refreshed(second).wbs_code == "2.1"  # the task below it became its subtask
    stale = pm_client.post(reverse("api:task-outdent", args=[second.pk]), HTTP_IF_MATCH=moved["ETag"])
    assert stale.status_code == 412


@pytest.mark.parametrize("edit", ["task-indent", "task-outdent", "task-move"])
def test_outline_moves_need_the_current_plan_etag_in_the_stale_edit_shape(project, pm_client, edit):
    first, second, third = build_chain(project, [1, 1, 1], linked=False)
    pm_client.post(reverse("api:task-indent", args=[third.pk]), **plan_if_match(project))
    task = {"task-indent": second, "task-outdent": third, "task-move": first}[edit]
    url = reverse(f"api:{edit}", args=[task.pk])
    body = {"parent": None, "position": 1} if edit == "task-move" else None
    missing = pm_client.post(url, body, format="json")
    assert missing.status_code == 428
    assert "plan's ETag" in missing.json()["message"]
    current = plan_if_match(project)["HTTP_IF_MATCH"]
    stale = pm_client.post(url, body, format="json", HTTP_IF_MATCH='"plan-1"')
    assert stale.status_code == 412
    assert stale.json()["extra"] == {"plan_etag": current}
    assert stale["ETag"] == current
    before = refreshed(task)
    assert (before.parent_id, before.position) == (task.parent_id, task.position)
    moved = pm_client.post(url, body, format="json", HTTP_IF_MATCH=current)
    assert moved.status_code == 200
    assert moved["ETag"] == plan_if_match(project)["HTTP_IF_MATCH"] != current


def test_schedule_summary_points_out_a_finish_past_the_charters_in_working_days(project, pm_client):
    build_chain(project, [5, 5])  # Monday 2 to Friday 13 March
    url = reverse("api:plan-schedule", args=[project.pk])
    assert pm_client.get(url).json()["finish_overrun_days"] == 0  # no finish date in the charter
    project.finish_date = datetime.date(2026, 3, 6)  # a Friday: the plan runs 5 working days over
    project.save()
    summary = pm_client.get(url).json()
    assert (summary["finish"], summary["charter_finish"], summary["finish_overrun_days"]) == (
        "2026-03-13",
        "2026-03-06",
        5,
    )
    project.finish_date = datetime.date(2026, 3, 13)
    project.save()
    assert pm_client.get(url).json()["finish_overrun_days"] == 0


@pytest.mark.parametrize("duration", [4.5, "4.5", 5.333, "2,5", True, "NaN", "Infinity", "four"])
def test_a_duration_that_is_not_whole_working_days_is_refused_on_the_field(project, pm_client, duration):
    (first,) = build_chain(project, [2])
    response = pm_client.patch(
        task_url(first), {"duration_days": duration}, format="json", HTTP_IF_MATCH='"1"'
    )
    assert response.status_code == 400, response.content
    fields = response.json()["extra"]["fields"]
    assert fields["duration_days"] == [
        "The duration is in whole working days: enter a whole number such as 4."
    ]
    stored = refreshed(first)
    assert (stored.duration_days, stored.version) == (2, 1)


def test_a_whole_duration_written_with_a_point_zero_is_taken(project, pm_client):
    (first,) = build_chain(project, [2])
    response = pm_client.patch(task_url(first), {"duration_days": 4.0}, format="json", HTTP_IF_MATCH='"1"')
    assert response.status_code == 200, response.content
    assert refreshed(first).duration_days == 4
