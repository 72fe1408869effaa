"""REST endpoints of projects: the list, one project, its change history."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from pmo_portal.api import LIST_ERRORS, OBJECT_READ_ERRORS, OBJECT_WRITE_ERRORS, StandardPagination
from pmo_portal.api_views import ListApi, paginated_response, validated_input
from projects.filters import ProjectFilter
from projects.selectors.history import project_change_history
from projects.selectors.projects import (
    project_detail,
    project_editable_ids,
    project_list_with_figures,
)
from projects.serializers.projects import (
    HistoryEntryOutputSerializer,
    ProjectCreateInputSerializer,
    ProjectInputSerializer,
    ProjectListOutputSerializer,
    ProjectOutputSerializer,
)
from projects.services.projects import project_create, project_delete, project_update


def _project_data(user, project) -> dict:
    editable = project_editable_ids(user=user, projects=[project])
    return ProjectOutputSerializer(project, context={"editable_ids": editable}).data


@extend_schema(tags=["projects"])
class ProjectListApi(ListApi):
    serializer_class = ProjectCreateInputSerializer  # the browsable API's create form
    filterset_class = ProjectFilter
    ordering_fields = (
        "code",
        "name",
        "finish_date",
        "budget",
        "status",
        "phase",
        "progress",
        "spi",
        "cpi",
        "health_score",
    )

    def get_queryset(self):
        return project_list_with_figures(user=self.request.user)

    @extend_schema(responses={200: ProjectListOutputSerializer(many=True), **LIST_ERRORS})
    def get(self, request):
        """Projects the user may see, filtered and sorted, with their rolled-up figures (null: not yet
        measured); `can_edit` says which they may change."""
        return self.list_response(
            ProjectListOutputSerializer,
            # One policy pass over the page decides `can_edit` for every row: no query per row.
            context=lambda page: {"editable_ids": project_editable_ids(user=request.user, projects=page)},
        )

    @extend_schema(
        request=ProjectCreateInputSerializer, responses={201: ProjectOutputSerializer, **OBJECT_WRITE_ERRORS}
    )
    def post(self, request):
        """Create a project; the creator manages it unless they may name another PM.

        It follows the newest published version of `methodology`, mandatory under a controlling or
        directive PMO.
        """
        project = project_create(actor=request.user, **validated_input(ProjectCreateInputSerializer, request))
        return Response(_project_data(request.user, project), status=status.HTTP_201_CREATED)


@extend_schema(tags=["projects"])
class ProjectDetailApi(APIView):
    @extend_schema(responses={200: ProjectOutputSerializer, **OBJECT_READ_ERRORS})
    def get(self, request, pk: int):
        """One visible project."""
        return Response(_project_data(request.user, project_detail(user=request.user, project_id=pk)))

    @extend_schema(
        request=ProjectInputSerializer(partial=True),
        responses={200: ProjectOutputSerializer, **OBJECT_WRITE_ERRORS},
    )
    def patch(self, request, pk: int):
        """Change the fields sent; nothing is saved when any of them is wrong."""
        project = project_detail(user=request.user, project_id=pk)
        changes = validated_input(ProjectInputSerializer, request, partial=True)
        project = project_update(actor=request.user, project=project, changes=changes)
        return Response(_project_data(request.user, project))

    @extend_schema(responses={204: None, **OBJECT_READ_ERRORS})
    def delete(self, request, pk: int):
        """Delete a project (admins only; others close or cancel it)."""
        project = project_detail(user=request.user, project_id=pk)
        project_delete(actor=request.user, project=project)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=["projects"])
class ProjectHistoryApi(APIView):
    # A plain view: a generic one wants a queryset for the browsable API, and the history is a list.
    pagination_class = StandardPagination  # documents page and page_size

    @extend_schema(responses={200: HistoryEntryOutputSerializer(many=True), **LIST_ERRORS})
    def get(self, request, pk: int):
        """The project's change history, newest first: who changed which field, old -> new."""
        project = project_detail(user=request.user, project_id=pk)
        return paginated_response(
            self, request, project_change_history(project), HistoryEntryOutputSerializer
        )
