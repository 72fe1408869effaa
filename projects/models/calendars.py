"""Project calendars: the working week, the official holidays followed and the project's own exceptions,
on which durations and lags are counted."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from governance.text import validate_name_characters
from projects.models.projects import Project
from projects.workcalendar import weekdays_from_mask

# Monday is bit 0, as in date.weekday(); Monday to Friday is the default working week.
MONDAY_TO_FRIDAY_MASK = 0b0011111
ALL_WEEKDAYS_MASK = 0b1111111


class OfficialHolidays(models.TextChoices):
    """The official calendar a project follows: its public holidays and make-up working days."""

    NONE = "none", _("None")
    CHINA = "china", _("China (State Council notice)")


class ProjectCalendar(models.Model):
    """The working week, official holidays and own exceptions on which a project's durations count."""

    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, related_name="calendar", verbose_name=_("project")
    )
    working_weekdays = models.PositiveSmallIntegerField(
        _("working weekdays"),
        default=MONDAY_TO_FRIDAY_MASK,
        help_text=_("Bit mask of working weekdays, Monday = 1, Tuesday = 2, ... Sunday = 64."),
    )
    official_holidays = models.CharField(
        _("official holidays"),
        max_length=10,
        choices=OfficialHolidays.choices,
        default=OfficialHolidays.NONE,
        help_text=_("Public holidays and make-up working days (调休) published for a country."),
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
            models.CheckConstraint(
                condition=models.Q(official_holidays__in=OfficialHolidays.values),
                name="calendar_official_holidays_valid",
            ),
        ]

    def __str__(self):
        return str(self.project)

    @property
    def weekdays(self) -> list[int]:
        """Working weekdays as date.weekday() numbers (Monday = 0)."""
        return weekdays_from_mask(self.working_weekdays)


class CalendarHoliday(models.Model):
    """A project's own exception to its calendar: a day off, or a working day (working=True) that the
    week or the official calendar would give off."""

    calendar = models.ForeignKey(
        ProjectCalendar, on_delete=models.CASCADE, related_name="holidays", verbose_name=_("calendar")
    )
    date = models.DateField(_("date"))
    name = models.CharField(_("name"), max_length=100, blank=True, validators=[validate_name_characters])
    working = models.BooleanField(
        _("working day"),
        default=False,
        help_text=_("Worked although the week or the official calendar is off."),
    )

    class Meta:
        verbose_name = _("calendar exception")
        verbose_name_plural = _("calendar exceptions")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["calendar", "date"],
                name="holiday_unique_per_calendar_date",
                violation_error_message=_("This date is already listed."),
            ),
        ]

    def __str__(self):
        return f"{self.date} {self.name}".strip()
