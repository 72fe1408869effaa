"""Writes of portfolios, programs, projects and memberships: permission, validation, history."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from governance import policy
from governance.models import PmoSettings
from projects.models import Portfolio, Program, Project, ProjectMembership
from projects.selectors import project_pmo_type, user_may_edit_project

PROJECT_EDITABLE_FIELDS = (
    "code",
    "name",
    "description",
    "portfolio",
    "program",
    "department",
    "sponsor",
    "project_manager",
    "phase",
    "status",
    "priority",
    "start_date",
    "finish_date",
    "budget",
    "currency",
    "objectives",
    "scope_in",
    "scope_out",
    "success_criteria",
)


def _name_duplicate_field(error: ValidationError, field: str, message: str) -> ValidationError:
    """Move the duplicate message of a case-insensitive unique constraint onto the field people typed.

    Django reports constraints over expressions such as Lower("code") as non-field errors.
    """
    general = getattr(error, "error_dict", {}).get(NON_FIELD_ERRORS, [])
    duplicates = [item for item in general if str(message) in item.messages]
    if not duplicates:
        return error
    errors = {name: items for name, items in error.error_dict.items() if name != NON_FIELD_ERRORS}
    errors.setdefault(field, []).extend(duplicates)
    rest = [item for item in general if item not in duplicates]
    if rest:
        errors[NON_FIELD_ERRORS] = rest
    return ValidationError(errors)


def _save_validated(instance, *, actor, duplicate_field: str | None = None, duplicate_message: str = ""):
    """Validate fully, then save; a unique race that slips past validation still names the field."""
    try:
        instance.full_clean()
    except ValidationError as error:
        if not duplicate_field:
            raise
        raise _name_duplicate_field(error, duplicate_field, duplicate_message) from None
    instance._history_user = actor
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as error:
        if duplicate_field:
            raise ValidationError({duplicate_field: duplicate_message}) from error
        raise
    return instance


def _check_project_manager_choice(*, actor, project_manager, current_manager_id, pmo_type: str) -> None:
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


@transaction.atomic
def project_create(
    *,
    actor,
    code: str,
    name: str,
    portfolio: Portfolio,
    project_manager=None,
    program: Program | None = None,
    description: str = "",
    department: str = "",
    sponsor=None,
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
) -> Project:
    """Create a project the actor may create; the actor manages it unless they may assign a PM.

    Without a currency the project takes the installation's default currency.
    """
    settings_row = PmoSettings.load()
    pmo_type = policy.effective_pmo_type(
        portfolio_override=portfolio.pmo_type_override, installation_type=settings_row.pmo_type
    )
    if not policy.may_create_project(actor, pmo_type=pmo_type):
        raise PermissionDenied(_("You are not allowed to create projects in this portfolio."))
    project_manager = project_manager or actor
    _check_project_manager_choice(
        actor=actor, project_manager=project_manager, current_manager_id=None, pmo_type=pmo_type
    )
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
        currency=currency or settings_row.default_currency,
    )
    # Empty choices fall back to the model defaults rather than failing validation.
    for field_name, value in (("phase", phase), ("status", status), ("priority", priority)):
        if value:
            setattr(project, field_name, value)
    return _save_validated(
        project,
        actor=actor,
        duplicate_field="code",
        duplicate_message=_("A project with this code already exists."),
    )


@transaction.atomic
def project_update(*, actor, project: Project, data: dict[str, Any]) -> Project:
    """Apply the given field changes to a project the actor may edit; nothing is saved on error."""
    unknown = set(data) - set(PROJECT_EDITABLE_FIELDS)
    if unknown:
        raise ValidationError({name: _("This field cannot be changed.") for name in sorted(unknown)})
    project = Project.objects.select_for_update().select_related("portfolio").get(pk=project.pk)
    if not user_may_edit_project(user=actor, project=project):
        raise PermissionDenied(_("You are not allowed to edit this project."))
    if "project_manager" in data:
        _check_project_manager_choice(
            actor=actor,
            project_manager=data["project_manager"],
            current_manager_id=project.project_manager_id,
            pmo_type=project_pmo_type(project),
        )
    if "portfolio" in data and data["portfolio"] != project.portfolio:
        new_type = policy.effective_pmo_type(
            portfolio_override=data["portfolio"].pmo_type_override,
            installation_type=policy.installation_pmo_type(),
        )
        if not policy.may_create_project(actor, pmo_type=new_type):
            raise PermissionDenied(_("You are not allowed to move projects into that portfolio."))
    for field_name, value in data.items():
        setattr(project, field_name, value)
    return _save_validated(
        project,
        actor=actor,
        duplicate_field="code",
        duplicate_message=_("A project with this code already exists."),
    )


@transaction.atomic
def project_delete(*, actor, project: Project) -> None:
    """Delete a project; only admins may, because a project's history is the PMO's record."""
    if not policy.may_delete_project(actor):
        raise PermissionDenied(_("Only an admin may delete a project; close or cancel it instead."))
    project.delete()


@transaction.atomic
def membership_add(*, actor, project: Project, user, role: str = "") -> ProjectMembership:
    """Put a person on a project the actor may edit."""
    if not user_may_edit_project(user=actor, project=project):
        raise PermissionDenied(_("You are not allowed to change the team of this project."))
    if not user.is_active:
        raise ValidationError({"user": _("Only active users can join a project.")})
    membership = ProjectMembership(project=project, user=user)
    if role:
        membership.role = role
    return _save_validated(
        membership,
        actor=actor,
        duplicate_field="user",
        duplicate_message=_("This person is already a member of the project."),
    )


@transaction.atomic
def membership_update(*, actor, membership: ProjectMembership, role: str) -> ProjectMembership:
    """Change a member's role on a project the actor may edit."""
    if not user_may_edit_project(user=actor, project=membership.project):
        raise PermissionDenied(_("You are not allowed to change the team of this project."))
    membership.role = role
    return _save_validated(membership, actor=actor)


