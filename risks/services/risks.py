"""Writes of the risk register: raise, edit, move through the workflow, sign off, occur.

Rules:
- The project's PM and team, admins and (under a directive PMO) PMO staff raise and edit its risks
  (policy.may_edit_risk). Ratings are on the PMO's scale, the category one of the PMO's, the owner the
  PM or a team member, linked tasks from the project's plan (governance.risk_standards).
- Workflow: identified -> assessed -> response planned -> monitoring -> closed; any open risk may also
  be closed at once (it no longer applies), or occur (risk_occur), which opens its issue in the same
  transaction. Closed and occurred are final. Assessing needs a category; planning a response needs a
  strategy and, except to accept, a plan.
- Escalation, on every change of the score: a score reaching the PMO's threshold escalates the risk to
  the portfolio (escalated, escalated_at) and it stays escalated while open, even when re-rated lower,
  since the portfolio has taken it up. What follows depends on the PMO type in force:
  supportive: the PMO is told (the PMO risk queue lists it; the notifications issue sends the message);
  controlling: its response counts as planned only once PMO staff sign it off (risk_sign_off_response),
  so the move to response planned is refused before; a changed strategy or plan needs a new sign-off;
  directive: the PMO owns it, so from then on only PMO staff and admins edit it (policy.may_edit_risk);
  the owner field keeps the project person who acts on it.
- Every write is kept in the risk's history with its editor and marks the project's figures stale.
"""

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import TypedDict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from governance import policy
from governance.models import User
from governance.risk_standards import RiskStandards
from governance.selectors import risk_standards
from projects.models import Project, Task
from risks.models import Issue, ResponseStrategy, Risk, RiskKind, RiskStatus
from risks.selectors.facts import may_own_register_item
from risks.services.reminders import escalation_notices_record
from risks.services.rules import (
    Errors,
    add_error,
    check_category,
    check_owner,
    check_ratings,
    check_tasks,
    locked_project,
    mark_stale,
    require_register_editor,
    save_checked,
)

# The moves risk_transition makes; occurring has its own service, since it opens an issue.
NEXT_STATUSES = {
    RiskStatus.IDENTIFIED: (RiskStatus.ASSESSED, RiskStatus.CLOSED),
    RiskStatus.ASSESSED: (RiskStatus.RESPONSE_PLANNED, RiskStatus.CLOSED),
    RiskStatus.RESPONSE_PLANNED: (RiskStatus.MONITORING, RiskStatus.CLOSED),
    RiskStatus.MONITORING: (RiskStatus.CLOSED,),
    RiskStatus.CLOSED: (),
    RiskStatus.OCCURRED: (),
}
# Changing one of these after a sign-off changes what was signed off.
SIGNED_OFF_FIELDS = ("strategy", "response_plan")


class RiskChanges(TypedDict, total=False):
    """The fields of a risk its editors may change; the status moves through risk_transition."""

    kind: str
    title: str
    cause: str
    event: str
    effect: str
    category: str
    probability: int
    impact: int
    owner: User
    strategy: str
    response_plan: str
    trigger: str
    review_date: datetime.date | None
    residual_probability: int | None
    residual_impact: int | None
    residual_reason: str
    cost_impact: Decimal
    linked_tasks: list[Task]


RISK_EDITABLE_FIELDS = tuple(RiskChanges.__annotations__)


def _lock(risk: Risk) -> tuple[Risk, Project]:
    """The project, then the risk, locked in that order."""
    project = locked_project(risk.project_id)
    locked = Risk.objects.select_for_update().get(pk=risk.pk)
    locked.project = project
    return locked, project


def _check_rated(errors: Errors, risk: Risk, standards: RiskStandards) -> None:
    check_ratings(
        errors,
        standards,
        {
            "probability": risk.probability,
            "impact": risk.impact,
            "residual_probability": risk.residual_probability,
            "residual_impact": risk.residual_impact,
        },
    )
    if risk.probability is None:
        add_error(errors, "probability", _("Rate the probability."))
    if risk.impact is None:
        add_error(errors, "impact", _("Rate the impact."))
    if isinstance(risk.probability, int) and isinstance(risk.impact, int):
        risk.score = risk.probability * risk.impact


def _escalate_if_due(risk: Risk, standards: RiskStandards) -> bool:
    """Escalate an open risk whose score reaches the threshold; True when it escalated now."""
    if risk.escalated or not risk.is_open or not standards.is_escalated(risk.score):
        return False
    risk.escalated = True
    risk.escalated_at = timezone.now()
    return True


def _save(risk: Risk, *, actor: User | None, errors: Errors, tasks: list[Task] | None = None) -> Risk:
    save_checked(risk, actor=actor, errors=errors)
    if tasks is not None:
        risk.linked_tasks.set(tasks)
    mark_stale(risk.project)
    return risk


