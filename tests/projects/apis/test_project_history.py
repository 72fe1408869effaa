"""A planner's day with the plan, through the API and the pages, read back from the project's history.

Every edit must come back from GET /api/projects/<id>/history/ and the history page with who, when and
what (old -> new), in English and in Chinese, newest first.
"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from projects.models import Dependency, PlanEvent, PlanEventKind, Task
from projects.views.projects import HISTORY_PAGE_SIZE
from tests.api_clients import plan_if_match, session_client, token_client
from tests.factories import MembershipFactory, UserFactory
from tests.factories.plans import PlannedProjectFactory

pytestmark = pytest.mark.django_db

PLAN_CSV = b"WBS,Name,Duration (days),Predecessors\n1,Design,2,\n2,Build,3,\n3,Test,1,\n"


@pytest.fixture
def planned(pm, member):
    project = PlannedProjectFactory(project_manager=pm, code="HIS-1", currency="CNY")
    MembershipFactory(project=project, user=member)
    return project


def task_named(project, name) -> Task:
    return Task.objects.get(project=project, name=name)


def calendar_post(weekdays, holidays=()) -> dict:
    data = {
        "working_weekdays": [str(day) for day in weekdays],
        "holidays-TOTAL_FORMS": str(len(holidays)),
        "holidays-INITIAL_FORMS": "0",
        "holidays-MIN_NUM_FORMS": "0",
        "holidays-MAX_NUM_FORMS": "1000",
    }
    for index, (day, name) in enumerate(holidays):
        data[f"holidays-{index}-date"] = day
        data[f"holidays-{index}-name"] = name
    return data


def task_form(page: Client, task: Task, **changes) -> dict:
    """The task page's form as the browser sends it: every field as shown, with `changes` typed over it."""
    form = page.get(reverse("projects:plan_task", args=[task.project_id, task.pk])).context["form"]
    data = {}
    for name in form.fields:
        value = changes.get(name, form[name].value())
        if value is False or value is None:
            continue  # an unticked box or an empty field is not sent
        data[name] = value
    return data


