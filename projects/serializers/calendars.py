"""Serializers of project calendars in the plan API."""

from rest_framework import serializers

from pmo_portal.api import StrictInputSerializer
from projects.selectors.calendars import working_weekdays_of


class HolidaySerializer(serializers.Serializer):
    date = serializers.DateField()
    name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")


class CalendarSerializer(StrictInputSerializer):
    """Working weekdays as numbers (0 = Monday ... 6 = Sunday) and the holiday list."""

    working_weekdays = serializers.ListField(child=serializers.IntegerField(min_value=0, max_value=6))
    holidays = HolidaySerializer(many=True)

    @staticmethod
    def present(row) -> dict:
        """The calendar as the API shows it; `row` None means the default Monday-Friday week."""
        holidays = row.holidays.all() if row is not None else ()
        return {
            "working_weekdays": working_weekdays_of(row),
            "holidays": [{"date": holiday.date, "name": holiday.name} for holiday in holidays],
        }
