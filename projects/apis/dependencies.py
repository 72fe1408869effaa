"""REST endpoints of dependencies: a plan's links, adding one, changing one, removing one.

The writes change the plan's structure: they need If-Match with the plan's ETag (428 without it, 412
with the current one under `extra.plan_etag` when the plan changed meanwhile) and answer with the
plan's new ETag in the ETag header (see projects.apis.tasks).
"""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from pmo_portal.api import LIST_ERRORS, OBJECT_READ_ERRORS, OBJECT_WRITE_ERRORS, StandardPagination
from pmo_portal.api_views import paginated_response, validated_input
from projects.apis.tasks import (
    IF_MATCH_PLAN,
    PLAN_VERSION_ERRORS,
    if_match_plan_version,
    plan_etag_header,
    stale_plan_response,
)
from projects.models import Dependency
from projects.selectors.plans import dependency_list, plan_project
from projects.serializers.dependencies import (
    DependencyInputSerializer,
    DependencyOutputSerializer,
    DependencyUpdateInputSerializer,
)
from projects.services.dependencies import dependency_add, dependency_remove, dependency_update
from projects.services.editing import StalePlanError


def _visible_dependency(request, pk: int) -> Dependency:
    """The link, if the user may see its project's plan (DoesNotExist -> 404 otherwise)."""
    dependency = Dependency.objects.select_related("predecessor", "successor").get(pk=pk)
    plan_project(user=request.user, project_id=dependency.project_id)
    return dependency


@extend_schema(tags=["plans"])
class DependencyListApi(APIView):
    pagination_class = StandardPagination  # documents the page, its parameters and its shape

    @extend_schema(responses={200: DependencyOutputSerializer(many=True), **LIST_ERRORS})
    def get(self, request, project_id: int):
        """The project's dependencies."""
        project = plan_project(user=request.user, project_id=project_id)
        return paginated_response(self, request, dependency_list(project=project), DependencyOutputSerializer)

    @extend_schema(
        parameters=[IF_MATCH_PLAN],
        request=DependencyInputSerializer,
        responses={201: DependencyOutputSerializer, **OBJECT_WRITE_ERRORS, **PLAN_VERSION_ERRORS},
    )
    def post(self, request, project_id: int):
        """Link two tasks (summary tasks too, not to their own subtasks); needs If-Match with the plan's ETag.

        A link that would close a cycle is refused with the tasks on the loop.
        """
        project = plan_project(user=request.user, project_id=project_id)
        plan_version = if_match_plan_version(request)
        arguments = validated_input(DependencyInputSerializer, request, project=project)
        try:
            dependency = dependency_add(actor=request.user, expected_plan_version=plan_version, **arguments)
        except StalePlanError as error:
            return stale_plan_response(error)
        return Response(
            DependencyOutputSerializer(dependency).data,
            status=status.HTTP_201_CREATED,
            headers=plan_etag_header(dependency.project.plan_version),
        )


@extend_schema(tags=["plans"])
class DependencyDetailApi(APIView):
    @extend_schema(
        parameters=[IF_MATCH_PLAN],
        request=DependencyUpdateInputSerializer,
        responses={200: DependencyOutputSerializer, **OBJECT_WRITE_ERRORS, **PLAN_VERSION_ERRORS},
    )
    def patch(self, request, pk: int):
        """Change a link's type and/or lag and reschedule; needs If-Match with the plan's ETag."""
        dependency = _visible_dependency(request, pk)
        plan_version = if_match_plan_version(request)
        changes = validated_input(DependencyUpdateInputSerializer, request, partial=True)
        try:
            dependency = dependency_update(
                actor=request.user, dependency=dependency, changes=changes, expected_plan_version=plan_version
            )
        except StalePlanError as error:
            return stale_plan_response(error)
        return Response(
            DependencyOutputSerializer(dependency).data,
            headers=plan_etag_header(dependency.project.plan_version),
        )

    @extend_schema(
        parameters=[IF_MATCH_PLAN], responses={204: None, **OBJECT_READ_ERRORS, **PLAN_VERSION_ERRORS}
    )
    def delete(self, request, pk: int):
        """Remove a link and reschedule; needs If-Match with the plan's ETag."""
        dependency = _visible_dependency(request, pk)
        plan_version = if_match_plan_version(request)
        try:
            project = dependency_remove(
                actor=request.user, dependency=dependency, expected_plan_version=plan_version
            )
        except StalePlanError as error:
            return stale_plan_response(error)
        return Response(status=status.HTTP_204_NO_CONTENT, headers=plan_etag_header(project.plan_version))
