"""The PMO rulebook's answers: who may edit, create, assign, manage and configure under each PMO type."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from governance import policy
from governance.models import PmoType

ALL_TYPES = PmoType.values


def person(user_id=10, **roles):
    """An unsaved user: the policy answers from the role flags and the id alone, without the database."""
    return get_user_model()(id=user_id, username=f"user{user_id}", **roles)


ADMIN = person(1, is_superuser=True, is_staff=True)
PMO = person(2, is_pmo_staff=True)
PM = person(3, is_project_manager=True)
OTHER_PM = person(4, is_project_manager=True)
MEMBER = person(5, is_team_member=True)
SPONSOR = person(6, is_sponsor=True)
ANONYMOUS = AnonymousUser()


@pytest.mark.parametrize("pmo_type", ALL_TYPES)
def test_admin_edits_every_project(pmo_type):
    assert policy.may_edit_project(ADMIN, project_manager_id=PM.id, pmo_type=pmo_type)


@pytest.mark.parametrize("pmo_type", ALL_TYPES)
def test_project_manager_edits_own_project_only(pmo_type):
    assert policy.may_edit_project(PM, project_manager_id=PM.id, pmo_type=pmo_type)
    assert not policy.may_edit_project(OTHER_PM, project_manager_id=PM.id, pmo_type=pmo_type)


@pytest.mark.parametrize(
    ("pmo_type", "expected"),
    [(PmoType.SUPPORTIVE, False), (PmoType.CONTROLLING, False), (PmoType.DIRECTIVE, True)],
)
def test_pmo_staff_edit_projects_only_under_a_directive_pmo(pmo_type, expected):
    assert policy.may_edit_project(PMO, project_manager_id=PM.id, pmo_type=pmo_type) is expected
    assert policy.pmo_staff_may_edit_projects(pmo_type) is expected


@pytest.mark.parametrize("user", [MEMBER, SPONSOR, ANONYMOUS], ids=["member", "sponsor", "anonymous"])
@pytest.mark.parametrize("pmo_type", ALL_TYPES)
def test_members_sponsors_and_visitors_edit_nothing(user, pmo_type):
    assert not policy.may_edit_project(user, project_manager_id=PM.id, pmo_type=pmo_type)
    assert not policy.may_create_project(user, pmo_type=pmo_type)
    assert not policy.may_assign_project_manager(user, pmo_type=pmo_type)


def test_a_project_without_manager_is_not_edited_by_someone_without_an_id():
    unsaved = person(None, is_project_manager=True)

    assert not policy.may_edit_project(unsaved, project_manager_id=None, pmo_type=PmoType.SUPPORTIVE)


@pytest.mark.parametrize(
    ("user", "pmo_type", "expected"),
    [
        (ADMIN, PmoType.SUPPORTIVE, True),
        (PM, PmoType.SUPPORTIVE, True),
        (PM, PmoType.DIRECTIVE, True),
        (PMO, PmoType.SUPPORTIVE, False),
        (PMO, PmoType.CONTROLLING, False),
        (PMO, PmoType.DIRECTIVE, True),
    ],
)
def test_who_may_create_projects(user, pmo_type, expected):
    assert policy.may_create_project(user, pmo_type=pmo_type) is expected


@pytest.mark.parametrize(
    ("user", "pmo_type", "expected"),
    [
        (ADMIN, PmoType.SUPPORTIVE, True),
        (PM, PmoType.SUPPORTIVE, False),
        (PM, PmoType.DIRECTIVE, False),
        (PMO, PmoType.SUPPORTIVE, False),
        (PMO, PmoType.CONTROLLING, False),
        (PMO, PmoType.DIRECTIVE, True),
    ],
)
def test_who_may_name_another_project_manager(user, pmo_type, expected):
    assert policy.may_assign_project_manager(user, pmo_type=pmo_type) is expected


@pytest.mark.parametrize(
    ("user", "expected"),
    [(ADMIN, True), (PMO, True), (PM, False), (MEMBER, False), (SPONSOR, False), (ANONYMOUS, False)],
)
def test_only_admins_and_pmo_staff_manage_portfolios(user, expected):
    assert policy.may_manage_portfolios(user) is expected


@pytest.mark.parametrize(
    ("user", "expected"),
    [(ADMIN, True), (PMO, False), (PM, False), (MEMBER, False), (SPONSOR, False), (ANONYMOUS, False)],
)
def test_only_admins_configure_the_pmo(user, expected):
    assert policy.may_configure_pmo(user) is expected


@pytest.mark.parametrize(
    ("user", "expected"),
    [(ADMIN, True), (PMO, True), (PM, False), (MEMBER, False), (SPONSOR, False), (ANONYMOUS, False)],
)
def test_admins_and_pmo_staff_see_the_pmo_settings(user, expected):
    assert policy.may_view_pmo_settings(user) is expected


@pytest.mark.parametrize(
    ("user", "expected"),
    [(ADMIN, True), (PMO, False), (PM, False), (MEMBER, False), (SPONSOR, False), (ANONYMOUS, False)],
)
def test_only_admins_delete_projects(user, expected):
    assert policy.may_delete_project(user) is expected


@pytest.mark.parametrize(
    ("user", "expected"),
    [(ADMIN, True), (PMO, True), (PM, False), (MEMBER, False), (SPONSOR, False), (ANONYMOUS, False)],
)
def test_only_admins_and_pmo_staff_see_every_project(user, expected):
    assert policy.sees_every_project(user) is expected


def test_a_person_with_several_roles_gets_the_widest_rights():
    pm_and_pmo = person(7, is_project_manager=True, is_pmo_staff=True)

    assert policy.may_edit_project(pm_and_pmo, project_manager_id=7, pmo_type=PmoType.SUPPORTIVE)
    assert not policy.may_edit_project(pm_and_pmo, project_manager_id=PM.id, pmo_type=PmoType.SUPPORTIVE)
    assert policy.may_edit_project(pm_and_pmo, project_manager_id=PM.id, pmo_type=PmoType.DIRECTIVE)
    assert policy.sees_every_project(pm_and_pmo)


@pytest.mark.parametrize(
    ("override", "installation", "expected"),
    [
        ("", PmoType.SUPPORTIVE, PmoType.SUPPORTIVE),
        ("", PmoType.DIRECTIVE, PmoType.DIRECTIVE),
        (PmoType.DIRECTIVE, PmoType.SUPPORTIVE, PmoType.DIRECTIVE),
        (PmoType.SUPPORTIVE, PmoType.DIRECTIVE, PmoType.SUPPORTIVE),
        (PmoType.CONTROLLING, PmoType.SUPPORTIVE, PmoType.CONTROLLING),
    ],
)
def test_portfolio_override_wins_over_the_installation_type(override, installation, expected):
    assert policy.effective_pmo_type(portfolio_override=override, installation_type=installation) == expected


@pytest.mark.parametrize(
    ("pmo_type", "expected"),
    [(PmoType.SUPPORTIVE, False), (PmoType.CONTROLLING, True), (PmoType.DIRECTIVE, True)],
)
def test_phase_changes_need_pmo_approval_unless_supportive(pmo_type, expected):
    assert policy.phase_change_needs_pmo_approval(pmo_type) is expected


def test_the_policy_module_reads_no_database():
    """Every policy question is answered from the facts passed in: no model, no selector is imported."""
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(policy))
    imported = {
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert imported == {"typing", "governance.pmo_types"}


# Lessons learned and comments ----------------------------------------------------------------------------


@pytest.mark.parametrize("pmo_type", ALL_TYPES)
def test_lessons_are_recorded_by_those_who_may_edit_the_project(pmo_type):
    assert policy.may_record_lesson(PM, project_manager_id=PM.pk, pmo_type=pmo_type)
    assert policy.may_record_lesson(ADMIN, project_manager_id=PM.pk, pmo_type=pmo_type)
    assert not policy.may_record_lesson(OTHER_PM, project_manager_id=PM.pk, pmo_type=pmo_type)
    assert not policy.may_record_lesson(MEMBER, project_manager_id=PM.pk, pmo_type=pmo_type)
    assert policy.may_record_lesson(PMO, project_manager_id=PM.pk, pmo_type=pmo_type) == (
        pmo_type == PmoType.DIRECTIVE
    )


def test_pmo_staff_admins_the_pm_and_members_comment_others_do_not():
    assert policy.may_comment_on_project(PMO, is_member=False, project_manager_id=PM.pk)
    assert policy.may_comment_on_project(ADMIN, is_member=False, project_manager_id=PM.pk)
    assert policy.may_comment_on_project(PM, is_member=False, project_manager_id=PM.pk)
    assert policy.may_comment_on_project(MEMBER, is_member=True, project_manager_id=PM.pk)
    assert not policy.may_comment_on_project(SPONSOR, is_member=False, project_manager_id=PM.pk)
    assert not policy.may_comment_on_project(OTHER_PM, is_member=False, project_manager_id=PM.pk)
    assert not policy.may_comment_on_project(ANONYMOUS, is_member=True, project_manager_id=PM.pk)


@pytest.mark.parametrize(
    ("pmo_type", "expected"),
    [(PmoType.SUPPORTIVE, False), (PmoType.CONTROLLING, True), (PmoType.DIRECTIVE, True)],
)
def test_a_methodology_is_mandatory_only_under_controlling_and_directive_pmos(pmo_type, expected):
    assert policy.methodology_required(pmo_type) is expected


@pytest.mark.parametrize(
    ("user", "expected"),
    [(ADMIN, True), (PMO, True), (PM, False), (MEMBER, False), (SPONSOR, False), (ANONYMOUS, False)],
)
def test_only_pmo_staff_and_admins_edit_methodologies(user, expected):
    assert policy.may_edit_methodologies(user) is expected


@pytest.mark.parametrize(
    ("pmo_type", "advisory", "approval_moves"),
    [
        (PmoType.SUPPORTIVE, True, False),
        (PmoType.CONTROLLING, False, False),
        (PmoType.DIRECTIVE, False, True),
    ],
)
def test_gate_reviews_advise_under_supportive_and_move_the_project_under_directive(
    pmo_type, advisory, approval_moves
):
    assert policy.gate_review_is_advisory(pmo_type) is advisory
    assert policy.gate_approval_moves_phase(pmo_type) is approval_moves
    assert policy.phase_move_needs_gate(pmo_type, phase_has_gate=True) is not advisory
    assert not policy.phase_move_needs_gate(pmo_type, phase_has_gate=False)


@pytest.mark.parametrize("pmo_type", ALL_TYPES)
def test_pmo_staff_decide_gates_and_the_sponsor_only_where_the_gate_names_them(pmo_type):
    assert policy.may_decide_gate(PMO, pmo_type=pmo_type, reviewers=[], is_sponsor=False)
    assert policy.may_decide_gate(ADMIN, pmo_type=pmo_type, reviewers=[], is_sponsor=False)
    assert policy.may_decide_gate(SPONSOR, pmo_type=pmo_type, reviewers=["sponsor"], is_sponsor=True)
    assert not policy.may_decide_gate(SPONSOR, pmo_type=pmo_type, reviewers=["pmo"], is_sponsor=True)
    assert not policy.may_decide_gate(PM, pmo_type=pmo_type, reviewers=["pmo", "sponsor"], is_sponsor=False)
    assert not policy.may_decide_gate(ANONYMOUS, pmo_type=pmo_type, reviewers=[], is_sponsor=False)


@pytest.mark.parametrize(
    ("pmo_type", "movers"),
    [
        (PmoType.SUPPORTIVE, {"admin", "pm"}),
        (PmoType.CONTROLLING, {"admin", "pm"}),
        (PmoType.DIRECTIVE, {"admin", "pmo"}),
    ],
)
def test_the_pm_moves_the_phase_except_under_directive_where_the_pmo_does(pmo_type, movers):
    people = {"admin": ADMIN, "pmo": PMO, "pm": PM, "other_pm": OTHER_PM, "member": MEMBER}
    allowed = {
        name
        for name, user in people.items()
        if policy.may_move_phase(user, pmo_type=pmo_type, project_manager_id=PM.id)
    }
    assert allowed == movers


@pytest.mark.parametrize(
    ("pmo_type", "pm_accepts"),
    [(PmoType.SUPPORTIVE, True), (PmoType.CONTROLLING, False), (PmoType.DIRECTIVE, False)],
)
def test_the_pmo_accepts_deliverables_and_the_pm_only_under_supportive(pmo_type, pm_accepts):
    assert policy.may_accept_deliverable(PMO, pmo_type=pmo_type, project_manager_id=PM.id)
    assert policy.may_accept_deliverable(PM, pmo_type=pmo_type, project_manager_id=PM.id) is pm_accepts
    assert not policy.may_accept_deliverable(MEMBER, pmo_type=pmo_type, project_manager_id=PM.id)


def test_only_pmo_staff_and_admins_grant_waivers_and_the_pm_requests_gates():
    assert policy.may_grant_waiver(PMO) and policy.may_grant_waiver(ADMIN)
    assert not policy.may_grant_waiver(PM)
    assert policy.may_request_gate_review(PM, project_manager_id=PM.id)
    assert not policy.may_request_gate_review(OTHER_PM, project_manager_id=PM.id)
    assert not policy.may_request_gate_review(PMO, project_manager_id=PM.id)


@pytest.mark.parametrize(
    ("pmo_type", "pmo_writes"),
    [(PmoType.SUPPORTIVE, False), (PmoType.CONTROLLING, False), (PmoType.DIRECTIVE, True)],
)
def test_status_reports_are_the_pms_and_under_a_directive_pmo_the_pmos_too(pmo_type, pmo_writes):
    def writes(user):
        return policy.may_write_status_report(user, project_manager_id=PM.id, pmo_type=pmo_type)

    assert writes(PM) and writes(ADMIN)
    assert writes(PMO) is pmo_writes
    assert not any(writes(user) for user in (OTHER_PM, MEMBER, SPONSOR, ANONYMOUS))
