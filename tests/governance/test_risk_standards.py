"""The risk standards as a PMO standard: levels, escalation, EMV's probability share, their rules, the
service, and the policy's answers on who edits risks and who signs off their responses."""

from decimal import Decimal
from fractions import Fraction

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from governance import policy, selectors
from governance.models import AuditEvent, AuditKind, PmoSettings, PmoType
from governance.risk_standards import DEFAULT_RISK_STANDARDS, RiskStandards, risk_standards_errors
from governance.services import risk_standards_update
from tests.factories import UserFactory

D = Decimal


# --- The rules, without a database ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("score", "level"),
    [(1, "low"), (4, "low"), (5, "medium"), (9, "medium"), (10, "high"), (16, "high"), (20, "critical")],
)
def test_the_default_bands_are_domains_on_a_five_step_scale(score, level):
    assert DEFAULT_RISK_STANDARDS.level_of(score) == level


def test_every_product_of_the_scale_has_a_level_and_the_scale_tops_at_25():
    scores = {p * i for p in range(1, 6) for i in range(1, 6)}
    assert max(scores) == DEFAULT_RISK_STANDARDS.max_score == 25
    assert {DEFAULT_RISK_STANDARDS.level_of(score) for score in scores} == {
        "low",
        "medium",
        "high",
        "critical",
    }


def test_risks_escalate_from_15_by_default():
    assert not DEFAULT_RISK_STANDARDS.is_escalated(12)
    assert DEFAULT_RISK_STANDARDS.is_escalated(15)
    assert DEFAULT_RISK_STANDARDS.is_escalated(25)


def test_the_default_categories_hold_domains_and_the_methodologies_scope():
    assert {"technical", "market", "resource", "schedule", "cost", "compliance", "scope"} <= set(
        DEFAULT_RISK_STANDARDS.categories
    )


def test_the_probability_share_is_the_middle_of_each_slice():
    shares = [DEFAULT_RISK_STANDARDS.probability_share(step) for step in range(1, 6)]
    assert shares == [Fraction(1, 10), Fraction(3, 10), Fraction(1, 2), Fraction(7, 10), Fraction(9, 10)]
    assert RiskStandards(scale_size=4).probability_share(1) == Fraction(1, 8)


def test_expected_monetary_value_is_share_times_cost_rounded_to_the_cent():
    # 70 % of 12,345.67 = 8,641.969 -> 8,641.97
    assert DEFAULT_RISK_STANDARDS.expected_monetary_value(probability=4, cost_impact=D("12345.67")) == D(
        "8641.97"
    )
    # 1/6 of 100.00 on a 3-step scale = 16.666... -> 16.67
    assert RiskStandards(
        scale_size=3, medium_from=2, high_from=4, critical_from=6, escalation_threshold=6
    ).expected_monetary_value(probability=1, cost_impact=D("100.00")) == D("16.67")


def test_the_defaults_hold_every_rule():
    assert risk_standards_errors(DEFAULT_RISK_STANDARDS) == {}


@pytest.mark.parametrize(
    ("standards", "name", "words"),
    [
        (RiskStandards(scale_size=2), "scale_size", "from 3 to 10"),
        (RiskStandards(scale_size=11), "scale_size", "from 3 to 10"),
        (RiskStandards(medium_from=1), "medium_from", "above 1"),
        (RiskStandards(high_from=5), "high_from", "above the medium"),
        (RiskStandards(critical_from=10), "critical_from", "above the high"),
        (RiskStandards(critical_from=26), "critical_from", "at most 25"),
        (RiskStandards(escalation_threshold=0), "escalation_threshold", "from 1 to 25"),
        (RiskStandards(escalation_threshold=26), "escalation_threshold", "from 1 to 25"),
        (RiskStandards(categories=()), "categories", "at least one"),
        (RiskStandards(categories=("cost", "Cost")), "categories", "repeated: Cost"),
        (RiskStandards(categories=("cost", " ")), "categories", "blank"),
    ],
)
def test_a_broken_rule_is_named_by_its_standard(standards, name, words):
    errors = risk_standards_errors(standards)
    assert list(errors) == [name]
    assert words in " ".join(errors[name])


# --- The service ------------------------------------------------------------------------------------


@pytest.fixture
def admin():
    return UserFactory(username="admin", is_superuser=True, is_staff=True)


@pytest.mark.django_db
def test_before_an_admin_saves_them_the_defaults_are_in_force():
    assert selectors.risk_standards() == DEFAULT_RISK_STANDARDS
    assert not PmoSettings.objects.exists()


