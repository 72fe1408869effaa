"""Writes of risk response actions: add, change, mark done. Each is an open risk's, owned by someone on the
project, due on a date; whoever may edit the risk writes its actions (policy.may_edit_risk)."""

import datetime
from typing import TypedDict

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.models import User
from projects.models import Project
from risks.models import Risk, RiskAction
from risks.services.rules import (
    Errors,
    add_error,
    check_owner,
    locked_project,
    require_register_editor,
    save_and_mark_stale,
)


class ActionChanges(TypedDict, total=False):
    description: str
    owner: User
    due_date: datetime.date


ACTION_EDITABLE_FIELDS = tuple(ActionChanges.__annotations__)


def _open_risk(project: Project, risk_id: int, errors: Errors) -> Risk:
    risk = Risk.objects.select_for_update().get(pk=risk_id)
    risk.project = project
    if not risk.is_open:
        add_error(
            errors,
            "risk",
            _("The risk is %(status)s: its response is no longer worked on.")
            % {"status": risk.get_status_display().lower()},
        )
    return risk


@transaction.atomic
def action_create(
    *, actor: User, risk: Risk, description: str, owner: User, due_date: datetime.date
) -> RiskAction:
    """Add a response action to an open risk the actor may edit; its owner is on the project."""
    project = locked_project(risk.project_id)
    errors: Errors = {}
    risk = _open_risk(project, risk.pk, errors)
    require_register_editor(actor, project, is_escalated=risk.escalated)
    check_owner(errors, project=project, owner=owner)
    action = RiskAction(risk=risk, description=description, owner=owner, due_date=due_date)
    return save_and_mark_stale(action, actor=actor, project=project, errors=errors)


def _lock(action: RiskAction, actor: User, errors: Errors) -> tuple[RiskAction, Project]:
    project = locked_project(action.risk.project_id)
    risk = _open_risk(project, action.risk_id, errors)
    require_register_editor(actor, project, is_escalated=risk.escalated)
    locked = RiskAction.objects.select_for_update().get(pk=action.pk)
    locked.risk = risk
    return locked, project


@transaction.atomic
def action_update(*, actor: User, action: RiskAction, changes: ActionChanges) -> RiskAction:
    """Change the description, owner or due date of an action of an open risk."""
    errors: Errors = {
        name: [_("This field cannot be changed.")]
        for name in sorted(set(changes) - set(ACTION_EDITABLE_FIELDS))
    }
    action, project = _lock(action, actor, errors)
    for name, value in changes.items():
        if name in ACTION_EDITABLE_FIELDS:
            setattr(action, name, value)
    if "owner" in changes:
        check_owner(errors, project=project, owner=action.owner)
    return save_and_mark_stale(action, actor=actor, project=project, errors=errors)


@transaction.atomic
def action_complete(*, actor: User, action: RiskAction) -> RiskAction:
    """Mark an action done now; an action already done keeps the time it was done."""
    errors: Errors = {}
    action, project = _lock(action, actor, errors)
    if action.done_at is None:
        action.done_at = timezone.now()
    return save_and_mark_stale(action, actor=actor, project=project, errors=errors)
