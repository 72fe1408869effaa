"""REST endpoints of baselines: a plan's baselines, saving one, one baseline's rows with their variance."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from pmo_portal.api import LIST_ERRORS, OBJECT_WRITE_ERRORS, StandardPagination
from pmo_portal.api_views import paginated_response, validated_input
from projects.models import Baseline
from projects.selectors.baselines import baseline_list, baseline_task_list
from projects.selectors.calendars import plan_work_calendar
from projects.selectors.plans import plan_project
from projects.serializers.baselines import (
    BaselineInputSerializer,
    BaselineOutputSerializer,
    BaselineTaskOutputSerializer,
    BaselineTaskPageSerializer,
)
from projects.services.baselines import baseline_save


@extend_schema(tags=["plans"])
class BaselineListApi(APIView):
    pagination_class = StandardPagination  # documents the page, its parameters and its shape

    @extend_schema(responses={200: BaselineOutputSerializer(many=True), **LIST_ERRORS})
    def get(self, request, project_id: int):
        """The project's baselines, newest first."""
        project = plan_project(user=request.user, project_id=project_id)
        return paginated_response(self, request, baseline_list(project=project), BaselineOutputSerializer)

    @extend_schema(
        request=BaselineInputSerializer, responses={201: BaselineOutputSerializer, **OBJECT_WRITE_ERRORS}
    )
    def post(self, request, project_id: int):
        """Save the current plan as a named baseline."""
        project = plan_project(user=request.user, project_id=project_id)
        baseline = baseline_save(
            actor=request.user, project=project, **validated_input(BaselineInputSerializer, request)
        )
        return Response(BaselineOutputSerializer(baseline).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["plans"])
class BaselineDetailApi(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter("page", int, description="A page number within the paginated result set."),
            OpenApiParameter("page_size", int, description="Number of results to return per page."),
        ],
        responses={200: BaselineTaskPageSerializer, **LIST_ERRORS},
    )
    def get(self, request, pk: int):
        """A baseline's frozen tasks with their variance against the current plan."""
        baseline = Baseline.objects.select_related("created_by").get(pk=pk)
        project = plan_project(user=request.user, project_id=baseline.project_id)
        context = {"calendar": plan_work_calendar(project)}
        rows = baseline_task_list(baseline=baseline)
        response = paginated_response(self, request, rows, BaselineTaskOutputSerializer, context)
        response.data["baseline"] = BaselineOutputSerializer(baseline).data
        return response