def a_planners_day(project, pm, member) -> None:
    """About twenty plan edits of every kind: the API with a token, the pages with a session."""
    api = token_client(pm)
    page = Client()
    page.force_login(pm)
    pid = project.pk

    def ok(response, expected=(200, 201, 204, 302)):
        assert response.status_code in expected, getattr(response, "content", b"")[:500]
        return response

    # 1. The page imports the first plan.
    upload = SimpleUploadedFile("kick-off plan.csv", PLAN_CSV)
    ok(page.post(reverse("projects:plan_import", args=[pid]), {"file": upload}))
    design, build, test = (task_named(project, name) for name in ("Design", "Build", "Test"))
    # 2-3. The API adds two tasks.
    ok(api.post(f"/api/projects/{pid}/tasks/", {"name": "Review", "duration_days": 2}, format="json"))
    ok(api.post(f"/api/projects/{pid}/tasks/", {"name": "Scratch"}, format="json"))
    scratch = task_named(project, "Scratch")
    # 4-6. The API changes task fields at their versions.
    ok(
        api.patch(
            f"/api/tasks/{design.pk}/",
            {"name": "Design 设计", "duration_days": 3},
            format="json",
            HTTP_IF_MATCH='"1"',
        )
    )
    ok(api.patch(f"/api/tasks/{build.pk}/", {"planned_cost": "5000.00"}, format="json", HTTP_IF_MATCH='"1"'))
    ok(api.patch(f"/api/tasks/{build.pk}/", {"assignee": member.pk}, format="json", HTTP_IF_MATCH='"2"'))
    # 7-9. Indent, outdent and move.
    ok(api.post(f"/api/tasks/{test.pk}/indent/", **plan_if_match(project)))
    ok(api.post(f"/api/tasks/{test.pk}/outdent/", **plan_if_match(project)))
    ok(
        api.post(
            f"/api/tasks/{scratch.pk}/move/",
            {"parent": None, "position": 0},
            format="json",
            **plan_if_match(project),
        )
    )
    # 10-12. Links added and one removed.
    dependencies = f"/api/projects/{pid}/dependencies/"
    ok(
        api.post(
            dependencies,
            {"predecessor": design.pk, "successor": build.pk, "lag_days": 2},
            format="json",
            **plan_if_match(project),
        )
    )
    ok(
        api.post(
            dependencies,
            {"predecessor": build.pk, "successor": test.pk, "type": "SS"},
            format="json",
            **plan_if_match(project),
        )
    )
    ok(
        api.delete(
            f"/api/dependencies/{Dependency.objects.get(successor=test).pk}/", **plan_if_match(project)
        )
    )
    # 13-15. A baseline, an actual cost and the calendar through the API.
    ok(api.post(f"/api/projects/{pid}/baselines/", {"name": "Approved"}, format="json"))
    ok(
        api.post(
            f"/api/tasks/{design.pk}/cost-entries/",
            {"date": "2026-03-03", "amount": "1200.50", "note": "Licences"},
            format="json",
        )
    )
    ok(
        api.put(
            f"/api/projects/{pid}/calendar/",
            {"working_weekdays": [0, 1, 2, 3, 4], "holidays": [{"date": "2026-04-06", "name": "Qingming"}]},
            format="json",
        )
    )
    # 16-19. The task page, the cost form, the baseline form and the calendar page.
    ok(
        page.post(
            reverse("projects:plan_task_update", args=[pid, design.pk]),
            task_form(page, design, percent_complete=50),
        )
    )
    ok(
        page.post(
            reverse("projects:plan_cost_entry_add", args=[pid, build.pk]),
            {"date": "2026-03-04", "amount": "300"},
        )
    )
    ok(page.post(reverse("projects:plan_baseline_save", args=[pid]), {"name": "Re-plan"}))
    ok(page.post(reverse("projects:plan_calendar", args=[pid]), calendar_post([0, 1, 2, 3])))
    # 20. The API deletes a task.
    ok(api.delete(f"/api/tasks/{scratch.pk}/", HTTP_IF_MATCH=f'"{task_named(project, "Scratch").version}"'))


EXPECTED_ENGLISH = [
    # (title, subject, [(label, old, new)] or facts {label: value}), newest first
    ("Task deleted", "1 Scratch", []),
    (
        "Calendar changed",
        "",
        [
            ("working weekdays", "Mon, Tue, Wed, Thu, Fri", "Mon, Tue, Wed, Thu"),
            ("calendar exceptions removed", "2026-04-06 Qingming", "—"),
        ],
    ),
    ("Baseline saved", "Re-plan", []),
    ("Actual cost booked", "3 Build", {"amount": "300.00 CNY", "date": "2026-03-04"}),
    ("Task changed", "2 Design 设计", [("% complete", "0", "50")]),
    ("Calendar changed", "", [("calendar exceptions added", "—", "2026-04-06 Qingming")]),
    (
        "Actual cost booked",
        "2 Design 设计",
        {"amount": "1,200.50 CNY", "date": "2026-03-03", "note": "Licences"},
    ),
    ("Baseline saved", "Approved", []),
    ("Link removed", "3 Build -> 4 Test (SS)", []),
    ("Link added", "3 Build -> 4 Test (SS)", []),
    ("Link added", "2 Design 设计 -> 3 Build (FS +2d)", []),
    ("Task moved", "5 Scratch", [("position among siblings", "5", "1")]),
    ("Task moved", "2.1 Test", [("parent", "2 Build", "—")]),
    ("Task moved", "3 Test", [("parent", "—", "2 Build")]),
    ("Task changed", "2 Build", [("assignee", "—", "Wang Fang")]),
    ("Task changed", "2 Build", [("planned cost", "0.00", "5,000.00")]),
    (
        "Task changed",
        "1 Design",
        [("name", "Design", "Design 设计"), ("duration (working days)", "2", "3")],
    ),
    ("Task added", "Scratch", []),
    ("Task added", "Review", []),
    (
        "Plan imported",
        "kick-off plan.csv",
        {
            "file": "kick-off plan.csv",
            "mode": "new plan",
            "tasks created": "3",
            "tasks updated": "0",
            "tasks deleted": "0",
            "links created": "0",
        },
    ),
]


