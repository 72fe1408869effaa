"""Pages of the reports app: the portfolio dashboard and each project's dashboard."""

from django.urls import path

from reports.views import dashboard, project_dashboard

app_name = "reports"

urlpatterns = [
    path("dashboard/", dashboard.portfolio_dashboard_page, name="dashboard"),
    path(
        "projects/<int:project_id>/dashboard/",
        project_dashboard.project_dashboard_page,
        name="project_dashboard",
    ),
]
