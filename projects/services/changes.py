"""Writes of change requests: draft, submit (routed by the change authority), decide step by step, withdraw.

Rules:
- Whoever may edit the project (policy.may_raise_change) drafts, edits while draft, submits and
  withdraws its change requests.
- Submitting routes the request by its size against the project's budget and the change authority of
  the PMO type in force (governance.change_authority.route) into approval steps, decided in order,
  each by someone holding that step's role for the project (policy.may_decide_change_step), with a
  comment.
- The last approval applies the change in the same transaction: the budget grows by the cost, the
  finish date moves by the working days on the project's calendar, and where asked a baseline is
  saved. A rejection ends the request and changes nothing else. Every step goes into the history.
"""

from decimal import Decimal
from typing import TypedDict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from governance import change_authority, policy
from governance.models import User
from governance.selectors import change_authority_for
from projects.models import (
    ApprovalDecision,
    ApprovalRole,
    ChangeApproval,
    ChangeRequest,
    ChangeRequestState,
    PlanEventKind,
    Project,
)
from projects.selectors.calendars import plan_work_calendar
from projects.selectors.projects import project_pmo_type
from projects.services.baselines import baseline_freeze
from projects.services.editing import lock_project, save_row
from projects.services.history.events import record_plan_event
from projects.services.saving import refuse_unknown_fields, save_validated


class ChangeRequestChanges(TypedDict, total=False):
    """The fields of a draft change request its author may change."""

    title: str
    description: str
    reason: str
    scope_impact: str
    schedule_impact_days: int
    cost_impact: Decimal
    currency: str
    save_baseline: bool


CHANGE_REQUEST_EDITABLE_FIELDS = tuple(ChangeRequestChanges.__annotations__)


def _require_raiser(actor: User, project: Project) -> None:
    if not policy.may_raise_change(
        actor, project_manager_id=project.project_manager_id, pmo_type=project_pmo_type(project)
    ):
        raise PermissionDenied(_("You are not allowed to raise or change this project's change requests."))


def _lock(change_request: ChangeRequest) -> tuple[ChangeRequest, Project]:
    """The project, then the change request, locked in that order (as every plan write locks)."""
    project = lock_project(change_request.project_id)
    locked = ChangeRequest.objects.select_for_update().get(pk=change_request.pk)
    locked.project = project
    return locked, project


def _facts(change_request: ChangeRequest) -> dict:
    return {
        "change_request": change_request.pk,
        "cost": str(change_request.cost_impact),
        "currency": change_request.currency,
        "days": change_request.schedule_impact_days,
    }


def _record(change_request: ChangeRequest, *, actor: User, kind: str, changes=None, **details):
    record_plan_event(
        project=change_request.project_id,
        actor=actor,
        kind=kind,
        subject=str(change_request),
        changes=changes,
        details={**_facts(change_request), **details},
    )


@transaction.atomic
def change_request_create(
    *,
    actor: User,
    project: Project,
    title: str,
    description: str = "",
    reason: str = "",
    scope_impact: str = "",
    schedule_impact_days: int = 0,
    cost_impact: Decimal = Decimal("0"),
    currency: str = "",
    save_baseline: bool = False,
) -> ChangeRequest:
    """Draft a change request on a project the actor may edit; the cost is in the project's currency
    (a request naming another currency is refused on `currency`)."""
    project = lock_project(project.pk)
    _require_raiser(actor, project)
    change_request = ChangeRequest(
        project=project,
        title=title,
        description=description,
        reason=reason,
        scope_impact=scope_impact,
        schedule_impact_days=schedule_impact_days,
        cost_impact=cost_impact,
        currency=currency or project.currency,
        save_baseline=save_baseline,
        created_by=actor,
    )
    save_row(change_request)
    _record(change_request, actor=actor, kind=PlanEventKind.CHANGE_REQUEST_CREATED)
    return change_request


