"""Compliance of projects with the PMO's standards: the facts read from the project's gates,
deliverables, waivers and changes, scored by governance.compliance.

Everything is read in bulk, so one project or a whole portfolio costs the same fixed number of
queries: the projects, their methodology phases, deliverables, waivers in force, passed gate reviews,
approved changes with their steps, and the punctuality of their status reports
(projects.selectors.status_reports: cadences, calendars with their exceptions, the reports).
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from governance import policy
from governance.compliance import (
    ComplianceFacts,
    ComplianceResult,
    DecidedChange,
    PassedGate,
    ReportFacts,
    evaluate,
)
from governance.lifecycle import LIFECYCLE_ORDER
from governance.models import MethodologyPhase
from governance.pmo_types import PmoType
from governance.selectors import pmo_settings
from projects.models import (
    PASSING_STATES,
    ApprovalDecision,
    ChangeApproval,
    ChangeRequest,
    ChangeRequestState,
    Deliverable,
    GateReview,
    Project,
    Waiver,
)
from projects.selectors.gates import Gate, lifecycle_gates
from projects.selectors.projects import Viewer, project_list
from projects.selectors.status_reports import report_punctuality


@dataclass(frozen=True)
class ProjectCompliance:
    project: Project
    pmo_type: str
    result: ComplianceResult

    @property
    def pmo_type_label(self) -> str:
        return str(PmoType(self.pmo_type).label)


def project_compliance(project: Project) -> ProjectCompliance:
    """The compliance of one project (its portfolio must be loaded or is read once)."""
    return projects_compliance([project])[0]


def compliance_overview(
    *, user: Viewer, portfolio_id: int | None = None, pmo_type: str = "", band: str = ""
) -> list[ProjectCompliance]:
    """Every open project the user sees, with its compliance, lowest score first; filtered by portfolio,
    effective PMO type and score band (green, amber, red)."""
    projects = project_list(user=user).exclude(status__in=("closed", "cancelled"))
    if portfolio_id is not None:
        projects = projects.filter(portfolio_id=portfolio_id)
    rows = projects_compliance(projects)
    if pmo_type:
        rows = [row for row in rows if row.pmo_type == pmo_type]
    if band:
        rows = [row for row in rows if row.result.band == band]
    return sorted(rows, key=lambda row: (row.result.score, row.project.code))


def projects_compliance(projects: Iterable[Project] | QuerySet[Project]) -> list[ProjectCompliance]:
    """The compliance of each project, in the given order, in a fixed number of queries."""
    if isinstance(projects, QuerySet):
        projects = list(projects.select_related("portfolio"))
    else:
        projects = list(projects)
    if not projects:
        return []
    ids = [project.pk for project in projects]
    settings_row = pmo_settings()
    installation_type, weights = settings_row.pmo_type, settings_row.compliance_weights()
    gates_by_version = _gates_by_version(
        {p.methodology_version_id for p in projects if p.methodology_version_id}
    )
    states = defaultdict(dict)
    for project_id, kind, state in Deliverable.objects.filter(project_id__in=ids).values_list(
        "project_id", "kind", "state"
    ):
        states[project_id][kind] = state
    today = timezone.localdate()
    waived = defaultdict(set)
    for waiver in Waiver.objects.filter(project_id__in=ids, expires_on__gte=today).exclude(
        deliverable_kind=""
    ):
        waived[waiver.project_id].add(waiver.deliverable_kind)
    passed_reviews = set(
        GateReview.objects.filter(project_id__in=ids, state__in=PASSING_STATES).values_list(
            "project_id", "phase"
        )
    )
    changes = defaultdict(list)
    approved = ChangeRequest.objects.filter(
        project_id__in=ids, state=ChangeRequestState.APPROVED
    ).prefetch_related(Prefetch("approvals", queryset=ChangeApproval.objects.order_by("order")))
    for change in approved:
        steps = list(change.approvals.all())
        changes[change.project_id].append(
            DecidedChange(
                reference=f"#{change.pk} {change.title}",
                required_roles=frozenset(step.role for step in steps),
                approving_roles=frozenset(
                    step.role for step in steps if step.decision == ApprovalDecision.APPROVED
                ),
            )
        )
    punctuality = report_punctuality(projects, today)
    rows = []
    # The lifecycle's gates, for every project without a methodology: built once, not per project.
    default_gates = lifecycle_gates()
    for project in projects:
        reports = punctuality[project.pk]
        pmo_type = policy.effective_pmo_type(
            portfolio_override=project.portfolio.pmo_type_override, installation_type=installation_type
        )
        gates = gates_by_version.get(project.methodology_version_id) or default_gates
        facts = ComplianceFacts(
            pmo_type=pmo_type,
            passed_gates=tuple(
                PassedGate(
                    phase=gate.phase,
                    gate_name=gate.gate_name,
                    required_deliverables=gate.required_deliverables,
                    approval_required=policy.phase_change_needs_pmo_approval(pmo_type),
                    approved=(project.pk, gate.phase) in passed_reviews,
                )
                for gate in _passed_gates(gates, project.phase)
            ),
            deliverable_states=states[project.pk],
            waived=frozenset(waived[project.pk]),
            decided_changes=tuple(changes[project.pk]),
            reports=ReportFacts(late=reports.late, missing=reports.missing),
        )
        rows.append(ProjectCompliance(project=project, pmo_type=pmo_type, result=evaluate(facts, weights)))
    return rows


def _gates_by_version(version_ids: set[int]) -> dict[int, list[Gate]]:
    gates = defaultdict(list)
    for phase in MethodologyPhase.objects.filter(version_id__in=version_ids).order_by("version_id", "order"):
        gates[phase.version_id].append(
            Gate(
                phase=phase.lifecycle_phase,
                name=phase.name,
                gate_name=phase.gate_name,
                checklist=tuple(phase.checklist),
                required_deliverables=tuple(phase.required_deliverables),
                reviewers=tuple(phase.reviewers),
            )
        )
    return gates


def _passed_gates(gates: list[Gate], phase: str) -> list[Gate]:
    """The gates of the phases before the project's current one, in lifecycle order."""
    position = LIFECYCLE_ORDER.index(phase)
    return [gate for gate in gates if gate.has_gate and LIFECYCLE_ORDER.index(gate.phase) < position]
