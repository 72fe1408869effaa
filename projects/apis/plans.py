"""REST endpoints of a whole plan: the Gantt's payload, and the schedule at a glance."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import APIView

from pmo_portal.api import OBJECT_READ_ERRORS, error_responses
from projects.selectors.baselines import chosen_baseline
from projects.selectors.plans import plan_project, plan_schedule_summary
from projects.serializers.plans import ScheduleSummarySerializer, plan_payload


@extend_schema(tags=["plans"])
class PlanApi(APIView):
    @extend_schema(
        parameters=[OpenApiParameter("baseline", int, description="Add baseline dates and variance.")],
        responses={
            200: OpenApiResponse(
                OpenApiTypes.OBJECT,
                description=(
                    "The plan as the Gantt chart draws it: tasks in outline order (each with `edit`, the "
                    "index of the fields the viewer may change in `editable_sets`), links, and the working "
                    "days as flags from `calendar.first`."
                ),
            ),
            **error_responses(400, 401, 403, 404),
        },
    )
    def get(self, request, project_id: int):
        """The whole plan in one answer, as the Gantt chart reads it."""
        project = plan_project(user=request.user, project_id=project_id)
        raw_baseline = request.query_params.get("baseline")
        baseline = chosen_baseline(project=project, raw_id=raw_baseline)
        if raw_baseline and baseline is None:
            raise exceptions.ValidationError({"baseline": [_("Unknown baseline of this project.")]})
        return Response(plan_payload(user=request.user, project=project, baseline=baseline))


@extend_schema(tags=["plans"])
class PlanScheduleApi(APIView):
    @extend_schema(responses={200: ScheduleSummarySerializer, **OBJECT_READ_ERRORS})
    def get(self, request, project_id: int):
        """Project duration in working days, start and finish, and the critical task ids in date order."""
        project = plan_project(user=request.user, project_id=project_id)
        return Response(ScheduleSummarySerializer(plan_schedule_summary(project=project)).data)