@pytest.mark.django_db
def test_an_admin_changes_some_risk_standards_the_rest_stay_and_the_change_is_audited(admin):
    risk_standards_update(actor=admin, escalation_threshold=12, categories=[" cost ", "schedule", "vendor"])

    standards = selectors.risk_standards()
    assert standards.escalation_threshold == 12
    assert standards.categories == ("cost", "schedule", "vendor")
    assert (standards.scale_size, standards.high_from) == (5, 10)
    event = AuditEvent.objects.get(kind=AuditKind.PMO_STANDARDS_CHANGE)
    assert event.user == admin
    assert event.details["standard"] == "risk"
    assert event.details["changes"]["escalation_threshold"] == [15, 12]
    assert event.details["changes"]["categories"][1] == ["cost", "schedule", "vendor"]


@pytest.mark.django_db
def test_a_larger_scale_allows_thresholds_up_to_its_square(admin):
    risk_standards_update(actor=admin, scale_size=10, critical_from=80, escalation_threshold=60)
    standards = selectors.risk_standards()
    assert (standards.max_score, standards.level_of(79), standards.level_of(80)) == (100, "high", "critical")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "name"),
    [
        ({"high_from": 4}, "high_from"),
        ({"scale_size": 4}, "critical_from"),  # 20 is beyond a 4 x 4 scale's 16
        ({"escalation_threshold": 30}, "escalation_threshold"),
        ({"categories": []}, "categories"),
        ({"categories": ["cost", "COST"]}, "categories"),
    ],
)
def test_broken_standards_are_refused_by_name_and_nothing_is_saved(admin, changes, name):
    with pytest.raises(ValidationError) as refused:
        risk_standards_update(actor=admin, **changes)
    assert name in refused.value.message_dict
    assert not PmoSettings.objects.exists()
    assert not AuditEvent.objects.filter(kind=AuditKind.PMO_STANDARDS_CHANGE).exists()


@pytest.mark.django_db
def test_pmo_staff_may_not_change_the_risk_standards():
    with pytest.raises(PermissionDenied):
        risk_standards_update(actor=UserFactory(is_pmo_staff=True), escalation_threshold=10)
    assert not PmoSettings.objects.exists()


# --- The policy -------------------------------------------------------------------------------------


def person(user_id, **roles):
    return get_user_model()(id=user_id, username=f"user{user_id}", **roles)


ADMIN = person(1, is_superuser=True, is_staff=True)
PMO = person(2, is_pmo_staff=True)
PM = person(3, is_project_manager=True)
MEMBER = person(5, is_team_member=True)
OUTSIDER = person(7, is_team_member=True)


def may_edit(user, pmo_type, *, is_member=False, is_escalated=False):
    return policy.may_edit_risk(
        user, project_manager_id=PM.id, is_member=is_member, pmo_type=pmo_type, is_escalated=is_escalated
    )


@pytest.mark.parametrize("pmo_type", PmoType.values)
def test_the_pm_the_team_and_admins_edit_risks_outsiders_never(pmo_type):
    assert may_edit(PM, pmo_type)
    assert may_edit(MEMBER, pmo_type, is_member=True)
    assert may_edit(ADMIN, pmo_type)
    assert not may_edit(OUTSIDER, pmo_type)
    assert not may_edit(AnonymousUser(), pmo_type)


@pytest.mark.parametrize(
    ("pmo_type", "expected"),
    [(PmoType.SUPPORTIVE, False), (PmoType.CONTROLLING, False), (PmoType.DIRECTIVE, True)],
)
def test_pmo_staff_edit_risks_only_under_a_directive_pmo(pmo_type, expected):
    assert may_edit(PMO, pmo_type) is expected


def test_under_a_directive_pmo_an_escalated_risk_is_the_pmos_alone():
    assert may_edit(PMO, PmoType.DIRECTIVE, is_escalated=True)
    assert may_edit(ADMIN, PmoType.DIRECTIVE, is_escalated=True)
    assert not may_edit(PM, PmoType.DIRECTIVE, is_escalated=True)
    assert not may_edit(MEMBER, PmoType.DIRECTIVE, is_member=True, is_escalated=True)


@pytest.mark.parametrize("pmo_type", [PmoType.SUPPORTIVE, PmoType.CONTROLLING])
def test_elsewhere_an_escalated_risk_stays_with_the_project(pmo_type):
    assert may_edit(PM, pmo_type, is_escalated=True)
    assert not may_edit(PMO, pmo_type, is_escalated=True)


def test_only_a_controlling_pmo_signs_off_responses_and_only_a_directive_one_takes_risks():
    assert [policy.risk_response_needs_sign_off(t) for t in PmoType.values] == [False, True, False]
    assert [policy.pmo_takes_escalated_risks(t) for t in PmoType.values] == [False, False, True]


def test_pmo_staff_and_admins_sign_off_responses():
    assert policy.may_sign_off_risk_response(PMO)
    assert policy.may_sign_off_risk_response(ADMIN)
    assert not policy.may_sign_off_risk_response(PM)
    assert not policy.may_sign_off_risk_response(AnonymousUser())
