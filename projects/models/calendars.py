"""Project calendars: the working week and the holidays on which durations and lags are counted."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from projects.models.projects import Project
from projects.workcalendar import weekdays_from_mask

# Monday is bit 0, as in date.weekday(); Monday to Friday is the default working week.
MONDAY_TO_FRIDAY_MASK = 0b0011111
ALL_WEEKDAYS_MASK = 0b1111111


class ProjectCalendar(models.Model):
    """The working week and holidays on which a project's durations and lags are counted."""

    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, related_name="calendar", verbose_name=_("project")
    )
    working_weekdays = models.PositiveSmallIntegerField(
        _("working weekdays"),
        default=MONDAY_TO_FRIDAY_MASK,
        help_text=_("Bit mask of working weekdays, Monday = 1, Tuesday = 2, ... Sunday = 64."),
    )

    class Meta:
        verbose_name = _("project calendar")
        verbose_name_plural = _("project calendars")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(working_weekdays__gte=1, working_weekdays__lte=ALL_WEEKDAYS_MASK),
                name="calendar_has_a_working_weekday",
                violation_error_message=_("At least one weekday must be a working day."),
            ),
        ]

    def __str__(self):
        return str(self.project)

    @property
    def weekdays(self) -> list[int]:
        """Working weekdays as date.weekday() numbers (Monday = 0)."""
        return weekdays_from_mask(self.working_weekdays)


class CalendarHoliday(models.Model):
    calendar = models.ForeignKey(
        ProjectCalendar, on_delete=models.CASCADE, related_name="holidays", verbose_name=_("calendar")
    )
    date = models.DateField(_("date"))
    name = models.CharField(_("name"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["calendar", "date"],
                name="holiday_unique_per_calendar_date",
                violation_error_message=_("This date is already a holiday."),
            ),
        ]

    def __str__(self):
        return f"{self.date} {self.name}".strip()
