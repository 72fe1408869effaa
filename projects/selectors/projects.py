"""Reads of projects that depend on who is asking, and the PMO type that governs each."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Q, QuerySet

from governance import policy
from governance.models import User
from governance.selectors import installation_pmo_type
from projects.models import Project, ProjectMembership

Viewer = User | AnonymousUser


def _membership_of(user: Viewer) -> Exists:
    return Exists(ProjectMembership.objects.filter(project=OuterRef("pk"), user_id=user.pk))


def project_visibility_filter(user: Viewer) -> Q:
    """The rows a user may see: PMO staff and admins all, others what they manage, sponsor or join."""
    if policy.sees_every_project(user):
        return Q()
    if not user.is_authenticated:
        return Q(pk__in=[])
    return Q(project_manager_id=user.pk) | Q(sponsor_id=user.pk) | Q(_membership_of(user))


def project_list(*, user: Viewer) -> QuerySet[Project]:
    """Projects the user may see, with what a list shows already joined."""
    return (
        Project.objects.filter(project_visibility_filter(user))
        .select_related(
            "portfolio", "program", "project_manager", "sponsor", "methodology_version__methodology"
        )
        .order_by("code")
    )


def project_detail(*, user: Viewer, project_id: int) -> Project:
    """One visible project; Project.DoesNotExist when it is unknown or hidden from the user."""
    return project_list(user=user).get(pk=project_id)


def project_is_visible(*, user: Viewer, project_id: int) -> bool:
    """Whether the user may see the project, in one query that loads nothing."""
    return Project.objects.filter(project_visibility_filter(user), pk=project_id).exists()


def project_editable_ids(*, user: Viewer, projects) -> set[int]:
    """Ids of the given projects the user may edit, decided by the PMO policy without more queries."""
    installation_type = installation_pmo_type()
    return {
        project.pk
        for project in projects
        if policy.may_edit_project(
            user,
            project_manager_id=project.project_manager_id,
            pmo_type=policy.effective_pmo_type(
                portfolio_override=project.portfolio.pmo_type_override,
                installation_type=installation_type,
            ),
        )
    }


def project_pmo_type(project: Project) -> str:
    """The PMO type that governs a project: its portfolio's override or the installation's."""
    return policy.effective_pmo_type(
        portfolio_override=project.portfolio.pmo_type_override,
        installation_type=installation_pmo_type(),
    )


def user_may_edit_project(*, user: Viewer, project: Project) -> bool:
    """Whether the user may edit the project, under the PMO type that governs it."""
    return policy.may_edit_project(
        user, project_manager_id=project.project_manager_id, pmo_type=project_pmo_type(project)
    )
