"""Writes of the burndown: record a project's remaining work for a day (the worker does so daily)."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from projects.burndown import planned_remaining_work_days, remaining_work_days
from projects.models import BurndownPoint, Project, Task
from projects.selectors.calendars import plan_work_calendar


@transaction.atomic
def burndown_record(*, project: Project, on: date | None = None) -> BurndownPoint:
    """Record (or refresh) the project's remaining work for a day; running it twice a day is harmless.

    The figures follow projects.burndown: remaining work from progress, planned remaining work from the
    current schedule, both in working days.
    """
    on = on or timezone.localdate()
    calendar = plan_work_calendar(project)
    rows = list(
        Task.objects.filter(project=project, is_summary=False).values_list(
            "duration_days", "percent_complete", "planned_start"
        )
    )
    point, _created = BurndownPoint.objects.update_or_create(
        project=project,
        date=on,
        defaults={
            "remaining_work_days": remaining_work_days(
                (duration, percent) for duration, percent, _start in rows
            ),
            "planned_remaining_work_days": planned_remaining_work_days(
                calendar=calendar, on=on, tasks=((duration, start) for duration, _percent, start in rows)
            ),
        },
    )
    return point
