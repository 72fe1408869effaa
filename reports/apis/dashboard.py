"""REST endpoints of the dashboards: the portfolio figures, a project's EVM and health, the snapshots."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from governance import policy
from pmo_portal.api import LIST_ERRORS, OBJECT_READ_ERRORS, error_responses
from pmo_portal.api_views import ListApi
from projects.selectors.projects import project_detail
from reports.filters import SnapshotFilter
from reports.forms.dashboard import (
    BAND_CHOICES,
    GROUP_CHOICES,
    RAG_CHOICES,
    STATUS_CHOICES,
    DashboardFilterForm,
)
from reports.models import ProjectRollup
from reports.selectors.dashboard import (
    MAX_PAGE_SIZE,
    PAGE_SIZE,
    portfolio_dashboard,
)
from reports.selectors.project_dashboard import project_dashboard, rollup_health
from reports.selectors.snapshots import snapshot_list
from reports.serializers.dashboard import (
    DashboardOutputSerializer,
    ProjectEvmOutputSerializer,
    ProjectHealthOutputSerializer,
    SnapshotOutputSerializer,
)

DASHBOARD_PARAMETERS = [
    OpenApiParameter("portfolio", int, description="Only the projects of this portfolio."),
    OpenApiParameter("program", int, description="Only the projects of this program."),
    OpenApiParameter("department", str, description="Only the projects of this department."),
    OpenApiParameter("project_manager", int, description="Only the projects this user manages."),
    OpenApiParameter(
        "status", str, enum=[value for value, _label in STATUS_CHOICES], description="Default: open."
    ),
    OpenApiParameter(
        "health_band", str, enum=[value for value, _label in BAND_CHOICES], description="none: not measured."
    ),
    OpenApiParameter(
        "rag", str, enum=[value for value, _label in RAG_CHOICES], description="none: not reported."
    ),
    OpenApiParameter("group_by", str, enum=[value for value, _label in GROUP_CHOICES]),
    OpenApiParameter("page", int, description="The page of `projects`, from 1 (default 1)."),
    OpenApiParameter(
        "page_size", int, description=f"Projects per page, 1 to {MAX_PAGE_SIZE} (default {PAGE_SIZE})."
    ),
]


@extend_schema(tags=["dashboards"])
class DashboardApi(APIView):
    @extend_schema(
        parameters=DASHBOARD_PARAMETERS,
        responses={200: DashboardOutputSerializer, **error_responses(400, 401, 403)},
    )
    def get(self, request):
        """The portfolio figures of the projects the user sees, as the dashboard page shows them."""
        if not policy.may_view_portfolio_dashboard(request.user):
            raise PermissionDenied(
                _("The portfolio dashboard is for PMO staff, sponsors and project managers.")
            )
        form = DashboardFilterForm(request.query_params)
        if not form.is_valid():
            raise serializers.ValidationError(form.errors)
        number, size = form.page_wanted()
        dashboard = portfolio_dashboard(
            user=request.user, filters=form.filters(), page=number, page_size=size
        )
        return Response(DashboardOutputSerializer(dashboard).data)


@extend_schema(tags=["dashboards"])
class ProjectEvmApi(APIView):
    @extend_schema(responses={200: ProjectEvmOutputSerializer, **OBJECT_READ_ERRORS})
    def get(self, request, project_id: int):
        """Every earned value metric of the project's rollup, its baseline, status date and weekly curves."""
        project = project_detail(user=request.user, project_id=project_id)
        view = project_dashboard(project=project)
        rollup = view.rollup
        return Response(
            ProjectEvmOutputSerializer(
                {
                    "project": project.pk,
                    "currency": rollup.currency if rollup else project.currency,
                    "computed": rollup is not None,
                    "stale": view.stale,
                    "status_date": rollup.status_date if rollup else None,
                    "computed_at": rollup.computed_at if rollup else None,
                    "baseline": rollup.baseline_id if rollup else None,
                    "baseline_name": (rollup.details.get("baseline_name") or "") if rollup else "",
                    "metrics": view.metrics,
                    "planned_value_curve": view.planned_value_curve,
                    "earned_value_curve": view.earned_value_curve,
                    "actual_cost_curve": view.actual_cost_curve,
                    "estimate_projection": view.estimate_projection,
                }
            ).data
        )


@extend_schema(tags=["dashboards"])
class ProjectHealthApi(APIView):
    @extend_schema(responses={200: ProjectHealthOutputSerializer, **OBJECT_READ_ERRORS})
    def get(self, request, project_id: int):
        """The project's health score and breakdown; `measured` false (and nulls) until a dimension is."""
        project = project_detail(user=request.user, project_id=project_id)
        rollup = ProjectRollup.objects.filter(project=project).first()
        health = rollup_health(rollup)
        return Response(
            ProjectHealthOutputSerializer(
                {
                    "project": project.pk,
                    "measured": health is not None and health.score is not None,
                    "score": rollup.health_score if rollup else None,
                    "band": rollup.health_band if rollup else "",
                    "breakdown": health.as_dict() if health is not None else None,
                    "computed_at": rollup.computed_at if rollup else None,
                }
            ).data
        )


@extend_schema(tags=["dashboards"])
class SnapshotListApi(ListApi):
    filterset_class = SnapshotFilter
    ordering_fields = ("week", "project")

    def get_queryset(self):
        return snapshot_list(user=self.request.user)

    @extend_schema(
        parameters=[
            OpenApiParameter("from", str, description="Weeks from this day (YYYY-MM-DD)."),
        ],
        responses={200: SnapshotOutputSerializer(many=True), **LIST_ERRORS},
    )
    def get(self, request):
        """Snapshots of the projects the user sees, oldest week first; by project, portfolio and days."""
        return self.list_response(SnapshotOutputSerializer)
