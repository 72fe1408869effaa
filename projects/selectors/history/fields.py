"""The project's own field changes (simple_history), and the shapes every history entry shares."""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from governance.models import MethodologyVersion
from projects.models import (
    Portfolio,
    Program,
    Project,
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
