"""Reads of project teams: the memberships a user may see, and who a task may be assigned to."""

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from projects.models import Project, ProjectMembership
from projects.selectors.projects import Viewer, project_visibility_filter


def membership_list(*, user: Viewer) -> QuerySet[ProjectMembership]:
    """Memberships of the projects the user may see."""
    visible = Project.objects.filter(project_visibility_filter(user))
    return (
        ProjectMembership.objects.filter(project__in=visible)
        .select_related("project", "user")
        .order_by("project__code", "user__username")
    )


def assignee_candidates(*, project: Project) -> QuerySet:
    """The people a task of the project may be assigned to: its project manager and its members."""
    return (
        get_user_model()
        .objects.filter(Q(pk=project.project_manager_id) | Q(project_memberships__project=project))
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def may_be_assigned(*, project: Project, user) -> bool:
    """Whether a task of the project may be given to the user: its project manager or one of its members."""
    if user.pk == project.project_manager_id:
        return True
    return ProjectMembership.objects.filter(project=project, user=user).exists()
