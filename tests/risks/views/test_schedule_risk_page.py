"""The schedule-risk page: the run's figures and the charts' data, estimates saved and refused."""

import json

import pytest
from django.urls import reverse

from risks.models import TaskEstimate
from tests.factories.plans import PLAN_START, build_chain
from tests.factories.risks import TaskEstimateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned(project):
    project.start_date = PLAN_START
    project.save(update_fields=["start_date"])
    return project


def page_url(project) -> str:
    return reverse("risk_tools:schedule_risk", kwargs={"project_id": project.pk})


def chart_data(response, chart_id: str) -> dict:
    html = response.content.decode()
    start = html.index(f'id="{chart_id}"')
    body = html[html.index(">", start) + 1 : html.index("</script>", start)]
    return json.loads(body)


def test_a_run_shows_the_percentile_dates_and_the_charts_data(client, world, planned):
    first, second = build_chain(planned, [3, 2])
    TaskEstimateFactory(task=first, optimistic=2, most_likely=3, pessimistic=8)
    TaskEstimateFactory(task=second, optimistic=2, most_likely=2, pessimistic=2)
    client.force_login(world.sponsor)
    response = client.get(page_url(planned), {"iterations": 500, "seed": 5, "distribution": "triangular"})
    assert response.status_code == 200
    run = response.context["run"]
    assert response.context["run"].p50.date.isoformat() in response.content.decode()
    assert run.planned_finish.date.isoformat() == "2026-03-06"
    histogram = chart_data(response, "chart-histogram")
    assert histogram["kind"] == "histogram" and sum(histogram["counts"]) == 500
    s_curve = chart_data(response, "chart-s-curve")
    assert s_curve["kind"] == "cumulative" and s_curve["values"][-1] == 100.0
    tornado = chart_data(response, "chart-tornado")
    assert tornado["kind"] == "tornado" and tornado["categories"] == [f"{first.wbs_code} T1"]
    assert 'id="criticality"' in response.content.decode()


def test_without_the_run_form_the_page_shows_only_the_estimates(client, world, planned):
    build_chain(planned, [3])
    client.force_login(world.member)
    response = client.get(page_url(planned))
    assert response.status_code == 200 and response.context["run"] is None
    assert b"chart-histogram" not in response.content
    assert b"Save the estimates" not in response.content  # a team member reads the plan, does not edit it


def test_a_bad_run_setting_is_named_on_the_form(client, world, planned):
    build_chain(planned, [3])
    client.force_login(world.pm1)
    response = client.get(page_url(planned), {"iterations": 100_001, "distribution": "triangular"})
    assert response.context["run"] is None and "iterations" in response.context["form"].errors


def test_the_pm_saves_the_estimates_table(client, world, planned):
    first, second = build_chain(planned, [3, 2])
    TaskEstimateFactory(task=second)
    client.force_login(world.pm1)
    response = client.post(
        page_url(planned),
        {
            f"optimistic-{first.pk}": "2",
            f"most_likely-{first.pk}": "3",
            f"pessimistic-{first.pk}": "5.5",
            f"optimistic-{second.pk}": "",
            f"most_likely-{second.pk}": "",
            f"pessimistic-{second.pk}": "",
        },
    )
    assert response.status_code == 302 and response.url == page_url(planned)
    assert list(TaskEstimate.objects.values_list("task_id", "pessimistic")) == [(first.pk, 5.5)]


def test_refused_estimates_are_shown_by_cell_and_nothing_is_saved(client, world, planned):
    first, second = build_chain(planned, [3, 2])
    client.force_login(world.pm1)
    response = client.post(
        page_url(planned),
        {
            f"optimistic-{first.pk}": "2",
            f"most_likely-{first.pk}": "3",
            f"pessimistic-{first.pk}": "5",
            f"optimistic-{second.pk}": "6",
            f"most_likely-{second.pk}": "4",
            f"pessimistic-{second.pk}": "",
        },
    )
    assert response.status_code == 400
    assert "Give all three durations, or none." in response.content.decode()
    assert 'value="6"' in response.content.decode(), "what was typed stays in the table"
    assert not TaskEstimate.objects.exists()
    out_of_order = client.post(
        page_url(planned),
        {f"optimistic-{first.pk}": "5", f"most_likely-{first.pk}": "4", f"pessimistic-{first.pk}": "4"},
    )
    assert out_of_order.status_code == 400
    assert "cannot be shorter than the optimistic one" in out_of_order.content.decode()


def test_a_team_member_may_not_save_estimates(client, world, planned):
    (task,) = build_chain(planned, [3])
    client.force_login(world.member)
    response = client.post(
        page_url(planned),
        {f"optimistic-{task.pk}": "1", f"most_likely-{task.pk}": "2", f"pessimistic-{task.pk}": "3"},
    )
    assert response.status_code == 403 and not TaskEstimate.objects.exists()


def test_the_percentile_lines_sit_on_the_bin_that_holds_their_date(client, world, planned):
    (task,) = build_chain(planned, [10])
    TaskEstimateFactory(task=task, optimistic=5, most_likely=10, pessimistic=40)
    client.force_login(world.pm1)
    response = client.get(page_url(planned), {"iterations": 3000, "seed": 9, "distribution": "pert"})
    run, histogram = response.context["run"], chart_data(response, "chart-histogram")
    labels = " · ".join(marker["label"] for marker in histogram["markers"])
    assert all(name in labels for name in ("P50", "P80", "P90"))
    p80 = next(marker for marker in histogram["markers"] if "P80" in marker["label"])
    position = histogram["categories"].index(p80["value"])
    assert histogram["categories"][position - 1] < run.p80.date.isoformat() <= p80["value"]
