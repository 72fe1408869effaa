"""Addresses of the projects API, included under /api/ in the "api" namespace."""

from django.urls import include, path

from projects import apis

urlpatterns = [
    path("portfolios/", apis.PortfolioListApi.as_view(), name="portfolio-list"),
    path("portfolios/<int:pk>/", apis.PortfolioDetailApi.as_view(), name="portfolio-detail"),
    path("programs/", apis.ProgramListApi.as_view(), name="program-list"),
    path("programs/<int:pk>/", apis.ProgramDetailApi.as_view(), name="program-detail"),
    path("projects/", apis.ProjectListApi.as_view(), name="project-list"),
    path("projects/<int:pk>/", apis.ProjectDetailApi.as_view(), name="project-detail"),
    path("projects/<int:pk>/history/", apis.ProjectHistoryApi.as_view(), name="project-history"),
    path("memberships/", apis.MembershipListApi.as_view(), name="membership-list"),
    path("memberships/<int:pk>/", apis.MembershipDetailApi.as_view(), name="membership-detail"),
    path("schedule/", apis.ScheduleApi.as_view(), name="schedule"),
    path("", include("projects.plan_api_urls")),
]
