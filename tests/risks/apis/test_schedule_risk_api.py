"""The schedule-risk API against hand-worked plans: dates on the project's calendar, the maximum of a
parallel pair, and refusals that name the field."""

import datetime

import pytest

from projects.models import Dependency, Task
from projects.services.reschedule import project_reschedule
from risks.models import TaskEstimate
from tests.api_clients import authenticated_client
from tests.factories.plans import PLAN_START, build_chain
from tests.factories.risks import TaskEstimateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned(project):
    project.start_date = PLAN_START  # a Monday
    project.save(update_fields=["start_date"])
    return project


def url(project) -> str:
    return f"/api/projects/{project.pk}/schedule-risk/"


def test_a_chain_with_fixed_estimates_finishes_on_its_deterministic_date(world, planned):
    first, second = build_chain(planned, [3, 2])  # planned finish: Fri 6 March
    TaskEstimateFactory(task=first, optimistic=4, most_likely=4, pessimistic=4)
    TaskEstimateFactory(task=second, optimistic=2, most_likely=2, pessimistic=2)
    response = authenticated_client(world.sponsor).post(
        url(planned), {"seed": 1, "iterations": 50}, format="json"
    )
    assert response.status_code == 200, response.content
    body = response.json()
    # 4 + 2 working days from Monday 2 March: through Monday 9 March.
    assert body["p50"] == {"date": "2026-03-09", "working_days": 6.0}
    assert body["p90"]["date"] == body["mean"]["date"] == "2026-03-09"
    assert body["planned_finish"] == {"date": "2026-03-06", "working_days": 5.0}
    assert body["probability_on_time"] == 0.0
    assert [row["name"] for row in body["criticality"]] == ["T1", "T2"]
    assert {row["value"] for row in body["criticality"]} == {1.0}
    assert (body["iterations"], body["seed"], body["distribution"]) == (50, 1, "triangular")


def test_a_parallel_pair_finishes_with_the_longer_task(world, planned):
    short, long = build_chain(planned, [1, 1], linked=False)
    response = authenticated_client(world.pm1).post(
        url(planned),
        {
            "seed": 3,
            "iterations": 20,
            "estimates": {
                str(short.pk): {"optimistic": 3, "most_likely": 3, "pessimistic": 3},
                str(long.pk): {"optimistic": 7, "most_likely": 7, "pessimistic": 7},
            },
        },
        format="json",
    )
    body = response.json()
    assert body["p50"] == {"date": "2026-03-10", "working_days": 7.0}
    shares = {row["id"]: row["value"] for row in body["criticality"]}
    assert shares == {long.pk: 1.0, short.pk: 0.0}
    assert not TaskEstimate.objects.exists(), "estimates sent with a run are not stored"


def test_uncertain_estimates_spread_the_finish_and_a_target_date_sets_the_chance(world, planned):
    first, second = build_chain(planned, [3, 2])
    TaskEstimateFactory(task=first, optimistic=2, most_likely=3, pessimistic=10)
    body = (
        authenticated_client(world.pm1)
        .post(
            url(planned),
            {"seed": 7, "iterations": 2000, "distribution": "pert", "target_finish": "2026-03-31"},
            format="json",
        )
        .json()
    )
    assert body["p50"]["working_days"] < body["p90"]["working_days"]
    assert datetime.date.fromisoformat(body["p50"]["date"]) <= datetime.date.fromisoformat(
        body["p90"]["date"]
    )
    assert body["target_finish"]["date"] == "2026-03-31" and body["probability_on_time"] == 1.0
    assert body["tornado"][0]["id"] == first.pk
    assert sum(bin_["count"] for bin_ in body["histogram"]) == 2000
    assert body["s_curve"][-1]["probability"] == 1.0


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"iterations": 100_001}, "iterations"),
        ({"iterations": 0}, "iterations"),
        ({"distribution": "normal"}, "distribution"),
        ({"target_finish": "next week"}, "target_finish"),
        ({"seed": -1}, "seed"),
        ({"estimat": {}}, "estimat"),
    ],
)
def test_bad_settings_answer_400_naming_the_field(world, planned, payload, field):
    build_chain(planned, [1])
    response = authenticated_client(world.pm1).post(url(planned), payload, format="json")
    assert response.status_code == 400
    assert field in response.json()["extra"]["fields"]


def test_bad_estimates_answer_400_naming_the_task_and_field(world, planned):
    (task,) = build_chain(planned, [2])
    client = authenticated_client(world.pm1)
    below = client.post(
        url(planned),
        {"estimates": {str(task.pk): {"optimistic": 5, "most_likely": 4, "pessimistic": 3}}},
        format="json",
    )
    assert below.status_code == 400
    fields = below.json()["extra"]["fields"]
    assert f"estimates.{task.pk}.pessimistic" in fields and f"estimates.{task.pk}.most_likely" in fields
    unknown = client.post(
        url(planned),
        {"estimates": {"999999": {"optimistic": 1, "most_likely": 2, "pessimistic": 3}}},
        format="json",
    )
    assert unknown.status_code == 400 and "estimates.999999" in unknown.json()["extra"]["fields"]
    missing = client.post(url(planned), {"estimates": {str(task.pk): {"optimistic": 1}}}, format="json")
    assert missing.status_code == 400
    assert f"estimates.{task.pk}.pessimistic" in missing.json()["extra"]["fields"]


def test_a_project_hidden_from_the_user_answers_404(world, planned):
    build_chain(planned, [1])
    assert authenticated_client(world.outsider).post(url(planned), {}, format="json").status_code == 404


def test_without_estimates_the_run_finishes_on_the_plans_own_finish_through_summaries_and_constraints(
    world, planned
):
    """The simulation takes the scheduler's activities: a link out of a summary, a start-no-earlier-than
    constraint and a lag all hold, so an unvaried run lands on the date the plan shows."""
    phase = Task.objects.create(project=planned, name="Phase", position=0, duration_days=1)
    Task.objects.create(project=planned, name="A", parent=phase, position=0, duration_days=4)
    Task.objects.create(project=planned, name="B", parent=phase, position=1, duration_days=2)
    after = Task.objects.create(
        project=planned,
        name="After",
        position=1,
        duration_days=3,
        constraint_type="snet",
        constraint_date=datetime.date(2026, 3, 4),
    )
    Dependency.objects.create(project=planned, predecessor=phase, successor=after, lag_days=2)
    project_reschedule(project=planned)
    # The phase ends with A (periods 0-4); 2 days' lag: After runs periods 6-9, through Thursday 12 March
    # (its constraint, Wednesday 4 March, binds nothing).
    plan_finish = max(Task.objects.filter(project=planned).values_list("planned_finish", flat=True))
    body = (
        authenticated_client(world.pm1).post(url(planned), {"iterations": 5, "seed": 2}, format="json").json()
    )
    assert body["p50"]["date"] == body["planned_finish"]["date"] == plan_finish.isoformat() == "2026-03-12"
    assert body["probability_on_time"] == 1.0
