"""Addresses of the governance API, included under /api/ in the "api" namespace."""

from django.urls import path

from governance import apis

urlpatterns = [
    path("auth/token/", apis.ObtainTokenApi.as_view(), name="token"),
    path("auth/tokens/", apis.ApiTokenListApi.as_view(), name="api-token-list"),
    path("auth/tokens/<int:pk>/", apis.ApiTokenDetailApi.as_view(), name="api-token-detail"),
    path("auth/logout/", apis.LogoutApi.as_view(), name="logout"),
    path("users/", apis.UserListApi.as_view(), name="user-list"),
    path("me/", apis.MeApi.as_view(), name="me"),
    path("pmo-settings/", apis.PmoSettingsApi.as_view(), name="pmo-settings"),
    path("pmo/health-standards/", apis.HealthStandardsApi.as_view(), name="health-standards"),
    path("pmo/risk-standards/", apis.RiskStandardsApi.as_view(), name="risk-standards"),
    path("pmo/reporting-currency/", apis.ReportingCurrencyApi.as_view(), name="reporting-currency"),
    path("exchange-rates/", apis.ExchangeRateListApi.as_view(), name="exchange-rate-list"),
    path("exchange-rates/<int:pk>/", apis.ExchangeRateDetailApi.as_view(), name="exchange-rate-detail"),
    path("methodologies/", apis.MethodologyListApi.as_view(), name="methodology-list"),
    path("methodologies/<int:pk>/", apis.MethodologyDetailApi.as_view(), name="methodology-detail"),
    path("audit-events/", apis.AuditEventListApi.as_view(), name="audit-event-list"),
]
