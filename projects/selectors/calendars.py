"""Reads of project calendars: the stored week, official holidays and own exceptions, the calendar the
schedule uses, and the official days a calendar page or the API lists."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from projects.models import MONDAY_TO_FRIDAY_MASK, OfficialHolidays, Project, ProjectCalendar
from projects.workcalendar import (
    MONDAY_TO_FRIDAY,
    OfficialPeriod,
    PlanCalendar,
    WorkCalendar,
    official_calendar,
    project_work_calendar,
    weekdays_from_mask,
)

# The calendar page and API list the official days of the years the project spans, at most this many.
MAX_LISTED_YEARS = 6


def plan_anchor_date(project: Project) -> date:
    """The date period 0 of the schedule stands for: the project's start date, else today."""
    return project.start_date or timezone.localdate()


def plan_calendar_row(project: Project) -> ProjectCalendar | None:
    """The project's own calendar with its exceptions prefetched, or None when it follows the default week."""
    return ProjectCalendar.objects.filter(project=project).prefetch_related("holidays").first()


def plan_work_calendar(project: Project) -> PlanCalendar:
    """The calendar that maps schedule periods of the project to dates (period 0 = anchor date).

    A project without its own calendar works Monday to Friday with no holidays. Two queries, whatever
    the number of exceptions; the official days come from the installed package, not the database.
    """
    return work_calendar_from(project, plan_calendar_row(project))


def work_calendar_from(project: Project, row: ProjectCalendar | None) -> PlanCalendar:
    """The calendar of a project given its calendar row (None: the default week).

    Its week, then the official holidays (off) and make-up days (worked) it follows, then its own
    exceptions, which win over both.
    """
    if row is None:
        work_calendar = WorkCalendar(working_weekdays=MONDAY_TO_FRIDAY)
    else:
        work_calendar = project_work_calendar(
            working_weekdays=frozenset(weekdays_from_mask(row.working_weekdays)),
            official=official_calendar(row.official_holidays),
            exceptions={exception.date: exception.working for exception in row.holidays.all()},
        )
    return PlanCalendar(work_calendar=work_calendar, anchor=plan_anchor_date(project))


def working_weekdays_of(row: ProjectCalendar | None) -> list[int]:
    """The working weekdays (Monday = 0) of a calendar row; Monday to Friday without one."""
    return weekdays_from_mask(row.working_weekdays if row is not None else MONDAY_TO_FRIDAY_MASK)


def official_holidays_of(row: ProjectCalendar | None) -> str:
    """The official calendar a row follows (OfficialHolidays); none without a row."""
    return row.official_holidays if row is not None else OfficialHolidays.NONE


# --- the official days a page lists ----------------------------------------------------------------------


@dataclass(frozen=True)
class OfficialDayMark:
    """A project exception that falls on an official day, as the page marks it."""

    day: date
    working: bool
    name: str


@dataclass(frozen=True)
class OfficialHolidayRow:
    """One official holiday as the calendar page shows it, with the project's exceptions on its days."""

    name: str  # in the reader's language
    first: date
    last: date
    days_off: tuple[date, ...]
    make_up_days: tuple[date, ...]
    exceptions: tuple[OfficialDayMark, ...]


@dataclass(frozen=True)
class OfficialYear:
    """The official holidays of one year, or published=False when the source does not cover it: not
    published yet, or older than the source's first year (`first_year`)."""

    year: int
    published: bool
    holidays: tuple[OfficialHolidayRow, ...]
    first_year: int

    @property
    def note(self) -> str:
        """What the reader must know of the year: its official calendar is not known, else ""."""
        if self.published:
            return ""
        if self.year < self.first_year:
            return _(
                "The official calendar for %(year)s is older than the installed source covers (from "
                "%(first)s): only the working week and this project's own exceptions count in %(year)s."
            ) % {"year": self.year, "first": self.first_year}
        return _(
            "The official calendar for %(year)s is not published yet: until it is, only the working week "
            "and this project's own exceptions count in %(year)s."
        ) % {"year": self.year}


def calendar_years(project: Project) -> list[int]:
    """The years whose official days the calendar lists: from the project's start to its finish
    (today's year without a start), at most MAX_LISTED_YEARS."""
    first = plan_anchor_date(project).year
    last = max(first, project.finish_date.year if project.finish_date else first)
    return list(range(first, min(last, first + MAX_LISTED_YEARS - 1) + 1))


def _holiday_name(period: OfficialPeriod) -> str:
    return period.chinese_name if (get_language() or "").startswith("zh") else period.name


def official_years(project: Project, row: ProjectCalendar | None) -> list[OfficialYear]:
    """The official holidays of the calendar's years, each with the project's exceptions on its days;
    empty when the calendar follows no official holidays. Reads only the prefetched exceptions."""
    official = official_calendar(official_holidays_of(row))
    if official is None:
        return []
    exceptions = {exception.date: exception for exception in row.holidays.all()}
    years = []
    for year in calendar_years(project):
        rows = []
        for period in official.periods_in(year):
            marked = [
                OfficialDayMark(day=day, working=exceptions[day].working, name=exceptions[day].name)
                for day in sorted(period.days_off + period.make_up_days)
                if day in exceptions
            ]
            rows.append(
                OfficialHolidayRow(
                    name=_holiday_name(period),
                    first=period.first,
                    last=period.last,
                    days_off=period.days_off,
                    make_up_days=period.make_up_days,
                    exceptions=tuple(marked),
                )
            )
        years.append(
            OfficialYear(
                year=year,
                published=official.covers(year),
                holidays=tuple(rows),
                first_year=official.first_year,
            )
        )
    return years
