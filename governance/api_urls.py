"""Addresses of the governance API, included under /api/ in the "api" namespace."""

from django.urls import path

from governance import apis

urlpatterns = [
    path("auth/token/", apis.ObtainTokenApi.as_view(), name="token"),
    path("users/", apis.UserListApi.as_view(), name="user-list"),
    path("me/", apis.MeApi.as_view(), name="me"),
    path("pmo-settings/", apis.PmoSettingsApi.as_view(), name="pmo-settings"),
    path("audit-events/", apis.AuditEventListApi.as_view(), name="audit-event-list"),
]
