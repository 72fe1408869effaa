"""The plan's and the governance workflow's events (PlanEvent) and the comments, as history entries."""

from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import FieldDoesNotExist
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from projects.models import (
    ApprovalRole,
    Dependency,
    DependencyType,
    PlanEvent,
    PlanEventKind,
    Project,
    ProjectCalendar,
    ProjectComment,
    Task,
)
from projects.selectors.history.fields import Fact, FieldChange, HistoryEntry

DEPENDENCY_EVENTS = {
    PlanEventKind.DEPENDENCY_ADDED,
    PlanEventKind.DEPENDENCY_CHANGED,
    PlanEventKind.DEPENDENCY_REMOVED,
}


def lag_text(lag_days: int) -> str:
    """A lag as planners write it: +2d, -1d (a lead)."""
    return _("%(lag)+dd") % {"lag": lag_days}


def link_name(*, predecessor: str, successor: str, type: str, lag_days: int) -> str:  # noqa: A002
    """A link as planners write it: "A -> B (FS +2d)"; a link without lag: "A -> B (FS)"."""
    kind = f"{type} {lag_text(lag_days)}" if lag_days else type
    return _("%(predecessor)s -> %(successor)s (%(type)s)") % {
        "predecessor": predecessor,
        "successor": successor,
        "type": kind,
    }


def _money(value) -> str:
    try:
        return f"{Decimal(value):,.2f}"
    except (InvalidOperation, TypeError, ValueError):
        return str(value)


def _day(value) -> str:
    try:
        return date_format(datetime.fromisoformat(value).date(), "Y-m-d")
    except (TypeError, ValueError):
        return str(value)


def _weekdays(days) -> str:
    return ", ".join(str(WEEKDAYS_ABBR[day]) for day in days)


# The project's own calendar exceptions, listed "date name": days off, and days worked although off.
CALENDAR_EXCEPTION_LABELS = {
    "holidays_added": gettext_lazy("calendar exceptions added"),
    "holidays_removed": gettext_lazy("calendar exceptions removed"),
    "working_days_added": gettext_lazy("calendar working days added"),
    "working_days_removed": gettext_lazy("calendar working days removed"),
}


def _plan_value(model, field_name: str, value) -> str:
    """A stored value of a plan field in words: choices by their label, yes / no, money, dates."""
    if value is None or value == "" or value == []:
        return "—"
    if field_name in CALENDAR_EXCEPTION_LABELS:
        return "; ".join(value)
    if field_name == "working_weekdays":
        return _weekdays(value)
    if field_name == "lag_days":
        return lag_text(int(value))
    if field_name == "position":
        return str(int(value) + 1)  # stored from 0; people count siblings from 1
    try:
        model_field = model._meta.get_field(field_name)
    except (AttributeError, FieldDoesNotExist):  # no model, or a field since removed: the stored value
        return str(value)
    if model_field.is_relation:
        return str(value)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if model_field.get_internal_type() == "DecimalField":
        return _money(value)
    if model_field.get_internal_type() == "DateField":
        return _day(value)
    return str(value)


def _plan_label(model, field_name: str) -> str:
    if field_name == "working_weekdays":
        return _("working weekdays")
    if field_name in CALENDAR_EXCEPTION_LABELS:
        return str(CALENDAR_EXCEPTION_LABELS[field_name])
    if field_name == "position":
        return _("position among siblings")
    try:
        return str(model._meta.get_field(field_name).verbose_name)
    except (AttributeError, FieldDoesNotExist):  # no model, or a field since removed: its name
        return field_name


IMPORT_MODES = {
    "new": gettext_lazy("new plan"),
    "replace": gettext_lazy("replaced the plan"),
    "update": gettext_lazy("updated in place"),
}

CHANGE_REQUEST_EVENTS = {
    PlanEventKind.CHANGE_REQUEST_CREATED,
    PlanEventKind.CHANGE_REQUEST_SUBMITTED,
    PlanEventKind.CHANGE_REQUEST_STEP_APPROVED,
    PlanEventKind.CHANGE_REQUEST_APPROVED,
    PlanEventKind.CHANGE_REQUEST_REJECTED,
    PlanEventKind.CHANGE_REQUEST_WITHDRAWN,
}


