"""Writes of the issue log: raise an issue directly, change it, resolve it, close it.

An issue from a risk is opened by risks.services.risks.risk_occur; the rest is the same for both. The
project's PM and team, admins and (under a directive PMO) PMO staff write the log (policy.may_edit_risk);
the owner is the PM or a team member. Open and in progress are set by an edit; resolving needs the
resolution; a resolved issue is closed once the fix is confirmed, and a closed one is final.
"""

import datetime
from typing import TypedDict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.models import User
from projects.models import Project
from risks.models import OPEN_ISSUE_STATUSES, Issue, IssueSeverity, IssueStatus
from risks.services.rules import (
    Errors,
    add_error,
    check_owner,
    locked_project,
    require_register_editor,
    save_and_mark_stale,
)


class IssueChanges(TypedDict, total=False):
    title: str
    description: str
    severity: str
    owner: User
    due_date: datetime.date | None
    status: str


ISSUE_EDITABLE_FIELDS = tuple(IssueChanges.__annotations__)


@transaction.atomic
def issue_create(
    *,
    actor: User,
    project: Project,
    title: str,
    description: str = "",
    severity: str = IssueSeverity.MEDIUM,
    owner: User | None = None,
    due_date: datetime.date | None = None,
) -> Issue:
    """Raise an issue directly on a project the actor may edit the log of; owned by its PM unless told."""
    project = locked_project(project.pk)
    require_register_editor(actor, project)
    issue = Issue(
        project=project,
        title=title,
        description=description,
        severity=severity,
        owner=owner or project.project_manager,
        due_date=due_date,
        raised_by=actor,
    )
    errors: Errors = {}
    check_owner(errors, project=project, owner=issue.owner)
    return save_and_mark_stale(issue, actor=actor, project=project, errors=errors)


def _lock(issue: Issue, actor: User) -> tuple[Issue, Project]:
    project = locked_project(issue.project_id)
    require_register_editor(actor, project)
    locked = Issue.objects.select_for_update().get(pk=issue.pk)
    locked.project = project
    if locked.status == IssueStatus.CLOSED:
        raise ValidationError({"status": _("This issue is closed: it is no longer changed.")})
    return locked, project


@transaction.atomic
def issue_update(*, actor: User, issue: Issue, changes: IssueChanges) -> Issue:
    """Change the fields given of an issue that is not closed; the status only between open and in
    progress (issue_resolve and issue_close do the rest)."""
    errors: Errors = {
        name: [_("This field cannot be changed.")]
        for name in sorted(set(changes) - set(ISSUE_EDITABLE_FIELDS))
    }
    issue, project = _lock(issue, actor)
    if "status" in changes and changes["status"] not in OPEN_ISSUE_STATUSES:
        add_error(
            errors, "status", _("Resolve or close the issue with its own step, saying how it was resolved.")
        )
    for name, value in changes.items():
        if name in ISSUE_EDITABLE_FIELDS and name not in errors:
            setattr(issue, name, value)
    if "owner" in changes:
        check_owner(errors, project=project, owner=issue.owner)
    return save_and_mark_stale(issue, actor=actor, project=project, errors=errors)


@transaction.atomic
def issue_resolve(*, actor: User, issue: Issue, resolution: str) -> Issue:
    """Resolve an open or in-progress issue, saying how; the time of resolution is kept."""
    issue, project = _lock(issue, actor)
    errors: Errors = {}
    if not issue.is_open:
        add_error(errors, "status", _("This issue is already resolved."))
    if not resolution.strip():
        add_error(errors, "resolution", _("Say how the issue was resolved."))
    if errors:
        raise ValidationError(errors)
    issue.status = IssueStatus.RESOLVED
    issue.resolution = resolution
    issue.resolved_at = timezone.now()
    return save_and_mark_stale(issue, actor=actor, project=project, errors=errors)


@transaction.atomic
def issue_close(*, actor: User, issue: Issue) -> Issue:
    """Close a resolved issue: the fix is confirmed and nothing more is done."""
    issue, project = _lock(issue, actor)
    if issue.status != IssueStatus.RESOLVED:
        raise ValidationError({"status": _("Only a resolved issue is closed; resolve it first.")})
    issue.status = IssueStatus.CLOSED
    return save_and_mark_stale(issue, actor=actor, project=project, errors={})
