"""Project calendars: official holidays (China) with their 调休 working days, own exceptions on top."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from projects.models import CalendarHoliday, OfficialHolidays, ProjectCalendar
from projects.selectors.calendars import official_years, plan_calendar_row, plan_work_calendar
from projects.services.calendars import calendar_update
from projects.workcalendar import official_calendar
from tests.factories.plans import PlannedProjectFactory, build_chain, refreshed

pytestmark = pytest.mark.django_db

WEEK = [0, 1, 2, 3, 4]
# Monday 9 February 2026, the week before the Spring Festival (off Sunday 15 to Monday 23 February;
# Saturdays 14 and 28 February are worked instead, 调休).
BEFORE_SPRING_FESTIVAL = datetime.date(2026, 2, 9)
FEBRUARY = lambda day: datetime.date(2026, 2, day)  # noqa: E731 - reads like a calendar in the asserts


@pytest.fixture
def spring_project(pm):
    return PlannedProjectFactory(
        project_manager=pm, start_date=BEFORE_SPRING_FESTIVAL, finish_date=datetime.date(2026, 12, 31)
    )


@pytest.fixture
def spring_chain(spring_project):
    """T1 (10 d) -> T2 (1 d), from Monday 9 February 2026."""
    return {task.name: task for task in build_chain(spring_project, [10, 1])}


def test_a_task_spanning_the_2026_spring_festival_counts_the_china_calendar(pm, spring_project, spring_chain):
    # On the plain week: Mon 9 .. Fri 13, Mon 16 .. Fri 20 = 10 days.
    assert refreshed(spring_chain["T1"]).planned_finish == FEBRUARY(20)

    calendar_update(
        actor=pm, project=spring_project, working_weekdays=WEEK, holidays=[], official_holidays="china"
    )

    # By hand: Mon 9 .. Fri 13 (5), Sat 14 worked (6), 15 .. 23 off, Tue 24 .. Fri 27 (10).
    first, second = refreshed(spring_chain["T1"]), refreshed(spring_chain["T2"])
    assert (first.planned_start, first.planned_finish) == (FEBRUARY(9), FEBRUARY(27))
    # The successor starts the next working day: Saturday 28 February, the second 调休 day.
    assert second.planned_start == second.planned_finish == FEBRUARY(28)
    assert ProjectCalendar.objects.get(project=spring_project).official_holidays == OfficialHolidays.CHINA


def test_own_exceptions_override_the_official_days(pm, spring_project, spring_chain):
    calendar_update(
        actor=pm,
        project=spring_project,
        working_weekdays=WEEK,
        holidays=[(FEBRUARY(16), "Go-live support", True)],
        official_holidays="china",
    )
    # Mon 9 .. Fri 13 (5), Sat 14 (6), Mon 16 worked for this project (7), Tue 24 .. Thu 26 (10).
    assert refreshed(spring_chain["T1"]).planned_finish == FEBRUARY(26)

    calendar_update(
        actor=pm, project=spring_project, working_weekdays=WEEK, holidays=[(FEBRUARY(14), "Team off")]
    )
    # Saturday 14 off for this project: Mon 9 .. Fri 13 (5), Tue 24 .. Fri 27 (9), Sat 28 (10).
    assert refreshed(spring_chain["T1"]).planned_finish == FEBRUARY(28)
    # Left out, the official holidays choice is kept.
    assert ProjectCalendar.objects.get(project=spring_project).official_holidays == OfficialHolidays.CHINA
    exception = CalendarHoliday.objects.get()
    assert (exception.date, exception.name, exception.working) == (FEBRUARY(14), "Team off", False)


def test_a_working_weekend_day_of_the_project_counts_without_official_holidays(
    pm, spring_project, spring_chain
):
    calendar_update(
        actor=pm, project=spring_project, working_weekdays=WEEK, holidays=[(FEBRUARY(14), "Sprint", True)]
    )
    # Mon 9 .. Fri 13 (5), Sat 14 (6), Mon 16 .. Thu 19 (10).
    assert refreshed(spring_chain["T1"]).planned_finish == FEBRUARY(19)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"official_holidays": "mars"}, "official_holidays", "Choose the official holidays to follow"),
        (
            {"holidays": [(FEBRUARY(16), "A"), (FEBRUARY(17), "B"), (FEBRUARY(16), "C", True)]},
            "holidays",
            "Each date may be listed once: 2026-02-16 is in rows 1 and 3.",
        ),
        (
            {"holidays": [(FEBRUARY(16), "x" * 101)]},
            "holidays",
            "Row 1 (2026-02-16): the name is longer than 100 characters.",
        ),
        ({"holidays": [("2026-02-16", "A")]}, "holidays", "Row 1: the date is not a date."),
    ],
    ids=["unknown-official-calendar", "duplicate-date", "long-name", "not-a-date"],
)
def test_a_refused_calendar_names_the_field_and_row_and_changes_nothing(
    pm, spring_project, spring_chain, changes, field, message
):
    calendar_update(
        actor=pm, project=spring_project, working_weekdays=WEEK, holidays=[(FEBRUARY(12), "Kept")]
    )
    arguments = {"working_weekdays": [0, 1, 2, 3], "holidays": [], "official_holidays": "china", **changes}
    with pytest.raises(ValidationError) as refused:
        calendar_update(actor=pm, project=spring_project, **arguments)
    assert any(message in text for text in refused.value.message_dict[field])
    calendar = ProjectCalendar.objects.get(project=spring_project)
    assert (calendar.weekdays, calendar.official_holidays) == (WEEK, OfficialHolidays.NONE)
    assert list(CalendarHoliday.objects.values_list("name", flat=True)) == ["Kept"]
    # Mon 9 .. Wed 11, Fri 13, Mon 16 .. Fri 20, Mon 23 = 10 days with Thursday 12 off.
    assert refreshed(spring_chain["T1"]).planned_finish == FEBRUARY(23)


def test_plan_work_calendar_costs_two_queries_whatever_the_exceptions(pm, django_assert_num_queries):
    for count in (10, 200):
        project = PlannedProjectFactory(project_manager=pm, start_date=BEFORE_SPRING_FESTIVAL)
        calendar = ProjectCalendar.objects.create(project=project, official_holidays=OfficialHolidays.CHINA)
        CalendarHoliday.objects.bulk_create(
            CalendarHoliday(calendar=calendar, date=datetime.date(2027, 1, 1) + datetime.timedelta(days=n))
            for n in range(count)
        )
        with django_assert_num_queries(2, info=f"{count} exceptions"):
            work_calendar = plan_work_calendar(project).work_calendar
        assert work_calendar.is_working_day(FEBRUARY(14)) and not work_calendar.is_working_day(FEBRUARY(16))


def test_the_listed_years_mark_exceptions_and_say_when_a_year_is_not_published(pm):
    unpublished = official_calendar("china").last_year + 1
    project = PlannedProjectFactory(
        project_manager=pm, start_date=FEBRUARY(9), finish_date=datetime.date(unpublished, 3, 31)
    )
    calendar_update(
        actor=pm,
        project=project,
        working_weekdays=WEEK,
        holidays=[(FEBRUARY(16), "Go-live support", True)],
        official_holidays="china",
    )
    years = official_years(project, plan_calendar_row(project))
    assert [year.year for year in years] == list(range(2026, unpublished + 1))
    first = years[0]
    spring = next(holiday for holiday in first.holidays if holiday.first == FEBRUARY(15))
    assert (spring.name, spring.last, spring.make_up_days) == (
        "Spring Festival",
        FEBRUARY(23),
        (FEBRUARY(14), FEBRUARY(28)),
    )
    assert [(mark.day, mark.working) for mark in spring.exceptions] == [(FEBRUARY(16), True)]
    assert first.published and first.note == ""
    last = years[-1]
    assert (last.published, last.holidays) == (False, ())
    assert f"The official calendar for {unpublished} is not published yet" in last.note


def test_a_year_older_than_the_source_is_said_so_not_called_unpublished(pm):
    first = official_calendar("china").first_year
    project = PlannedProjectFactory(
        project_manager=pm, start_date=datetime.date(first - 1, 3, 1), finish_date=datetime.date(first, 3, 1)
    )
    calendar_update(actor=pm, project=project, working_weekdays=WEEK, holidays=[], official_holidays="china")
    older, covered = official_years(project, plan_calendar_row(project))
    assert (older.year, older.published, older.holidays) == (first - 1, False, ())
    assert f"older than the installed source covers (from {first})" in older.note
    assert "not published yet" not in older.note
    assert covered.published and covered.holidays
