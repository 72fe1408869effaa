"""The plan page as people use it: who sees and edits, baselines, what the page costs.

Edits in the Gantt go through the REST API: tests/projects/apis/test_plans.py.
"""

import datetime

import pytest
from django.urls import reverse

from governance.models import PmoType
from projects.models import Baseline, Task
from projects.services.baselines import baseline_save
from projects.services.tasks import task_update
from tests.factories import MembershipFactory, UserFactory, build_access_world
from tests.factories.plans import PlannedProjectFactory, build_chain

pytestmark = pytest.mark.django_db


def plan_url(project) -> str:
    return reverse("projects:plan", args=[project.pk])


def shown_tasks(response) -> dict[str, dict]:
    """The plan rows the page hands to the browser, by task name."""
    return {row["name"]: row for row in response.context["payload"]["tasks"]}


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


def test_a_baseline_parameter_that_is_not_a_plain_number_shows_the_plan_without_one(client, pm, chain):
    client.force_login(pm)
    response = client.get(plan_url(chain["T1"].project), {"baseline": "²"})
    assert response.status_code == 200
    assert response.context["baseline"] is None


# --- baselines ---------------------------------------------------------------------------------------------


def test_saving_a_baseline_shows_the_plan_against_it(client, pm, chain):
    client.force_login(pm)
    project = chain["T1"].project
    response = client.post(reverse("projects:plan_baseline_save", args=[project.pk]), {"name": "Approved"})
    baseline = Baseline.objects.get(project=project, name="Approved")
    assert response.url == f"{plan_url(project)}?baseline={baseline.pk}"

    task_update(actor=pm, task=chain["T1"], expected_version=1, changes={"duration_days": 4})
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

# Session, user, project, settings, calendar, tasks, links and the baseline menu; with ?baseline= one more
# for the chosen baseline (its rows join the task query).
PLAN_PAGE_QUERIES = {False: 8, True: 9}


@pytest.mark.parametrize("with_baseline", [False, True], ids=["without_baseline", "with_baseline"])
def test_plan_page_costs_the_same_fixed_queries_at_10_and_200_tasks(
    client, pm, with_baseline, django_assert_num_queries
):
    small = PlannedProjectFactory(project_manager=pm)
    large = PlannedProjectFactory(project_manager=pm)
    assignee = UserFactory()
    MembershipFactory(project=small, user=assignee)
    MembershipFactory(project=large, user=assignee)
    for project, size in ((small, 10), (large, 200)):
        build_chain(project, [1 + number % 3 for number in range(size)])
        Task.objects.filter(project=project).update(assignee=assignee)
        if with_baseline:
            baseline_save(actor=pm, project=project, name="B")
    client.force_login(pm)
    client.get(plan_url(small))  # warm the session and the settings row
    for project, size in ((small, 10), (large, 200)):
        params = {"baseline": Baseline.objects.get(project=project).pk} if with_baseline else {}
        with django_assert_num_queries(PLAN_PAGE_QUERIES[with_baseline], info=f"{size} tasks"):
            response = client.get(plan_url(project), params)
        assert response.status_code == 200
        assert len(response.context["payload"]["tasks"]) == size
        if with_baseline:
            assert len(response.context["payload"]["tasks"][0]["var"]) == 4


def test_plan_page_warns_when_the_plan_finishes_after_the_charters_finish_date(client, pm):
    project = PlannedProjectFactory(project_manager=pm, finish_date=datetime.date(2026, 3, 5))
    build_chain(project, [5, 5])  # to Friday 13 March: 6 working days after Thursday 5 March
    client.force_login(pm)
    response = client.get(plan_url(project))
    assert response.context["payload"]["finish_overrun"] == {
        "plan_finish": "2026-03-13",
        "charter_finish": "2026-03-05",
        "working_days": 6,
    }
    page = response.content.decode()
    assert (
        "The plan finishes on 2026-03-13, 6 working days after the project's finish date (2026-03-05)."
        in page
    )
    project.finish_date = datetime.date(2026, 3, 13)
    project.save()
    # No overrun: the notice is there only for the Gantt to fill after an edit, hidden and empty.
    page = client.get(plan_url(project)).content.decode()
    assert '<div class="alert alert-warning" role="status" id="plan-finish-overrun" hidden></div>' in page


def test_plan_page_warns_in_chinese_too(client, pm):
    project = PlannedProjectFactory(project_manager=pm, finish_date=datetime.date(2026, 3, 12))
    build_chain(project, [10])
    client.force_login(pm)
    page = client.get(plan_url(project), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "计划完成日期为 2026-03-13，比项目的完成日期（2026-03-12）晚 1 个工作日。" in page
