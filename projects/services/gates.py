"""Writes of a project's stage gates: requesting a review, deciding it, moving the phase, waivers.

How a phase moves depends on the PMO type that governs the project (governance.policy): supportive
records advisory reviews and lets the PM move on anyway; controlling needs an approved review of the
current gate before the PM moves; directive lets PMO staff decide, and their approval moves the phase.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from governance import policy
from governance.models import User
from projects.models import (
    PASSING_STATES,
    ChecklistAnswer,
    FollowUp,
    GateDecision,
    GateReview,
    GateReviewState,
    PlanEventKind,
    Project,
    Waiver,
)
from projects.selectors.gates import Gate, gate_of_phase, phase_after, project_gates, waivers_in_force
from projects.selectors.memberships import assignee_candidates
from projects.selectors.projects import project_pmo_type
from projects.services.history.events import record_plan_event


class GateRefused(Exception):
    """The PMO type does not let this happen now (the API answers 409 with the message)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _locked(project: Project) -> Project:
    return Project.objects.select_for_update().select_related("portfolio").get(pk=project.pk)


def _current_gate(project: Project) -> Gate:
    gates = project_gates(project)
    gate = gate_of_phase(gates, project.phase)
    if gate is None:
        # A phase the methodology does not name (set before it was chosen): the generic gate closes it.
        gate = Gate(phase=project.phase, name=project.get_phase_display(), gate_name=_("Phase gate"))
    return gate


@transaction.atomic
def gate_review_request(*, actor: User, project: Project, note: str = "") -> GateReview:
    """Ask for the review of the gate closing the project's current phase (the PM or an admin)."""
    project = _locked(project)
    if not policy.may_request_gate_review(actor, project_manager_id=project.project_manager_id):
        raise PermissionDenied(_("Only the project's manager may request a gate review."))
    gate = _current_gate(project)
    if not gate.has_gate:
        raise GateRefused(_("The current phase has no gate to review."))
    if GateReview.objects.filter(
        project=project, phase=project.phase, state=GateReviewState.PENDING
    ).exists():
        raise GateRefused(_("A review of this gate is already pending."))
    review = GateReview(
        project=project,
        phase=project.phase,
        gate_name=gate.gate_name,
        checklist=list(gate.checklist),
        advisory=policy.gate_review_is_advisory(project_pmo_type(project)),
        requested_by=actor,
        note=note,
    )
    review.full_clean()
    try:
        with transaction.atomic():
            review.save()
    except IntegrityError as error:
        raise GateRefused(_("A review of this gate is already pending.")) from error
    record_plan_event(
        project=project,
        actor=actor,
        kind=PlanEventKind.GATE_REQUESTED,
        subject=gate.gate_name,
        details={"note": note},
    )
    return review


def _checked_answers(review: GateReview, checklist: list, waived_items: set[str]) -> list[dict]:
    """The answers to the review's checklist, one per question in order; waived questions need none."""
    if not isinstance(checklist, list):
        raise ValidationError({"checklist": _("Answer the checklist as a list, one answer per question.")})
    answers = []
    for position, question in enumerate(review.checklist):
        given = checklist[position] if position < len(checklist) else None
        if question in waived_items and not given:
            answers.append({"question": question, "answer": "waived", "note": ""})
            continue
        if not isinstance(given, dict) or given.get("answer") not in ChecklistAnswer.values:
            raise ValidationError(
                {
                    "checklist": _("Question %(n)d (“%(question)s”): answer yes, no or n/a.")
                    % {"n": position + 1, "question": question}
                }
            )
        answers.append(
            {"question": question, "answer": given["answer"], "note": str(given.get("note") or "")}
        )
    if len(checklist) > len(review.checklist):
        raise ValidationError({"checklist": _("There are more answers than checklist questions.")})
    return answers


