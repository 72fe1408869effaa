"""The policy questions other apps ask of the PMO rulebook.

Pure functions over plain facts: the person's roles (the flags a `Person` carries), who manages the
object, and which PMO type applies. They read no database, so governance needs to know nothing of
the apps that ask, and a caller decides once per request what the facts are
(governance.selectors reads the installation's PMO type).
"""

from typing import Protocol

from governance.pmo_types import PmoType


class Person(Protocol):
    """What the policy reads of a person: sign-in state, id and role flags (a User or AnonymousUser).

    The role flags are read only when the person is signed in.
    """

    pk: int | None
    is_authenticated: bool
    is_superuser: bool
    is_pmo_staff: bool
    is_project_manager: bool
    is_sponsor: bool


def effective_pmo_type(*, portfolio_override: str, installation_type: str) -> str:
    """A portfolio's own PMO type when it overrides the installation's, else the installation's."""
    return portfolio_override or installation_type


def sees_every_project(user: Person) -> bool:
    """Admins and PMO staff see the whole portfolio, whatever the PMO type."""
    return bool(user.is_authenticated and (user.is_superuser or user.is_pmo_staff))


def pmo_staff_may_edit_projects(pmo_type: str) -> bool:
    """Only a directive PMO manages projects directly; the others advise or approve."""
    return pmo_type == PmoType.DIRECTIVE


def may_edit_project(user: Person, *, project_manager_id: int | None, pmo_type: str) -> bool:
    """Admins, the project's own PM, and PMO staff under a directive PMO edit a project."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if project_manager_id is not None and project_manager_id == user.pk:
        return True
    return user.is_pmo_staff and pmo_staff_may_edit_projects(pmo_type)


def may_create_project(user: Person, *, pmo_type: str) -> bool:
    """Admins, project managers, and PMO staff under a directive PMO start projects."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.is_project_manager:
        return True
    return user.is_pmo_staff and pmo_staff_may_edit_projects(pmo_type)


def may_assign_project_manager(user: Person, *, pmo_type: str) -> bool:
    """Naming someone else as PM is the admin's or, under a directive PMO, the PMO's call."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or (user.is_pmo_staff and pmo_staff_may_edit_projects(pmo_type))


def may_delete_project(user: Person) -> bool:
    """Only an admin deletes a project: its history is the PMO's record, so others close or cancel it."""
    return bool(user.is_authenticated and user.is_superuser)


def may_manage_portfolios(user: Person) -> bool:
    """Portfolios and programs structure the organisation: admins and PMO staff keep them."""
    return bool(user.is_authenticated and (user.is_superuser or user.is_pmo_staff))


def may_configure_pmo(user: Person) -> bool:
    """Only an admin sets the PMO type and the other installation settings."""
    return bool(user.is_authenticated and user.is_superuser)


def may_view_pmo_settings(user: Person) -> bool:
    """Admins and PMO staff see the installation's PMO settings page; only admins change them."""
    return bool(user.is_authenticated and (user.is_superuser or user.is_pmo_staff))


def may_keep_exchange_rates(user: Person) -> bool:
    """Admins and PMO staff set the reporting currency and keep exchange rates; all signed in read them."""
    return bool(user.is_authenticated and (user.is_superuser or user.is_pmo_staff))


def may_read_audit_log(user: Person) -> bool:
    """Only an admin reads the audit log: it names people, their addresses and what they were refused."""
    return bool(user.is_authenticated and user.is_superuser)


def phase_change_needs_pmo_approval(pmo_type: str) -> bool:
    """Controlling and directive PMOs gate phase changes; a supportive PMO only records reviews."""
    return pmo_type in (PmoType.CONTROLLING, PmoType.DIRECTIVE)


def may_record_lesson(user: Person, *, project_manager_id: int | None, pmo_type: str) -> bool:
    """Lessons are recorded by those who may edit the project: its PM, admins, a directive PMO's staff."""
    return may_edit_project(user, project_manager_id=project_manager_id, pmo_type=pmo_type)


def may_comment_on_project(user: Person, *, is_member: bool, project_manager_id: int | None) -> bool:
    """PMO staff and admins comment on any project they see, under every PMO type; its PM and team too."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.is_pmo_staff:
        return True
    return is_member or (project_manager_id is not None and project_manager_id == user.pk)


def methodology_required(pmo_type: str) -> bool:
    """Controlling and directive PMOs mandate a methodology for every new project; supportive offers one."""
    return pmo_type in (PmoType.CONTROLLING, PmoType.DIRECTIVE)


def may_edit_methodologies(user: Person) -> bool:
    """Methodologies are the PMO's standards: PMO staff and admins write them, everyone signed in reads."""
    return bool(user.is_authenticated and (user.is_superuser or user.is_pmo_staff))


def may_configure_change_authority(user: Person) -> bool:
    """Only an admin sets the change authority tiers; PMO staff read them."""
    return bool(user.is_authenticated and user.is_superuser)


def may_write_status_report(user: Person, *, project_manager_id: int | None, pmo_type: str) -> bool:
    """Status reports are written by the project's PM and whoever may edit the project: admins and,
    under a directive PMO, PMO staff (DOMAIN.md: "required; PMO may write them")."""
    return may_edit_project(user, project_manager_id=project_manager_id, pmo_type=pmo_type)


def may_raise_change(user: Person, *, project_manager_id: int | None, pmo_type: str) -> bool:
    """Whoever may edit the project raises, edits, submits and withdraws its change requests."""
    return may_edit_project(user, project_manager_id=project_manager_id, pmo_type=pmo_type)


