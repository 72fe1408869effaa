"""REST endpoint of the PMO's own performance."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from governance import policy
from pmo_portal.api import error_responses
from reports.selectors.performance import MAX_QUARTERS, pmo_performance
from reports.serializers.performance import (
    PerformanceOutputSerializer,
    PerformanceQuerySerializer,
    performance_payload,
)


@extend_schema(tags=["reports"])
class PmoPerformanceApi(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter(
                "quarters",
                int,
                description=f"How many quarters, today's included (1-{MAX_QUARTERS}, default 4).",
            ),
            OpenApiParameter("portfolio", int, description="Only the projects of this portfolio."),
        ],
        responses={200: PerformanceOutputSerializer, **error_responses(400, 401, 403)},
    )
    def get(self, request):
        """On-time delivery, on-budget rate and the actives' averages by quarter and portfolio (PMO staff)."""
        if not policy.may_view_pmo_performance(request.user):
            raise PermissionDenied(_("Only PMO staff and admins see the PMO's own performance."))
        query = PerformanceQuerySerializer(data=request.query_params)
        if not query.is_valid():
            raise serializers.ValidationError(query.errors)
        performance = pmo_performance(
            quarters=query.validated_data["quarters"], portfolio_id=query.validated_data.get("portfolio")
        )
        return Response(PerformanceOutputSerializer(performance_payload(performance)).data)
