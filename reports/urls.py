"""Pages of the reports app: the dashboards, the roadmap and the PMO's own performance."""

from django.urls import path

from reports.views import dashboard, performance, project_dashboard, roadmap

app_name = "reports"

urlpatterns = [
    path("dashboard/", dashboard.portfolio_dashboard_page, name="dashboard"),
    path(
        "projects/<int:project_id>/dashboard/",
        project_dashboard.project_dashboard_page,
        name="project_dashboard",
    ),
    path("roadmap/", roadmap.roadmap_page, name="roadmap"),
    path("pmo/performance/", performance.pmo_performance_page, name="pmo-performance"),
]