def readable(entry: dict) -> tuple:
    if entry["facts"]:
        return (entry["title"], entry["subject"], {fact["label"]: fact["value"] for fact in entry["facts"]})
    return (entry["title"], entry["subject"], [(c["label"], c["old"], c["new"]) for c in entry["changes"]])


def test_every_plan_edit_of_the_day_is_in_the_history_api_with_who_when_and_old_to_new(planned, pm, member):
    started = datetime.datetime.now(datetime.UTC)
    a_planners_day(planned, pm, member)
    response = token_client(member).get(f"/api/projects/{planned.pk}/history/?page_size=100")
    assert response.status_code == 200
    body = response.json()
    plan_entries = [
        entry for entry in body["results"] if entry["kind"] not in ("created", "changed", "deleted")
    ]
    assert [readable(entry) for entry in plan_entries] == EXPECTED_ENGLISH
    assert {entry["who"] for entry in plan_entries} == {"Li Wei"}
    whens = [datetime.datetime.fromisoformat(entry["when"]) for entry in plan_entries]
    assert whens == sorted(whens, reverse=True)
    assert all(when >= started for when in whens)
    # The project's own creation is still there, after (older than) the plan's changes.
    assert body["results"][-1]["kind"] == "created"
    assert body["count"] == len(EXPECTED_ENGLISH) + 1


