"""Reads of projects that depend on who is asking."""

from django.db.models import Exists, OuterRef, Q, QuerySet

from governance import policy
from projects.models import Portfolio, Program, Project, ProjectMembership


def _membership_of(user) -> Exists:
    return Exists(ProjectMembership.objects.filter(project=OuterRef("pk"), user_id=user.pk))


def project_visibility_filter(user) -> Q:
    """The rows a user may see: PMO staff and admins all, others what they manage, sponsor or join."""
    if policy.sees_every_project(user):
        return Q()
    if not user.is_authenticated:
        return Q(pk__in=[])
    return Q(project_manager_id=user.pk) | Q(sponsor_id=user.pk) | Q(_membership_of(user))


def project_list(*, user) -> QuerySet[Project]:
    """Projects the user may see, with what a list shows already joined."""
    return (
        Project.objects.filter(project_visibility_filter(user))
        .select_related("portfolio", "program", "project_manager", "sponsor")
        .order_by("code")
    )


def project_detail(*, user, project_id: int) -> Project:
    """One visible project; Project.DoesNotExist when it is unknown or hidden from the user."""
    return project_list(user=user).get(pk=project_id)


def project_editable_ids(*, user, projects) -> set[int]:
    """Ids of the given projects the user may edit, decided by the PMO policy without more queries."""
    installation_type = policy.installation_pmo_type()
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
        installation_type=policy.installation_pmo_type(),
    )


def user_may_edit_project(*, user, project: Project) -> bool:
    """Whether the user may edit the project, under the PMO type that governs it."""
    return policy.may_edit_project(
        user, project_manager_id=project.project_manager_id, pmo_type=project_pmo_type(project)
    )


def portfolio_list(*, user) -> QuerySet[Portfolio]:
    """Portfolios the user may see: all for PMO staff and admins, else those holding a visible project."""
    portfolios = Portfolio.objects.order_by("name")
    if policy.sees_every_project(user):
        return portfolios
    visible_projects = Project.objects.filter(project_visibility_filter(user), portfolio=OuterRef("pk"))
    return portfolios.filter(Exists(visible_projects))


def program_list(*, user) -> QuerySet[Program]:
    """Programs the user may see, on the same rule as portfolios."""
    programs = Program.objects.select_related("portfolio").order_by("name")
    if policy.sees_every_project(user):
        return programs
    visible_projects = Project.objects.filter(project_visibility_filter(user), program=OuterRef("pk"))
    return programs.filter(Exists(visible_projects))


def membership_list(*, user) -> QuerySet[ProjectMembership]:
    """Memberships of the projects the user may see."""
    visible = Project.objects.filter(project_visibility_filter(user))
    return (
        ProjectMembership.objects.filter(project__in=visible)
        .select_related("project", "user")
        .order_by("project__code", "user__username")
    )


def _portfolio_ids_open_for_projects(user, *, installation_type: str) -> list[int]:
    return [
        portfolio.pk
        for portfolio in Portfolio.objects.only("pk", "pmo_type_override")
        if policy.may_create_project(
            user,
            pmo_type=policy.effective_pmo_type(
                portfolio_override=portfolio.pmo_type_override, installation_type=installation_type
            ),
        )
    ]


def portfolios_open_for_projects(*, user, include: Portfolio | None = None) -> QuerySet[Portfolio]:
    """Portfolios where the user may start (or move) a project under the PMO type that governs each."""
    usable_ids = _portfolio_ids_open_for_projects(user, installation_type=policy.installation_pmo_type())
    if include is not None:
        usable_ids.append(include.pk)
    return Portfolio.objects.filter(pk__in=usable_ids).order_by("name")


def user_may_start_projects(*, user) -> bool:
    """Whether the user may start projects under the installation's PMO type or in some portfolio's own."""
    installation_type = policy.installation_pmo_type()
    return policy.may_create_project(user, pmo_type=installation_type) or bool(
        _portfolio_ids_open_for_projects(user, installation_type=installation_type)
    )
