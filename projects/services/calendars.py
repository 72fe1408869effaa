"""Writes of project calendars: the working week, the official holidays followed and the project's own
exceptions (days off, or working days); the plan is rescheduled on them."""

from collections.abc import Iterable, Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from governance.models import User
from projects.models import CalendarHoliday, OfficialHolidays, Project, ProjectCalendar
from projects.services.editing import lock_project, require_plan_editor, save_row
from projects.services.history.events import record_calendar_change
from projects.services.reschedule import project_reschedule
from projects.workcalendar import mask_from_weekdays

NAME_MAX_LENGTH = CalendarHoliday._meta.get_field("name").max_length


def _exceptions_of(holidays: Iterable[Sequence]) -> list[tuple[date, str, bool]]:
    """(date, name, working) triples from (date, name) pairs (days off) or triples; refused row by row."""
    exceptions: list[tuple[date, str, bool]] = []
    problems: list[str] = []
    first_row_of: dict[date, int] = {}
    for row, entry in enumerate(holidays, start=1):
        day, name, working = (*entry, False)[:3]
        if not isinstance(day, date):
            problems.append(_("Row %(row)s: the date is not a date.") % {"row": row})
            continue
        name = (name or "").strip()
        if len(name) > NAME_MAX_LENGTH:
            problems.append(
                _("Row %(row)s (%(date)s): the name is longer than %(limit)s characters.")
                % {"row": row, "date": day.isoformat(), "limit": NAME_MAX_LENGTH}
            )
        if day in first_row_of:
            problems.append(
                _("Each date may be listed once: %(date)s is in rows %(first)s and %(row)s.")
                % {"date": day.isoformat(), "first": first_row_of[day], "row": row}
            )
        first_row_of.setdefault(day, row)
        exceptions.append((day, name, bool(working)))
    if problems:
        raise ValidationError({"holidays": problems})
    return exceptions


@transaction.atomic
def calendar_update(
    *,
    actor: User,
    project: Project,
    working_weekdays: list[int],
    holidays: list[tuple[date, str]] | list[tuple[date, str, bool]],
    official_holidays: str | None = None,
) -> ProjectCalendar:
    """Set the project's working weekdays (Monday = 0) and replace its own exceptions; then reschedule.

    `holidays` are the project's exceptions: (date, name) for a day off, or (date, name, working) with
    working True for a day worked although the week or the official calendar gives it off.
    `official_holidays` (an OfficialHolidays value) chooses the public holidays followed; None keeps
    the current choice. Nothing is saved when any part is refused.
    """
    project = lock_project(project.pk)
    require_plan_editor(actor, project)
    if not working_weekdays or any(day not in range(7) for day in working_weekdays):
        raise ValidationError(
            {"working_weekdays": _("Choose at least one working weekday (0 = Monday ... 6 = Sunday).")}
        )
    if official_holidays is not None and official_holidays not in OfficialHolidays.values:
        raise ValidationError(
            {
                "official_holidays": _("Choose the official holidays to follow: %(choices)s.")
                % {"choices": ", ".join(OfficialHolidays.values)}
            }
        )
    exceptions = _exceptions_of(holidays)
    calendar, _created = ProjectCalendar.objects.get_or_create(project=project)
    weekdays_before = calendar.weekdays
    holidays_before = {
        day: (name, working)
        for day, name, working in calendar.holidays.values_list("date", "name", "working")
    }
    official_before = calendar.official_holidays
    calendar.working_weekdays = mask_from_weekdays(working_weekdays)
    if official_holidays is not None:
        calendar.official_holidays = official_holidays
    save_row(calendar)
    calendar.holidays.all().delete()
    CalendarHoliday.objects.bulk_create(
        CalendarHoliday(calendar=calendar, date=day, name=name, working=working)
        for day, name, working in exceptions
    )
    project_reschedule(project=project)
    record_calendar_change(
        project=project,
        actor=actor,
        weekdays_before=weekdays_before,
        weekdays_after=calendar.weekdays,
        holidays_before=holidays_before,
        holidays_after={day: (name, working) for day, name, working in exceptions},
        official_before=official_before,
        official_after=calendar.official_holidays,
    )
    return calendar