def _change_request_facts(details: dict) -> list[Fact]:
    """A change request's figures, its route or the step decided with its comment, and any baseline."""
    roles = dict(ApprovalRole.choices)
    facts = [
        Fact(_("impact on cost"), f"{_money(details.get('cost'))} {details.get('currency', '')}".strip()),
        Fact(_("impact on schedule (working days)"), str(details.get("days", 0))),
    ]
    if details.get("steps"):
        facts.append(
            Fact(_("approval steps"), " → ".join(str(roles.get(role, role)) for role in details["steps"]))
        )
    if details.get("pmo_informed"):
        facts.append(Fact(_("PMO informed"), _("yes")))
    if details.get("role"):
        facts.append(Fact(_("approver"), str(roles.get(details["role"], details["role"]))))
    if details.get("comment"):
        facts.append(Fact(_("comment"), details["comment"]))
    if details.get("baseline"):
        facts.append(Fact(_("baseline saved"), details["baseline"]))
    return facts


GOVERNANCE_DECISIONS = {
    "approved": gettext_lazy("approved"),
    "approved_with_conditions": gettext_lazy("approved with conditions"),
    "rejected": gettext_lazy("rejected"),
    "deferred": gettext_lazy("deferred"),
    "accepted": gettext_lazy("accepted"),
    "returned": gettext_lazy("returned"),
}

GOVERNANCE_EVENTS = {
    PlanEventKind.GATE_REQUESTED,
    PlanEventKind.GATE_DECIDED,
    PlanEventKind.WAIVER_GRANTED,
    PlanEventKind.DELIVERABLE_REVIEWED,
}


def _governance_facts(details: dict) -> list[Fact]:
    """A gate's or a deliverable's decision and comment, a request's or a waiver's note."""
    facts = []
    if details.get("decision"):
        decision = details["decision"]
        facts.append(Fact(_("decision"), str(GOVERNANCE_DECISIONS.get(decision, decision))))
    if details.get("comment"):
        facts.append(Fact(_("comment"), details["comment"]))
    if details.get("note"):
        facts.append(Fact(_("note"), details["note"]))
    return facts


def _facts(event: PlanEvent, currency: str) -> list[Fact]:
    details = event.details or {}
    if event.kind in CHANGE_REQUEST_EVENTS:
        return _change_request_facts(details)
    if event.kind in GOVERNANCE_EVENTS:
        return _governance_facts(details)
    if event.kind == PlanEventKind.COST_ENTRY_ADDED:
        facts = [
            Fact(_("amount"), f"{_money(details.get('amount'))} {currency}"),
            Fact(_("date"), _day(details.get("date"))),
        ]
        if details.get("note"):
            facts.append(Fact(_("note"), details["note"]))
        return facts
    if event.kind == PlanEventKind.PLAN_IMPORTED:
        mode = details.get("mode", "")
        return [
            Fact(_("file"), event.subject or "—"),
            Fact(_("mode"), str(IMPORT_MODES.get(mode, mode))),
            Fact(_("tasks created"), str(details.get("tasks_created", 0))),
            Fact(_("tasks updated"), str(details.get("tasks_updated", 0))),
            Fact(_("tasks deleted"), str(details.get("tasks_deleted", 0))),
            Fact(_("links created"), str(details.get("links_created", 0))),
        ]
    return []


def _plan_entry(event: PlanEvent, currency: str) -> HistoryEntry:
    model = Dependency if event.kind in DEPENDENCY_EVENTS else Task
    if event.kind == PlanEventKind.CALENDAR_CHANGED:
        model = ProjectCalendar
    if event.kind in CHANGE_REQUEST_EVENTS:
        model = Project
    subject = event.subject
    if event.kind in DEPENDENCY_EVENTS and event.details:
        subject = link_name(
            predecessor=event.details.get("predecessor", ""),
            successor=event.details.get("successor", ""),
            type=event.details.get("type", DependencyType.FS),
            lag_days=int(event.details.get("lag_days") or 0),
        )
    return HistoryEntry(
        when=event.created_at,
        who=event.actor.display_name if event.actor else _("system"),
        kind=event.kind,
        title=str(PlanEventKind(event.kind).label) if event.kind in PlanEventKind.values else event.kind,
        subject=subject,
        changes=[
            FieldChange(
                label=_plan_label(model, change["field"]),
                old=_plan_value(model, change["field"], change.get("old")),
                new=_plan_value(model, change["field"], change.get("new")),
            )
            for change in event.changes
        ],
        facts=_facts(event, currency),
    )


def _comment_entry(comment: ProjectComment) -> HistoryEntry:
    return HistoryEntry(
        when=comment.created_at,
        who=comment.author.display_name if comment.author else _("system"),
        kind="comment",
        title=_("Comment"),
        text=comment.text,
    )
