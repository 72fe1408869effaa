"""Addresses of the plan pages, included from projects.urls under <project_id>/plan/."""

from django.urls import include, path

from projects import plan_task_views, plan_views

urlpatterns = [
    path("", plan_views.plan, name="plan"),
    path("burndown/", plan_views.burndown, name="plan_burndown"),
    path("calendar/", plan_task_views.calendar, name="plan_calendar"),
    path("tasks/<int:task_id>/", plan_task_views.task_details, name="plan_task"),
    path("tasks/<int:task_id>/update/", plan_task_views.task_update, name="plan_task_update"),
    path("tasks/<int:task_id>/costs/add/", plan_task_views.cost_entry_add, name="plan_cost_entry_add"),
    path("tasks/add/", plan_views.task_add, name="plan_task_add"),
    path("tasks/<int:task_id>/edit/", plan_views.task_edit, name="plan_task_edit"),
    path("tasks/<int:task_id>/indent/", plan_views.task_indent, name="plan_task_indent"),
    path("tasks/<int:task_id>/outdent/", plan_views.task_outdent, name="plan_task_outdent"),
    path("tasks/<int:task_id>/delete/", plan_views.task_delete, name="plan_task_delete"),
    path("dependencies/add/", plan_views.dependency_add, name="plan_dependency_add"),
    path(
        "dependencies/<int:dependency_id>/remove/",
        plan_views.dependency_remove,
        name="plan_dependency_remove",
    ),
    path("baselines/save/", plan_views.baseline_save, name="plan_baseline_save"),
    path("", include("projects.plan_io_urls")),
]
