"""/api/projects/ with the rolled-up figures: null when not yet measured, sortable and filterable."""

from decimal import Decimal

import pytest

from governance.models import PmoSettings
from projects.models import Project
from tests.api_clients import session_client
from tests.factories import PortfolioFactory, ProjectFactory, UserFactory
from tests.factories.reports import RollupFactory

pytestmark = pytest.mark.django_db

URL = "/api/projects/"
# Session, user, installation settings, count, page: whatever the number of projects and rollups.
LIST_QUERIES = 5


@pytest.fixture
def pmo():
    return UserFactory(username="pmo", is_pmo_staff=True)


def codes(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["code"] for row in response.json()["results"]]


def test_each_project_carries_its_figures_and_null_where_not_yet_measured(pmo):
    RollupFactory(
        project=ProjectFactory(code="M-1"),
        percent_complete=Decimal("62.5"),
        schedule_performance_index=Decimal("0.8700"),
        cost_performance_index=None,
        health_score=68,
        health_band="amber",
        reported_rag="",
    )
    ProjectFactory(code="U-1")
    rows = {row["code"]: row for row in session_client(pmo).get(URL).json()["results"]}
    assert rows["M-1"]["progress"] == "62.5"
    assert rows["M-1"]["spi"] == "0.8700"
    assert rows["M-1"]["cpi"] is None  # no actual cost yet: not defined, never 0 or 1
    assert rows["M-1"]["health_score"] == 68
    assert rows["M-1"]["health_band"] == "amber"
    assert rows["M-1"]["rag"] is None
    for key in ("progress", "spi", "cpi", "health_score", "health_band", "rag"):
        assert rows["U-1"][key] is None


def test_the_api_filters_and_sorts_by_the_figures(pmo):
    for code, spi, band in (("A", "0.7", "red"), ("B", "1.1", "green"), ("C", "0.9", "amber")):
        RollupFactory(
            project=ProjectFactory(code=code),
            schedule_performance_index=Decimal(spi),
            health_band=band,
            health_score=50,
            reported_rag=band,
        )
    ProjectFactory(code="D")
    client = session_client(pmo)
    assert codes(client.get(URL, {"spi_below": "1"})) == ["A", "C"]
    assert codes(client.get(URL, {"health_band": "green"})) == ["B"]
    assert codes(client.get(URL, {"rag": "none"})) == ["D"]
    assert codes(client.get(URL, {"ordering": "spi"}))[:3] == ["A", "C", "B"]
    assert codes(client.get(URL, {"ordering": "-spi", "spi_below": "5"})) == ["B", "C", "A"]


@pytest.mark.parametrize(
    ("params", "field"),
    [({"spi_below": "abc"}, "spi_below"), ({"health_band": "purple"}, "health_band"), ({"rag": "x"}, "rag")],
)
def test_a_bad_figure_filter_answers_400_naming_it(pmo, params, field):
    response = session_client(pmo).get(URL, params)
    assert response.status_code == 400
    assert field in response.json()["extra"]["fields"]


def test_the_list_keeps_its_query_count_at_10_and_200_projects_with_rollups(pmo, django_assert_num_queries):
    PmoSettings.load()
    portfolio = PortfolioFactory()
    manager = UserFactory(is_project_manager=True)
    client = session_client(pmo)

    def add(count):
        for project in Project.objects.bulk_create(
            ProjectFactory.build_batch(count, portfolio=portfolio, project_manager=manager)
        ):
            RollupFactory(project=project)

    add(10)
    client.get(URL)
    for total in (10, 200):
        add(total - Project.objects.count())
        with django_assert_num_queries(LIST_QUERIES, info=f"{total} projects"):
            response = client.get(URL, {"page_size": 200, "ordering": "-cpi", "spi_below": "3"})
        assert len(response.json()["results"]) == total
