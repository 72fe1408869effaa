"""The project list's rolled-up columns: progress, SPI, CPI, health and RAG, sorted and filtered.

A project without a rollup (or without a health score or status report yet) shows "—", never 0.
"""

from decimal import Decimal

import pytest
from django.urls import reverse

from governance.models import PmoSettings
from projects.models import Project
from tests.factories import PortfolioFactory, ProjectFactory, UserFactory
from tests.factories.reports import RollupFactory
from tests.projects.views.test_projects import PROJECT_LIST_QUERIES

pytestmark = pytest.mark.django_db

LIST_URL = reverse("projects:list")


@pytest.fixture
def pmo(client):
    user = UserFactory(username="pmo", is_pmo_staff=True)
    client.force_login(user)
    return user


def row_of(response, code: str) -> str:
    html = response.content.decode()
    start = html.index(f">{code}</a>")
    return html[start : html.index("</tr>", start)]


def listed_codes(response) -> list[str]:
    return [project.code for project in response.context["projects"]]


def test_measured_projects_show_their_figures_and_unmeasured_ones_a_dash(client, pmo):
    measured = ProjectFactory(code="M-1")
    RollupFactory(
        project=measured,
        percent_complete=Decimal("62.5"),
        schedule_performance_index=Decimal("0.8700"),
        cost_performance_index=Decimal("1.1000"),
        health_score=68,
        health_band="amber",
        reported_rag="red",
    )
    ProjectFactory(code="U-1")
    response = client.get(LIST_URL)
    measured_row = row_of(response, "M-1")
    assert "62 %" in measured_row or "63 %" in measured_row
    assert "0.87" in measured_row and "1.10" in measured_row
    assert "rag-amber" in measured_row and "68" in measured_row
    assert "rag-red" in measured_row
    unmeasured_row = row_of(response, "U-1")
    assert unmeasured_row.count("not-measured") == 5
    figures = unmeasured_row.split("CNY</span></td>", 1)[1]  # the cells after the budget
    assert not any(character.isdigit() for character in figures)


def test_a_rollup_without_health_or_report_shows_them_as_not_yet_measured(client, pmo):
    RollupFactory(project=ProjectFactory(code="H-1"), health_score=None, health_band="", reported_rag="")
    row = row_of(client.get(LIST_URL), "H-1")
    assert row.count("not-measured") == 2  # health and RAG; progress, SPI and CPI are shown
    assert "0.95" in row


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("spi", ["LOW", "MID", "HIGH", "NONE"]),
        ("-spi", ["HIGH", "MID", "LOW", "NONE"]),
        ("health", ["LOW", "MID", "HIGH", "NONE"]),
        ("progress", ["HIGH", "LOW", "MID", "NONE"]),
        ("rag", ["HIGH", "MID", "LOW", "NONE"]),
    ],
)
def test_the_figures_sort_with_unmeasured_projects_last(client, pmo, sort, expected):
    figures = {
        "LOW": ("0.7000", 40, "red", Decimal("30")),
        "MID": ("0.9000", 60, "amber", Decimal("50")),
        "HIGH": ("1.2000", 90, "green", Decimal("10")),
    }
    for code, (spi, health, rag, progress) in figures.items():
        RollupFactory(
            project=ProjectFactory(code=code),
            schedule_performance_index=Decimal(spi),
            health_score=health,
            health_band=rag,
            reported_rag=rag,
            percent_complete=progress,
        )
    ProjectFactory(code="NONE")
    assert listed_codes(client.get(LIST_URL, {"sort": sort})) == expected


def test_the_list_filters_by_health_band_rag_and_spi_below_a_value(client, pmo):
    RollupFactory(
        project=ProjectFactory(code="RED"),
        schedule_performance_index=Decimal("0.7"),
        health_score=40,
        health_band="red",
        reported_rag="amber",
    )
    RollupFactory(
        project=ProjectFactory(code="GREEN"),
        schedule_performance_index=Decimal("1.0"),
        health_score=90,
        health_band="green",
        reported_rag="green",
    )
    ProjectFactory(code="NEW")
    assert listed_codes(client.get(LIST_URL, {"health_band": "red"})) == ["RED"]
    assert listed_codes(client.get(LIST_URL, {"rag": "green"})) == ["GREEN"]
    assert listed_codes(client.get(LIST_URL, {"rag": "none"})) == ["NEW"]
    assert listed_codes(client.get(LIST_URL, {"health_band": "none"})) == ["NEW"]
    # "SPI below 0.9" leaves out the projects without an SPI: not measured is not below anything.
    assert listed_codes(client.get(LIST_URL, {"spi_below": "0.9"})) == ["RED"]
    assert listed_codes(client.get(LIST_URL, {"cpi_below": "2"})) == ["GREEN", "RED"]


@pytest.mark.parametrize("bad", ["abc", "NaN", "-1", "1e999", "9" * 400])
def test_a_bad_spi_filter_is_shown_not_a_server_error(client, pmo, bad):
    ProjectFactory(code="ANY")
    response = client.get(LIST_URL, {"spi_below": bad, "health_band": "purple"})
    assert response.status_code == 200


def test_the_list_with_rollups_keeps_its_query_count_at_10_and_200_projects(
    client, pmo, django_assert_num_queries
):
    PmoSettings.load()
    manager = UserFactory(is_project_manager=True)
    portfolio = PortfolioFactory()

    def add(count):
        projects = Project.objects.bulk_create(
            ProjectFactory.build_batch(count, project_manager=manager, portfolio=portfolio)
        )
        for project in projects:
            RollupFactory(project=project, health_score=70, health_band="amber", reported_rag="green")

    add(10)
    client.get(LIST_URL)
    for total in (10, 200):
        add(total - Project.objects.count())
        with django_assert_num_queries(PROJECT_LIST_QUERIES["pmo"], info=f"{total} projects"):
            response = client.get(LIST_URL, {"sort": "-spi", "health_band": "amber", "spi_below": "2"})
        assert response.context["page_obj"].paginator.count == total
