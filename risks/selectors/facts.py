"""The plain facts the risk policy is asked with: is a person on the project, which PMO type governs it."""

from governance.models import User
from projects.models import Project, ProjectMembership


def is_on_team(*, user: User, project: Project) -> bool:
    """Whether the user is a member of the project's team (its PM is not, unless also a member)."""
    if user.pk is None:
        return False
    return ProjectMembership.objects.filter(project_id=project.pk, user_id=user.pk).exists()


def may_own_register_item(*, user: User, project: Project) -> bool:
    """Whether the user may own a risk, a response action or an issue of the project: its PM or a
    member of its team, and active."""
    if user.pk is None or not user.is_active:
        return False
    return user.pk == project.project_manager_id or is_on_team(user=user, project=project)
