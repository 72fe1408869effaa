"""The dependencies API as a client uses it: listing a plan's links, changing one, the plan ETag.

Adding and removing links through the API: tests/projects/apis/test_plans.py and test_tasks.py.
"""

import pytest
from django.urls import reverse

from projects.models import Dependency
from tests.api_clients import authenticated_client, plan_if_match
from tests.factories import UserFactory
from tests.factories.plans import PlannedProjectFactory, build_chain, refreshed

pytestmark = pytest.mark.django_db

# The project, count and the links with both tasks joined, at 10 and at 200 links.
DEPENDENCY_LIST_QUERIES = 3


def test_dependency_list_api_costs_the_same_fixed_queries_at_10_and_200_links(django_assert_num_queries):
    manager = UserFactory(is_project_manager=True)
    client = authenticated_client(manager)
    for links in (10, 200):
        project = PlannedProjectFactory(project_manager=manager)
        build_chain(project, [1] * (links + 1))  # a chain of n + 1 tasks has n links
        with django_assert_num_queries(DEPENDENCY_LIST_QUERIES, info=f"{links} links"):
            response = client.get(reverse("api:dependency-list", args=[project.pk]), {"page_size": 200})
        assert response.status_code == 200
        assert response.json()["count"] == links
        rows = response.json()["results"]
        assert len(rows) == links
        assert (rows[0]["predecessor_name"], rows[-1]["successor_name"]) == ("T1", f"T{links + 1}")


@pytest.fixture
def pm_client(project):
    return authenticated_client(project.project_manager)


def detail_url(link) -> str:
    return reverse("api:dependency-detail", args=[link.pk])


def test_patching_a_link_changes_its_type_and_lag_and_answers_the_new_plan_etag(project, pm_client):
    first, second = build_chain(project, [3, 2])
    link = Dependency.objects.get(predecessor=first)
    etag = plan_if_match(project)["HTTP_IF_MATCH"]
    response = pm_client.patch(
        detail_url(link), {"type": "SS", "lag_days": 1}, format="json", HTTP_IF_MATCH=etag
    )
    assert response.status_code == 200, response.content
    assert (response.json()["type"], response.json()["lag_days"]) == ("SS", 1)
    assert response["ETag"] == plan_if_match(project)["HTTP_IF_MATCH"] != etag
    assert refreshed(second).planned_start.isoformat() == "2026-03-03"


def test_patching_a_link_needs_the_current_plan_etag(project, pm_client):
    first, second = build_chain(project, [3, 2])
    link = Dependency.objects.get(predecessor=first)
    missing = pm_client.patch(detail_url(link), {"lag_days": 1}, format="json")
    assert missing.status_code == 428
    assert "If-Match" in missing.json()["message"]
    current = plan_if_match(project)["HTTP_IF_MATCH"]
    for stale_tag in ('"plan-0"', '"1"', "garbage"):
        stale = pm_client.patch(detail_url(link), {"lag_days": 1}, format="json", HTTP_IF_MATCH=stale_tag)
        assert stale.status_code == 412, stale_tag
        assert stale.json()["extra"] == {"plan_etag": current}
        assert stale["ETag"] == current
        assert "changed this plan" in stale.json()["message"]
    assert Dependency.objects.get(pk=link.pk).lag_days == 0


def test_patching_a_link_refuses_unknown_fields_and_lags_beyond_the_project(project, pm_client):
    first, second = build_chain(project, [3, 2])
    link = Dependency.objects.get(predecessor=first)
    unknown = pm_client.patch(
        detail_url(link), {"successor": first.pk}, format="json", **plan_if_match(project)
    )
    assert unknown.status_code == 400
    assert "successor" in unknown.json()["extra"]["fields"]
    too_far = pm_client.patch(
        detail_url(link), {"lag_days": -99_999}, format="json", **plan_if_match(project)
    )
    assert too_far.status_code == 400
    assert too_far.json()["extra"]["fields"]["lag_days"] == [
        "A lag or lead can be at most 780 working days (the span of the project)."
    ]
    assert Dependency.objects.get(pk=link.pk).lag_days == 0


def test_adding_and_removing_links_need_the_plan_etag_and_answer_the_new_one(project, pm_client):
    first, second = build_chain(project, [3, 2], linked=False)
    url = reverse("api:dependency-list", args=[project.pk])
    body = {"predecessor": first.pk, "successor": second.pk}
    assert pm_client.post(url, body, format="json").status_code == 428
    assert pm_client.post(url, body, format="json", HTTP_IF_MATCH='"plan-999"').status_code == 412
    added = pm_client.post(url, body, format="json", **plan_if_match(project))
    assert added.status_code == 201
    assert added["ETag"] == plan_if_match(project)["HTTP_IF_MATCH"]
    link = Dependency.objects.get(pk=added.json()["id"])
    assert pm_client.delete(detail_url(link)).status_code == 428
    assert pm_client.delete(detail_url(link), HTTP_IF_MATCH='"plan-1"').status_code == 412
    removed = pm_client.delete(detail_url(link), HTTP_IF_MATCH=added["ETag"])
    assert removed.status_code == 204
    assert removed["ETag"] == plan_if_match(project)["HTTP_IF_MATCH"]
    assert not Dependency.objects.filter(pk=link.pk).exists()


def test_a_summary_task_is_linked_through_the_api_but_not_to_its_own_subtask(project, pm_client):
    phase, code, release = build_chain(project, [1, 2, 1], linked=False)
    pm_client.post(reverse("api:task-indent", args=[code.pk]), **plan_if_match(project))
    url = reverse("api:dependency-list", args=[project.pk])
    linked = pm_client.post(
        url, {"predecessor": phase.pk, "successor": release.pk}, format="json", **plan_if_match(project)
    )
    assert linked.status_code == 201
    assert refreshed(release).planned_start.isoformat() == "2026-03-04"  # after Code, Monday 2 and Tuesday 3
    own = pm_client.post(
        url, {"predecessor": phase.pk, "successor": code.pk}, format="json", **plan_if_match(project)
    )
    assert own.status_code == 400
    assert "its own subtasks" in own.json()["extra"]["fields"]["successor"][0]


def test_patching_a_link_with_nothing_to_change_is_refused(project, pm_client):
    first, second = build_chain(project, [3, 2])
    link = Dependency.objects.get(predecessor=first)
    etag = plan_if_match(project)
    response = pm_client.patch(detail_url(link), {}, format="json", **etag)
    assert response.status_code == 400
    assert response.json()["extra"]["fields"] == {
        "non_field_errors": ["Send the link's new type, lag_days or both."]
    }
    assert plan_if_match(project) == etag  # nothing was written
