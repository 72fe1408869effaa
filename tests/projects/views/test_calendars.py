"""The project calendar page: who sees and edits, calendar changes that reschedule, what the page costs."""

import datetime

import pytest
from django.urls import reverse

from governance.models import PmoType
from projects.models import CalendarHoliday, OfficialHolidays, ProjectCalendar
from projects.services.calendars import calendar_update
from tests.factories import MembershipFactory, build_access_world
from tests.factories.plans import PLAN_START, PlannedProjectFactory, build_chain, refreshed

pytestmark = pytest.mark.django_db

FRIDAY = PLAN_START + datetime.timedelta(days=4)  # Friday 6 March 2026


def calendar_url(project) -> str:
    return reverse("projects:plan_calendar", args=[project.pk])


def calendar_post(weekdays, holidays=(), initial=0) -> dict:
    """The calendar form as the browser sends it: weekday boxes and holiday rows (date, name, remove)."""
    data = {
        "working_weekdays": [str(day) for day in weekdays],
        "holidays-TOTAL_FORMS": str(len(holidays)),
        "holidays-INITIAL_FORMS": str(initial),
        "holidays-MIN_NUM_FORMS": "0",
        "holidays-MAX_NUM_FORMS": "1000",
    }
    for index, (day, name, *remove) in enumerate(holidays):
        data[f"holidays-{index}-date"] = day
        data[f"holidays-{index}-name"] = name
        if remove and remove[0]:
            data[f"holidays-{index}-DELETE"] = "on"
    return data


@pytest.fixture
def project(pm, member):
    project = PlannedProjectFactory(project_manager=pm)
    MembershipFactory(project=project, user=member)
    return project


@pytest.fixture
def chain(project):
    """T1 (2 d) -> T2 (2 d) -> T3 (1 d); T1 starts Monday 2 March, T3 finishes Friday 6 March."""
    return {task.name: task for task in build_chain(project, [2, 2, 1])}


# --- who sees what -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("pmo_type", [PmoType.SUPPORTIVE, PmoType.DIRECTIVE])
def test_calendar_page_shows_each_role_what_the_access_rules_allow(client, pmo_type):
    world = build_access_world(pmo_type)
    project = world.project_of_pm1
    for role, user in world.users.items():
        client.force_login(user)
        page = client.get(calendar_url(project))
        saved = client.post(calendar_url(project), calendar_post([0, 1, 2, 3]))
        if project.pk not in world.visible_projects(role):
            assert (page.status_code, saved.status_code) == (404, 404), role
            continue
        editable = project.pk in world.editable_projects(role, pmo_type)
        assert page.status_code == 200, role
        assert page.context["may_edit"] is editable, role
        assert ("Save calendar" in page.content.decode()) is editable, role
        assert saved.status_code == (302 if editable else 403), role
        if editable:
            ProjectCalendar.objects.filter(project=project).delete()
    assert not ProjectCalendar.objects.filter(project=project).exists()


# --- calendar ----------------------------------------------------------------------------------------------


def test_making_friday_a_holiday_moves_the_finish(client, pm, chain):
    assert chain["T3"].planned_finish == FRIDAY
    client.force_login(pm)

    response = client.post(
        calendar_url(chain["T1"].project),
        calendar_post([0, 1, 2, 3, 4], [(FRIDAY.isoformat(), "Spring day")]),
        follow=True,
    )

    assert "Calendar saved; the plan was rescheduled." in response.content.decode()
    assert refreshed(chain["T3"]).planned_finish == datetime.date(2026, 3, 9)
    holiday = CalendarHoliday.objects.get()
    assert (holiday.date, holiday.name) == (FRIDAY, "Spring day")
    assert "Spring day" in client.get(calendar_url(chain["T1"].project)).content.decode()


def test_dropping_friday_from_the_week_moves_the_finish(client, pm, chain):
    client.force_login(pm)
    client.post(calendar_url(chain["T1"].project), calendar_post([0, 1, 2, 3]))
    assert ProjectCalendar.objects.get(project=chain["T1"].project).weekdays == [0, 1, 2, 3]
    # Five working days from Monday 2 March with Fridays off: 2, 3, 4, 5 and 9 March.
    assert refreshed(chain["T3"]).planned_finish == datetime.date(2026, 3, 9)


