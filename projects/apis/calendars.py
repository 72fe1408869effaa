"""REST endpoint of a project's calendar: the working week, official holidays and own exceptions
durations are counted on."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from pmo_portal.api import OBJECT_READ_ERRORS, OBJECT_WRITE_ERRORS
from pmo_portal.api_views import validated_input
from projects.selectors.calendars import plan_calendar_row
from projects.selectors.plans import plan_project
from projects.serializers.calendars import CalendarSerializer
from projects.services.calendars import calendar_update


@extend_schema(tags=["plans"])
class CalendarApi(APIView):
    @extend_schema(responses={200: CalendarSerializer, **OBJECT_READ_ERRORS})
    def get(self, request, project_id: int):
        """Working weekdays (0 = Monday), official holidays followed and own exceptions; the official
        days off and make-up working days (调休) of the years the project spans."""
        project = plan_project(user=request.user, project_id=project_id)
        return Response(CalendarSerializer.present(plan_calendar_row(project), project=project))

    @extend_schema(request=CalendarSerializer, responses={200: CalendarSerializer, **OBJECT_WRITE_ERRORS})
    def put(self, request, project_id: int):
        """Replace the working week and the own exceptions (and the official holidays, when given);
        the plan is rescheduled on them."""
        project = plan_project(user=request.user, project_id=project_id)
        data = validated_input(CalendarSerializer, request)
        calendar_update(
            actor=request.user,
            project=project,
            working_weekdays=data["working_weekdays"],
            holidays=[(holiday["date"], holiday["name"], holiday["working"]) for holiday in data["holidays"]],
            official_holidays=data.get("official_holidays"),
        )
        return Response(CalendarSerializer.present(plan_calendar_row(project), project=project))
