"""The task details page: who sees and edits, edits that reschedule, actual costs, what the page costs."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from governance.models import PmoType
from projects.forms.tasks import TaskDetailForm
from projects.models import CostEntry, Dependency, Task
from projects.services.reschedule import project_reschedule
from projects.services.tasks import task_update
from tests.factories import MembershipFactory, UserFactory, build_access_world
from tests.factories.plans import PLAN_START, PlannedProjectFactory, build_chain, refreshed

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def calendar_url(project) -> str:
    return reverse("projects:plan_calendar", args=[project.pk])


def task_url(task) -> str:
    return reverse("projects:plan_task", args=[task.project_id, task.pk])


def update_url(task) -> str:
    return reverse("projects:plan_task_update", args=[task.project_id, task.pk])


def cost_url(task) -> str:
    return reverse("projects:plan_cost_entry_add", args=[task.project_id, task.pk])


@pytest.fixture
def project(pm, member):
    project = PlannedProjectFactory(project_manager=pm)
    MembershipFactory(project=project, user=member)
    return project


@pytest.fixture
def chain(project):
    """T1 (2 d) -> T2 (2 d) -> T3 (1 d); T1 starts Monday 2 March, T3 finishes Friday 6 March."""
    return {task.name: task for task in build_chain(project, [2, 2, 1])}


# --- who sees what -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("pmo_type", [PmoType.SUPPORTIVE, PmoType.DIRECTIVE])
def test_task_page_gives_each_role_the_form_its_rights_allow(client, pmo_type):
    world = build_access_world(pmo_type)
    other_member = UserFactory(username="other-member", is_team_member=True)
    MembershipFactory(project=world.project_of_pm1, user=other_member)
    task = build_chain(world.project_of_pm1, [2, 1])[0]
    task.assignee = world.member
    task.save()
    users = {**world.users, "other_member": other_member}
    for role, user in users.items():
        client.force_login(user)
        page = client.get(task_url(task))
        if role != "other_member" and world.project_of_pm1.pk not in world.visible_projects(role):
            assert page.status_code == 404, role
            assert client.post(cost_url(task), {"date": "2026-03-02", "amount": "5"}).status_code == 404
            continue
        assert page.status_code == 200, role
        form = page.context["form"]
        editor = role in world.users and world.project_of_pm1.pk in world.editable_projects(role, pmo_type)
        if editor:
            assert {"name", "duration_days", "assignee", "planned_cost", "notes"} <= set(form.fields), role
            assert "Book an actual cost" in page.content.decode(), role
        elif role == "member":  # the assignee
            assert set(form.fields) == {"version", "percent_complete", "actual_start", "actual_finish"}
            assert "Book an actual cost" not in page.content.decode()
        else:
            assert form is None, role
            assert "You are viewing this task read-only." in page.content.decode(), role
        booked = client.post(cost_url(task), {"date": "2026-03-02", "amount": "5"})
        assert booked.status_code == (302 if editor else 403), role
    assert CostEntry.objects.filter(task=task).count() == sum(
        world.project_of_pm1.pk in world.editable_projects(role, pmo_type) for role in world.users
    )


def test_viewer_cannot_change_a_task(client, chain):
    sponsor = UserFactory(is_sponsor=True)
    project = chain["T1"].project
    project.sponsor = sponsor
    project.save()
    client.force_login(sponsor)
    response = client.post(update_url(chain["T1"]), {"version": 1, "percent_complete": 50})
    assert response.status_code == 403
    assert refreshed(chain["T1"]).percent_complete == 0


def test_task_of_another_project_is_not_found(client, pm, chain):
    other = build_chain(PlannedProjectFactory(project_manager=pm), [1])[0]
    client.force_login(pm)
    url = reverse("projects:plan_task", args=[chain["T1"].project_id, other.pk])
    assert client.get(url).status_code == 404


# --- task details ------------------------------------------------------------------------------------------


def test_task_page_shows_fields_links_and_figures(client, pm, member, chain):
    t2 = chain["T2"]
    task_update(
        actor=pm, task=t2, expected_version=1, changes={"assignee": member, "notes": "Needs the API key"}
    )
    client.force_login(pm)
    response = client.get(task_url(t2))
    assert response.status_code == 200
    task = response.context["task"]
    assert [link.predecessor.name for link in task.predecessor_links.all()] == ["T1"]
    assert [link.successor.name for link in task.successor_links.all()] == ["T3"]
    page = response.content.decode()
    for text in ("Wang Fang", "Needs the API key", "2026-03-04", "2026-03-05", "Late finish", "Free float"):
        assert text in page
    assert "(CNY)" in page
    assert [label for _value, label in response.context["form"].fields["assignee"].choices][1:] == [
        "Li Wei",
        "Wang Fang",
    ]


def test_editing_a_task_on_its_page_reschedules_the_plan(client, pm, chain):
    client.force_login(pm)
    response = client.post(
        update_url(chain["T1"]),
        {
            "version": 1,
            "name": "Design",
            "duration_days": 4,
            "constraint_type": "",
            "constraint_date": "",
            "percent_complete": 10,
            "planned_cost": "1200.50",
            "notes": "",
        },
        follow=True,
    )
    assert "“T1” saved; the plan was rescheduled." in response.content.decode()
    t1 = refreshed(chain["T1"])
    assert (t1.name, t1.duration_days, t1.percent_complete, t1.planned_cost, t1.version) == (
        "Design",
        4,
        10,
        Decimal("1200.50"),
        2,
    )
    assert refreshed(chain["T2"]).planned_start == datetime.date(2026, 3, 6)


def test_the_task_page_says_what_manually_scheduled_means(client, pm, chain):
    client.force_login(pm)
    page = client.get(task_url(chain["T2"])).content.decode()
    assert str(TaskDetailForm.base_fields["manual"].help_text) in page


def test_a_task_is_marked_manually_scheduled_on_its_page_and_keeps_its_start(client, pm, chain):
    client.force_login(pm)
    page = client.get(task_url(chain["T2"]))
    assert 'name="manual"' in page.content.decode()
    response = client.post(
        update_url(chain["T2"]),
        {
            "version": 1,
            "name": "T2",
            "duration_days": 3,
            "manual": "on",
            "percent_complete": 0,
            "planned_cost": "0",
        },
    )
    assert response.status_code == 302
    start = refreshed(chain["T2"]).planned_start
    client.post(
        update_url(chain["T1"]),
        {"version": 1, "name": "T1", "duration_days": 5, "percent_complete": 0, "planned_cost": "0"},
    )
    assert refreshed(chain["T1"]).duration_days == 5
    assert refreshed(chain["T2"]).manual and refreshed(chain["T2"]).planned_start == start
    assert refreshed(chain["T3"]).planned_start > refreshed(chain["T2"]).planned_finish


@pytest.mark.parametrize("duration", ["4.5", "5.333", "2,5", "four"])
def test_a_fractional_duration_is_refused_on_the_field_not_rounded(client, pm, chain, duration):
    client.force_login(pm)
    response = client.post(
        update_url(chain["T2"]),
        {"version": 1, "name": "T2", "duration_days": duration, "percent_complete": 0, "planned_cost": "0"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["duration_days"] == [
        "The duration is in whole working days: enter a whole number such as 4."
    ]
    stored = refreshed(chain["T2"])
    assert (stored.duration_days, stored.version) == (2, 1)


def test_a_constraint_without_a_date_is_refused_on_the_field(client, pm, chain):
    client.force_login(pm)
    response = client.post(
        update_url(chain["T2"]),
        {"version": 1, "name": "T2", "duration_days": 3, "percent_complete": 0, "planned_cost": "0"}
        | {"constraint_type": "snet", "constraint_date": ""},
    )
    assert response.status_code == 400
    assert "A constraint needs a date." in response.context["form"].errors["constraint_date"]
    assert refreshed(chain["T2"]).version == 1


def test_stale_edit_on_the_task_page_shows_the_fresh_values(client, pm, chain):
    task = chain["T2"]
    task_update(actor=pm, task=task, expected_version=1, changes={"name": "Build API", "duration_days": 4})
    client.force_login(pm)

    response = client.post(
        update_url(task),
        {"version": 1, "name": "Build UI", "duration_days": 8, "percent_complete": 0, "planned_cost": "0"},
    )

    assert response.status_code == 409
    page = response.content.decode()
    assert "This task was changed by someone else" in page
    assert response.context["stale_task"].name == "Build API"
    assert "4 days" in page
    assert response.context["form"].initial["version"] == 2
    assert response.context["form"].initial["name"] == "Build API"
    stored = refreshed(task)
    assert (stored.name, stored.duration_days, stored.version) == ("Build API", 4, 2)


def test_assignee_member_updates_progress_only(client, pm, member, chain):
    task = chain["T1"]
    task_update(actor=pm, task=task, expected_version=1, changes={"assignee": member})
    client.force_login(member)

    response = client.post(
        update_url(task),
        {"version": 2, "percent_complete": 60, "actual_start": "2026-03-02", "name": "Renamed"},
    )

    assert response.status_code == 302
    stored = refreshed(task)
    assert (stored.percent_complete, stored.actual_start, stored.name) == (60, PLAN_START, "T1")


def test_member_who_is_not_the_assignee_cannot_update_progress(client, member, chain):
    client.force_login(member)
    response = client.post(update_url(chain["T1"]), {"version": 1, "percent_complete": 60})
    assert response.status_code == 403
    assert refreshed(chain["T1"]).percent_complete == 0


def test_the_gantt_rows_link_to_the_task_details(client, pm, chain):
    client.force_login(pm)
    page = client.get(reverse("projects:plan", args=[chain["T1"].project_id]))
    details = page.context["payload"]["urls"]["details"]
    assert details.replace("{id}", str(chain["T1"].pk)) == task_url(chain["T1"])
    assert calendar_url(chain["T1"].project) in page.content.decode()
    assert "Details of %(task)s" in page.context["strings"]["details"]


# --- actual costs ------------------------------------------------------------------------------------------


def test_booking_a_cost_lists_it_with_the_total(client, pm, chain):
    task = chain["T1"]
    client.force_login(pm)
    client.post(cost_url(task), {"date": "2026-03-02", "amount": "1000.00", "note": "Licences"})
    response = client.post(cost_url(task), {"date": "2026-03-03", "amount": "250.50"}, **HTMX)

    assert response.status_code == 200
    assert [entry.amount for entry in CostEntry.objects.filter(task=task)] == [
        Decimal("1000.00"),
        Decimal("250.50"),
    ]
    page = response.content.decode()
    assert 'id="costs"' in page and "<html" not in page
    for text in ("Licences", "1,250.50", "Li Wei", "CNY"):
        assert text in page
    assert CostEntry.objects.filter(task=task).first().created_by == pm


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("0", "The amount must be greater than zero."),
        ("-5", "The amount must be greater than zero."),
        ("abc", "Enter the amount as a number"),
    ],
)
def test_bad_amount_is_refused_naming_the_field_and_nothing_saved(client, pm, chain, amount, message):
    client.force_login(pm)
    response = client.post(cost_url(chain["T1"]), {"date": "2026-03-02", "amount": amount})
    assert response.status_code == 400
    errors = response.context["cost_form"].errors
    assert list(errors) == ["amount"]
    assert message in errors["amount"][0]
    page = response.content.decode()
    assert message in page
    assert 'id="id_amount_errors"' in page
    assert not CostEntry.objects.exists()

    refused = client.post(cost_url(chain["T1"]), {"date": "2026-03-02", "amount": amount}, **HTMX)
    assert message in refused.content.decode()
    assert not CostEntry.objects.exists()


def test_summary_task_refuses_costs(client, pm, project):
    summary = Task.objects.create(project=project, name="Phase 1", position=1)
    Task.objects.create(project=project, parent=summary, name="Work", position=1)
    project_reschedule(project=project)
    client.force_login(pm)

    page = client.get(task_url(summary)).content.decode()
    assert "Costs are booked on the subtasks" in page
    assert "Book an actual cost" not in page

    response = client.post(cost_url(summary), {"date": "2026-03-02", "amount": "10"})
    assert response.status_code == 400
    assert "Book costs on work tasks" in response.content.decode()
    assert not CostEntry.objects.exists()


# --- query counts ------------------------------------------------------------------------------------------

# Session, user, project (twice: the page, then the task's visibility check), the task, its links in and out
# and its costs (prefetched), settings, and the people the assignee field offers: the same at 10 and at
# 200 cost entries and links.
TASK_PAGE_QUERIES = 10


def _task_with(pm, *, entries: int, links: int) -> Task:
    project = PlannedProjectFactory(project_manager=pm)
    tasks = build_chain(project, [1] * (links + 1), linked=False)
    hub = tasks[0]
    Dependency.objects.bulk_create(
        Dependency(project=project, predecessor=hub, successor=other) for other in tasks[1 : links // 2 + 1]
    )
    extra = Task.objects.bulk_create(
        Task(project=project, name=f"P{number}", position=1000 + number)
        for number in range(links - links // 2)
    )
    Dependency.objects.bulk_create(
        Dependency(project=project, predecessor=other, successor=hub) for other in extra
    )
    users = [UserFactory() for _ in range(3)]
    CostEntry.objects.bulk_create(
        CostEntry(task=hub, date=PLAN_START, amount=Decimal("10.00"), created_by=users[number % 3])
        for number in range(entries)
    )
    project_reschedule(project=project)
    return refreshed(hub)


def test_task_page_costs_the_same_fixed_queries_at_10_and_200_cost_entries_and_links(
    client, pm, django_assert_num_queries
):
    small = _task_with(pm, entries=10, links=10)
    large = _task_with(pm, entries=200, links=200)
    client.force_login(pm)
    client.get(task_url(small))  # warm the session and the settings row
    for task, rows in ((small, 10), (large, 200)):
        with django_assert_num_queries(TASK_PAGE_QUERIES, info=f"{rows} cost entries and links"):
            page = client.get(task_url(task))
        assert page.status_code == 200
        assert len(page.context["task"].cost_entries.all()) == rows
        assert len(page.context["task"].predecessor_links.all()) == rows // 2
        assert len(page.context["task"].successor_links.all()) == rows // 2


def test_a_cost_dated_in_the_future_is_refused_on_the_page_beside_the_date(client, pm, chain):
    task = chain["T1"]
    client.force_login(pm)
    response = client.post(cost_url(task), {"date": "2099-01-01", "amount": "10.00"})
    assert response.status_code == 400
    assert response.context["cost_form"].errors == {
        "date": ["The date of an actual cost cannot be in the future."]
    }
    assert not CostEntry.objects.filter(task=task).exists()
