"""Addresses of the plan API, included from projects.api_urls (so under /api/, namespace "api")."""

from django.urls import include, path

from projects import plan_apis

urlpatterns = [
    path("projects/<int:project_id>/tasks/", plan_apis.TaskListApi.as_view(), name="task-list"),
    path("tasks/<int:pk>/", plan_apis.TaskDetailApi.as_view(), name="task-detail"),
    path("tasks/<int:pk>/indent/", plan_apis.TaskIndentApi.as_view(), name="task-indent"),
    path("tasks/<int:pk>/outdent/", plan_apis.TaskOutdentApi.as_view(), name="task-outdent"),
    path("tasks/<int:pk>/move/", plan_apis.TaskMoveApi.as_view(), name="task-move"),
    path("tasks/<int:pk>/cost-entries/", plan_apis.CostEntryListApi.as_view(), name="task-cost-entries"),
    path(
        "projects/<int:project_id>/dependencies/",
        plan_apis.DependencyListApi.as_view(),
        name="dependency-list",
    ),
    path("dependencies/<int:pk>/", plan_apis.DependencyDetailApi.as_view(), name="dependency-detail"),
    path("projects/<int:project_id>/baselines/", plan_apis.BaselineListApi.as_view(), name="baseline-list"),
    path("baselines/<int:pk>/", plan_apis.BaselineDetailApi.as_view(), name="baseline-detail"),
    path("projects/<int:project_id>/calendar/", plan_apis.CalendarApi.as_view(), name="plan-calendar"),
    path("projects/<int:project_id>/schedule/", plan_apis.PlanScheduleApi.as_view(), name="plan-schedule"),
    path("", include("projects.plan_io_api_urls")),
]
