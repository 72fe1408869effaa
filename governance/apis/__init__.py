"""REST endpoints of people and the PMO rulebook, one module per family; adapters only, like projects.apis:
parse, call one service or read, serialize."""

from governance.apis.audit import AuditEventListApi
from governance.apis.auth import ApiTokenDetailApi, ApiTokenListApi, LogoutApi, ObtainTokenApi
from governance.apis.methodologies import MethodologyDetailApi, MethodologyListApi
from governance.apis.people import MeApi, PmoSettingsApi, UserListApi
from governance.apis.standards import (
    ExchangeRateDetailApi,
    ExchangeRateListApi,
    HealthStandardsApi,
    ReportingCurrencyApi,
    RiskStandardsApi,
)

__all__ = [
    "ApiTokenDetailApi",
    "ApiTokenListApi",
    "AuditEventListApi",
    "ExchangeRateDetailApi",
    "ExchangeRateListApi",
    "HealthStandardsApi",
    "RiskStandardsApi",
    "LogoutApi",
    "MeApi",
    "MethodologyDetailApi",
    "MethodologyListApi",
    "ObtainTokenApi",
    "PmoSettingsApi",
    "ReportingCurrencyApi",
    "UserListApi",
]
