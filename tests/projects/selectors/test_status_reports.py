"""Reads of status reports across projects: the latest submitted report of each in one query, punctuality
in a constant number of queries, and which projects owe reports (active, closed up to their finish)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from projects.models import CalendarHoliday, Project, ProjectCalendar
from projects.selectors.status_reports import latest_submitted_reports, report_punctuality
from projects.status_periods import Summary
from tests.factories import ProjectFactory, published_version
from tests.factories.status_reports import StatusReportFactory, weekly_reports

pytestmark = pytest.mark.django_db

# Cadences, calendars, calendar exceptions, the first day active of projects without a start date, reports.
PUNCTUALITY_QUERIES = 5


def this_monday():
    today = timezone.localdate()
    return today - timedelta(days=today.weekday())


def test_the_latest_submitted_report_of_each_project_comes_in_one_query(django_assert_num_queries):
    first, second, silent = (ProjectFactory(status="active") for _number in range(3))
    weekly_reports(first, this_monday() - timedelta(weeks=3), 3)
    weekly_reports(second, this_monday() - timedelta(weeks=5), 1)
    StatusReportFactory(project=first, period_start=this_monday())  # a newer draft does not count

    with django_assert_num_queries(1):
        latest = latest_submitted_reports([first.pk, second.pk, silent.pk])

    assert latest[first.pk].period_start == this_monday() - timedelta(weeks=1)
    assert latest[second.pk].period_start == this_monday() - timedelta(weeks=5)
    assert silent.pk not in latest


@pytest.mark.parametrize("count", [10, 200])
def test_punctuality_costs_the_same_queries_at_10_and_200_projects(count, django_assert_num_queries):
    start = this_monday() - timedelta(weeks=6)
    version = published_version()
    for number in range(count):
        project = ProjectFactory(
            status="active",
            start_date=start if number % 3 else None,
            methodology_version=version if number % 2 else None,
        )
        weekly_reports(project, start, 3, submitted_after_days=number % 5)
        if number % 4 == 0:
            calendar = ProjectCalendar.objects.create(project=project, official_holidays="china")
            CalendarHoliday.objects.create(calendar=calendar, date=start + timedelta(days=1), name="Team day")
    projects = list(Project.objects.all())

    with django_assert_num_queries(PUNCTUALITY_QUERIES, info=f"{count} projects"):
        punctuality = report_punctuality(projects)

    assert len(punctuality) == count
    # Six weeks due since the start date; a project without one became active today and owes none yet.
    assert {project.start_date: punctuality[project.pk].periods_due for project in projects} == {
        start: 6,
        None: 0,
    }


def test_only_active_and_closed_projects_owe_reports_a_closed_one_up_to_its_finish():
    start = this_monday() - timedelta(weeks=10)
    active = ProjectFactory(status="active", start_date=start)
    closed = ProjectFactory(status="closed", start_date=start, finish_date=start + timedelta(days=15))
    on_hold = ProjectFactory(status="on_hold", start_date=start)
    proposed = ProjectFactory(status="proposed", start_date=start)

    punctuality = report_punctuality([active, closed, on_hold, proposed])

    assert punctuality[active.pk].periods_due == 10
    assert punctuality[closed.pk] == Summary(periods_due=3, on_time=0, late=0, missing=3)
    assert punctuality[on_hold.pk] == punctuality[proposed.pk] == Summary(0, 0, 0, 0)


def test_a_project_without_a_start_date_owes_reports_from_the_day_it_became_active():
    project = ProjectFactory(status="proposed")
    project.status = "active"
    project.save()
    record = project.history.filter(status="active").latest("history_date")
    record.history_date = timezone.now() - timedelta(weeks=3)
    record.save()

    assert report_punctuality([project])[project.pk].periods_due == 3
