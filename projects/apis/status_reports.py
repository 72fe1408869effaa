"""REST endpoints of status reports: a project's list and new drafts, one report and its edits, submitting."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from pmo_portal.api import LIST_ERRORS, OBJECT_READ_ERRORS, OBJECT_WRITE_ERRORS, StandardPagination
from pmo_portal.api_views import paginated_response, validated_input
from projects.selectors.projects import project_detail
from projects.selectors.status_reports import status_report_detail, status_report_list
from projects.serializers.status_reports import (
    StatusReportCreateInputSerializer,
    StatusReportInputSerializer,
    StatusReportOutputSerializer,
)
from projects.services.status_reports import (
    status_report_create,
    status_report_submit,
    status_report_update,
)


def _answer(request, project_id: int, pk: int, status_code: int = status.HTTP_200_OK) -> Response:
    report = status_report_detail(user=request.user, project_id=project_id, report_id=pk)
    return Response(StatusReportOutputSerializer(report).data, status=status_code)


@extend_schema(tags=["status reports"])
class StatusReportListApi(APIView):
    pagination_class = StandardPagination  # documents page and page_size

    @extend_schema(responses={200: StatusReportOutputSerializer(many=True), **LIST_ERRORS})
    def get(self, request, project_id: int):
        """The project's status reports, newest period first."""
        project = project_detail(user=request.user, project_id=project_id)
        return paginated_response(
            self, request, status_report_list(project=project), StatusReportOutputSerializer
        )

    @extend_schema(
        request=StatusReportCreateInputSerializer,
        responses={201: StatusReportOutputSerializer, **OBJECT_WRITE_ERRORS},
    )
    def post(self, request, project_id: int):
        """Start the draft of a period (the current one by default), prefilled with the period's figures."""
        project = project_detail(user=request.user, project_id=project_id)
        data = validated_input(StatusReportCreateInputSerializer, request)
        report = status_report_create(
            actor=request.user, project=project, period_start=data.get("period_start")
        )
        return _answer(request, project.pk, report.pk, status.HTTP_201_CREATED)


@extend_schema(tags=["status reports"])
class StatusReportDetailApi(APIView):
    @extend_schema(responses={200: StatusReportOutputSerializer, **OBJECT_READ_ERRORS})
    def get(self, request, project_id: int, pk: int):
        """One status report with the figures it was prefilled with."""
        return _answer(request, project_id, pk)

    @extend_schema(
        request=StatusReportInputSerializer,
        responses={200: StatusReportOutputSerializer, **OBJECT_WRITE_ERRORS},
    )
    def patch(self, request, project_id: int, pk: int):
        """Change the fields sent of a draft; a submitted report is frozen (400 naming `state`)."""
        report = status_report_detail(user=request.user, project_id=project_id, report_id=pk)
        changes = validated_input(StatusReportInputSerializer, request, partial=True)
        status_report_update(actor=request.user, report=report, changes=changes)
        return _answer(request, project_id, pk)


@extend_schema(tags=["status reports"])
class StatusReportSubmitApi(APIView):
    @extend_schema(request=None, responses={200: StatusReportOutputSerializer, **OBJECT_WRITE_ERRORS})
    def post(self, request, project_id: int, pk: int):
        """Submit a draft, which freezes it; every rating and the summary are needed (400 naming each)."""
        report = status_report_detail(user=request.user, project_id=project_id, report_id=pk)
        status_report_submit(actor=request.user, report=report)
        return _answer(request, project_id, pk)