@transaction.atomic
def change_request_update(
    *, actor: User, change_request: ChangeRequest, changes: ChangeRequestChanges
) -> ChangeRequest:
    """Change the fields given of a draft change request; a submitted one is no longer edited."""
    refuse_unknown_fields(changes, CHANGE_REQUEST_EDITABLE_FIELDS)
    change_request, project = _lock(change_request)
    _require_raiser(actor, project)
    if change_request.state != ChangeRequestState.DRAFT:
        raise ValidationError(
            {
                "state": _("Only a draft change request can be edited; this one is %(state)s.")
                % {"state": change_request.get_state_display()}
            }
        )
    for name, value in changes.items():
        setattr(change_request, name, value)
    save_row(change_request)
    return change_request


@transaction.atomic
def change_request_submit(*, actor: User, change_request: ChangeRequest) -> ChangeRequest:
    """Submit a draft: route it by its size and the PMO type in force into ordered approval steps.

    A route that needs the sponsor is refused while the project has none (naming `sponsor`).
    """
    change_request, project = _lock(change_request)
    _require_raiser(actor, project)
    if change_request.state != ChangeRequestState.DRAFT:
        raise ValidationError(
            {
                "state": _("Only a draft change request can be submitted; this one is %(state)s.")
                % {"state": change_request.get_state_display()}
            }
        )
    # The project may have changed currency since the draft.
    change_request.full_clean()
    pmo_type = project_pmo_type(project)
    share = change_authority.cost_share_percent(cost=change_request.cost_impact, budget=project.budget)
    steps = change_authority.route(
        cost_share=share,
        delay_days=change_request.schedule_impact_days,
        pmo_type=pmo_type,
        tiers=change_authority_for(pmo_type),
    )
    if ApprovalRole.SPONSOR in steps and project.sponsor_id is None:
        raise ValidationError(
            {
                "sponsor": _(
                    "This change needs the sponsor's approval, and the project has no sponsor: "
                    "name one first."
                )
            }
        )
    ChangeApproval.objects.bulk_create(
        ChangeApproval(change_request=change_request, order=order, role=role)
        for order, role in enumerate(steps, start=1)
    )
    change_request.state = ChangeRequestState.SUBMITTED
    change_request.pmo_type = pmo_type
    change_request.budget_at_submission = project.budget
    change_request.pmo_informed = change_authority.pmo_informed(pmo_type)
    change_request.submitted_at = timezone.now()
    save_row(change_request)
    _record(
        change_request,
        actor=actor,
        kind=PlanEventKind.CHANGE_REQUEST_SUBMITTED,
        steps=list(steps),
        pmo_type=pmo_type,
        pmo_informed=change_request.pmo_informed,
    )
    return change_request


def _pending_step(change_request: ChangeRequest) -> ChangeApproval | None:
    return (
        ChangeApproval.objects.select_for_update()
        .filter(change_request=change_request, decision=ApprovalDecision.PENDING)
        .order_by("order")
        .first()
    )


def _check_decider(
    actor: User, change_request: ChangeRequest, step: ChangeApproval, project: Project
) -> None:
    def may(role: str) -> bool:
        return policy.may_decide_change_step(
            actor, role=role, project_manager_id=project.project_manager_id, sponsor_id=project.sponsor_id
        )

    if may(step.role):
        return
    later = ChangeApproval.objects.filter(
        change_request=change_request, order__gt=step.order, decision=ApprovalDecision.PENDING
    ).values_list("role", flat=True)
    if any(may(role) for role in later):
        raise ValidationError(
            {
                "step": _("Steps are decided in order: this change waits for the %(role)s first.")
                % {"role": step.get_role_display()}
            }
        )
    raise PermissionDenied(
        _("This step is for the %(role)s of the project to decide.") % {"role": step.get_role_display()}
    )


def _apply(change_request: ChangeRequest, project: Project, *, actor: User) -> list[dict]:
    """Apply an approved change to the locked project; the fields changed, old -> new, as stored."""
    old_budget, old_finish = project.budget, project.finish_date
    new_budget = old_budget + change_request.cost_impact
    if new_budget < 0:
        raise ValidationError(
            {"cost_impact": _("The saving is larger than the budget: the budget cannot become negative.")}
        )
    project.budget = new_budget
    if old_finish is not None and change_request.schedule_impact_days:
        calendar = plan_work_calendar(project).work_calendar
        project.finish_date = calendar.add_working_days(old_finish, change_request.schedule_impact_days)
    save_validated(project, actor=actor)
    changes = []
    if new_budget != old_budget:
        changes.append({"field": "budget", "old": str(old_budget), "new": str(new_budget)})
    if project.finish_date != old_finish:
        changes.append(
            {"field": "finish_date", "old": old_finish.isoformat(), "new": project.finish_date.isoformat()}
        )
    return changes


