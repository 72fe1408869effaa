"""Reads of portfolios and programs: which a user may see, and where they may start projects."""

from django.db.models import Exists, OuterRef, QuerySet

from governance import policy
from governance.selectors import installation_pmo_type
from projects.models import Portfolio, Program, Project
from projects.selectors.projects import Viewer, project_visibility_filter


def portfolio_list(*, user: Viewer) -> QuerySet[Portfolio]:
    """Portfolios the user may see: all for PMO staff and admins, else those holding a visible project."""
    portfolios = Portfolio.objects.order_by("name")
    if policy.sees_every_project(user):
        return portfolios
    visible_projects = Project.objects.filter(project_visibility_filter(user), portfolio=OuterRef("pk"))
    return portfolios.filter(Exists(visible_projects))


def program_list(*, user: Viewer) -> QuerySet[Program]:
    """Programs the user may see, on the same rule as portfolios."""
    programs = Program.objects.select_related("portfolio").order_by("name")
    if policy.sees_every_project(user):
        return programs
    visible_projects = Project.objects.filter(project_visibility_filter(user), program=OuterRef("pk"))
    return programs.filter(Exists(visible_projects))


def _portfolio_ids_open_for_projects(user: Viewer, *, installation_type: str) -> list[int]:
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


def portfolios_open_for_projects(*, user: Viewer, include: Portfolio | None = None) -> QuerySet[Portfolio]:
    """Portfolios where the user may start (or move) a project under the PMO type that governs each."""
    usable_ids = _portfolio_ids_open_for_projects(user, installation_type=installation_pmo_type())
    if include is not None:
        usable_ids.append(include.pk)
    return Portfolio.objects.filter(pk__in=usable_ids).order_by("name")


def user_may_start_projects(*, user: Viewer) -> bool:
    """Whether the user may start projects under the installation's PMO type or in some portfolio's own."""
    installation_type = installation_pmo_type()
    return policy.may_create_project(user, pmo_type=installation_type) or bool(
        _portfolio_ids_open_for_projects(user, installation_type=installation_type)
    )
