"""MS Project files: their working week and exception days copied into the project's calendar."""

from django.utils.translation import gettext as _

from projects.models import CalendarHoliday, Project, ProjectCalendar
from projects.plan_io.mspdi.document import MspdiProject
from projects.workcalendar import mask_from_weekdays, official_calendar


def copy_mspdi_calendar(project: Project, source: MspdiProject) -> list[str]:
    """MSPDI: put the file's working week and exception days into the project's calendar.

    The file's non-working exceptions become holidays and its working exceptions on days the week has
    off become working days (CalendarHoliday.working), except where the project's calendar already
    has an exception on that date (it stays) or its official calendar already says the same.
    """
    calendar, _created = ProjectCalendar.objects.get_or_create(project=project)
    weekdays = mask_from_weekdays(source.calendar.working_weekdays)
    existing = set(calendar.holidays.values_list("date", flat=True))
    official = official_calendar(calendar.official_holidays)
    official_off = official.days_off if official is not None else {}
    official_working = official.working_days if official is not None else {}
    holidays = sorted(day for day in source.calendar.holidays - existing if day not in official_off)
    working_days = sorted(
        day for day in source.calendar.working_days - existing if day not in official_working
    )
    if weekdays == calendar.working_weekdays and not holidays and not working_days:
        return []
    if weekdays != calendar.working_weekdays:
        calendar.working_weekdays = weekdays
        calendar.full_clean()
        calendar.save(update_fields=["working_weekdays"])
    CalendarHoliday.objects.bulk_create(
        [CalendarHoliday(calendar=calendar, date=day, name=_("MS Project exception")) for day in holidays]
        + [
            CalendarHoliday(calendar=calendar, date=day, name=_("MS Project working day"), working=True)
            for day in working_days
        ]
    )
    return [
        _(
            "The file's working week, %(count)s non-working exception day(s) and %(working)s working "
            "day(s) were copied into the project's calendar."
        )
        % {"count": len(holidays), "working": len(working_days)}
    ]