@transaction.atomic
def risk_create(
    *,
    actor: User,
    project: Project,
    title: str,
    probability: int,
    impact: int,
    kind: str = RiskKind.THREAT,
    owner: User | None = None,
    cause: str = "",
    event: str = "",
    effect: str = "",
    category: str = "",
    strategy: str = "",
    response_plan: str = "",
    trigger: str = "",
    review_date: datetime.date | None = None,
    residual_probability: int | None = None,
    residual_impact: int | None = None,
    residual_reason: str = "",
    cost_impact: Decimal = Decimal("0"),
    linked_tasks: Iterable[Task] = (),
) -> Risk:
    """Raise a risk on a project the actor may edit the register of; it starts identified.

    The owner is the actor when not given and the actor is on the project, else the project's PM. A score
    at the threshold escalates it at once (the module's rules). Nothing is saved on any error, and every
    field at fault is named.
    """
    project = locked_project(project.pk)
    require_register_editor(actor, project)
    standards = risk_standards()
    if owner is None:
        owner = actor if may_own_register_item(user=actor, project=project) else project.project_manager
    risk = Risk(
        project=project,
        kind=kind,
        title=title,
        cause=cause,
        event=event,
        effect=effect,
        category=category,
        probability=probability,
        impact=impact,
        owner=owner,
        strategy=strategy,
        response_plan=response_plan,
        trigger=trigger,
        review_date=review_date,
        residual_probability=residual_probability,
        residual_impact=residual_impact,
        residual_reason=residual_reason,
        cost_impact=cost_impact,
        created_by=actor,
    )
    errors: Errors = {}
    _check_rated(errors, risk, standards)
    check_category(errors, standards, category)
    check_owner(errors, project=project, owner=owner)
    tasks = check_tasks(errors, project=project, tasks=linked_tasks)
    escalated_now = not errors and _escalate_if_due(risk, standards)
    risk = _save(risk, actor=actor, errors=errors, tasks=tasks)
    if escalated_now:
        escalation_notices_record(risk=risk)
    return risk


def _refuse_when_final(risk: Risk) -> None:
    if not risk.is_open:
        raise ValidationError(
            {
                "status": _("This risk is %(status)s: it is no longer changed.")
                % {"status": risk.get_status_display().lower()}
            }
        )


@transaction.atomic
def risk_update(*, actor: User, risk: Risk, changes: RiskChanges) -> Risk:
    """Change the fields given of an open risk; a new score escalates it when it reaches the threshold.

    The status is not among them (risk_transition and risk_occur move it). A changed strategy or response
    plan withdraws the PMO's sign-off of the response.
    """
    if "status" in changes:
        raise ValidationError({"status": _("The status moves through the risk's workflow, not an edit.")})
    unknown = sorted(set(changes) - set(RISK_EDITABLE_FIELDS))
    if unknown:
        raise ValidationError({name: _("This field cannot be changed.") for name in unknown})
    risk, project = _lock(risk)
    require_register_editor(actor, project, is_escalated=risk.escalated)
    _refuse_when_final(risk)
    standards = risk_standards()
    tasks = changes.get("linked_tasks")
    for name, value in changes.items():
        if name != "linked_tasks":
            setattr(risk, name, value)
    errors: Errors = {}
    _check_rated(errors, risk, standards)
    if "category" in changes:
        check_category(errors, standards, risk.category)
    if "owner" in changes:
        check_owner(errors, project=project, owner=risk.owner)
    if tasks is not None:
        tasks = check_tasks(errors, project=project, tasks=tasks)
    if any(name in changes for name in SIGNED_OFF_FIELDS):
        stored = Risk.objects.values(*SIGNED_OFF_FIELDS).get(pk=risk.pk)
        if any(stored[name] != getattr(risk, name) for name in SIGNED_OFF_FIELDS):
            risk.response_signed_off_by = None
            risk.response_signed_off_at = None
    escalated_now = not errors and _escalate_if_due(risk, standards)
    risk = _save(risk, actor=actor, errors=errors, tasks=tasks)
    if escalated_now:
        escalation_notices_record(risk=risk)
    return risk


def _transition_errors(risk: Risk, to_status: str, pmo_type: str) -> Errors:
    errors: Errors = {}
    if to_status == RiskStatus.OCCURRED:
        add_error(errors, "status", _("A risk occurs through “it happened”, which opens its issue."))
        return errors
    if to_status not in NEXT_STATUSES.get(risk.status, ()):
        labels = dict(RiskStatus.choices)
        add_error(
            errors,
            "status",
            _("A risk cannot move from %(from)s to %(to)s.")
            % {"from": labels.get(risk.status, risk.status), "to": labels.get(to_status, to_status)},
        )
        return errors
    if to_status == RiskStatus.ASSESSED and not risk.category:
        add_error(errors, "category", _("Choose a category to assess the risk."))
    if to_status == RiskStatus.RESPONSE_PLANNED:
        if not risk.strategy:
            add_error(errors, "strategy", _("Choose a response strategy."))
        elif risk.strategy != ResponseStrategy.ACCEPT and not risk.response_plan.strip():
            add_error(errors, "response_plan", _("Describe the response plan."))
        if risk.escalated and policy.risk_response_needs_sign_off(pmo_type) and not risk.response_signed_off:
            add_error(
                errors,
                "response_signed_off_by",
                _(
                    "This risk has escalated: its response plan needs PMO sign-off "
                    "before it counts as planned."
                ),
            )
    return errors


