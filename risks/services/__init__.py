"""Writes of the risk register and the issue log, one module per entity, re-exported here."""

from risks.services.actions import action_complete, action_create, action_update
from risks.services.issues import issue_close, issue_create, issue_resolve, issue_update
from risks.services.risks import (
    project_standard_risks_add,
    risk_create,
    risk_occur,
    risk_sign_off_response,
    risk_transition,
    risk_update,
)

__all__ = [
    "action_complete",
    "action_create",
    "action_update",
    "issue_close",
    "issue_create",
    "issue_resolve",
    "issue_update",
    "project_standard_risks_add",
    "risk_create",
    "risk_occur",
    "risk_sign_off_response",
    "risk_transition",
    "risk_update",
]
