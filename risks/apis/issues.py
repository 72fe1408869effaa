"""REST endpoints of the issue log: the list and raising an issue, one issue and its edits, resolving
and closing it."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from pmo_portal.api import LIST_ERRORS, OBJECT_READ_ERRORS, OBJECT_WRITE_ERRORS
from pmo_portal.api_views import ListApi, validated_input
from risks.filters import IssueFilter
from risks.selectors.risks import issue_detail, issue_list
from risks.serializers.risks import (
    IssueCreateInputSerializer,
    IssueOutputSerializer,
    IssueResolveInputSerializer,
    IssueUpdateInputSerializer,
)
from risks.services import issue_close, issue_create, issue_resolve, issue_update


def _issue_answer(request, issue_id: int, status_code: int = status.HTTP_200_OK) -> Response:
    issue = issue_detail(user=request.user, issue_id=issue_id)
    return Response(IssueOutputSerializer(issue).data, status=status_code)


@extend_schema(tags=["issues"])
class IssueListApi(ListApi):
    serializer_class = IssueCreateInputSerializer  # the browsable API's create form
    filterset_class = IssueFilter
    ordering_fields = ("created_at", "due_date", "severity", "status")

    def get_queryset(self):
        return issue_list(user=self.request.user)

    @extend_schema(responses={200: IssueOutputSerializer(many=True), **LIST_ERRORS})
    def get(self, request):
        """The issues of the projects the user may see, newest first; filter by `project`,
        `portfolio`, `severity`, `status`, `owner`, `risk`, `overdue`."""
        return self.list_response(IssueOutputSerializer)

    @extend_schema(
        request=IssueCreateInputSerializer, responses={201: IssueOutputSerializer, **OBJECT_WRITE_ERRORS}
    )
    def post(self, request):
        """Raise an issue directly on a project (its PM and team; PMO staff under a directive PMO)."""
        issue = issue_create(actor=request.user, **validated_input(IssueCreateInputSerializer, request))
        return _issue_answer(request, issue.pk, status.HTTP_201_CREATED)


@extend_schema(tags=["issues"])
class IssueDetailApi(APIView):
    @extend_schema(responses={200: IssueOutputSerializer, **OBJECT_READ_ERRORS})
    def get(self, request, pk: int):
        """One issue, with the risk it occurred from."""
        return _issue_answer(request, pk)

    @extend_schema(
        request=IssueUpdateInputSerializer(partial=True),
        responses={200: IssueOutputSerializer, **OBJECT_WRITE_ERRORS},
    )
    def patch(self, request, pk: int):
        """Change the fields sent of an issue that is not closed; the status only between open and in
        progress."""
        issue = issue_detail(user=request.user, issue_id=pk)
        changes = validated_input(IssueUpdateInputSerializer, request, partial=True)
        issue_update(actor=request.user, issue=issue, changes=changes)
        return _issue_answer(request, pk)


@extend_schema(tags=["issues"])
class IssueResolveApi(APIView):
    @extend_schema(
        request=IssueResolveInputSerializer, responses={200: IssueOutputSerializer, **OBJECT_WRITE_ERRORS}
    )
    def post(self, request, pk: int):
        """Resolve an open issue, saying how."""
        issue = issue_detail(user=request.user, issue_id=pk)
        data = validated_input(IssueResolveInputSerializer, request)
        issue_resolve(actor=request.user, issue=issue, resolution=data["resolution"])
        return _issue_answer(request, pk)


@extend_schema(tags=["issues"])
class IssueCloseApi(APIView):
    @extend_schema(request=None, responses={200: IssueOutputSerializer, **OBJECT_WRITE_ERRORS})
    def post(self, request, pk: int):
        """Close a resolved issue."""
        issue = issue_detail(user=request.user, issue_id=pk)
        issue_close(actor=request.user, issue=issue)
        return _issue_answer(request, pk)
