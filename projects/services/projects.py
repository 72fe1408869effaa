"""Writes of projects: create, change and delete, with the PMO's rules on who may and who manages."""

from datetime import date
from decimal import Decimal
from typing import TypedDict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.dispatch import Signal
from django.utils.translation import gettext as _

from governance import policy
from governance.models import Methodology, MethodologyVersion, User
from governance.selectors import pmo_settings
from governance.services import methodology_published_version
from projects.models import Portfolio, Program, Project
from projects.selectors.projects import project_pmo_type, user_may_edit_project
from projects.services.rollup_marks import project_mark_stale
from projects.services.saving import refuse_unknown_fields, save_validated

# Sent after the commit of project_create with `project_id`, so that the apps above projects (the risk
# register starts from the methodology's standard risks) set up what a new project begins with.
project_created = Signal()


class ProjectChanges(TypedDict, total=False):
    """The fields of a project an editor may change; a change names only the fields that change."""

    code: str
    name: str
    description: str
    portfolio: Portfolio
    program: Program | None
    department: str
    sponsor: User | None
    project_manager: User
    status: str
    priority: str
    start_date: date | None
    finish_date: date | None
    budget: Decimal
    currency: str
    objectives: str
    scope_in: str
    scope_out: str
    success_criteria: str
    assumptions: str
    constraints: str
    milestones: str


PROJECT_EDITABLE_FIELDS = tuple(ProjectChanges.__annotations__)


def _check_project_manager_choice(
    *, actor: User, project_manager: User | None, current_manager_id: int | None, pmo_type: str
) -> None:
    if project_manager is not None and not project_manager.is_active:
        raise ValidationError({"project_manager": _("The project manager must be an active user.")})
    naming_someone_else = project_manager is not None and project_manager.pk != actor.pk
    changing = project_manager is not None and project_manager.pk != current_manager_id
    if changing and naming_someone_else and not policy.may_assign_project_manager(actor, pmo_type=pmo_type):
        raise ValidationError(
            {
                "project_manager": _(
                    "You may only name yourself as project manager; an admin or a directive PMO "
                    "assigns other project managers."
                )
            }
        )


def _methodology_version_for(*, methodology: Methodology | None, pmo_type: str) -> MethodologyVersion | None:
    """The version a new project follows: the chosen methodology's newest published one.

    None when no methodology was chosen, which only a supportive PMO allows.
    """
    if methodology is None:
        if policy.methodology_required(pmo_type):
            raise ValidationError(
                {
                    "methodology": _(
                        "Under a controlling or directive PMO every project follows a methodology: "
                        "choose one."
                    )
                }
            )
        return None
    if not methodology.is_active:
        raise ValidationError(
            {
                "methodology": _("The methodology “%(name)s” is retired: choose another.")
                % {"name": methodology.name}
            }
        )
    version = methodology_published_version(methodology)
    if version is None:
        raise ValidationError(
            {
                "methodology": _("The methodology “%(name)s” has no published version yet: choose another.")
                % {"name": methodology.name}
            }
        )
    return version


def _save_project(project: Project, *, actor: User) -> Project:
    saved = save_validated(
        project,
        actor=actor,
        duplicate_field="code",
        duplicate_message=_("A project with this code already exists."),
    )
    # Budget, dates, status and the PM all feed the dashboards.
    project_mark_stale(project_ids=[saved.pk])
    return saved


@transaction.atomic
def project_create(
    *,
    actor: User,
    code: str,
    name: str,
    portfolio: Portfolio,
    project_manager: User | None = None,
    program: Program | None = None,
    description: str = "",
    department: str = "",
    sponsor: User | None = None,
    phase: str = "",
    status: str = "",
    priority: str = "",
    start_date: date | None = None,
    finish_date: date | None = None,
    budget: Decimal = Decimal("0"),
    currency: str = "",
    objectives: str = "",
    scope_in: str = "",
    scope_out: str = "",
    success_criteria: str = "",
    assumptions: str = "",
    constraints: str = "",
    milestones: str = "",
    methodology: Methodology | None = None,
) -> Project:
    """Create a project the actor may create; the actor manages it unless they may assign a PM.

    Without a currency the project takes the installation's default currency. The project follows the
    newest published version of `methodology`, which controlling and directive PMOs require.
    """
    settings_row = pmo_settings()
    pmo_type = policy.effective_pmo_type(
        portfolio_override=portfolio.pmo_type_override, installation_type=settings_row.pmo_type
    )
    if not policy.may_create_project(actor, pmo_type=pmo_type):
        raise PermissionDenied(_("You are not allowed to create projects in this portfolio."))
    project_manager = project_manager or actor
    _check_project_manager_choice(
        actor=actor, project_manager=project_manager, current_manager_id=None, pmo_type=pmo_type
    )
    methodology_version = _methodology_version_for(methodology=methodology, pmo_type=pmo_type)
    project = Project(
        code=code,
        name=name,
        portfolio=portfolio,
        program=program,
        description=description,
        department=department,
        sponsor=sponsor,
        project_manager=project_manager,
        start_date=start_date,
        finish_date=finish_date,
        budget=budget,
        objectives=objectives,
        scope_in=scope_in,
        scope_out=scope_out,
        success_criteria=success_criteria,
        assumptions=assumptions,
        constraints=constraints,
        milestones=milestones,
        methodology_version=methodology_version,
        currency=currency or settings_row.default_currency,
    )
    # Empty choices fall back to the model defaults rather than failing validation.
    for field_name, value in (("phase", phase), ("status", status), ("priority", priority)):
        if value:
            setattr(project, field_name, value)
    saved = _save_project(project, actor=actor)
    project_id = saved.pk
    transaction.on_commit(
        lambda: project_created.send_robust(sender=Project, project_id=project_id), robust=True
    )
    return saved


@transaction.atomic
def project_update(*, actor: User, project: Project, changes: ProjectChanges) -> Project:
    """Apply the given field changes to a project the actor may edit; nothing is saved on error.

    The phase is not among them: it moves only through its gate (projects.services.gates).
    """
    if "phase" in changes:
        raise ValidationError(
            {"phase": _("The phase moves only through its gate: use the phase move of the project.")}
        )
    refuse_unknown_fields(changes, PROJECT_EDITABLE_FIELDS)
    project = Project.objects.select_for_update().select_related("portfolio").get(pk=project.pk)
    if not user_may_edit_project(user=actor, project=project):
        raise PermissionDenied(_("You are not allowed to edit this project."))
    if "project_manager" in changes:
        _check_project_manager_choice(
            actor=actor,
            project_manager=changes["project_manager"],
            current_manager_id=project.project_manager_id,
            pmo_type=project_pmo_type(project),
        )
    if "portfolio" in changes and changes["portfolio"] != project.portfolio:
        new_type = policy.effective_pmo_type(
            portfolio_override=changes["portfolio"].pmo_type_override,
            installation_type=pmo_settings().pmo_type,
        )
        if not policy.may_create_project(actor, pmo_type=new_type):
            raise PermissionDenied(_("You are not allowed to move projects into that portfolio."))
    for field_name, value in changes.items():
        setattr(project, field_name, value)
    return _save_project(project, actor=actor)


@transaction.atomic
def project_delete(*, actor: User, project: Project) -> None:
    """Delete a project; only admins may, because a project's history is the PMO's record."""
    if not policy.may_delete_project(actor):
        raise PermissionDenied(_("Only an admin may delete a project; close or cancel it instead."))
    project.delete()
