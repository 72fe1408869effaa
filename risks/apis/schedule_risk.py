"""REST endpoint of a project's schedule-risk simulation (Monte Carlo over its plan); it stores nothing."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from pmo_portal.api import OBJECT_WRITE_ERRORS
from pmo_portal.api_views import validated_input
from projects.selectors.projects import project_detail
from risks.selectors.schedule_risk import project_schedule_risk
from risks.serializers.schedule_risk import ScheduleRiskInputSerializer, ScheduleRiskOutputSerializer


@extend_schema(tags=["risks"])
class ProjectScheduleRiskApi(APIView):
    @extend_schema(
        request=ScheduleRiskInputSerializer,
        responses={200: ScheduleRiskOutputSerializer, **OBJECT_WRITE_ERRORS},
    )
    def post(self, request, project_id: int):
        """Simulate the project's plan: P50/P80/P90 and mean finish as dates and working days, the chance
        of meeting the target (by default the planned finish), histogram, S-curve, criticality and
        tornado. Anyone who may see the project may run it; tasks without estimates keep their duration."""
        project = project_detail(user=request.user, project_id=project_id)
        data = validated_input(ScheduleRiskInputSerializer, request)
        risk = project_schedule_risk(
            project=project,
            iterations=data["iterations"],
            seed=data.get("seed"),
            distribution=data["distribution"],
            target_finish=data.get("target_finish"),
            estimates=data.get("estimates"),
        )
        return Response(ScheduleRiskOutputSerializer(risk).data)
