"""REST endpoints for plan files: export and import CSV, XLSX or MS Project XML (MSPDI).

Adapters only: parse the request, call one selector or service, answer. A refused import answers 400
in the portal's error shape with the problems row by row under `extra.problems`
(`[{"row": 7, "column": "Duration", "message": "..."}]`, at most projects.plan_io.rows.
MAX_REPORTED_PROBLEMS of them and a last one counting the rest) and their number under
`extra.problem_count`; nothing is imported then.

Import takes `mode`: `replace` (the default: the file becomes the plan, `replace=true` needed over an
existing one) or `update` (CSV, XLSX: the plan is updated in place, matching tasks by Task ID or WBS
code; `delete_missing=true` also deletes the tasks the file leaves out).
"""

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from pmo_portal.api import ErrorSerializer, error_responses
from projects.plan_io.audit import plan_export_audit, plan_import_audit
from projects.plan_io.exports import EXPORT_FORMATS, ExportFile, plan_export
from projects.plan_io.imports import plan_import
from projects.plan_io.rows import PlanImportError
from projects.selectors.plans import plan_project
from projects.serializers.imports import PlanImportInputSerializer, PlanImportOutputSerializer


def refused_import_response(error: PlanImportError) -> Response:
    """400 in the portal's error shape, with the problems under extra.problems."""
    return Response(
        {
            "message": str(error),
            "extra": {
                "problems": [problem.as_dict() for problem in error.problems],
                "problem_count": error.total,
            },
        },
        status=status.HTTP_400_BAD_REQUEST,
    )


def download_response(export: ExportFile) -> HttpResponse:
    """The exported file as an attachment."""
    response = HttpResponse(export.content, content_type=export.content_type)
    # Quoted as FileResponse does: ASCII names as they are, others as RFC 5987 filename*.
    response.headers["Content-Disposition"] = content_disposition_header(True, export.file_name)
    return response


class FileDownloadNegotiation(DefaultContentNegotiation):
    """The file's format comes from the address, so Accept (text/csv, anything) never refuses it with
    406; errors answer in JSON, the first renderer's."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


@extend_schema(tags=["plans"])
class PlanExportApi(APIView):
    content_negotiation_class = FileDownloadNegotiation

    @extend_schema(
        operation_id="plan_export",
        parameters=[
            OpenApiParameter("project_id", int, OpenApiParameter.PATH),
            OpenApiParameter("file_format", str, OpenApiParameter.PATH, enum=list(EXPORT_FORMATS)),
        ],
        responses={
            (200, "text/csv"): OpenApiResponse(
                OpenApiTypes.BINARY, description="The plan as CSV (UTF-8 with BOM)."
            ),
            (
                200,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ): OpenApiResponse(OpenApiTypes.BINARY, description="The plan as an XLSX workbook."),
            (200, "application/xml"): OpenApiResponse(
                OpenApiTypes.BINARY, description="The plan as MS Project XML (MSPDI)."
            ),
            **error_responses(401, 403, 404),
        },
    )
    def get(self, request, project_id: int, file_format: str):
        """The plan as a file (columns in projects.plan_io); anyone who may see the plan may export it."""
        project = plan_project(user=request.user, project_id=project_id)
        export = plan_export(project=project, file_format=file_format)
        plan_export_audit(
            actor=request.user, project=project, file_format=file_format, size=len(export.content)
        )
        return download_response(export)


@extend_schema(tags=["plans"])
class PlanImportApi(APIView):
    # A file travels only in a multipart form; anything else answers 415 saying what was sent.
    parser_classes = (MultiPartParser,)

    @extend_schema(
        request={"multipart/form-data": PlanImportInputSerializer},
        responses={
            201: PlanImportOutputSerializer,
            400: OpenApiResponse(
                ErrorSerializer, description="The file was refused; extra.problems lists why, row by row."
            ),
            **error_responses(401, 403, 404, 415),
        },
    )
    def post(self, request, project_id: int):
        """Replace or update the plan from a CSV, XLSX or MS Project XML file; atomic, rescheduled once."""
        project = plan_project(user=request.user, project_id=project_id)
        serializer = PlanImportInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        upload = serializer.validated_data["file"]
        try:
            result = plan_import(
                actor=request.user,
                project=project,
                data=upload,
                file_name=upload.name or "",
                replace=serializer.validated_data["replace"],
                mode=serializer.validated_data["mode"],
                delete_missing=serializer.validated_data["delete_missing"],
            )
        except PlanImportError as error:
            plan_import_audit(actor=request.user, project=project, file_name=upload.name or "", error=error)
            return refused_import_response(error)
        plan_import_audit(actor=request.user, project=project, file_name=upload.name or "", result=result)
        return Response(
            {**result.summary(), "warnings": result.warnings},
            status=status.HTTP_201_CREATED,
        )
