"""REST endpoints for plan files: export and import CSV, XLSX or MS Project XML (MSPDI).

Adapters only: parse the request, call one selector or service, answer. A refused import answers 400
in the portal's error shape with the problems row by row under `extra.problems`
(`[{"row": 7, "column": "Duration", "message": "..."}]`); nothing is imported then.
"""

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from pmo_portal.api import ErrorSerializer, error_responses
from projects.plan_io.exports import EXPORT_FORMATS, ExportFile, plan_export
from projects.plan_io.imports import plan_import
from projects.plan_io.rows import PlanImportError
from projects.selectors.plans import plan_project
from projects.serializers.imports import PlanImportInputSerializer, PlanImportOutputSerializer


def refused_import_response(error: PlanImportError) -> Response:
    """400 in the portal's error shape, with the problems under extra.problems."""
    return Response(
        {"message": str(error), "extra": {"problems": [problem.as_dict() for problem in error.problems]}},
        status=status.HTTP_400_BAD_REQUEST,
    )


def download_response(export: ExportFile) -> HttpResponse:
    """The exported file as an attachment."""
    response = HttpResponse(export.content, content_type=export.content_type)
    # Quoted as FileResponse does: ASCII names as they are, others as RFC 5987 filename*.
    response.headers["Content-Disposition"] = content_disposition_header(True, export.file_name)
    return response


@extend_schema(tags=["plans"])
class PlanExportApi(APIView):
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
        return download_response(plan_export(project=project, file_format=file_format))


@extend_schema(tags=["plans"])
class PlanImportApi(APIView):
    parser_classes = (MultiPartParser, FormParser)

    @extend_schema(
        request={"multipart/form-data": PlanImportInputSerializer},
        responses={
            201: PlanImportOutputSerializer,
            400: OpenApiResponse(
                ErrorSerializer, description="The file was refused; extra.problems lists why, row by row."
            ),
            **error_responses(401, 403, 404),
        },
    )
    def post(self, request, project_id: int):
        """Replace the plan with a CSV, XLSX or MS Project XML file; atomic, rescheduled once."""
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
            )
        except PlanImportError as error:
            return refused_import_response(error)
        return Response(
            {
                "format": result.format,
                "tasks": result.task_count,
                "dependencies": result.dependency_count,
                "replaced_tasks": result.replaced_task_count,
                "warnings": result.warnings,
            },
            status=status.HTTP_201_CREATED,
        )
