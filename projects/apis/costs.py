"""REST endpoints of actual costs: the entries booked on a task, and booking one."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from pmo_portal.api import LIST_ERRORS, OBJECT_WRITE_ERRORS, StandardPagination
from pmo_portal.api_views import paginated_response, validated_input
from projects.selectors.costs import cost_entry_list
from projects.selectors.plans import task_detail
from projects.serializers.costs import CostEntryInputSerializer, CostEntryOutputSerializer
from projects.services.costs import cost_entry_add


@extend_schema(tags=["plans"])
class CostEntryListApi(APIView):
    pagination_class = StandardPagination  # documents the page, its parameters and its shape

    @extend_schema(responses={200: CostEntryOutputSerializer(many=True), **LIST_ERRORS})
    def get(self, request, pk: int):
        """Actual costs booked on the task."""
        task = task_detail(user=request.user, task_id=pk)
        return paginated_response(self, request, cost_entry_list(task=task), CostEntryOutputSerializer)

    @extend_schema(
        request=CostEntryInputSerializer, responses={201: CostEntryOutputSerializer, **OBJECT_WRITE_ERRORS}
    )
    def post(self, request, pk: int):
        """Book an actual cost on the task, in the project's currency."""
        task = task_detail(user=request.user, task_id=pk)
        entry = cost_entry_add(
            actor=request.user, task=task, **validated_input(CostEntryInputSerializer, request)
        )
        return Response(CostEntryOutputSerializer(entry).data, status=status.HTTP_201_CREATED)
