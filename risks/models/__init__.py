"""Models of the risks app, one module per entity family, re-exported here for Django and callers."""

from risks.models.estimates import TaskEstimate
from risks.models.issues import OPEN_ISSUE_STATUSES, Issue, IssueSeverity, IssueStatus
from risks.models.reminders import Reminder, ReminderKind
from risks.models.risks import (
    OPEN_RISK_STATUSES,
    STRATEGIES_OF_KIND,
    ResponseStrategy,
    Risk,
    RiskAction,
    RiskKind,
    RiskLevel,
    RiskStatus,
)

__all__ = [
    "OPEN_ISSUE_STATUSES",
    "OPEN_RISK_STATUSES",
    "STRATEGIES_OF_KIND",
    "Issue",
    "IssueSeverity",
    "IssueStatus",
    "Reminder",
    "ReminderKind",
    "ResponseStrategy",
    "Risk",
    "RiskAction",
    "RiskKind",
    "RiskLevel",
    "RiskStatus",
    "TaskEstimate",
]
