"""REST endpoints of knowledge: the lessons search, a project's lessons, a project's comments."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from pmo_portal.api import LIST_ERRORS, OBJECT_WRITE_ERRORS, StandardPagination
from pmo_portal.api_views import ListApi, paginated_response, validated_input
from projects.filters import LessonFilter
from projects.selectors.knowledge import lesson_list, project_comments
from projects.selectors.projects import project_detail
from projects.serializers.knowledge import (
    CommentInputSerializer,
    CommentOutputSerializer,
    LessonInputSerializer,
    LessonOutputSerializer,
)
from projects.services.knowledge import comment_post, lesson_record


@extend_schema(tags=["lessons"])
class LessonListApi(ListApi):
    filterset_class = LessonFilter
    # Without `ordering`, matches come best first (PostgreSQL) and lessons newest first.
    ordering_fields = ("created_at", "title")

    def get_queryset(self):
        return lesson_list(user=self.request.user)

    @extend_schema(responses={200: LessonOutputSerializer(many=True), **LIST_ERRORS})
    def get(self, request):
        """Lessons of the projects the user may see; `q` finds Chinese and English words, best first."""
        return self.list_response(LessonOutputSerializer)


@extend_schema(tags=["lessons"])
class ProjectLessonListApi(APIView):
    pagination_class = StandardPagination  # documents the page, its parameters and its shape

    @extend_schema(responses={200: LessonOutputSerializer(many=True), **LIST_ERRORS})
    def get(self, request, project_id: int):
        """The project's lessons learned, newest first."""
        project = project_detail(user=request.user, project_id=project_id)
        lessons = lesson_list(user=request.user).filter(project=project)
        return paginated_response(self, request, lessons, LessonOutputSerializer)

    @extend_schema(
        request=LessonInputSerializer, responses={201: LessonOutputSerializer, **OBJECT_WRITE_ERRORS}
    )
    def post(self, request, project_id: int):
        """Record a lesson learned (the project's PM, admins, a directive PMO's staff)."""
        project = project_detail(user=request.user, project_id=project_id)
        lesson = lesson_record(
            actor=request.user, project=project, **validated_input(LessonInputSerializer, request)
        )
        lesson = lesson_list(user=request.user).get(pk=lesson.pk)
        return Response(LessonOutputSerializer(lesson).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["projects"])
class ProjectCommentListApi(APIView):
    pagination_class = StandardPagination  # documents the page, its parameters and its shape

    @extend_schema(responses={200: CommentOutputSerializer(many=True), **LIST_ERRORS})
    def get(self, request, project_id: int):
        """The comments on a project, newest first (they are in its history too)."""
        project = project_detail(user=request.user, project_id=project_id)
        return paginated_response(self, request, project_comments(project=project), CommentOutputSerializer)

    @extend_schema(
        request=CommentInputSerializer, responses={201: CommentOutputSerializer, **OBJECT_WRITE_ERRORS}
    )
    def post(self, request, project_id: int):
        """Comment on a project: PMO staff and admins on any they see, its PM and team on their own."""
        project = project_detail(user=request.user, project_id=project_id)
        comment = comment_post(
            actor=request.user, project=project, **validated_input(CommentInputSerializer, request)
        )
        return Response(CommentOutputSerializer(comment).data, status=status.HTTP_201_CREATED)
