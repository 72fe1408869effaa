"""Addresses of plan import and export in the API, included from projects.plan_api_urls."""

from django.urls import path, re_path

from projects import plan_io_apis

urlpatterns = [
    # Not ?format=: DRF reserves that parameter for choosing its own renderer.
    re_path(
        r"^projects/(?P<project_id>[0-9]+)/plan/export\.(?P<file_format>csv|xlsx)$",
        plan_io_apis.PlanExportApi.as_view(),
        name="plan-export",
    ),
    path("projects/<int:project_id>/plan/import/", plan_io_apis.PlanImportApi.as_view(), name="plan-import"),
]