@transaction.atomic
def risk_transition(*, actor: User, risk: Risk, to_status: str) -> Risk:
    """Move a risk to the next status of its workflow (the module's rules), or refuse naming the field."""
    risk, project = _lock(risk)
    pmo_type = require_register_editor(actor, project, is_escalated=risk.escalated)
    errors = _transition_errors(risk, to_status, pmo_type)
    if errors:
        raise ValidationError(errors)
    risk.status = to_status
    return _save(risk, actor=actor, errors={})


@transaction.atomic
def risk_sign_off_response(*, actor: User, risk: Risk) -> Risk:
    """PMO staff (or an admin) sign off the response plan of an open, escalated risk.

    Under a controlling PMO that lets the response count as planned; elsewhere it is recorded only.
    """
    if not policy.may_sign_off_risk_response(actor):
        raise PermissionDenied(_("Only PMO staff sign off risk responses."))
    risk, _project = _lock(risk)
    _refuse_when_final(risk)
    errors: Errors = {}
    if not risk.escalated:
        add_error(errors, "escalated", _("Only the response of an escalated risk is signed off."))
    if not risk.strategy:
        add_error(errors, "strategy", _("The risk has no response strategy to sign off yet."))
    if errors:
        raise ValidationError(errors)
    risk.response_signed_off_by = actor
    risk.response_signed_off_at = timezone.now()
    return _save(risk, actor=actor, errors={})


@transaction.atomic
def risk_occur(
    *,
    actor: User,
    risk: Risk,
    title: str = "",
    description: str = "",
    severity: str = "",
    owner: User | None = None,
    due_date: datetime.date | None = None,
) -> Issue:
    """Record that an open risk happened: it becomes occurred and its issue opens, in one transaction.

    The issue takes the risk's title, its level as severity and its owner unless told otherwise, and links
    back to the risk. Either both are saved or neither: a risk never occurs without its issue.
    """
    risk, project = _lock(risk)
    require_register_editor(actor, project, is_escalated=risk.escalated)
    _refuse_when_final(risk)
    standards = risk_standards()
    issue = Issue(
        project=project,
        risk=risk,
        title=title or risk.title,
        description=description or risk.effect or risk.event,
        severity=severity or standards.level_of(risk.score),
        owner=owner or risk.owner,
        due_date=due_date,
        raised_by=actor,
    )
    errors: Errors = {}
    check_owner(errors, project=project, owner=issue.owner)
    if Issue.objects.filter(risk=risk).exists():
        add_error(errors, "risk", _("This risk has already become an issue."))
    # The issue is checked before anything is written, so a refused issue leaves the risk as it was.
    risk.status = RiskStatus.OCCURRED
    save_checked(issue, actor=actor, errors=errors)
    _save(risk, actor=actor, errors={})
    return issue


@transaction.atomic
def project_standard_risks_add(*, project_id: int) -> list[Risk]:
    """Start a project's register with its methodology's standard risks, identified and owned by its PM.

    A rating beyond the PMO's scale is brought onto it, a category the PMO does not keep is left for the
    assessment; a standard risk whose title the register already holds is skipped, so running it again
    adds nothing. Returns the risks added.
    """
    project = (
        Project.objects.select_for_update(of=("self",))
        .select_related("portfolio", "methodology_version", "project_manager")
        .filter(pk=project_id)
        .first()
    )
    if project is None or project.methodology_version is None:
        return []
    standards = risk_standards()
    taken = set(Risk.objects.filter(project=project).values_list("title", flat=True))
    added = []
    for item in project.methodology_version.standard_risks:
        title = str(item.get("title", "")).strip()
        if not title or title in taken:
            continue
        taken.add(title)
        probability, impact = (
            min(max(int(item.get(name, 3)), 1), standards.scale_size) for name in ("probability", "impact")
        )
        category = str(item.get("category", ""))
        risk = Risk(
            project=project,
            title=title[:200],
            category=category if category in standards.categories else "",
            probability=probability,
            impact=impact,
            score=probability * impact,
            owner=project.project_manager,
        )
        escalated_now = _escalate_if_due(risk, standards)
        save_checked(risk, actor=None, errors={})
        if escalated_now:
            escalation_notices_record(risk=risk)
        added.append(risk)
    if added:
        mark_stale(project)
    return added