def _checked_conditions(project: Project, conditions: list) -> list[FollowUp]:
    if not isinstance(conditions, list):
        raise ValidationError({"conditions": _("List the conditions.")})
    members = set(assignee_candidates(project=project).values_list("pk", flat=True))
    follow_ups = []
    for position, condition in enumerate(conditions, start=1):
        if not isinstance(condition, dict):
            raise ValidationError({"conditions": _("Condition %(n)d is not a condition.") % {"n": position}})
        description = str(condition.get("description") or "").strip()
        owner_id = condition.get("owner")
        due_on = condition.get("due_on")
        if not description:
            raise ValidationError({"conditions": _("Condition %(n)d needs a description.") % {"n": position}})
        if isinstance(owner_id, bool) or not isinstance(owner_id, int) or owner_id not in members:
            raise ValidationError(
                {
                    "conditions": _("Condition %(n)d: the owner must be a member of the project.")
                    % {"n": position}
                }
            )
        if isinstance(due_on, str):
            try:
                due_on = date.fromisoformat(due_on)
            except ValueError:
                due_on = None
        if not isinstance(due_on, date):
            raise ValidationError(
                {"conditions": _("Condition %(n)d needs a due date (YYYY-MM-DD).") % {"n": position}}
            )
        follow_up = FollowUp(description=description, owner_id=owner_id, due_on=due_on)
        follow_up.full_clean(exclude=["review"])
        follow_ups.append(follow_up)
    return follow_ups


@transaction.atomic
def gate_review_decide(
    *,
    actor: User,
    review: GateReview,
    decision: str,
    comment: str,
    checklist: list | None = None,
    conditions: list | None = None,
) -> GateReview:
    """Decide a pending gate review: approve, approve with conditions (follow-up items), reject or defer.

    Refused when the review is decided already or the actor has no authority over the gate; under a
    directive PMO an approval moves the project to its next phase at once.
    """
    review = GateReview.objects.select_for_update().select_related("project__portfolio").get(pk=review.pk)
    project = _locked(review.project)
    pmo_type = project_pmo_type(project)
    gate = gate_of_phase(project_gates(project), review.phase)
    reviewers = list(gate.reviewers) if gate else []
    if not policy.may_decide_gate(
        actor, pmo_type=pmo_type, reviewers=reviewers, is_sponsor=project.sponsor_id == actor.pk
    ):
        raise PermissionDenied(_("You do not have the authority to decide this gate."))
    if not review.is_pending:
        raise GateRefused(
            _("This review was decided already (%(state)s); request a new one.")
            % {"state": review.get_state_display()}
        )
    if decision not in GateDecision.values:
        raise ValidationError({"decision": _("Choose approve, approve with conditions, reject or defer.")})
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("Say why: a decision needs a comment.")})
    waived = {
        waiver.checklist_item
        for waiver in waivers_in_force(Waiver.objects.filter(project=project, gate_phase=review.phase))
        if waiver.checklist_item
    }
    review.answers = _checked_answers(review, checklist or [], waived)
    follow_ups = _checked_conditions(project, conditions or [])
    if decision == GateDecision.APPROVED_WITH_CONDITIONS and not follow_ups:
        raise ValidationError({"conditions": _("Approving with conditions needs at least one condition.")})
    if decision != GateDecision.APPROVED_WITH_CONDITIONS and follow_ups:
        raise ValidationError({"conditions": _("Only an approval with conditions takes conditions.")})
    review.state = decision
    review.comment = comment
    review.decided_by = actor
    review.decided_at = timezone.now()
    review.full_clean()
    review.save()
    for follow_up in follow_ups:
        follow_up.review = review
        follow_up.save()
    record_plan_event(
        project=project,
        actor=actor,
        kind=PlanEventKind.GATE_DECIDED,
        subject=review.gate_name,
        details={"decision": decision, "comment": comment},
    )
    if review.passed and policy.gate_approval_moves_phase(pmo_type):
        next_phase = phase_after(project_gates(project), project.phase)
        if next_phase is not None and review.phase == project.phase:
            _set_phase(project, next_phase, actor)
    return review


def _set_phase(project: Project, phase: str, actor: User) -> Project:
    project.phase = phase
    project._history_user = actor
    project.full_clean()
    project.save(update_fields=["phase", "updated_at"])
    return project


