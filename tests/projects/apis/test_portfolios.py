"""The portfolios and programs API as a client uses it: what listing them costs.

Creating and changing portfolios and programs through the API: tests/projects/apis/test_projects.py.
"""

import pytest
from rest_framework.test import APIClient

from projects.models import Portfolio, Program
from tests.factories import PortfolioFactory, ProgramFactory, UserFactory

pytestmark = pytest.mark.django_db

# Session, user, count and rows (a program with its portfolio joined), at 10 and at 200 rows.
LIST_QUERIES = {"/api/portfolios/?page_size=200": 4, "/api/programs/?page_size=200": 4}


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def test_portfolio_and_program_lists_api_cost_the_same_fixed_queries_at_10_and_200_rows(
    django_assert_num_queries,
):
    pmo = UserFactory(username="pmo", is_pmo_staff=True)
    client = client_for(pmo)

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
