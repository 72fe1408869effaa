from django.urls import path

from reports.apis import performance

urlpatterns = [
    path("pmo-performance/", performance.PmoPerformanceApi.as_view(), name="pmo-performance"),
]
