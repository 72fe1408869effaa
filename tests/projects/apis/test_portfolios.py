"""The portfolios and programs API as a client uses it: who creates and changes them, what lists cost."""

import pytest

from governance.models import PmoType
from projects.models import Portfolio, Program
from tests.api_clients import session_client
from tests.factories import (
    PortfolioFactory,
    ProgramFactory,
    UserFactory,
    build_access_world,
)

pytestmark = pytest.mark.django_db

# Session, user, count and rows (a program with its portfolio joined), at 10 and at 200 rows.
LIST_QUERIES = {"/api/portfolios/?page_size=200": 4, "/api/programs/?page_size=200": 4}


def test_portfolio_and_program_lists_api_cost_the_same_fixed_queries_at_10_and_200_rows(
    django_assert_num_queries,
):
    pmo = UserFactory(username="pmo", is_pmo_staff=True)
    client = session_client(pmo)

    def add_programs(count):
        portfolios = Portfolio.objects.bulk_create(PortfolioFactory.build_batch(count))
        Program.objects.bulk_create(ProgramFactory.build(portfolio=portfolio) for portfolio in portfolios)

    client.get("/api/portfolios/")  # warm the session
    for rows in (10, 200):
        add_programs(rows - Program.objects.count())
        for url, queries in LIST_QUERIES.items():
            with django_assert_num_queries(queries, info=f"{url} at {rows} rows"):
                response = client.get(url)
            assert response.status_code == 200
            assert response.json()["count"] == rows
            assert len(response.json()["results"]) == rows
    assert Portfolio.objects.count() >= 200
    assert Program.objects.count() == 200


@pytest.fixture
def world():
    return build_access_world(PmoType.SUPPORTIVE)


def test_pmo_staff_create_and_rename_a_portfolio(world):
    client = session_client(world.pmo)
    created = client.post("/api/portfolios/", {"code": "DIG", "name": "数字化转型"}, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["name"] == "数字化转型"

    renamed = client.patch(f"/api/portfolios/{created.json()['id']}/", {"name": "Digital"}, format="json")
    assert renamed.status_code == 200
    assert Portfolio.objects.get(code="DIG").name == "Digital"


def test_only_an_admin_overrides_the_pmo_type_of_a_portfolio(world):
    url = f"/api/portfolios/{world.portfolio.pk}/"
    refused = session_client(world.pmo).patch(url, {"pmo_type_override": "directive"}, format="json")
    assert refused.status_code == 403
    accepted = session_client(world.admin).patch(url, {"pmo_type_override": "directive"}, format="json")
    assert accepted.status_code == 200
    assert accepted.json()["pmo_type_override"] == "directive"


def test_a_project_manager_lists_only_portfolios_of_their_projects_and_cannot_create_one(world):
    client = session_client(world.pm2)
    listed = client.get("/api/portfolios/").json()["results"]
    assert [row["id"] for row in listed] == [world.other_portfolio.pk]
    assert client.post("/api/portfolios/", {"code": "X", "name": "X"}, format="json").status_code == 403


def test_programs_are_listed_by_portfolio_and_created_by_pmo_staff(world):
    in_portfolio = ProgramFactory(portfolio=world.portfolio)
    ProgramFactory(portfolio=world.other_portfolio)
    client = session_client(world.pmo)
    listed = client.get(f"/api/programs/?portfolio={world.portfolio.pk}").json()["results"]
    assert [row["id"] for row in listed] == [in_portfolio.pk]
    assert listed[0]["portfolio"] == {
        "id": world.portfolio.pk,
        "code": world.portfolio.code,
        "name": world.portfolio.name,
    }

    created = client.post(
        "/api/programs/", {"portfolio": world.portfolio.pk, "code": "ERP", "name": "ERP 升级"}, format="json"
    )
    assert created.status_code == 201
    detail = client.get(f"/api/programs/{created.json()['id']}/")
    assert detail.json()["name"] == "ERP 升级"


def test_pmo_staff_may_not_create_a_portfolio_that_overrides_the_pmo_type(world):
    payload = {"code": "DIR", "name": "Directive", "pmo_type_override": "directive"}
    refused = session_client(world.pmo).post("/api/portfolios/", payload, format="json")
    assert refused.status_code == 403
    assert not Portfolio.objects.filter(code="DIR").exists()
    assert session_client(world.admin).post("/api/portfolios/", payload, format="json").status_code == 201