def test_the_history_api_speaks_chinese_to_a_chinese_reader(planned, pm, member):
    a_planners_day(planned, pm, member)
    response = token_client(pm).get(
        f"/api/projects/{planned.pk}/history/?page_size=100", HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    entries = {}
    for entry in response.json()["results"]:
        entries.setdefault((entry["title"], entry["subject"]), entry)  # the newest of a kind
    link = entries[("新增依赖关系", "2 Design 设计 -> 3 Build（FS +2天）")]
    assert link["who"] == "Li Wei"
    changed = entries[("修改任务", "1 Design")]
    assert [(c["label"], c["old"], c["new"]) for c in changed["changes"]] == [
        ("名称", "Design", "Design 设计"),
        ("工期（工作日）", "2", "3"),
    ]
    imported = entries[("导入计划", "kick-off plan.csv")]
    assert {fact["label"]: fact["value"] for fact in imported["facts"]}["方式"] == "新计划"
    calendar = entries[("修改工作日历", "")]
    assert calendar["changes"][0]["label"] == "工作日"


def test_the_history_page_shows_each_edit_and_the_project_page_the_newest_with_a_link_to_older(
    client, planned, pm, member
):
    a_planners_day(planned, pm, member)
    client.force_login(member)
    html = client.get(reverse("projects:history", args=[planned.pk])).content.decode()
    for title, subject, _changes in EXPECTED_ENGLISH:
        assert title in html
        assert subject.replace(">", "&gt;") in html
    assert "Wang Fang" in html  # the assignee named, not an id
    assert "5,000.00" in html

    detail = client.get(reverse("projects:detail", args=[planned.pk]))
    assert [entry.title for entry in detail.context["history"]] == [title for title, *_ in EXPECTED_ENGLISH]
    assert detail.context["history_has_older"] is True  # the project's creation is the 21st
    assert reverse("projects:history", args=[planned.pk]) in detail.content.decode()

    chinese = client.get(reverse("projects:history", args=[planned.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "删除任务" in chinese.content.decode()
    assert "登记实际成本" in chinese.content.decode()


def add_plan_events(project, count: int, *, actors) -> None:
    """`count` plan changes of every kind, a minute apart after the newest, by `actors` in turn."""
    newest = PlanEvent.objects.filter(project=project).order_by("-created_at").first()
    start = newest.created_at if newest else timezone.now()
    samples = [
        (PlanEventKind.TASK_CHANGED, "1 Design", [{"field": "planned_cost", "old": "0", "new": "10"}], {}),
        (PlanEventKind.TASK_MOVED, "2 Build", [{"field": "parent", "old": None, "new": "1 Design"}], {}),
        (
            PlanEventKind.DEPENDENCY_ADDED,
            "",
            [],
            {"predecessor": "1 Design", "successor": "2 Build", "type": "FS", "lag_days": 2},
        ),
        (PlanEventKind.COST_ENTRY_ADDED, "1 Design", [], {"amount": "5", "date": "2026-03-02", "note": ""}),
        (PlanEventKind.CALENDAR_CHANGED, "", [{"field": "working_weekdays", "old": [0, 1], "new": [0]}], {}),
        (PlanEventKind.PLAN_IMPORTED, "plan.xlsx", [], {"mode": "update", "tasks_updated": 40}),
    ]
    PlanEvent.objects.bulk_create(
        PlanEvent(
            project=project,
            actor=actors[number % len(actors)],
            created_at=start + datetime.timedelta(minutes=number + 1),
            kind=kind,
            subject=subject,
            changes=changes,
            details=details,
        )
        for number, (kind, subject, changes, details) in (
            (number, samples[number % len(samples)]) for number in range(count)
        )
    )


# Session, user, the project, its own history records, the plan changes' and the comments' counts, and one
# page of each with their authors: the same at 10 and at 200 plan changes.
HISTORY_API_QUERIES = 8
# Session, user, the project, its own history records, the plan changes' and comments' counts, a page of each.
HISTORY_PAGE_QUERIES = 8


def test_history_api_costs_the_same_fixed_queries_at_10_and_200_plan_changes(
    planned, pm, member, django_assert_num_queries
):
    client = session_client(member)
    url = f"/api/projects/{planned.pk}/history/?page_size=200"
    client.get(url)  # warm the session
    for changes in (10, 200):
        add_plan_events(
            planned, changes - PlanEvent.objects.filter(project=planned).count(), actors=[pm, member]
        )
        with django_assert_num_queries(HISTORY_API_QUERIES, info=f"{changes} plan changes"):
            response = client.get(url)
        assert response.status_code == 200
        assert response.json()["count"] == changes + 1  # and the project's creation
        assert len(response.json()["results"]) == min(changes + 1, 200)
        assert {entry["who"] for entry in response.json()["results"][:2]} == {"Li Wei", "Wang Fang"}


def test_history_page_costs_the_same_fixed_queries_at_10_and_200_plan_changes(
    client, planned, pm, member, django_assert_num_queries
):
    client.force_login(member)
    url = reverse("projects:history", args=[planned.pk])
    client.get(url)
    for changes in (10, 200):
        add_plan_events(
            planned, changes - PlanEvent.objects.filter(project=planned).count(), actors=[pm, member]
        )
        with django_assert_num_queries(HISTORY_PAGE_QUERIES, info=f"{changes} plan changes"):
            response = client.get(url)
        assert response.status_code == 200
        assert len(response.context["page"].object_list) == min(changes + 1, HISTORY_PAGE_SIZE)
        assert response.context["page"].has_next() == (changes + 1 > HISTORY_PAGE_SIZE)


def test_older_pages_of_the_history_page_follow_on_without_gaps(client, planned, pm, member):
    add_plan_events(planned, 120, actors=[pm])
    client.force_login(pm)
    url = reverse("projects:history", args=[planned.pk])
    pages = [client.get(url, {"page": number}).context["page"] for number in (1, 2, 3)]
    whens = [entry.when for page in pages for entry in page.object_list]
    assert len(whens) == 121
    assert whens == sorted(whens, reverse=True)
    assert pages[2].object_list[-1].kind == "created"
    assert "Show older changes" in client.get(url).content.decode()
    assert client.get(url, {"page": "not a number"}).status_code == 200


def test_a_hidden_project_has_no_history_for_an_outsider(client, planned):
    outsider = UserFactory(is_project_manager=True)
    client.force_login(outsider)
    assert client.get(reverse("projects:history", args=[planned.pk])).status_code == 404
    assert session_client(outsider).get(f"/api/projects/{planned.pk}/history/").status_code == 404
