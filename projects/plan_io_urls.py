"""Address of the plan import page, included from projects.plan_urls (under <project_id>/plan/)."""

from django.urls import path

from projects import plan_io_views

urlpatterns = [
    path("import/", plan_io_views.plan_import, name="plan_import"),
]
