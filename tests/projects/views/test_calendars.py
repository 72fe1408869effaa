"""The project calendar page: who sees and edits, calendar changes that reschedule, what the page costs."""

import datetime

import pytest
from django.urls import reverse

from governance.models import PmoType
from projects.models import CalendarHoliday, ProjectCalendar
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
            ("holiday", "date", "This date is already a holiday."),
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


# --- query counts ------------------------------------------------------------------------------------------

# Session, user, project, settings, calendar and its holidays: the same at 10 and at 200 holidays, for the
# editor (who gets a form row per holiday) and for a read-only member (who gets a table).
CALENDAR_PAGE_QUERIES = {"editor": 6, "read_only_member": 6}


def _project_with_holidays(pm, count: int):
    project = PlannedProjectFactory(project_manager=pm)
    calendar = ProjectCalendar.objects.create(project=project)
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
