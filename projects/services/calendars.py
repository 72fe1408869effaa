"""Writes of project calendars: the working week and the holidays; the plan is rescheduled on them."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from governance.models import User
from projects.models import CalendarHoliday, Project, ProjectCalendar
from projects.services.editing import lock_project, require_plan_editor, save_row
from projects.services.history import record_calendar_change
from projects.services.reschedule import project_reschedule
from projects.workcalendar import mask_from_weekdays


@transaction.atomic
def calendar_update(
    *, actor: User, project: Project, working_weekdays: list[int], holidays: list[tuple[date, str]]
) -> ProjectCalendar:
    """Set the project's working weekdays (Monday = 0) and replace its holidays; then reschedule."""
    project = lock_project(project.pk)
    require_plan_editor(actor, project)
    if not working_weekdays or any(day not in range(7) for day in working_weekdays):
        raise ValidationError(
            {"working_weekdays": _("Choose at least one working weekday (0 = Monday ... 6 = Sunday).")}
        )
    dates = [holiday_date for holiday_date, _name in holidays]
    if len(set(dates)) != len(dates):
        raise ValidationError({"holidays": _("Each date may be listed once.")})
    calendar, _created = ProjectCalendar.objects.get_or_create(project=project)
    weekdays_before = calendar.weekdays
    holidays_before = dict(calendar.holidays.values_list("date", "name"))
    calendar.working_weekdays = mask_from_weekdays(working_weekdays)
    save_row(calendar)
    calendar.holidays.all().delete()
    CalendarHoliday.objects.bulk_create(
        CalendarHoliday(calendar=calendar, date=holiday_date, name=name) for holiday_date, name in holidays
    )
    project_reschedule(project=project)
    record_calendar_change(
        project=project,
        actor=actor,
        weekdays_before=weekdays_before,
        weekdays_after=calendar.weekdays,
        holidays_before=holidays_before,
        holidays_after=dict(holidays),
    )
    return calendar
