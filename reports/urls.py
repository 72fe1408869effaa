"""Addresses of the reports pages, included at the site's root in the "reports" namespace."""

from django.urls import path

from reports.views import roadmap

app_name = "reports"

urlpatterns = [
    path("roadmap/", roadmap.roadmap_page, name="roadmap"),
]
