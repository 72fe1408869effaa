"""Raising, editing and moving risks: who may, what is refused (by field, nothing saved), the workflow,
escalation under each PMO type, occurring into exactly one issue, standard risks of a new project."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from governance.models import PmoType
from governance.services import risk_standards_update
from projects.services.projects import project_create
from risks.models import Issue, Risk, RiskStatus
from risks.services import (
    project_standard_risks_add,
    risk_create,
    risk_occur,
    risk_sign_off_response,
    risk_transition,
    risk_update,
)
from tests.factories import published_version, set_pmo_type
from tests.factories.plans import TaskFactory

pytestmark = pytest.mark.django_db


def raise_risk(world, project, **fields):
    values = {"title": "Supplier delivers late", "probability": 2, "impact": 3, "category": "schedule"}
    return risk_create(actor=world.pm1, project=project, **(values | fields))


# --- Raising ----------------------------------------------------------------------------------------


def test_the_pm_raises_a_risk_scored_identified_and_owned_by_them(world, project, stale_generation):
    before = stale_generation(project)
    risk = raise_risk(world, project, cost_impact=Decimal("5000.00"))
    risk.refresh_from_db()
    assert (risk.status, risk.score, risk.owner, risk.escalated) == (
        RiskStatus.IDENTIFIED,
        6,
        world.pm1,
        False,
    )
    assert risk.history.get().history_user == world.pm1
    assert stale_generation(project) == before + 1


def test_a_team_member_raises_risks_of_their_project_and_an_outsider_none(world, project):
    risk = risk_create(
        actor=world.member, project=project, title="Key person leaves", probability=2, impact=4
    )
    assert risk.owner == world.member
    with pytest.raises(PermissionDenied):
        risk_create(actor=world.outsider, project=project, title="Mine", probability=1, impact=1)
    with pytest.raises(PermissionDenied):
        risk_create(actor=world.pmo, project=project, title="The PMO's", probability=1, impact=1)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"probability": 0}, "probability"),
        ({"probability": 6}, "probability"),
        ({"impact": 6}, "impact"),
        ({"category": "weather"}, "category"),
        ({"kind": "opportunity", "strategy": "mitigate"}, "strategy"),
        ({"strategy": "exploit"}, "strategy"),
        ({"residual_probability": 3, "residual_impact": 3}, "residual_reason"),  # 9 above 6
        ({"residual_probability": 1}, "residual_impact"),
        ({"cost_impact": Decimal("-1")}, "cost_impact"),
    ],
)
def test_bad_input_is_refused_by_field_and_nothing_is_saved(world, project, fields, field):
    with pytest.raises(ValidationError) as refused:
        raise_risk(world, project, **fields)
    assert field in refused.value.message_dict
    assert not Risk.objects.exists()


def test_an_owner_who_is_not_on_the_project_is_refused(world, project):
    with pytest.raises(ValidationError) as refused:
        raise_risk(world, project, owner=world.outsider)
    assert "owner" in refused.value.message_dict
    assert "not on this project" in " ".join(refused.value.message_dict["owner"])
    assert not Risk.objects.exists()
    assert raise_risk(world, project, owner=world.member).owner == world.member


def test_a_residual_score_above_the_inherent_one_is_kept_with_its_reason(world, project):
    risk = raise_risk(
        world,
        project,
        residual_probability=3,
        residual_impact=3,
        residual_reason="Transferring adds a party.",
    )
    assert risk.residual_score == 9 > risk.score


def test_the_scale_follows_the_pmo_standard(world, project):
    risk_standards_update(actor=world.admin, scale_size=10, critical_from=80, escalation_threshold=60)
    assert raise_risk(world, project, probability=8, impact=7).score == 56


def test_tasks_of_another_project_are_not_linked(world, project):
    own, foreign = TaskFactory(project=project), TaskFactory()
    with pytest.raises(ValidationError) as refused:
        raise_risk(world, project, linked_tasks=[own, foreign])
    assert "linked_tasks" in refused.value.message_dict
    risk = raise_risk(world, project, linked_tasks=[own])
    assert list(risk.linked_tasks.all()) == [own]


# --- Editing --------------------------------------------------------------------------------------


def test_a_new_rating_rescores_and_marks_the_project_stale(world, project, stale_generation):
    risk = raise_risk(world, project)
    before = stale_generation(project)
    risk = risk_update(actor=world.pm1, risk=risk, changes={"probability": 4, "impact": 3})
    risk.refresh_from_db()
    assert risk.score == 12
    assert stale_generation(project) == before + 1


def test_a_refused_edit_changes_nothing(world, project):
    risk = raise_risk(world, project)
    with pytest.raises(ValidationError) as refused:
        risk_update(actor=world.pm1, risk=risk, changes={"probability": 6, "title": "Renamed"})
    assert "probability" in refused.value.message_dict
    risk.refresh_from_db()
    assert (risk.probability, risk.title) == (2, "Supplier delivers late")


def test_the_status_is_not_edited_nor_unknown_fields(world, project):
    risk = raise_risk(world, project)
    for changes in ({"status": RiskStatus.CLOSED}, {"escalated": True}):
        with pytest.raises(ValidationError):
            risk_update(actor=world.pm1, risk=risk, changes=changes)


# --- The workflow ---------------------------------------------------------------------------------


def planned_risk(world, project, **fields):
    values = {"strategy": "mitigate", "response_plan": "Second supplier on standby."}
    return raise_risk(world, project, **(values | fields))


@pytest.mark.parametrize(
    "path",
    [
        ["assessed", "response_planned", "monitoring", "closed"],
        ["closed"],
        ["assessed", "closed"],
        ["assessed", "response_planned", "closed"],
    ],
)
def test_the_allowed_moves(world, project, path):
    risk = planned_risk(world, project)
    for status in path:
        risk = risk_transition(actor=world.pm1, risk=risk, to_status=status)
    risk.refresh_from_db()
    assert risk.status == path[-1]
    assert risk.history.count() == 1 + len(path)


@pytest.mark.parametrize(
    ("path", "refused_status"),
    [
        ([], "response_planned"),
        ([], "monitoring"),
        (["assessed"], "monitoring"),
        (["assessed"], "identified"),
        (["assessed", "response_planned"], "assessed"),
        (["assessed", "response_planned", "monitoring"], "response_planned"),
        (["closed"], "identified"),
        (["closed"], "assessed"),
        ([], "occurred"),  # only through risk_occur, which opens the issue
        ([], "unknown"),
    ],
)
def test_the_refused_moves_name_the_status(world, project, path, refused_status):
    risk = planned_risk(world, project)
    for status in path:
        risk = risk_transition(actor=world.pm1, risk=risk, to_status=status)
    with pytest.raises(ValidationError) as refused:
        risk_transition(actor=world.pm1, risk=risk, to_status=refused_status)
    assert "status" in refused.value.message_dict
    risk.refresh_from_db()
    assert risk.status == (path[-1] if path else RiskStatus.IDENTIFIED)


def test_assessing_needs_a_category_and_planning_a_strategy_and_plan(world, project):
    risk = raise_risk(world, project, category="")
    with pytest.raises(ValidationError) as refused:
        risk_transition(actor=world.pm1, risk=risk, to_status="assessed")
    assert "category" in refused.value.message_dict
    risk = risk_update(actor=world.pm1, risk=risk, changes={"category": "cost"})
    risk = risk_transition(actor=world.pm1, risk=risk, to_status="assessed")
    with pytest.raises(ValidationError) as refused:
        risk_transition(actor=world.pm1, risk=risk, to_status="response_planned")
    assert "strategy" in refused.value.message_dict
    risk = risk_update(actor=world.pm1, risk=risk, changes={"strategy": "transfer"})
    with pytest.raises(ValidationError) as refused:
        risk_transition(actor=world.pm1, risk=risk, to_status="response_planned")
    assert "response_plan" in refused.value.message_dict
    # Accepting a risk needs no plan.
    risk = risk_update(actor=world.pm1, risk=risk, changes={"strategy": "accept"})
    assert (
        risk_transition(actor=world.pm1, risk=risk, to_status="response_planned").status == "response_planned"
    )


def test_a_closed_risk_is_no_longer_edited(world, project):
    risk = risk_transition(actor=world.pm1, risk=raise_risk(world, project), to_status="closed")
    with pytest.raises(ValidationError) as refused:
        risk_update(actor=world.pm1, risk=risk, changes={"title": "Again"})
    assert "status" in refused.value.message_dict


# --- Escalation under each PMO type ---------------------------------------------------------------


def test_a_score_below_the_threshold_does_not_escalate(world, project):
    assert not raise_risk(world, project, probability=2, impact=5).escalated  # 10 of 15


def test_reaching_the_threshold_on_an_edit_escalates_and_it_stays_escalated(world, project):
    risk = raise_risk(world, project, probability=3, impact=4)  # 12
    assert not risk.escalated
    risk = risk_update(actor=world.pm1, risk=risk, changes={"probability": 4})  # 16
    assert risk.escalated and risk.escalated_at is not None
    escalated_at = risk.escalated_at
    risk = risk_update(actor=world.pm1, risk=risk, changes={"probability": 1})
    assert risk.escalated and risk.escalated_at == escalated_at


def test_under_a_supportive_pmo_an_escalated_risk_blocks_nothing(world, project):
    risk = planned_risk(world, project, probability=5, impact=3)  # 15: at the threshold
    assert risk.escalated
    risk = risk_transition(actor=world.pm1, risk=risk, to_status="assessed")
    risk = risk_transition(actor=world.pm1, risk=risk, to_status="response_planned")
    assert risk_update(actor=world.pm1, risk=risk, changes={"trigger": "Two late deliveries"}).trigger


def test_under_a_controlling_pmo_the_response_counts_as_planned_only_once_signed_off(world, project):
    set_pmo_type(PmoType.CONTROLLING)
    risk = planned_risk(world, project, probability=5, impact=4)
    risk = risk_transition(actor=world.pm1, risk=risk, to_status="assessed")
    with pytest.raises(ValidationError) as refused:
        risk_transition(actor=world.pm1, risk=risk, to_status="response_planned")
    assert "response_signed_off_by" in refused.value.message_dict
    assert "sign-off" in " ".join(refused.value.message_dict["response_signed_off_by"])
    with pytest.raises(PermissionDenied):
        risk_sign_off_response(actor=world.pm1, risk=risk)
    risk = risk_sign_off_response(actor=world.pmo, risk=risk)
    assert risk.response_signed_off_by == world.pmo
    risk = risk_transition(actor=world.pm1, risk=risk, to_status="response_planned")
    assert risk.status == RiskStatus.RESPONSE_PLANNED


def test_under_a_controlling_pmo_a_changed_plan_needs_a_new_sign_off(world, project):
    set_pmo_type(PmoType.CONTROLLING)
    risk = planned_risk(world, project, probability=5, impact=4)
    risk = risk_sign_off_response(actor=world.pmo, risk=risk)
    risk = risk_update(actor=world.pm1, risk=risk, changes={"response_plan": "Something else."})
    assert risk.response_signed_off_at is None
    risk = risk_transition(actor=world.pm1, risk=risk, to_status="assessed")
    with pytest.raises(ValidationError):
        risk_transition(actor=world.pm1, risk=risk, to_status="response_planned")


def test_under_a_controlling_pmo_a_risk_below_the_threshold_needs_no_sign_off(world, project):
    set_pmo_type(PmoType.CONTROLLING)
    risk = risk_transition(actor=world.pm1, risk=planned_risk(world, project), to_status="assessed")
    assert (
        risk_transition(actor=world.pm1, risk=risk, to_status="response_planned").status == "response_planned"
    )


def test_only_an_escalated_risk_with_a_strategy_is_signed_off(world, project):
    with pytest.raises(ValidationError) as refused:
        risk_sign_off_response(actor=world.pmo, risk=raise_risk(world, project))
    assert set(refused.value.message_dict) == {"escalated", "strategy"}


def test_under_a_directive_pmo_an_escalated_risk_is_edited_by_the_pmo_alone(world, project):
    set_pmo_type(PmoType.DIRECTIVE)
    risk = planned_risk(world, project, probability=4, impact=4)
    assert risk.escalated
    for person in (world.pm1, world.member):
        with pytest.raises(PermissionDenied):
            risk_update(actor=person, risk=risk, changes={"trigger": "Mine"})
        with pytest.raises(PermissionDenied):
            risk_transition(actor=person, risk=risk, to_status="assessed")
    risk = risk_update(actor=world.pmo, risk=risk, changes={"trigger": "The PMO's"})
    assert risk_transition(actor=world.pmo, risk=risk, to_status="assessed").status == "assessed"


def test_under_a_directive_pmo_the_team_keeps_the_risks_below_the_threshold(world, project):
    set_pmo_type(PmoType.DIRECTIVE)
    risk = raise_risk(world, project)
    assert risk_update(actor=world.member, risk=risk, changes={"trigger": "Ours"}).trigger == "Ours"


# --- Occurring --------------------------------------------------------------------------------------


def test_an_occurred_risk_opens_exactly_one_issue_linked_back(world, project, stale_generation):
    risk = raise_risk(world, project, probability=4, impact=3, effect="Launch slips a month.")
    before = stale_generation(project)
    issue = risk_occur(actor=world.pm1, risk=risk)
    risk.refresh_from_db()
    assert risk.status == RiskStatus.OCCURRED
    assert Issue.objects.get() == issue
    assert (issue.risk, issue.title, issue.severity, issue.owner) == (risk, risk.title, "high", world.pm1)
    assert issue.description == "Launch slips a month."
    assert stale_generation(project) == before + 1
    with pytest.raises(ValidationError):
        risk_occur(actor=world.pm1, risk=risk)
    assert Issue.objects.count() == 1


def test_a_refused_issue_leaves_the_risk_open(world, project):
    risk = raise_risk(world, project)
    with pytest.raises(ValidationError) as refused:
        risk_occur(actor=world.pm1, risk=risk, owner=world.outsider)
    assert "owner" in refused.value.message_dict
    risk.refresh_from_db()
    assert risk.status == RiskStatus.IDENTIFIED
    assert not Issue.objects.exists()


def test_every_open_status_may_occur_and_a_closed_one_not(world, project):
    for path in (
        [],
        ["assessed"],
        ["assessed", "response_planned"],
        ["assessed", "response_planned", "monitoring"],
    ):
        risk = planned_risk(world, project, title=f"Risk after {len(path)} moves")
        for status in path:
            risk = risk_transition(actor=world.pm1, risk=risk, to_status=status)
        risk_occur(actor=world.pm1, risk=risk)
    assert Issue.objects.count() == 4
    closed = risk_transition(actor=world.pm1, risk=raise_risk(world, project), to_status="closed")
    with pytest.raises(ValidationError) as refused:
        risk_occur(actor=world.pm1, risk=closed)
    assert "status" in refused.value.message_dict


# --- A new project's standard risks -----------------------------------------------------------------


STANDARD_RISKS = [
    {"title": "Requirements keep changing", "category": "scope", "probability": 4, "impact": 4},
    {"title": "Key people leave", "category": "staffing", "probability": 2, "impact": 3},
]


def test_a_new_project_starts_with_its_methodologys_standard_risks(world, django_capture_on_commit_callbacks):
    methodology = published_version(standard_risks=STANDARD_RISKS).methodology
    with django_capture_on_commit_callbacks(execute=True):
        project = project_create(
            actor=world.pm1, code="NEW-1", name="New", portfolio=world.portfolio, methodology=methodology
        )
    risks = {risk.title: risk for risk in Risk.objects.filter(project=project)}
    assert set(risks) == {"Requirements keep changing", "Key people leave"}
    changing, leaving = risks["Requirements keep changing"], risks["Key people leave"]
    assert (changing.status, changing.score, changing.category, changing.owner) == (
        "identified",
        16,
        "scope",
        world.pm1,
    )
    assert changing.escalated  # 16 reaches 15
    assert leaving.category == ""  # not one of the PMO's categories: chosen at assessment


def test_a_project_without_a_methodology_starts_with_an_empty_register(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        project = project_create(actor=world.pm1, code="NEW-2", name="New", portfolio=world.portfolio)
    assert not Risk.objects.filter(project=project).exists()


def test_standard_risks_are_added_once(world, django_capture_on_commit_callbacks):
    methodology = published_version(standard_risks=STANDARD_RISKS).methodology
    with django_capture_on_commit_callbacks(execute=True):
        project = project_create(
            actor=world.pm1, code="NEW-3", name="New", portfolio=world.portfolio, methodology=methodology
        )
    assert project_standard_risks_add(project_id=project.pk) == []
    assert Risk.objects.filter(project=project).count() == 2
