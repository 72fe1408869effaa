"""What every write of the register starts with: lock the project, ask the policy, check owners and
ratings against the PMO's standards, and save with the editor in the history and the project marked stale.
"""

from collections.abc import Iterable, Mapping

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import models
from django.utils.translation import gettext as _

from governance import policy
from governance.models import User
from governance.risk_standards import RiskStandards
from projects.models import Project, Task
from projects.selectors.projects import project_pmo_type
from projects.services.editing import lock_project
from projects.services.rollup_marks import project_mark_stale
from risks.selectors.facts import is_on_team, may_own_register_item

Errors = dict[str, list[str]]


def locked_project(project_id: int) -> Project:
    """The project row, locked until the end of the transaction (as every plan write locks it first)."""
    return lock_project(project_id)


def require_register_editor(actor: User, project: Project, *, is_escalated: bool = False) -> str:
    """PermissionDenied unless the actor may edit the project's register; returns the PMO type in force."""
    pmo_type = project_pmo_type(project)
    allowed = policy.may_edit_risk(
        actor,
        project_manager_id=project.project_manager_id,
        is_member=is_on_team(user=actor, project=project),
        pmo_type=pmo_type,
        is_escalated=is_escalated,
    )
    if not allowed:
        if is_escalated and policy.pmo_takes_escalated_risks(pmo_type):
            raise PermissionDenied(_("This risk has escalated: under a directive PMO only the PMO edits it."))
        raise PermissionDenied(_("You are not allowed to edit the risks and issues of this project."))
    return pmo_type


def add_error(errors: Errors, field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def check_owner(errors: Errors, *, project: Project, owner: User | None, field: str = "owner") -> None:
    """An owner is the project's PM or a member of its team."""
    if owner is None:
        add_error(errors, field, _("Name an owner."))
    elif not may_own_register_item(user=owner, project=project):
        add_error(
            errors,
            field,
            _("%(person)s is not on this project: the owner must be its manager or a team member.")
            % {"person": owner.get_username()},
        )


def check_ratings(errors: Errors, standards: RiskStandards, ratings: Mapping[str, int | None]) -> None:
    """Each rating given is a whole number on the PMO's scale (None: not given, checked elsewhere)."""
    for field, value in ratings.items():
        if value is not None and not standards.on_scale(value):
            add_error(
                errors,
                field,
                _("Enter a whole number from 1 to %(size)d, the PMO's scale.")
                % {"size": standards.scale_size},
            )


def check_category(errors: Errors, standards: RiskStandards, category: str) -> None:
    """A category, when given, is one of the PMO's."""
    if category and category not in standards.categories:
        add_error(
            errors,
            "category",
            _("Choose one of the PMO's categories: %(names)s.")
            % {"names": ", ".join(standards.category_label(name) for name in standards.categories)},
        )


def check_tasks(errors: Errors, *, project: Project, tasks: Iterable[Task]) -> list[Task]:
    """Linked tasks belong to the project's own plan."""
    tasks = list(tasks)
    if any(task.project_id != project.pk for task in tasks):
        add_error(errors, "linked_tasks", _("Link only tasks of this project's plan."))
    return tasks


def save_checked(instance: models.Model, *, actor: User | None, errors: Errors) -> None:
    """Validate fully, report the service's and the model's errors together, then save with the actor
    in the history. Nothing is saved when anything is wrong."""
    try:
        instance.full_clean()
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            for message in messages:
                if message not in errors.get(field, []):
                    add_error(errors, field, message)
    if errors:
        # A constraint the fields already explain needs no second, general message.
        if NON_FIELD_ERRORS in errors and len(errors) > 1:
            errors.pop(NON_FIELD_ERRORS)
        raise ValidationError(errors)
    instance._history_user = actor
    instance.save()


def save_and_mark_stale(instance: models.Model, *, actor: User, project: Project, errors: Errors):
    """save_checked, then the project's rollup marked stale (in the same transaction); returns the row."""
    save_checked(instance, actor=actor, errors=errors)
    mark_stale(project)
    return instance


def mark_stale(project: Project) -> None:
    """Risks and issues feed the project's health: its figures are stale from this write on."""
    project_mark_stale(project_ids=[project.pk])
