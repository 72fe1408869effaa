"""The dashboards in the API: the same figures and filters as the pages, EVM and health, weekly snapshots."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from reports.evm import OUTPUT_KEYS
from tests.factories import PortfolioFactory, ProjectFactory, UserFactory
from tests.factories.rollups import RollupFactory, SnapshotFactory, fresh, rolled_up_projects

pytestmark = pytest.mark.django_db

# Session, user, then the dashboard's own six: the same at 10 and 200 projects.
DASHBOARD_API_QUERIES = 8
# Session, user, count, page: the same at 10 and 200 snapshots.
SNAPSHOT_LIST_QUERIES = 4


@pytest.fixture
def pmo():
    return UserFactory(username="api-pmo", is_pmo_staff=True)


def client_of(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_the_dashboard_api_gives_the_page_figures_with_the_same_filters(pmo):
    active = RollupFactory(project=ProjectFactory(status="active"), health_band="amber", health_score=75)
    RollupFactory(project=ProjectFactory(status="closed"))
    fresh(active.project)

    data = client_of(pmo).get(reverse("api:dashboard")).json()

    assert [row["code"] for row in data["projects"]] == [active.project.code]
    assert data["health_bands"] == {"green": 0, "amber": 1, "red": 0, "none": 0}
    assert data["money"]["currency"] == "CNY"
    assert data["money"]["total"]["budget_at_completion"] == "1000.00"
    assert data["top_risks"] == [] and data["risks_open"] == 0 and data["resource_conflicts"] is None
    assert data["filters"]["status"] == "open"
    everything = client_of(pmo).get(reverse("api:dashboard"), {"status": "all"}).json()
    assert len(everything["projects"]) == 2


def test_a_bad_dashboard_filter_answers_400_naming_it(pmo):
    response = client_of(pmo).get(reverse("api:dashboard"), {"health_band": "purple", "portfolio": "0"})

    assert response.status_code == 400
    assert set(response.json()["extra"]["fields"]) == {"health_band", "portfolio"}


def test_team_members_are_refused_the_dashboard_api():
    response = client_of(UserFactory(is_team_member=True)).get(reverse("api:dashboard"))

    assert response.status_code == 403
    assert set(response.json()) == {"message", "extra"}


def test_the_dashboard_api_costs_the_same_queries_at_10_and_200_projects(pmo, django_assert_num_queries):
    client = APIClient()
    client.force_login(pmo)
    portfolio = PortfolioFactory()
    for count, add in ((10, 10), (200, 190)):
        rolled_up_projects(add, portfolio=portfolio)
        with django_assert_num_queries(DASHBOARD_API_QUERIES, info=f"{count} projects"):
            response = client.get(reverse("api:dashboard"))
        data = response.json()
        assert data["page"]["total"] == count
        assert len(data["projects"]) == min(count, 50)
        assert len(data["scatter"]) == count


def test_the_dashboard_api_pages_the_projects_and_keeps_every_scatter_point(pmo):
    portfolio = PortfolioFactory()
    rolled_up_projects(120, portfolio=portfolio)
    client = client_of(pmo)

    first = client.get(reverse("api:dashboard")).json()
    third = client.get(reverse("api:dashboard"), {"page": 3, "page_size": 50}).json()
    past_the_end = client.get(reverse("api:dashboard"), {"page": 9}).json()
    everything = client.get(reverse("api:dashboard"), {"page_size": 200}).json()

    assert first["page"] == {"number": 1, "pages": 3, "size": 50, "total": 120}
    assert len(third["projects"]) == 20 and third["page"]["number"] == 3
    assert past_the_end["page"]["number"] == 3, "past the last page: the last, not an empty table"
    codes = [row["code"] for row in everything["projects"]]
    assert codes == sorted(codes) and len(codes) == 120
    assert [row["code"] for row in first["projects"]] + [row["code"] for row in third["projects"]] == (
        codes[:50] + codes[100:]
    )
    assert len(first["scatter"]) == len(third["scatter"]) == 120
    point = first["scatter"][0]
    assert set(point) == {
        "id",
        "code",
        "name",
        "schedule_performance_index",
        "cost_performance_index",
        "health_band",
    }


def test_a_page_size_past_200_or_a_page_0_answers_400_naming_it(pmo):
    response = client_of(pmo).get(reverse("api:dashboard"), {"page_size": 201, "page": 0})

    assert response.status_code == 400
    assert set(response.json()["extra"]["fields"]) == {"page_size", "page"}


def test_the_evm_api_gives_every_metric_the_baseline_and_the_curve(pmo):
    project = ProjectFactory(currency="USD")
    RollupFactory(
        project=project,
        details={
            "evm": {"bac": "4000.00", "cpi": "0.8000"},
            "curve_start": "2026-06-01",
            "pv_curve": ["10.00"],
        },
    )

    data = client_of(pmo).get(reverse("api:project-evm", args=[project.pk])).json()

    assert list(data["metrics"]) == list(OUTPUT_KEYS)
    assert data["metrics"]["bac"] == "4000.00" and data["metrics"]["cpi"] == "0.8000"
    assert data["metrics"]["es"] is None
    assert data["currency"] == "USD" and data["computed"] is True
    assert data["planned_value_curve"] == [{"day": "2026-06-07", "value": "10.00"}]
    assert data["status_date"] == timezone.localdate().isoformat()


def test_the_evm_api_of_a_project_not_rolled_up_has_only_nulls(pmo):
    project = ProjectFactory()

    data = client_of(pmo).get(reverse("api:project-evm", args=[project.pk])).json()

    assert data["computed"] is False
    assert set(data["metrics"].values()) == {None}


def test_the_health_api_says_not_yet_measured_until_the_health_engine_has_run(pmo):
    project = ProjectFactory()
    RollupFactory(project=project)

    data = client_of(pmo).get(reverse("api:project-health", args=[project.pk])).json()

    assert data == {
        "project": project.pk,
        "measured": False,
        "score": None,
        "band": "",
        "breakdown": None,
        "computed_at": data["computed_at"],
    }


def test_the_health_api_gives_the_breakdown_once_there_is_one(pmo):
    project = ProjectFactory()
    # SPI 1.00 scores 100, CPI 0.90 half way from amber (50) to green (75): 62.5; weights 25 and 25.
    inputs = {"spi": "1.0000", "cpi": "0.9000", "scope_changes": None, "currency": "CNY", "left_out": {}}
    RollupFactory(project=project, health_score=81, health_band="green", details={"health_inputs": inputs})

    data = client_of(pmo).get(reverse("api:project-health", args=[project.pk])).json()

    assert (data["measured"], data["score"], data["band"]) == (True, 81, "green")
    breakdown = data["breakdown"]
    assert breakdown["score"] == 81 and breakdown["renormalised"] is True
    points = {row["dimension"]: row["points"] for row in breakdown["dimensions"]}
    assert points["schedule"] == 100 and points["cost"] == 63 and points["team_morale"] is None


def test_a_hidden_project_answers_404_on_evm_and_health():
    project = ProjectFactory()
    outsider = client_of(UserFactory(is_project_manager=True))

    for name in ("api:project-evm", "api:project-health"):
        response = outsider.get(reverse(name, args=[project.pk]))
        assert response.status_code == 404
        assert set(response.json()) == {"message", "extra"}


def test_snapshots_are_filtered_by_project_portfolio_and_weeks_and_hidden_ones_left_out():
    pm = UserFactory(is_project_manager=True)
    mine = ProjectFactory(project_manager=pm)
    week = datetime.date(2026, 6, 1)
    for offset in range(3):
        SnapshotFactory(
            project=mine,
            week=week + datetime.timedelta(weeks=offset),
            schedule_performance_index=Decimal("0.9"),
        )
    SnapshotFactory(project=ProjectFactory(), week=week)
    client = client_of(pm)

    every = client.get(reverse("api:snapshot-list")).json()
    assert every["count"] == 3
    assert every["results"][0]["schedule_performance_index"] == "0.9000"
    ranged = client.get(reverse("api:snapshot-list"), {"from": "2026-06-08", "to": "2026-06-14"}).json()
    assert [row["week"] for row in ranged["results"]] == ["2026-06-08"]
    assert client.get(reverse("api:snapshot-list"), {"project": mine.pk}).json()["count"] == 3
    assert client.get(reverse("api:snapshot-list"), {"portfolio": mine.portfolio_id}).json()["count"] == 3
    bad = client.get(reverse("api:snapshot-list"), {"from": "June"})
    assert bad.status_code == 400 and "from" in bad.json()["extra"]["fields"]


def test_the_snapshot_list_costs_the_same_queries_at_10_and_200_rows(pmo, django_assert_num_queries):
    client = APIClient()
    client.force_login(pmo)
    project = ProjectFactory()
    start = datetime.date(2020, 1, 6)
    for count in (10, 200):
        existing = project.weekly_snapshots.count()
        for offset in range(existing, count):
            SnapshotFactory(project=project, week=start + datetime.timedelta(weeks=offset))
        with django_assert_num_queries(SNAPSHOT_LIST_QUERIES, info=f"{count} snapshots"):
            response = client.get(reverse("api:snapshot-list"), {"page_size": 200})
        assert response.json()["count"] == count
