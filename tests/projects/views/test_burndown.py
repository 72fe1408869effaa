"""The burndown page as people use it: remaining work over a chosen range, and what the page costs."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from projects.models import BurndownPoint
from tests.factories.plans import PLAN_START, PlannedProjectFactory

pytestmark = pytest.mark.django_db

# Session, user, project and points, whether 10 or 200 days were recorded.
BURNDOWN_PAGE_QUERIES = 4


def burndown_url(project) -> str:
    return reverse("projects:plan_burndown", args=[project.pk])


def test_burndown_says_when_nothing_was_recorded_yet(client, pm, project):
    client.force_login(pm)
    response = client.get(burndown_url(project))
    assert response.status_code == 200
    assert "Nothing has been recorded yet" in response.content.decode()


def test_burndown_draws_remaining_work_for_the_chosen_range(client, pm, project):
    for offset, remaining in enumerate([10, 8, 7, 4]):
        BurndownPoint.objects.create(
            project=project,
            date=PLAN_START + datetime.timedelta(days=offset),
            remaining_work_days=Decimal(remaining),
            planned_remaining_work_days=Decimal(10 - 3 * offset),
        )
    client.force_login(pm)
    url = burndown_url(project)

    whole = client.get(url)
    assert [point.remaining_work_days for point in whole.context["points"]] == [10, 8, 7, 4]
    assert 'class="bd-remaining"' in whole.content.decode()

    ranged = client.get(url, {"from": "2026-03-03", "to": "2026-03-04"})
    assert [point.date.isoformat() for point in ranged.context["points"]] == ["2026-03-03", "2026-03-04"]

    reversed_range = client.get(url, {"from": "2026-03-05", "to": "2026-03-01"})
    assert "The end of the range cannot be before its start." in reversed_range.content.decode()


def test_burndown_page_costs_the_same_fixed_queries_at_10_and_200_points(
    client, pm, django_assert_num_queries
):
    client.force_login(pm)
    client.get(burndown_url(PlannedProjectFactory(project_manager=pm)))  # warm the session
    for days in (10, 200):
        project = PlannedProjectFactory(project_manager=pm)
        BurndownPoint.objects.bulk_create(
            BurndownPoint(
                project=project,
                date=PLAN_START + datetime.timedelta(days=offset),
                remaining_work_days=Decimal(days - offset),
                planned_remaining_work_days=Decimal(days - offset),
            )
            for offset in range(days)
        )
        with django_assert_num_queries(BURNDOWN_PAGE_QUERIES, info=f"{days} points"):
            response = client.get(burndown_url(project))
        assert response.status_code == 200
        assert len(response.context["points"]) == days
