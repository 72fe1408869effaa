"""The project calendar API as a client uses it: official holidays (China) and own exceptions, what it
refuses, and what reading a calendar costs.

Replacing the calendar through the API: also tests/projects/apis/test_tasks.py.
"""

import datetime

import pytest
from django.urls import reverse

from projects.models import CalendarHoliday, OfficialHolidays, ProjectCalendar
from tests.api_clients import authenticated_client
from tests.factories import UserFactory
from tests.factories.plans import PlannedProjectFactory, build_chain, refreshed

pytestmark = pytest.mark.django_db

FEBRUARY = lambda day: datetime.date(2026, 2, day)  # noqa: E731 - reads like a calendar in the asserts


@pytest.fixture
def manager():
    return UserFactory(is_project_manager=True)


@pytest.fixture
def client(manager):
    return authenticated_client(manager)


@pytest.fixture
def spring_project(manager):
    """From Monday 9 February 2026, the week before the Spring Festival, to the end of 2026."""
    return PlannedProjectFactory(
        project_manager=manager, start_date=FEBRUARY(9), finish_date=datetime.date(2026, 12, 31)
    )


def calendar_url(project) -> str:
    return reverse("api:plan-calendar", args=[project.pk])


def test_choosing_china_reschedules_a_task_over_the_spring_festival_and_lists_the_official_days(
    client, spring_project
):
    (task,) = build_chain(spring_project, [10])
    payload = {
        "working_weekdays": [0, 1, 2, 3, 4],
        "official_holidays": "china",
        "holidays": [{"date": "2026-02-16", "name": "Go-live support", "working": True}],
    }

    response = client.put(calendar_url(spring_project), payload, format="json")

    assert response.status_code == 200, response.content
    # By hand: Mon 9 .. Fri 13 (5), Sat 14 worked (调休, 6), Mon 16 worked for this project (7),
    # 17 .. 23 off, Tue 24 .. Thu 26 (10).
    assert refreshed(task).planned_finish == FEBRUARY(26)
    body = client.get(calendar_url(spring_project)).json()
    assert body["official_holidays"] == "china"
    assert body["holidays"] == [{"date": "2026-02-16", "name": "Go-live support", "working": True}]
    (year,) = body["official_years"]
    assert (year["year"], year["published"], year["note"]) == (2026, True, "")
    days = {day["date"]: day for day in year["days"]}
    for number in range(15, 24):
        assert days[FEBRUARY(number).isoformat()]["working"] is False
    assert days["2026-02-14"] == {
        "date": "2026-02-14",
        "name": "Spring Festival",
        "working": True,
        "exception": None,
    }
    assert days["2026-02-28"]["working"] is True
    assert days["2026-02-16"]["exception"] == {"working": True, "name": "Go-live support"}
    assert days["2026-10-01"]["name"] == "National Day"


def test_a_year_not_published_yet_is_said_so(client, manager):
    from projects.workcalendar import official_calendar

    unpublished = official_calendar("china").last_year + 1
    project = PlannedProjectFactory(
        project_manager=manager,
        start_date=datetime.date(unpublished, 1, 4),
        finish_date=datetime.date(unpublished, 6, 30),
    )
    ProjectCalendar.objects.create(project=project, official_holidays=OfficialHolidays.CHINA)
    (year,) = client.get(calendar_url(project)).json()["official_years"]
    assert (year["year"], year["published"], year["days"]) == (unpublished, False, [])
    assert f"The official calendar for {unpublished} is not published yet" in year["note"]


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        (
            {"working_weekdays": [0, 1, 2, 3, 4], "official_holidays": "mars", "holidays": []},
            "official_holidays",
            "is not a valid choice",
        ),
        (
            {
                "working_weekdays": [0, 1, 2, 3, 4],
                "holidays": [{"date": "2026-02-16"}, {"date": "2026-02-16", "working": True}],
            },
            "holidays",
            "Each date may be listed once: 2026-02-16 is in rows 1 and 2.",
        ),
        (
            {"working_weekdays": [0, 1, 2, 3, 4], "holidays": [{"date": "2026-02-16", "working": "maybe"}]},
            "holidays",
            "Must be a valid boolean.",
        ),
    ],
    ids=["unknown-official-calendar", "duplicate-date", "bad-working-flag"],
)
def test_a_refused_calendar_names_the_field_and_saves_nothing(
    client, spring_project, payload, field, message
):
    response = client.put(calendar_url(spring_project), payload, format="json")
    assert response.status_code == 400
    body = response.json()
    assert field in body["extra"]["fields"]
    assert message in str(body["extra"]["fields"][field])
    assert not ProjectCalendar.objects.filter(project=spring_project).exists()


def test_the_gantt_flags_follow_the_china_calendar(client, spring_project):
    build_chain(spring_project, [10])
    client.put(
        calendar_url(spring_project),
        {"working_weekdays": [0, 1, 2, 3, 4], "official_holidays": "china", "holidays": []},
        format="json",
    )
    calendar = client.get(reverse("api:plan-detail", args=[spring_project.pk])).json()["calendar"]
    first = datetime.date.fromisoformat(calendar["first"])

    def working(day: datetime.date) -> bool:
        return calendar["working"][(day - first).days] == "1"

    assert working(FEBRUARY(13)) and working(FEBRUARY(14)) and working(FEBRUARY(24)) and working(FEBRUARY(28))
    assert not any(working(FEBRUARY(number)) for number in range(15, 24))


# The project, the calendar and its exceptions, at 10 and at 200 exceptions, with the official days listed.
CALENDAR_QUERIES = 3


def test_calendar_api_costs_the_same_fixed_queries_at_10_and_200_holidays(
    manager, client, django_assert_num_queries
):
    for holidays in (10, 200):
        project = PlannedProjectFactory(project_manager=manager, finish_date=datetime.date(2026, 12, 31))
        calendar = ProjectCalendar.objects.create(project=project, official_holidays=OfficialHolidays.CHINA)
        CalendarHoliday.objects.bulk_create(
            CalendarHoliday(
                calendar=calendar,
                # From 1 April: the 10 include Qingming (4 to 6 April), the 200 more official days.
                date=datetime.date(2026, 4, 1) + datetime.timedelta(days=number),
                name=f"H{number}",
                working=number % 2 == 0,
            )
            for number in range(holidays)
        )
        with django_assert_num_queries(CALENDAR_QUERIES, info=f"{holidays} holidays"):
            response = client.get(calendar_url(project))
        assert response.status_code == 200
        body = response.json()
        assert len(body["holidays"]) == holidays
        assert any(day["exception"] for day in body["official_years"][0]["days"])
