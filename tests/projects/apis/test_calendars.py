"""The project calendar API as a client uses it: what reading a calendar with its holidays costs.

Replacing the calendar through the API: tests/projects/apis/test_tasks.py.
"""

import datetime

import pytest
from django.urls import reverse

from projects.models import CalendarHoliday, ProjectCalendar
from tests.api_clients import authenticated_client
from tests.factories import UserFactory
from tests.factories.plans import PLAN_START, PlannedProjectFactory

pytestmark = pytest.mark.django_db

# The project, the calendar and its holidays, at 10 and at 200 holidays.
CALENDAR_QUERIES = 3


def test_calendar_api_costs_the_same_fixed_queries_at_10_and_200_holidays(django_assert_num_queries):
    manager = UserFactory(is_project_manager=True)
    client = authenticated_client(manager)
    for holidays in (10, 200):
        project = PlannedProjectFactory(project_manager=manager)
        calendar = ProjectCalendar.objects.create(project=project)
        CalendarHoliday.objects.bulk_create(
            CalendarHoliday(
                calendar=calendar, date=PLAN_START + datetime.timedelta(days=number), name=f"H{number}"
            )
            for number in range(holidays)
        )
        with django_assert_num_queries(CALENDAR_QUERIES, info=f"{holidays} holidays"):
            response = client.get(reverse("api:plan-calendar", args=[project.pk]))
        assert response.status_code == 200
        assert len(response.json()["holidays"]) == holidays