@transaction.atomic
def change_request_decide(
    *, actor: User, change_request: ChangeRequest, decision: str, comment: str, step: int | None = None
) -> ChangeRequest:
    """Decide the pending approval step of a submitted change request: approve or reject, with a comment.

    `step` (the step's order), when given, must be the pending one: a step already decided is refused.
    The last approval applies the change (budget, finish date, baseline where asked); a rejection
    ends the request without touching the project.
    """
    change_request, project = _lock(change_request)
    if decision not in (ApprovalDecision.APPROVED, ApprovalDecision.REJECTED):
        raise ValidationError({"decision": _("Decide “approve” or “reject”.")})
    if not comment.strip():
        raise ValidationError({"comment": _("Give a comment with the decision.")})
    if change_request.state != ChangeRequestState.SUBMITTED:
        raise ValidationError(
            {
                "decision": _("This change request is not awaiting a decision: it is %(state)s.")
                % {"state": change_request.get_state_display()}
            }
        )
    pending = _pending_step(change_request)
    if step is not None and (pending is None or step != pending.order):
        decided = ChangeApproval.objects.filter(change_request=change_request, order=step).first()
        if decided is not None and not decided.is_pending:
            raise ValidationError(
                {
                    "step": _("Step %(order)s was already decided: %(decision)s.")
                    % {"order": step, "decision": decided.get_decision_display()}
                }
            )
        raise ValidationError(
            {"step": _("Step %(order)s is not the one awaiting a decision.") % {"order": step}}
        )
    _check_decider(actor, change_request, pending, project)
    now = timezone.now()
    pending.decision = decision
    pending.comment = comment
    pending.decided_by = actor
    pending.decided_at = now
    save_row(pending)
    facts = {"role": pending.role, "comment": comment}
    if decision == ApprovalDecision.REJECTED:
        change_request.state = ChangeRequestState.REJECTED
        change_request.decided_at = now
        save_row(change_request)
        _record(change_request, actor=actor, kind=PlanEventKind.CHANGE_REQUEST_REJECTED, **facts)
        return change_request
    more = ChangeApproval.objects.filter(
        change_request=change_request, decision=ApprovalDecision.PENDING
    ).exists()
    if more:
        _record(change_request, actor=actor, kind=PlanEventKind.CHANGE_REQUEST_STEP_APPROVED, **facts)
        return change_request
    changes = _apply(change_request, project, actor=actor)
    change_request.state = ChangeRequestState.APPROVED
    change_request.decided_at = now
    save_row(change_request)
    baseline_name = ""
    if change_request.save_baseline:
        baseline_name = (_("After change request %(number)s") % {"number": change_request.pk})[:100]
        baseline_freeze(project=project, name=baseline_name, created_by=actor)
    _record(
        change_request,
        actor=actor,
        kind=PlanEventKind.CHANGE_REQUEST_APPROVED,
        changes=changes,
        baseline=baseline_name,
        **facts,
    )
    return change_request


@transaction.atomic
def change_request_withdraw(*, actor: User, change_request: ChangeRequest) -> ChangeRequest:
    """Withdraw a draft or submitted change request; its decided steps stay on record."""
    change_request, project = _lock(change_request)
    _require_raiser(actor, project)
    if not change_request.is_open:
        raise ValidationError(
            {
                "state": _(
                    "Only a draft or submitted change request can be withdrawn; this one is %(state)s."
                )
                % {"state": change_request.get_state_display()}
            }
        )
    change_request.state = ChangeRequestState.WITHDRAWN
    change_request.decided_at = timezone.now()
    save_row(change_request)
    _record(change_request, actor=actor, kind=PlanEventKind.CHANGE_REQUEST_WITHDRAWN)
    return change_request
