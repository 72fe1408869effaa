"""The compliance score of ../shared/DOMAIN.md, worked by hand: 100 minus the weighted findings."""

from governance.compliance import (
    ComplianceFacts,
    DecidedChange,
    PassedGate,
    ReportFacts,
    Rule,
    evaluate,
)
from governance.pmo_types import PmoType

PLANNING_GATE = PassedGate(
    phase="planning",
    gate_name="Planning gate",
    required_deliverables=("project_plan", "baseline", "risk_register"),
    approval_required=True,
    approved=True,
)


def test_a_project_that_did_everything_right_scores_100_with_reports_not_yet_evaluated():
    facts = ComplianceFacts(
        pmo_type=PmoType.CONTROLLING,
        passed_gates=(PLANNING_GATE,),
        deliverable_states={"project_plan": "accepted", "baseline": "accepted", "risk_register": "accepted"},
    )

    result = evaluate(facts)

    assert (result.score, result.findings, result.counts) == (100, (), True)
    assert result.not_evaluated == (Rule.REPORT_LATE, Rule.REPORT_MISSING)


def test_each_missing_deliverable_at_a_passed_gate_costs_20_unless_waived():
    facts = ComplianceFacts(
        pmo_type=PmoType.CONTROLLING,
        passed_gates=(PLANNING_GATE,),
        deliverable_states={"project_plan": "accepted", "baseline": "draft"},
        waived=frozenset({"risk_register"}),
    )

    result = evaluate(facts)

    assert result.score == 80
    assert [finding.rule for finding in result.findings] == [Rule.DELIVERABLE_MISSING]
    assert "Schedule and cost baseline" in result.findings[0].message


def test_a_gate_passed_without_the_required_approval_and_a_change_above_authority_add_up():
    facts = ComplianceFacts(
        pmo_type=PmoType.DIRECTIVE,
        passed_gates=(
            PassedGate(
                phase="initiating", gate_name="Initiation gate", approval_required=True, approved=False
            ),
        ),
        decided_changes=(
            DecidedChange("CR-3", required_roles=frozenset({"pm", "pmo"}), approving_roles=frozenset({"pm"})),
            DecidedChange("CR-4", required_roles=frozenset({"pm"}), approving_roles=frozenset({"pm"})),
        ),
    )

    result = evaluate(facts)

    assert result.score == 100 - 25 - 20
    assert [finding.rule for finding in result.findings] == [
        Rule.GATE_WITHOUT_APPROVAL,
        Rule.CHANGE_ABOVE_AUTHORITY,
    ]
    assert "CR-3" in result.findings[1].message and "pmo" in result.findings[1].message


def test_reports_count_once_they_exist_and_the_score_never_drops_below_zero():
    facts = ComplianceFacts(pmo_type=PmoType.CONTROLLING, reports=ReportFacts(late=2, missing=3))
    assert evaluate(facts).score == 100 - 2 * 5 - 3 * 10
    assert evaluate(facts).not_evaluated == ()

    worse = ComplianceFacts(pmo_type=PmoType.CONTROLLING, reports=ReportFacts(missing=11))
    assert evaluate(worse).score == 0


def test_under_a_supportive_pmo_the_score_informs_but_does_not_count():
    facts = ComplianceFacts(
        pmo_type=PmoType.SUPPORTIVE,
        passed_gates=(
            PassedGate(phase="initiating", gate_name="Initiation gate", required_deliverables=("charter",)),
        ),
    )

    result = evaluate(facts)

    assert (result.score, result.counts) == (80, False)
