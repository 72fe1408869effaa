"""REST endpoints of compliance: one project's score and findings, and the PMO's view across projects."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from governance import policy
from pmo_portal.api import LIST_ERRORS, OBJECT_READ_ERRORS, StandardPagination
from pmo_portal.api_views import paginated_response
from projects.selectors.compliance import compliance_overview, project_compliance
from projects.selectors.projects import project_detail
from projects.serializers.compliance import ComplianceOutputSerializer, ComplianceQuerySerializer


@extend_schema(tags=["governance"])
class ProjectComplianceApi(APIView):
    @extend_schema(responses={200: ComplianceOutputSerializer, **OBJECT_READ_ERRORS})
    def get(self, request, project_id: int):
        """The project's compliance score (0-100), its findings and the rules not yet evaluated."""
        project = project_detail(user=request.user, project_id=project_id)
        return Response(ComplianceOutputSerializer(project_compliance(project)).data)


@extend_schema(tags=["governance"])
class ComplianceListApi(APIView):
    pagination_class = StandardPagination  # documents the page, its parameters and its shape

    @extend_schema(
        parameters=[
            OpenApiParameter("portfolio", int, description="Only the projects of this portfolio."),
            OpenApiParameter("pmo_type", str, enum=["supportive", "controlling", "directive"]),
            OpenApiParameter("band", str, enum=["green", "amber", "red"]),
        ],
        responses={200: ComplianceOutputSerializer(many=True), **LIST_ERRORS},
    )
    def get(self, request):
        """The open projects' compliance, lowest score first (PMO staff and admins)."""
        if not policy.may_view_compliance_overview(request.user):
            raise PermissionDenied(_("Only PMO staff and admins see compliance across projects."))
        query = ComplianceQuerySerializer(data=request.query_params)
        if not query.is_valid():
            raise serializers.ValidationError(query.errors)
        rows = compliance_overview(
            user=request.user,
            portfolio_id=query.validated_data.get("portfolio"),
            pmo_type=query.validated_data.get("pmo_type", ""),
            band=query.validated_data.get("band", ""),
        )
        return paginated_response(self, request, rows, ComplianceOutputSerializer)
