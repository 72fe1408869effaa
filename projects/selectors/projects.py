"""Reads of projects that depend on who is asking, and the PMO type that governs each."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, F, OuterRef, Q, QuerySet

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


def project_involvement_filter(user: Viewer) -> Q:
    """The projects the user manages, sponsors or is on the team of, whatever else they may see."""
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


# The rolled-up figures of a project live in reports.ProjectRollup, one row per project whose reverse
# one-to-one accessor on Project is "rollup". They are read here by that relation's name, through the
# ORM (a LEFT JOIN), not by importing reports: projects stays below reports in the house's order, and a
# project without a rollup reads None, "not yet measured", never 0.
ROLLUP_FIGURES = {
    "progress": "rollup__percent_complete",
    "spi": "rollup__schedule_performance_index",
    "cpi": "rollup__cost_performance_index",
    "health_score": "rollup__health_score",
    "health_band": "rollup__health_band",
    "rag": "rollup__reported_rag",
}


def with_rollup_figures(projects: QuerySet[Project]) -> QuerySet[Project]:
    """The projects with their rolled-up progress, SPI, CPI, health and reported RAG annotated.

    Each is None when the project has no rollup yet; health and RAG may also be blank ("") until a
    health score or a status report exists. Both mean "not yet measured".
    """
    return projects.annotate(**{name: F(path) for name, path in ROLLUP_FIGURES.items()})


def project_list_with_figures(*, user: Viewer) -> QuerySet[Project]:
    """project_list with the rolled-up figures of each project (with_rollup_figures), in the same query."""
    return with_rollup_figures(project_list(user=user))


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
