"""The policy questions other apps ask of the PMO rulebook.

Pure functions over the user and plain facts about the object (who manages it, which PMO
type applies), so governance needs to know nothing of the apps that ask.
"""

from governance.models import PmoSettings, PmoType


def installation_pmo_type() -> str:
    """The PMO type the admin set for the whole installation."""
    return PmoSettings.load().pmo_type


def effective_pmo_type(*, portfolio_override: str, installation_type: str) -> str:
    """A portfolio's own PMO type when it overrides the installation's, else the installation's."""
    return portfolio_override or installation_type


def sees_every_project(user) -> bool:
    """Admins and PMO staff see the whole portfolio, whatever the PMO type."""
    return bool(user.is_authenticated and (user.is_superuser or user.is_pmo_staff))


def pmo_staff_may_edit_projects(pmo_type: str) -> bool:
    """Only a directive PMO manages projects directly; the others advise or approve."""
    return pmo_type == PmoType.DIRECTIVE


def may_edit_project(user, *, project_manager_id: int | None, pmo_type: str) -> bool:
    """Admins, the project's own PM, and PMO staff under a directive PMO edit a project."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if project_manager_id is not None and project_manager_id == user.id:
        return True
    return user.is_pmo_staff and pmo_staff_may_edit_projects(pmo_type)


def may_create_project(user, *, pmo_type: str) -> bool:
    """Admins, project managers, and PMO staff under a directive PMO start projects."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.is_project_manager:
        return True
    return user.is_pmo_staff and pmo_staff_may_edit_projects(pmo_type)


def may_assign_project_manager(user, *, pmo_type: str) -> bool:
    """Naming someone else as PM is the admin's or, under a directive PMO, the PMO's call."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or (user.is_pmo_staff and pmo_staff_may_edit_projects(pmo_type))


def may_delete_project(user) -> bool:
    """Only an admin deletes a project: its history is the PMO's record, so others close or cancel it."""
    return bool(user.is_authenticated and user.is_superuser)


def may_manage_portfolios(user) -> bool:
    """Portfolios and programs structure the organisation: admins and PMO staff keep them."""
    return bool(user.is_authenticated and (user.is_superuser or user.is_pmo_staff))


def may_configure_pmo(user) -> bool:
    """Only an admin sets the PMO type and the other installation settings."""
    return bool(user.is_authenticated and user.is_superuser)


def phase_change_needs_pmo_approval(pmo_type: str) -> bool:
    """Controlling and directive PMOs gate phase changes; a supportive PMO only records reviews."""
    return pmo_type in (PmoType.CONTROLLING, PmoType.DIRECTIVE)
