"""Addresses of the reports API, included under /api/ in the "api" namespace."""

from django.urls import path

from reports.apis import dashboard, performance

urlpatterns = [
    path("dashboard/", dashboard.DashboardApi.as_view(), name="dashboard"),
    path("projects/<int:project_id>/evm/", dashboard.ProjectEvmApi.as_view(), name="project-evm"),
    path("projects/<int:project_id>/health/", dashboard.ProjectHealthApi.as_view(), name="project-health"),
    path("snapshots/", dashboard.SnapshotListApi.as_view(), name="snapshot-list"),
    path("pmo-performance/", performance.PmoPerformanceApi.as_view(), name="pmo-performance"),
]
