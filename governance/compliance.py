"""Compliance of one project with the PMO's standards, from plain facts (no ORM): a score 0-100 and
the findings behind it (../shared/DOMAIN.md, "compliance score").

The rules: every deliverable a passed gate requires is there (accepted, or waived by a waiver in
force); every gate was passed with the approval the PMO type requires; status reports come on their
cadence (a rule "not yet evaluated" while the portal has no status reports); every change was decided
by whoever had the authority. Each finding costs its weight; the score is 100 minus the weights,
floored at 0. Under a supportive PMO the score is informational; under controlling and directive it
counts (part of health, flagged as non-compliant).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from django.utils.translation import gettext as _

from governance.pmo_types import PmoType
from governance.standards import DeliverableKind


class Rule(StrEnum):
    DELIVERABLE_MISSING = "deliverable_missing"
    GATE_WITHOUT_APPROVAL = "gate_without_approval"
    REPORT_LATE = "report_late"
    REPORT_MISSING = "report_missing"
    CHANGE_ABOVE_AUTHORITY = "change_above_authority"


# The PMO's default weights: what one finding of each rule takes off the score.
DEFAULT_WEIGHTS: Mapping[Rule, int] = {
    Rule.DELIVERABLE_MISSING: 20,
    Rule.GATE_WITHOUT_APPROVAL: 25,
    Rule.REPORT_LATE: 5,
    Rule.REPORT_MISSING: 10,
    Rule.CHANGE_ABOVE_AUTHORITY: 20,
}

# Deliverable states that satisfy a gate's requirement; a waiver in force satisfies it too.
PRESENT_STATES = frozenset({"accepted"})


@dataclass(frozen=True)
class PassedGate:
    """A gate the project has gone through: the phase it closed and what it asked for."""

    phase: str
    gate_name: str
    required_deliverables: tuple[str, ...] = ()
    # Whether the PMO type in force asked for an approval to pass it, and whether one was given.
    approval_required: bool = False
    approved: bool = False


@dataclass(frozen=True)
class DecidedChange:
    """An approved change: the roles whose approval the authority asks for, and those who approved."""

    reference: str
    required_roles: frozenset[str]
    approving_roles: frozenset[str]


@dataclass(frozen=True)
class ReportFacts:
    """Status reports over the periods due so far; None where the portal keeps no status reports yet."""

    late: int = 0
    missing: int = 0


@dataclass(frozen=True)
class ComplianceFacts:
    pmo_type: str
    passed_gates: tuple[PassedGate, ...] = ()
    # Deliverable kind -> state, of the project's deliverables.
    deliverable_states: Mapping[str, str] = field(default_factory=dict)
    # Deliverable kinds waived by a waiver in force (an expired waiver is simply not listed).
    waived: frozenset[str] = frozenset()
    decided_changes: tuple[DecidedChange, ...] = ()
    reports: ReportFacts | None = None


@dataclass(frozen=True)
class Finding:
    rule: Rule
    weight: int
    message: str


@dataclass(frozen=True)
class ComplianceResult:
    score: int
    findings: tuple[Finding, ...]
    # Rules that could not be evaluated from the facts at hand (no status reports yet, say).
    not_evaluated: tuple[Rule, ...]
    # True where the PMO type makes the score count; under supportive it only informs.
    counts: bool

    @property
    def band(self) -> str:
        """green from 90, amber from 70, red below: the PMO's default reading of a score."""
        return "green" if self.score >= 90 else "amber" if self.score >= 70 else "red"


def compliance_counts(pmo_type: str) -> bool:
    """Controlling and directive PMOs score compliance; a supportive one only shows it."""
    return pmo_type in (PmoType.CONTROLLING, PmoType.DIRECTIVE)


def evaluate(facts: ComplianceFacts, weights: Mapping[Rule, int] = DEFAULT_WEIGHTS) -> ComplianceResult:
    """The project's score and findings, in the order of its gates, then changes, then reports."""
    findings: list[Finding] = []
    for gate in facts.passed_gates:
        findings.extend(_gate_findings(gate, facts, weights))
    for change in facts.decided_changes:
        missing = change.required_roles - change.approving_roles
        if missing:
            findings.append(
                Finding(
                    Rule.CHANGE_ABOVE_AUTHORITY,
                    weights[Rule.CHANGE_ABOVE_AUTHORITY],
                    _("Change %(change)s was approved without %(roles)s, which its size required.")
                    % {"change": change.reference, "roles": ", ".join(sorted(missing))},
                )
            )
    not_evaluated: list[Rule] = []
    if facts.reports is None:
        not_evaluated += [Rule.REPORT_LATE, Rule.REPORT_MISSING]
    else:
        findings += _report_findings(facts.reports, weights)
    score = max(0, 100 - sum(finding.weight for finding in findings))
    return ComplianceResult(
        score=score,
        findings=tuple(findings),
        not_evaluated=tuple(not_evaluated),
        counts=compliance_counts(facts.pmo_type),
    )


def _gate_findings(
    gate: PassedGate, facts: ComplianceFacts, weights: Mapping[Rule, int]
) -> Iterable[Finding]:
    if gate.approval_required and not gate.approved:
        yield Finding(
            Rule.GATE_WITHOUT_APPROVAL,
            weights[Rule.GATE_WITHOUT_APPROVAL],
            _("The gate “%(gate)s” was passed without the PMO's approval.") % {"gate": gate.gate_name},
        )
    for kind in gate.required_deliverables:
        if kind in facts.waived or facts.deliverable_states.get(kind) in PRESENT_STATES:
            continue
        yield Finding(
            Rule.DELIVERABLE_MISSING,
            weights[Rule.DELIVERABLE_MISSING],
            _("The gate “%(gate)s” was passed without its required deliverable “%(deliverable)s”.")
            % {"gate": gate.gate_name, "deliverable": _deliverable_label(kind)},
        )


def _report_findings(reports: ReportFacts, weights: Mapping[Rule, int]) -> Iterable[Finding]:
    # One finding per report, but each message translated once: a year of weekly reports is 52 of them.
    if reports.late:
        late = Finding(Rule.REPORT_LATE, weights[Rule.REPORT_LATE], _("A status report came late."))
        yield from [late] * reports.late
    if reports.missing:
        missing = Finding(Rule.REPORT_MISSING, weights[Rule.REPORT_MISSING], _("A status report is missing."))
        yield from [missing] * reports.missing


def _deliverable_label(kind: str) -> str:
    return str(DeliverableKind(kind).label) if kind in DeliverableKind.values else kind