@transaction.atomic
def membership_remove(*, actor, membership: ProjectMembership) -> None:
    """Take a person off a project the actor may edit."""
    if not user_may_edit_project(user=actor, project=membership.project):
        raise PermissionDenied(_("You are not allowed to change the team of this project."))
    membership._history_user = actor
    membership.delete()


@transaction.atomic
def portfolio_create(
    *, actor, code: str, name: str, description: str = "", pmo_type_override: str = ""
) -> Portfolio:
    """Create a portfolio; admins and PMO staff keep the portfolio structure."""
    if not policy.may_manage_portfolios(actor):
        raise PermissionDenied(_("Only admins and PMO staff manage portfolios."))
    # The same rule as portfolio_update: otherwise PMO staff could give themselves a directive PMO.
    if pmo_type_override and not policy.may_configure_pmo(actor):
        raise PermissionDenied(_("Only an admin may override the PMO type of a portfolio."))
    portfolio = Portfolio(code=code, name=name, description=description, pmo_type_override=pmo_type_override)
    return _save_validated(
        portfolio,
        actor=actor,
        duplicate_field="code",
        duplicate_message=_("A portfolio with this code already exists."),
    )


@transaction.atomic
def portfolio_update(*, actor, portfolio: Portfolio, data: dict[str, Any]) -> Portfolio:
    """Change a portfolio's code, name, description or PMO type override."""
    if not policy.may_manage_portfolios(actor):
        raise PermissionDenied(_("Only admins and PMO staff manage portfolios."))
    if "pmo_type_override" in data and not policy.may_configure_pmo(actor):
        raise PermissionDenied(_("Only an admin may override the PMO type of a portfolio."))
    allowed = {"code", "name", "description", "pmo_type_override"}
    unknown = set(data) - allowed
    if unknown:
        raise ValidationError({name: _("This field cannot be changed.") for name in sorted(unknown)})
    for field_name, value in data.items():
        setattr(portfolio, field_name, value)
    return _save_validated(
        portfolio,
        actor=actor,
        duplicate_field="code",
        duplicate_message=_("A portfolio with this code already exists."),
    )


@transaction.atomic
def program_create(*, actor, portfolio: Portfolio, code: str, name: str, description: str = "") -> Program:
    """Create a program inside a portfolio."""
    if not policy.may_manage_portfolios(actor):
        raise PermissionDenied(_("Only admins and PMO staff manage programs."))
    program = Program(portfolio=portfolio, code=code, name=name, description=description)
    return _save_validated(
        program,
        actor=actor,
        duplicate_field="code",
        duplicate_message=_("A program with this code already exists."),
    )
