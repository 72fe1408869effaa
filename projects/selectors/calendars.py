"""Reads of project calendars: the stored working week and holidays, and the calendar the schedule uses."""

from datetime import date

from django.utils import timezone

from projects.models import MONDAY_TO_FRIDAY_MASK, Project, ProjectCalendar
from projects.workcalendar import PlanCalendar, WorkCalendar, weekdays_from_mask


def plan_anchor_date(project: Project) -> date:
    """The date period 0 of the schedule stands for: the project's start date, else today."""
    return project.start_date or timezone.localdate()


def plan_calendar_row(project: Project) -> ProjectCalendar | None:
    """The project's own calendar with its holidays prefetched, or None when it follows the default week."""
    return ProjectCalendar.objects.filter(project=project).prefetch_related("holidays").first()


def plan_work_calendar(project: Project) -> PlanCalendar:
    """The calendar that maps schedule periods of the project to dates (period 0 = anchor date).

    A project without its own calendar works Monday to Friday with no holidays.
    """
    return work_calendar_from(project, plan_calendar_row(project))


def work_calendar_from(project: Project, row: ProjectCalendar | None) -> PlanCalendar:
    """The calendar of a project given its calendar row (None: the default week)."""
    mask = row.working_weekdays if row is not None else MONDAY_TO_FRIDAY_MASK
    holidays = frozenset(holiday.date for holiday in row.holidays.all()) if row is not None else frozenset()
    return PlanCalendar(
        work_calendar=WorkCalendar(working_weekdays=frozenset(weekdays_from_mask(mask)), holidays=holidays),
        anchor=plan_anchor_date(project),
    )


def working_weekdays_of(row: ProjectCalendar | None) -> list[int]:
    """The working weekdays (Monday = 0) of a calendar row; Monday to Friday without one."""
    return weekdays_from_mask(row.working_weekdays if row is not None else MONDAY_TO_FRIDAY_MASK)
