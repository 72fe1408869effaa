"""Writes of project teams: who joins a project, in which role, and who leaves."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from governance.models import User
from projects.models import Project, ProjectMembership
from projects.selectors.projects import user_may_edit_project
from projects.services.saving import save_validated


def _require_team_editor(actor: User, project: Project) -> None:
    if not user_may_edit_project(user=actor, project=project):
        raise PermissionDenied(_("You are not allowed to change the team of this project."))


@transaction.atomic
def membership_add(*, actor: User, project: Project, user: User, role: str = "") -> ProjectMembership:
    """Put a person on a project the actor may edit."""
    _require_team_editor(actor, project)
    if not user.is_active:
        raise ValidationError({"user": _("Only active users can join a project.")})
    membership = ProjectMembership(project=project, user=user)
    if role:
        membership.role = role
    return save_validated(
        membership,
        actor=actor,
        duplicate_field="user",
        duplicate_message=_("This person is already a member of the project."),
    )


@transaction.atomic
def membership_update(*, actor: User, membership: ProjectMembership, role: str) -> ProjectMembership:
    """Change a member's role on a project the actor may edit."""
    _require_team_editor(actor, membership.project)
    membership.role = role
    return save_validated(membership, actor=actor)


@transaction.atomic
def membership_remove(*, actor: User, membership: ProjectMembership) -> None:
    """Take a person off a project the actor may edit."""
    _require_team_editor(actor, membership.project)
    membership._history_user = actor
    membership.delete()