def may_decide_change_step(
    user: Person, *, role: str, project_manager_id: int | None, sponsor_id: int | None
) -> bool:
    """A PM step is the project's PM's, a PMO step any PMO staff's, a sponsor step the project's sponsor's."""
    if not user.is_authenticated or user.pk is None:
        return False
    if role == "pm":
        return project_manager_id is not None and user.pk == project_manager_id
    if role == "pmo":
        return bool(user.is_pmo_staff)
    if role == "sponsor":
        return sponsor_id is not None and user.pk == sponsor_id
    return False


def gate_review_is_advisory(pmo_type: str) -> bool:
    """Under a supportive PMO a gate review advises: it is recorded, and the PM may move on anyway."""
    return pmo_type == PmoType.SUPPORTIVE


def may_request_gate_review(user: Person, *, project_manager_id: int | None) -> bool:
    """The project's PM (or an admin) asks for a gate review, under every PMO type."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or (project_manager_id is not None and project_manager_id == user.pk)


def may_decide_gate(user: Person, *, pmo_type: str, reviewers: list[str], is_sponsor: bool) -> bool:
    """PMO staff and admins decide every gate; the sponsor too where the gate names the sponsor.

    Under a supportive PMO the decision only advises, but the same people give it.
    """
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.is_pmo_staff:
        return True
    return is_sponsor and "sponsor" in reviewers


def may_move_phase(user: Person, *, pmo_type: str, project_manager_id: int | None) -> bool:
    """Who moves a project to its next phase: its PM or an admin, except under a directive PMO,
    where PMO staff (and admins) move it; whether the gate is passed is phase_move_needs_gate."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if pmo_type == PmoType.DIRECTIVE:
        return user.is_pmo_staff
    return project_manager_id is not None and project_manager_id == user.pk


def phase_move_needs_gate(pmo_type: str, *, phase_has_gate: bool) -> bool:
    """A gated phase is left only through an approved review, except under a supportive PMO."""
    return phase_has_gate and phase_change_needs_pmo_approval(pmo_type)


def gate_approval_moves_phase(pmo_type: str) -> bool:
    """A directive PMO decides and moves the project itself: its approval moves the phase at once."""
    return pmo_type == PmoType.DIRECTIVE


def may_accept_deliverable(user: Person, *, pmo_type: str, project_manager_id: int | None) -> bool:
    """PMO staff and admins accept (or return) a deliverable; under a supportive PMO the PM may too."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.is_pmo_staff:
        return True
    is_manager = project_manager_id is not None and project_manager_id == user.pk
    return is_manager and pmo_type == PmoType.SUPPORTIVE


def may_grant_waiver(user: Person) -> bool:
    """Waivers are the PMO's to grant, under every PMO type (admins too)."""
    return bool(user.is_authenticated and (user.is_superuser or user.is_pmo_staff))


def may_mark_follow_up(user: Person, *, owner_id: int, project_manager_id: int | None) -> bool:
    """A follow-up item is marked done by its owner, the project's PM, PMO staff or an admin."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.is_pmo_staff:
        return True
    return user.pk in (owner_id, project_manager_id)


def may_view_compliance_overview(user: Person) -> bool:
    """The compliance view across projects is the PMO's: PMO staff and admins."""
    return bool(user.is_authenticated and (user.is_superuser or user.is_pmo_staff))


def may_view_pmo_performance(user: Person) -> bool:
    """The PMO's own performance (delivery, budget and averages by quarter): PMO staff and admins."""
    return bool(user.is_authenticated and (user.is_superuser or user.is_pmo_staff))


def may_view_portfolio_dashboard(user: Person) -> bool:
    """PMO staff, admins and sponsors read the portfolio dashboard; PMs too, over their own projects.

    What each sees is the project list's visibility; team members have their tasks instead.
    """
    if not user.is_authenticated:
        return False
    return bool(user.is_superuser or user.is_pmo_staff or user.is_project_manager or user.is_sponsor)


def pmo_takes_escalated_risks(pmo_type: str) -> bool:
    """A directive PMO owns the risks that escalate (DOMAIN.md: "PMO owns them")."""
    return pmo_type == PmoType.DIRECTIVE


def risk_response_needs_sign_off(pmo_type: str) -> bool:
    """Under a controlling PMO an escalated risk's response plan counts only once the PMO signs it off."""
    return pmo_type == PmoType.CONTROLLING


def may_sign_off_risk_response(user: Person) -> bool:
    """PMO staff and admins sign off the response plans of escalated risks."""
    return bool(user.is_authenticated and (user.is_superuser or user.is_pmo_staff))


def may_edit_risk(
    user: Person,
    *,
    project_manager_id: int | None,
    is_member: bool,
    pmo_type: str,
    is_escalated: bool = False,
) -> bool:
    """Who raises and edits a project's risks, issues and their actions: its PM and team, admins, and PMO
    staff under a directive PMO; an escalated risk under a directive PMO is the PMO's alone (its staff and
    admins), since that PMO owns it."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if is_escalated and pmo_takes_escalated_risks(pmo_type):
        return bool(user.is_pmo_staff)
    if user.is_pmo_staff and pmo_staff_may_edit_projects(pmo_type):
        return True
    return is_member or (project_manager_id is not None and project_manager_id == user.pk)


def may_view_portfolio_risks(user: Person) -> bool:
    """The risk pages across projects (the PMO's queue, the portfolio view): PMO staff and admins over
    every project, sponsors and PMs over their own; team members keep to their project's register."""
    if not user.is_authenticated:
        return False
    return bool(user.is_superuser or user.is_pmo_staff or user.is_project_manager or user.is_sponsor)
