"""Models of the PMO rulebook, one module per entity family, re-exported here for Django and callers."""

from governance.models.audit import AuditEvent, AuditKind, AuditOutcome
from governance.models.change_authority import ChangeAuthorityTier
from governance.models.exchange_rates import ExchangeRate
from governance.models.methodologies import Methodology, MethodologyPhase, MethodologyVersion
from governance.models.pmo_settings import PmoSettings
from governance.models.tokens import ApiToken
from governance.models.users import Role, User
from governance.pmo_types import PmoType
from governance.standards import DeliverableKind, GateReviewer, ReportCadence

__all__ = [
    "ApiToken",
    "AuditEvent",
    "AuditKind",
    "AuditOutcome",
    "ChangeAuthorityTier",
    "DeliverableKind",
    "ExchangeRate",
    "GateReviewer",
    "Methodology",
    "MethodologyPhase",
    "MethodologyVersion",
    "PmoSettings",
    "PmoType",
    "ReportCadence",
    "Role",
    "User",
]