def phase_move_refusal(*, actor: User, project: Project) -> str | None:
    """Why the actor may not move the project to its next phase now (None if they may).

    Used by the page to show the reason beside the button and by the service that moves.
    """
    pmo_type = project_pmo_type(project)
    gates = project_gates(project)
    if phase_after(gates, project.phase) is None:
        return _("The project is in its last phase.")
    if not policy.may_move_phase(actor, pmo_type=pmo_type, project_manager_id=project.project_manager_id):
        if policy.gate_approval_moves_phase(pmo_type):
            return _("Under a directive PMO, PMO staff decide the gate and move the project.")
        return _("Only the project's manager moves the project to its next phase.")
    gate = gate_of_phase(gates, project.phase)
    has_gate = gate.has_gate if gate else True
    if policy.phase_move_needs_gate(pmo_type, phase_has_gate=has_gate):
        passed = GateReview.objects.filter(
            project=project, phase=project.phase, state__in=PASSING_STATES
        ).exists()
        if not passed:
            return _("The PMO must approve the gate review of this phase before the project moves on.")
    return None


@transaction.atomic
def project_phase_move(*, actor: User, project: Project, phase: str) -> Project:
    """Move the project to its next phase, through the gate as the PMO type says (GateRefused if not)."""
    project = _locked(project)
    next_phase = phase_after(project_gates(project), project.phase)
    if phase != next_phase:
        raise ValidationError(
            {
                "phase": _("The project can only move to its next phase (%(next)s).")
                % {"next": next_phase or _("none: it is in its last phase")}
            }
        )
    pmo_type = project_pmo_type(project)
    allowed_people = policy.may_move_phase(
        actor, pmo_type=pmo_type, project_manager_id=project.project_manager_id
    )
    is_manager = project.project_manager_id == actor.pk
    if not allowed_people and not is_manager:
        raise PermissionDenied(_("You are not allowed to move this project's phase."))
    refusal = phase_move_refusal(actor=actor, project=project)
    if refusal:
        raise GateRefused(refusal)
    return _set_phase(project, phase, actor)


@transaction.atomic
def waiver_grant(
    *,
    actor: User,
    project: Project,
    reason: str,
    expires_on: date,
    deliverable_kind: str = "",
    gate_phase: str = "",
    checklist_item: str = "",
) -> Waiver:
    """PMO staff waive a required deliverable, or one checklist item of a gate, for one project."""
    if not policy.may_grant_waiver(actor):
        raise PermissionDenied(_("Only PMO staff grant waivers."))
    gates = project_gates(project)
    if deliverable_kind and deliverable_kind not in {
        kind for gate in gates for kind in gate.required_deliverables
    }:
        raise ValidationError(
            {"deliverable_kind": _("The project's methodology does not require this deliverable.")}
        )
    if checklist_item and not gate_phase:
        raise ValidationError({"gate_phase": _("Choose the gate whose checklist item is waived.")})
    if checklist_item:
        gate = gate_of_phase(gates, gate_phase)
        if gate is None or checklist_item not in gate.checklist:
            raise ValidationError({"checklist_item": _("This gate's checklist has no such item.")})
    waiver = Waiver(
        project=project,
        reason=(reason or "").strip(),
        expires_on=expires_on,
        deliverable_kind=deliverable_kind,
        gate_phase=gate_phase if checklist_item else "",
        checklist_item=checklist_item,
        granted_by=actor,
    )
    waiver.full_clean()
    waiver.save()
    record_plan_event(
        project=project,
        actor=actor,
        kind=PlanEventKind.WAIVER_GRANTED,
        subject=waiver.subject,
        details={"note": waiver.reason},
    )
    return waiver


@transaction.atomic
def follow_up_set_done(*, actor: User, follow_up: FollowUp, done: bool) -> FollowUp:
    """Mark a follow-up item done (or not): its owner, the project's PM, PMO staff or an admin."""
    project = follow_up.review.project
    if not policy.may_mark_follow_up(
        actor, owner_id=follow_up.owner_id, project_manager_id=project.project_manager_id
    ):
        raise PermissionDenied(_("Only the owner, the project manager or the PMO mark this item done."))
    follow_up.done = done
    follow_up.save(update_fields=["done"])
    return follow_up
