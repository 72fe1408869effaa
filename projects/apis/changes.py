"""REST endpoints of change requests: a project's list and drafting, one request, submitting, deciding."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from pmo_portal.api import LIST_ERRORS, OBJECT_READ_ERRORS, OBJECT_WRITE_ERRORS, StandardPagination
from pmo_portal.api_views import paginated_response, validated_input
from projects.selectors.changes import change_request_detail, change_request_list
from projects.selectors.projects import project_detail
from projects.serializers.changes import (
    DECISIONS,
    ChangeDecisionInputSerializer,
    ChangeRequestInputSerializer,
    ChangeRequestOutputSerializer,
)
from projects.services.changes import (
    change_request_create,
    change_request_decide,
    change_request_submit,
    change_request_update,
)


def _answer(request, change_request_id: int, status_code: int = status.HTTP_200_OK) -> Response:
    change_request = change_request_detail(user=request.user, change_request_id=change_request_id)
    return Response(ChangeRequestOutputSerializer(change_request).data, status=status_code)


@extend_schema(tags=["change requests"])
class ChangeRequestListApi(APIView):
    pagination_class = StandardPagination  # documents page and page_size

    @extend_schema(responses={200: ChangeRequestOutputSerializer(many=True), **LIST_ERRORS})
    def get(self, request, project_id: int):
        """The project's change requests, newest first, each with its approval steps."""
        project = project_detail(user=request.user, project_id=project_id)
        return paginated_response(
            self, request, change_request_list(project=project), ChangeRequestOutputSerializer
        )

    @extend_schema(
        request=ChangeRequestInputSerializer,
        responses={201: ChangeRequestOutputSerializer, **OBJECT_WRITE_ERRORS},
    )
    def post(self, request, project_id: int):
        """Draft a change request (whoever may edit the project); the cost is in the project's currency."""
        project = project_detail(user=request.user, project_id=project_id)
        change_request = change_request_create(
            actor=request.user, project=project, **validated_input(ChangeRequestInputSerializer, request)
        )
        return _answer(request, change_request.pk, status.HTTP_201_CREATED)


@extend_schema(tags=["change requests"])
class ChangeRequestDetailApi(APIView):
    @extend_schema(responses={200: ChangeRequestOutputSerializer, **OBJECT_READ_ERRORS})
    def get(self, request, pk: int):
        """One change request with its approval steps."""
        return _answer(request, pk)

    @extend_schema(
        request=ChangeRequestInputSerializer(partial=True),
        responses={200: ChangeRequestOutputSerializer, **OBJECT_WRITE_ERRORS},
    )
    def patch(self, request, pk: int):
        """Change the fields sent of a draft; nothing is saved when any is wrong."""
        change_request = change_request_detail(user=request.user, change_request_id=pk)
        changes = validated_input(ChangeRequestInputSerializer, request, partial=True)
        change_request_update(actor=request.user, change_request=change_request, changes=changes)
        return _answer(request, pk)


@extend_schema(tags=["change requests"])
class ChangeRequestSubmitApi(APIView):
    @extend_schema(request=None, responses={200: ChangeRequestOutputSerializer, **OBJECT_WRITE_ERRORS})
    def post(self, request, pk: int):
        """Submit a draft: it is routed by the change authority into ordered approval steps."""
        change_request = change_request_detail(user=request.user, change_request_id=pk)
        change_request_submit(actor=request.user, change_request=change_request)
        return _answer(request, pk)


@extend_schema(tags=["change requests"])
class ChangeRequestDecisionApi(APIView):
    @extend_schema(
        request=ChangeDecisionInputSerializer,
        responses={200: ChangeRequestOutputSerializer, **OBJECT_WRITE_ERRORS},
    )
    def post(self, request, pk: int):
        """Approve or reject the step awaiting a decision, with a comment; the last approval applies the
        change to the project's budget and finish date (and saves a baseline where asked)."""
        change_request = change_request_detail(user=request.user, change_request_id=pk)
        data = validated_input(ChangeDecisionInputSerializer, request)
        change_request_decide(
            actor=request.user,
            change_request=change_request,
            decision=DECISIONS[data["decision"]],
            comment=data["comment"],
            step=data.get("step"),
        )
        return _answer(request, pk)