def test_removing_a_holiday_moves_the_finish_back(client, pm, chain):
    project = chain["T1"].project
    calendar_update(
        actor=pm, project=project, working_weekdays=[0, 1, 2, 3, 4], holidays=[(PLAN_START, "Opening")]
    )
    assert refreshed(chain["T3"]).planned_finish == datetime.date(2026, 3, 9)
    client.force_login(pm)
    page = client.get(calendar_url(project)).content.decode()
    assert "Opening" in page and 'name="holidays-0-DELETE"' in page

    client.post(
        calendar_url(project),
        calendar_post([0, 1, 2, 3, 4], [(PLAN_START.isoformat(), "Opening", True)], initial=1),
    )

    assert list(CalendarHoliday.objects.all()) == []
    assert refreshed(chain["T3"]).planned_finish == FRIDAY


@pytest.mark.parametrize(
    ("data", "field_error"),
    [
        (calendar_post([]), ("form", "working_weekdays", "Choose at least one working weekday.")),
        (
            calendar_post([0, 1, 2, 3, 4], [("2026-03-06", "A"), ("2026-03-06", "B")]),
            ("holiday", "date", "This date is already listed."),
        ),
        (calendar_post([0, 1, 2, 3, 4], [("2026-13-45", "Bad")]), ("holiday", "date", "Enter a valid date.")),
    ],
    ids=["no-working-weekday", "duplicate-holiday", "malformed-date"],
)
def test_bad_calendar_input_is_refused_on_its_field_and_nothing_saved(client, pm, chain, data, field_error):
    client.force_login(pm)
    response = client.post(calendar_url(chain["T1"].project), data)
    assert response.status_code == 400
    where, field, message = field_error
    if where == "form":
        assert message in response.context["form"].errors[field]
    else:
        assert any(message in row.errors.get(field, []) for row in response.context["holidays"])
    page = response.content.decode()
    assert message in page
    assert "The calendar was not saved" in page
    assert not ProjectCalendar.objects.exists()
    assert refreshed(chain["T3"]).planned_finish == FRIDAY


# --- official holidays -----------------------------------------------------------------------------------

FEBRUARY = lambda day: datetime.date(2026, 2, day)  # noqa: E731 - reads like a calendar in the asserts


@pytest.fixture
def spring_chain(pm, member):
    """T1 (10 d) from Monday 9 February 2026, the week before the Spring Festival, in a 2026 project."""
    project = PlannedProjectFactory(
        project_manager=pm, start_date=FEBRUARY(9), finish_date=datetime.date(2026, 12, 31)
    )
    MembershipFactory(project=project, user=member)
    return {task.name: task for task in build_chain(project, [10])}


def test_choosing_china_on_the_page_counts_the_spring_festival_and_its_make_up_saturday(
    client, pm, spring_chain
):
    project = spring_chain["T1"].project
    client.force_login(pm)
    data = calendar_post([0, 1, 2, 3, 4], [("2026-02-13", "Team day")])
    data["official_holidays"] = "china"

    response = client.post(calendar_url(project), data, follow=True)

    assert "Calendar saved; the plan was rescheduled." in response.content.decode()
    # By hand: Mon 9 .. Thu 12 (4), Fri 13 off for this project, Sat 14 worked (调休, 5), 15 .. 23 off,
    # Tue 24 .. Sat 28 (10; Saturday 28 is the second 调休 day).
    assert refreshed(spring_chain["T1"]).planned_finish == FEBRUARY(28)
    assert ProjectCalendar.objects.get(project=project).official_holidays == OfficialHolidays.CHINA


def test_the_page_lists_the_official_days_with_the_projects_exceptions_marked(
    client, pm, member, spring_chain
):
    project = spring_chain["T1"].project
    calendar_update(
        actor=pm,
        project=project,
        working_weekdays=[0, 1, 2, 3, 4],
        holidays=[(FEBRUARY(16), "Go-live support", True)],
        official_holidays="china",
    )
    for viewer in (pm, member):
        client.force_login(viewer)
        response = client.get(calendar_url(project))
        (year,) = response.context["official_years"]
        spring = next(holiday for holiday in year.holidays if holiday.first == FEBRUARY(15))
        assert (spring.last, spring.make_up_days) == (FEBRUARY(23), (FEBRUARY(14), FEBRUARY(28)))
        page = response.content.decode()
        assert "Spring Festival" in page and "Make-up working days (调休)" in page
        assert '<time class="day-chip day-worked" datetime="2026-02-14">Sat February 14</time>' in page
        assert (
            '<span class="badge exception-working" title="Go-live support">works February 16</span>' in page
        )


