import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from projects.models import BurndownPoint, CalendarHoliday, Dependency, ProjectCalendar, Status
from projects.tasks import record_burndowns
from tests.factories.plans import DependencyFactory, PlannedProjectFactory, TaskFactory, build_chain

pytestmark = pytest.mark.django_db


def _refused(**task_fields) -> bool:
    try:
        with transaction.atomic():
            TaskFactory(**task_fields)
    except IntegrityError:
        return True
    return False


def test_the_database_refuses_impossible_tasks():
    assert _refused(percent_complete=101)
    assert _refused(planned_cost=Decimal("-1"))
    assert _refused(is_milestone=True, duration_days=3)
    assert _refused(constraint_type="snet", constraint_date=None)
    assert _refused(actual_start=datetime.date(2026, 3, 5), actual_finish=datetime.date(2026, 3, 4))
    assert not _refused(is_milestone=True, duration_days=0)


def test_the_database_refuses_self_and_duplicate_links():
    link = DependencyFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Dependency.objects.create(
            project=link.project, predecessor=link.predecessor, successor=link.predecessor
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Dependency.objects.create(
            project=link.project, predecessor=link.predecessor, successor=link.successor
        )


def test_a_calendar_needs_a_working_day_and_unique_holidays():
    project = PlannedProjectFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ProjectCalendar.objects.create(project=project, working_weekdays=0)
    calendar = ProjectCalendar.objects.create(project=project)
    assert calendar.weekdays == [0, 1, 2, 3, 4]
    CalendarHoliday.objects.create(calendar=calendar, date=datetime.date(2026, 5, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        CalendarHoliday.objects.create(calendar=calendar, date=datetime.date(2026, 5, 1))


def test_the_nightly_job_records_burndown_for_active_projects_only():
    active = PlannedProjectFactory(status=Status.ACTIVE)
    closed = PlannedProjectFactory(status=Status.CLOSED)
    build_chain(active, [2])
    build_chain(closed, [2])
    record_burndowns.apply()
    assert BurndownPoint.objects.filter(project=active).count() == 1
    assert not BurndownPoint.objects.filter(project=closed).exists()
