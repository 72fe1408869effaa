from django.urls import path

from reports.views import performance

app_name = "reports"

urlpatterns = [
    path("pmo/performance/", performance.pmo_performance_page, name="pmo-performance"),
]