def test_the_chinese_page_names_the_holidays_in_chinese(client, pm, spring_chain):
    project = spring_chain["T1"].project
    calendar_update(
        actor=pm, project=project, working_weekdays=[0, 1, 2, 3, 4], holidays=[], official_holidays="china"
    )
    client.force_login(pm)
    page = client.get(calendar_url(project), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "春节" in page and "国庆节" in page and "调休" in page
    assert '<time class="day-chip day-worked" datetime="2026-02-14">2月14日 星期六</time>' in page
    assert "Spring Festival" not in page


def test_a_year_whose_official_calendar_is_not_published_is_said_so(client, pm):
    from projects.workcalendar import official_calendar

    unpublished = official_calendar("china").last_year + 1
    project = PlannedProjectFactory(project_manager=pm, finish_date=datetime.date(unpublished, 12, 31))
    ProjectCalendar.objects.create(project=project, official_holidays=OfficialHolidays.CHINA)
    client.force_login(pm)
    page = client.get(calendar_url(project)).content.decode()
    assert f"The official calendar for {unpublished} is not published yet" in page


def test_row_errors_name_the_row_and_field_and_nothing_is_saved(client, pm, spring_chain):
    project = spring_chain["T1"].project
    client.force_login(pm)
    data = calendar_post(
        [0, 1, 2, 3, 4],
        [("2026-02-16", "A"), ("2026-02-17", "B"), ("2026-02-16", "C"), ("2026-02-30", "D")],
    )
    data["official_holidays"] = "china"
    data["holidays-1-working"] = "sometimes"

    response = client.post(calendar_url(project), data)

    assert response.status_code == 400
    assert response.context["holidays"].row_errors() == [
        "Row 2, Kind: Select a valid choice. sometimes is not one of the available choices.",
        "Row 3, Date: This date is already listed.",
        "Row 4, Date: Enter a valid date.",
    ]
    page = response.content.decode()
    assert "Row 3, Date: This date is already listed." in page
    assert not ProjectCalendar.objects.filter(project=project).exists()
    assert refreshed(spring_chain["T1"]).planned_finish == FEBRUARY(20)


def test_a_refusal_of_the_exception_rows_as_a_whole_is_said_on_the_page(client, pm, chain):
    # More rows than the page takes: no row is wrong, so only the formset's own message says why.
    project = chain["T1"].project
    client.force_login(pm)
    data = calendar_post([0, 1, 2, 3, 4], [("2026-03-06", "A")])
    data["holidays-TOTAL_FORMS"] = "1501"

    response = client.post(calendar_url(project), data)

    assert response.status_code == 400
    assert "Please submit at most 1000 forms." in response.content.decode()
    assert not ProjectCalendar.objects.exists()


# --- query counts ------------------------------------------------------------------------------------------

# Session, user, project, settings, calendar and its exceptions: the same at 10 and at 200 exceptions, for
# the editor (who gets a form row per exception) and for a read-only member (who gets a table); the
# official days come from the installed package, not the database.
CALENDAR_PAGE_QUERIES = {"editor": 6, "read_only_member": 6}


def _project_with_holidays(pm, count: int):
    # On the China calendar, over two years: the official days of 2026 and 2027 are listed too.
    project = PlannedProjectFactory(project_manager=pm, finish_date=datetime.date(2027, 6, 30))
    calendar = ProjectCalendar.objects.create(project=project, official_holidays=OfficialHolidays.CHINA)
    CalendarHoliday.objects.bulk_create(
        CalendarHoliday(
            calendar=calendar, date=PLAN_START + datetime.timedelta(days=number), name=f"H{number}"
        )
        for number in range(count)
    )
    return project


@pytest.mark.parametrize("viewer", ["editor", "read_only_member"])
def test_calendar_page_costs_the_same_fixed_queries_at_10_and_200_holidays(
    client, pm, member, viewer, django_assert_num_queries
):
    client.force_login(pm if viewer == "editor" else member)
    for size in (10, 200):
        project = _project_with_holidays(pm, size)
        MembershipFactory(project=project, user=member)
        client.get(calendar_url(project))  # warm the session and the settings row
        with django_assert_num_queries(CALENDAR_PAGE_QUERIES[viewer], info=f"{size} holidays"):
            response = client.get(calendar_url(project))
        assert response.status_code == 200
        assert response.context["may_edit"] is (viewer == "editor")
        assert response.context["holidays"].initial_form_count() == size
        assert f"H{size - 1}" in response.content.decode()
        assert [year.year for year in response.context["official_years"]] == [2026, 2027]
