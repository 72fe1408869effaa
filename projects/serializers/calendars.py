"""Serializers of project calendars in the plan API."""

from rest_framework import serializers

from pmo_portal.api import StrictInputSerializer
from projects.models import OfficialHolidays
from projects.selectors.calendars import official_holidays_of, official_years, working_weekdays_of


class HolidaySerializer(serializers.Serializer):
    """One of the project's own exceptions: a day off, or a working day when `working` is true."""

    date = serializers.DateField()
    name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    working = serializers.BooleanField(required=False, default=False)


class OfficialDayExceptionSerializer(serializers.Serializer):
    working = serializers.BooleanField()
    name = serializers.CharField()


class OfficialDaySerializer(serializers.Serializer):
    """An official day off (working false) or make-up working day (调休, working true)."""

    date = serializers.DateField()
    name = serializers.CharField()
    working = serializers.BooleanField()
    exception = OfficialDayExceptionSerializer(
        allow_null=True, help_text="The project's own exception that day."
    )


class OfficialYearSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    published = serializers.BooleanField()
    note = serializers.CharField(
        help_text="Why the year has no days: its official calendar is not published."
    )
    days = OfficialDaySerializer(many=True)


class CalendarSerializer(StrictInputSerializer):
    """Working weekdays as numbers (0 = Monday ... 6 = Sunday), the official holidays followed, the
    project's own exceptions; read-only, the official days of the years the project spans."""

    working_weekdays = serializers.ListField(child=serializers.IntegerField(min_value=0, max_value=6))
    official_holidays = serializers.ChoiceField(
        choices=OfficialHolidays.choices, required=False, help_text="Left out: the current choice is kept."
    )
    holidays = HolidaySerializer(many=True)
    official_years = OfficialYearSerializer(many=True, read_only=True)

    @staticmethod
    def present(row, *, project) -> dict:
        """The calendar as the API shows it; `row` None means the default Monday-Friday week."""
        holidays = row.holidays.all() if row is not None else ()
        return {
            "working_weekdays": working_weekdays_of(row),
            "official_holidays": official_holidays_of(row),
            "holidays": [
                {"date": holiday.date, "name": holiday.name, "working": holiday.working}
                for holiday in holidays
            ],
            "official_years": [_year(year) for year in official_years(project, row)],
        }


def _year(year) -> dict:
    days = []
    for holiday in year.holidays:
        marks = {mark.day: mark for mark in holiday.exceptions}
        for day, working in [(day, False) for day in holiday.days_off] + [
            (day, True) for day in holiday.make_up_days
        ]:
            mark = marks.get(day)
            exception = {"working": mark.working, "name": mark.name} if mark is not None else None
            days.append({"date": day, "name": holiday.name, "working": working, "exception": exception})
    days.sort(key=lambda day: day["date"])
    return {"year": year.year, "published": year.published, "note": year.note, "days": days}
