"""The project calendar page: the working week, the official holidays followed (listed per year,
read-only) and the project's own exceptions; editors change them and the plan reschedules."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from projects.forms.calendars import DAY_OFF, WORKING_DAY, CalendarForm, HolidayFormSet
from projects.forms.errors import add_service_error
from projects.models import OfficialHolidays
from projects.selectors.calendars import (
    official_holidays_of,
    official_years,
    plan_calendar_row,
    working_weekdays_of,
)
from projects.selectors.projects import user_may_edit_project
from projects.services.calendars import calendar_update
from projects.views.plans import plan_project_or_404

CALENDAR_TEMPLATE = "projects/plan/calendar.html"
HOLIDAYS_PREFIX = "holidays"


def _calendar_forms(row, data=None) -> tuple[CalendarForm, HolidayFormSet]:
    """The calendar form and exception rows (bound to `data` when given), from the stored calendar."""
    exceptions = (
        [
            {"date": day.date, "name": day.name, "working": WORKING_DAY if day.working else DAY_OFF}
            for day in row.holidays.all()
        ]
        if row is not None
        else []
    )
    initial = {"working_weekdays": working_weekdays_of(row), "official_holidays": official_holidays_of(row)}
    return (
        CalendarForm(data, initial=initial),
        HolidayFormSet(data, initial=exceptions, prefix=HOLIDAYS_PREFIX),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def calendar(request, project_id: int):
    """The project calendar: the week, the official days per year and the own exceptions; editors save."""
    project = plan_project_or_404(request.user, project_id)
    may_edit = user_may_edit_project(user=request.user, project=project)
    row = plan_calendar_row(project)
    form, holidays = _calendar_forms(row)  # replaced by the bound forms on POST
    status = 200
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied(_("You are not allowed to edit the plan of this project."))
        form, holidays = _calendar_forms(row, request.POST)
        if form.is_valid() and holidays.is_valid():
            try:
                calendar_update(
                    actor=request.user,
                    project=project,
                    working_weekdays=form.cleaned_data["working_weekdays"],
                    holidays=holidays.holidays(),
                    official_holidays=form.cleaned_data["official_holidays"] or None,
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Calendar saved; the plan was rescheduled."))
                return redirect("projects:plan_calendar", project_id=project.pk)
        status = 400
    weekdays = working_weekdays_of(row)
    official = official_holidays_of(row)
    context = {
        "project": project,
        "may_edit": may_edit,
        "form": form,
        "holidays": holidays,
        "calendar_row": row,
        "working_day_names": [str(WEEKDAYS[day]) for day in weekdays],
        "official_holidays_label": OfficialHolidays(official).label,
        "follows_official_holidays": official != OfficialHolidays.NONE,
        "official_years": official_years(project, row),
    }
    return render(request, CALENDAR_TEMPLATE, context, status=status)
