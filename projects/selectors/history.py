"""The change history of a project as people read it: who changed which field, from what to what.

Two sources, newest first: the project's own fields from django-simple-history's records (read once
with their users joined, consecutive records diffed in memory, the foreign keys named in the diffs
resolved with one query per related model), and the plan's changes from PlanEvent (tasks, links,
baselines, actual costs, the calendar, imports), read a page at a time. Either way the cost does not
grow with the number of changes; words and values are put in the reader's language here.
"""

import heapq
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance.models import MethodologyVersion
from projects.models import (
    ApprovalRole,
    Dependency,
    DependencyType,
    PlanEvent,
    PlanEventKind,
    Portfolio,
    Program,
    Project,
    ProjectCalendar,
    ProjectComment,
    Task,
)

# Bookkeeping fields change on every save and say nothing a reader needs; the plan version is not
# even recorded (Project.history excludes it).
IGNORED_FIELDS = {"id", "created_at", "updated_at", "plan_version"}
RELATED_MODELS = {
    "portfolio": Portfolio,
    "program": Program,
    "sponsor": get_user_model(),
    "project_manager": get_user_model(),
    "methodology_version": MethodologyVersion,
}


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class Fact:
    label: str
    value: str


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    # "created", "changed" or "deleted" for the project itself, else a PlanEventKind value.
    kind: str
    changes: list[FieldChange] = field(default_factory=list)
    # What a plan entry is about (a task, a link, a baseline, a file) and its sentence ("Task changed").
    title: str = ""
    subject: str = ""
    facts: list[Fact] = field(default_factory=list)
    # A comment's words ("comment" entries only).
    text: str = ""


def _display(field_name: str, value, related_names: dict) -> str:
    if value is None or value == "":
        return "—"
    if field_name in RELATED_MODELS:
        return related_names.get((field_name, value), str(value))
    model_field = Project._meta.get_field(field_name)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    return str(value)


def _related_names(deltas) -> dict:
    """Names of the portfolios, programs and people mentioned in the diffs, one query per model."""
    wanted: dict[type, set] = {}
    for delta in deltas:
        for change in delta.changes:
            if change.field in RELATED_MODELS:
                ids = wanted.setdefault(RELATED_MODELS[change.field], set())
                ids.update(value for value in (change.old, change.new) if value is not None)
    names_by_model = {
        model: {obj.pk: str(obj) for obj in model.objects.filter(pk__in=ids)} for model, ids in wanted.items()
    }
    return {
        (field_name, pk): name
        for field_name, model in RELATED_MODELS.items()
        for pk, name in names_by_model.get(model, {}).items()
    }


def project_field_history(project: Project) -> list[HistoryEntry]:
    """The project's own fields' history, newest first; each entry lists what changed, old -> new."""
    records = list(project.history.select_related("history_user").order_by("history_date", "history_id"))
    tracked = [
        model_field.name
        for model_field in Project._meta.concrete_fields
        if model_field.name not in IGNORED_FIELDS
    ]
    deltas = [
        new.diff_against(old, included_fields=tracked) for old, new in zip(records, records[1:], strict=False)
    ]
    related_names = _related_names(deltas)

    entries = []
    for index, record in enumerate(records):
        who = record.history_user.display_name if record.history_user else _("system")
        if record.history_type == "+":
            entries.append(
                HistoryEntry(when=record.history_date, who=who, kind="created", title=_("Project created"))
            )
            continue
        if record.history_type == "-":
            entries.append(
                HistoryEntry(when=record.history_date, who=who, kind="deleted", title=_("Project deleted"))
            )
            continue
        if index == 0:
            continue
        changes = [
            FieldChange(
                label=str(Project._meta.get_field(change.field).verbose_name),
                old=_display(change.field, change.old, related_names),
                new=_display(change.field, change.new, related_names),
            )
            for change in sorted(deltas[index - 1].changes, key=lambda change: tracked.index(change.field))
        ]
        # A save that changed nothing a reader cares about is not worth a line.
        if changes:
            entries.append(
                HistoryEntry(
                    when=record.history_date,
                    who=who,
                    kind="changed",
                    title=_("Project changed"),
                    changes=changes,
                )
            )
    entries.reverse()
    return entries


# --- The plan's changes ----------------------------------------------------------------------------------

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


class ProjectHistory(Sequence):
    """The project's whole change history, newest first, read lazily: slicing reads one page.

    Paginators (Django's, DRF's StandardPagination) call count() once and slice once: the project's
    own records are few and read whole; the plan's events and the comments on the project are read
    up to the end of the slice.
    """

    def __init__(self, project: Project):
        self.project = project
        self._events = (
            PlanEvent.objects.filter(project=project).select_related("actor").order_by("-created_at", "-id")
        )
        self._comments = (
            ProjectComment.objects.filter(project=project)
            .select_related("author")
            .order_by("-created_at", "-id")
        )
        self._project_entries: list[HistoryEntry] | None = None

    def _own(self) -> list[HistoryEntry]:
        if self._project_entries is None:
            self._project_entries = project_field_history(self.project)
        return self._project_entries

    def count(self) -> int:
        return len(self._own()) + self._events.count() + self._comments.count()

    def __len__(self) -> int:
        return self.count()

    def __iter__(self):
        return iter(self[0:])

    def __getitem__(self, index):
        if isinstance(index, int):
            if index < 0:
                raise IndexError("negative index")
            found = self[index : index + 1]
            if not found:
                raise IndexError(index)
            return found[0]
        if (
            index.step not in (None, 1)
            or (index.start or 0) < 0
            or (index.stop is not None and index.stop < 0)
        ):
            raise ValueError("ProjectHistory takes forward slices only")
        events = self._events if index.stop is None else self._events[: index.stop]
        comments = self._comments if index.stop is None else self._comments[: index.stop]
        plan_entries = [_plan_entry(event, self.project.currency) for event in events]
        comment_entries = [_comment_entry(comment) for comment in comments]
        merged = heapq.merge(
            self._own(), plan_entries, comment_entries, key=lambda entry: entry.when, reverse=True
        )
        return list(merged)[index.start or 0 : index.stop]


def project_change_history(project: Project) -> ProjectHistory:
    """The project's history with its plan's changes and comments, newest first: who, when, what."""
    return ProjectHistory(project)
