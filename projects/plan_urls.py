"""Addresses of the plan pages, included from projects.urls under <project_id>/plan/."""

from django.urls import include, path

from projects import plan_views

urlpatterns = [
    path("", plan_views.plan, name="plan"),
    path("burndown/", plan_views.burndown, name="plan_burndown"),
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
