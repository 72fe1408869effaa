"""factory_boy factories and builders for status reports."""

import datetime

import factory
from django.utils import timezone

from projects.models import StatusReport
from projects.status_periods import WEEKLY, period_bounds
from tests.factories.organisation import ProjectFactory

# A Monday: the weeks of the tests run Monday to Sunday from here.
REPORT_START = datetime.date(2026, 3, 2)


class StatusReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StatusReport

    project = factory.SubFactory(ProjectFactory)
    period_start = REPORT_START
    period_end = factory.LazyAttribute(lambda report: period_bounds(WEEKLY, report.period_start)[1])
    narrative = "On track."


def submitted_at(day: datetime.date) -> datetime.datetime:
    """Noon of a day in the portal's time zone: when a report submitted that day is stamped."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def weekly_reports(project, first_monday: datetime.date, count: int, *, submitted_after_days: int = 1):
    """`count` submitted weekly reports from `first_monday`, each submitted the given number of days after
    its period's end (1: the Monday it is due), in one insert."""
    reports = []
    for number in range(count):
        start = first_monday + datetime.timedelta(weeks=number)
        end = start + datetime.timedelta(days=6)
        reports.append(
            StatusReport(
                project=project,
                period_start=start,
                period_end=end,
                state="submitted",
                overall_rag="green",
                scope_rag="green",
                schedule_rag="amber",
                cost_rag="green",
                risk_rag="green",
                quality_rag="green",
                narrative=f"Week {number + 1}",
                customer_satisfaction=4,
                team_morale=3,
                author=project.project_manager,
                submitted_by=project.project_manager,
                submitted_at=submitted_at(end + datetime.timedelta(days=submitted_after_days)),
            )
        )
    return StatusReport.objects.bulk_create(reports)
