"""REST endpoints of dependencies: a plan's links, adding one, removing one."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from pmo_portal.api import OBJECT_READ_ERRORS, OBJECT_WRITE_ERRORS
from pmo_portal.api_views import paginated_response, validated_input
from projects.models import Dependency
from projects.selectors.plans import dependency_list, plan_project
from projects.serializers.dependencies import DependencyInputSerializer, DependencyOutputSerializer
from projects.services.dependencies import dependency_add, dependency_remove


@extend_schema(tags=["plans"])
class DependencyListApi(APIView):
    @extend_schema(responses={200: DependencyOutputSerializer(many=True), **OBJECT_READ_ERRORS})
    def get(self, request, project_id: int):
        """The project's dependencies."""
        project = plan_project(user=request.user, project_id=project_id)
        return paginated_response(self, request, dependency_list(project=project), DependencyOutputSerializer)

    @extend_schema(
        request=DependencyInputSerializer, responses={201: DependencyOutputSerializer, **OBJECT_WRITE_ERRORS}
    )
    def post(self, request, project_id: int):
        """Link two tasks; a link that would close a cycle is refused with the tasks on the loop."""
        project = plan_project(user=request.user, project_id=project_id)
        arguments = validated_input(DependencyInputSerializer, request, project=project)
        dependency = dependency_add(actor=request.user, **arguments)
        return Response(DependencyOutputSerializer(dependency).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["plans"])
class DependencyDetailApi(APIView):
    @extend_schema(responses={204: None, **OBJECT_READ_ERRORS})
    def delete(self, request, pk: int):
        """Remove a link."""
        dependency = Dependency.objects.select_related("project").get(pk=pk)
        plan_project(user=request.user, project_id=dependency.project_id)
        dependency_remove(actor=request.user, dependency=dependency)
        return Response(status=status.HTTP_204_NO_CONTENT)
