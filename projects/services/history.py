"""Recording the plan's audit trail (PlanEvent): one row per change a person makes to a plan.

Tasks, links, baselines and actual costs are recorded from Django's model signals, so every path that
saves one row (the services, the admin, a service written later) is covered without a call of its own.
Bulk writes send no signals, which is what the derived fields want: a reschedule rewrites the dates of
many tasks, and an import records one summary (`record_plan_import`) instead of thousands of lines.

Rules:
- A changed task lists the fields a person set, old -> new, compared with the row as stored just
  before the save; the schedule and outline figures that project_reschedule derives are left out.
- A deletion is recorded for the row someone deleted: a task's subtasks and links go with it, and a
  plan replaced by an import or deleted with its project is not listed row by row.
- Who: the actor that a plan service named in this transaction (`remember_plan_actor`, called by
  require_plan_editor), else the signed-in user of the request (simple-history's middleware holds
  it), else nobody: the history then says "system".
"""

import dataclasses
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from simple_history.models import HistoricalRecords

from governance.models import User
from projects.models import Baseline, CostEntry, Dependency, PlanEvent, PlanEventKind, Project, Task
from projects.services.reschedule import OUTLINE_FIELDS, SCHEDULE_FIELDS

# Derived by project_reschedule, or bookkeeping; `position` is derived too, but a move sets it.
UNTRACKED_TASK_FIELDS = {"id", "project", "version", "created_at", "updated_at"} | (
    set(OUTLINE_FIELDS + SCHEDULE_FIELDS) - {"position"}
)
MOVE_FIELDS = {"parent", "position"}
TRACKED_DEPENDENCY_FIELDS = ("predecessor", "successor", "type", "lag_days")


@dataclass
class _PlanWrite:
    """The plan write under way: its transaction block, its actor, and the entries it recorded."""

    block: object
    actor: User
    event_ids: list[int] = dataclasses.field(default_factory=list)


_plan_write: ContextVar[_PlanWrite | None] = ContextVar("plan_write", default=None)


def remember_plan_actor(actor: User) -> None:
    """Name the person behind the plan write under way, for the rows its transaction saves.

    The name is tied to the innermost open transaction block (Django's connection.atomic_blocks), so
    it is never lent to a later write of the same thread or worker once that block has closed.
    """
    blocks = transaction.get_connection().atomic_blocks
    _plan_write.set(_PlanWrite(block=blocks[-1], actor=actor) if blocks else None)


def _current_write() -> _PlanWrite | None:
    write = _plan_write.get()
    # Valid only while the transaction block of the service that named it is still open.
    if write is None or not any(block is write.block for block in transaction.get_connection().atomic_blocks):
        return None
    return write


def _remembered_actor() -> User | None:
    write = _current_write()
    return write.actor if write else None


def _request_user() -> User | None:
    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def _actor_for(instance=None) -> User | None:
    named = getattr(instance, "_history_user", None)
    return named or _remembered_actor() or _request_user()


def record_plan_event(
    *,
    project: Project | int,
    actor: User | None,
    kind: str,
    subject: str = "",
    changes: list[dict] | None = None,
    details: dict | None = None,
) -> PlanEvent:
    """Append one entry to the project's plan history; `actor` None means the current plan actor."""
    event = PlanEvent.objects.create(
        project_id=project if isinstance(project, int) else project.pk,
        actor=actor or _actor_for(),
        kind=kind,
        subject=subject[:500],
        changes=changes or [],
        details=details or {},
    )
    write = _current_write()
    if write is not None:
        write.event_ids.append(event.pk)
    return event


def record_plan_import(
    *,
    project: Project,
    actor: User,
    file_name: str,
    mode: str,
    tasks_created: int,
    tasks_updated: int = 0,
    tasks_deleted: int = 0,
    links_created: int = 0,
) -> PlanEvent:
    """One entry for a whole import: the file, the mode (new, replace, update) and what it did.

    Rows the import saved one by one in its transaction left entries of their own, which nobody has
    seen yet (the transaction is still open): they give way to this one.
    """
    write = _current_write()
    if write is not None and write.event_ids:
        PlanEvent.objects.filter(pk__in=write.event_ids, project_id=project.pk).delete()
        write.event_ids.clear()
    return record_plan_event(
        project=project,
        actor=actor,
        kind=PlanEventKind.PLAN_IMPORTED,
        subject=file_name,
        details={
            "mode": mode,
            "tasks_created": tasks_created,
            "tasks_updated": tasks_updated,
            "tasks_deleted": tasks_deleted,
            "links_created": links_created,
        },
    )


def record_calendar_change(
    *,
    project: Project,
    actor: User,
    weekdays_before: list[int],
    weekdays_after: list[int],
    holidays_before: dict[date, str],
    holidays_after: dict[date, str],
    official_before: str = "",
    official_after: str = "",
) -> PlanEvent | None:
    """The calendar's working week and official holidays old -> new, the own exceptions added and
    removed; None if unchanged."""
    changes = []
    if official_before != official_after:
        changes.append({"field": "official_holidays", "old": official_before, "new": official_after})
    if sorted(weekdays_before) != sorted(weekdays_after):
        changes.append(
            {"field": "working_weekdays", "old": sorted(weekdays_before), "new": sorted(weekdays_after)}
        )

    def listed(holidays: dict[date, str], days) -> list[str]:
        return [f"{day.isoformat()} {holidays[day]}".strip() for day in sorted(days)]

    removed = holidays_before.keys() - holidays_after.keys()
    added = holidays_after.keys() - holidays_before.keys()
    renamed = {
        day
        for day in holidays_before.keys() & holidays_after.keys()
        if holidays_before[day] != holidays_after[day]
    }
    if removed or renamed:
        changes.append(
            {"field": "holidays_removed", "old": listed(holidays_before, removed | renamed), "new": None}
        )
    if added or renamed:
        changes.append(
            {"field": "holidays_added", "old": None, "new": listed(holidays_after, added | renamed)}
        )
    if not changes:
        return None
    return record_plan_event(
        project=project, actor=actor, kind=PlanEventKind.CALENDAR_CHANGED, changes=changes
    )


# --- Rows recorded from their signals ------------------------------------------------------------------


def _stored(value):
    """A field value as JSON keeps it; dates as ISO text, money as its decimal text."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _tracked_task_fields() -> list:
    return [field for field in Task._meta.concrete_fields if field.name not in UNTRACKED_TASK_FIELDS]


def _task_label(wbs_code: str, name: str) -> str:
    return f"{wbs_code} {name}".strip()


def _fetch_before(instance, fields) -> None:
    """Keep the row as stored before this save (one query), to compare with after it."""
    if instance._state.adding or instance.pk is None:
        return
    instance._plan_history_before = (
        type(instance).objects.filter(pk=instance.pk).values(*(field.attname for field in fields)).first()
    )


def _changed(instance, fields, update_fields=None) -> list[tuple]:
    """(field, old, new) for each of `fields` this save changed; a save of some fields compares those."""
    before = instance.__dict__.pop("_plan_history_before", None)
    if before is None:
        return []
    if update_fields is not None:
        fields = [field for field in fields if field.name in update_fields or field.attname in update_fields]
    return [
        (field, before[field.attname], getattr(instance, field.attname))
        for field in fields
        if before[field.attname] != getattr(instance, field.attname)
    ]


def _names_of(model, ids) -> dict:
    ids = {pk for pk in ids if pk is not None}
    if not ids:
        return {}
    if model is Task:
        return {
            pk: _task_label(wbs_code, name)
            for pk, wbs_code, name in Task.objects.filter(pk__in=ids).values_list("id", "wbs_code", "name")
        }
    return {user.pk: user.display_name for user in model.objects.filter(pk__in=ids)}


def _as_changes(changed: list[tuple]) -> list[dict]:
    """[{"field", "old", "new"}] with foreign keys named as they are called now (one query per model)."""
    names: dict = {}
    for field in {field for field, _old, _new in changed if field.is_relation}:
        model = field.related_model
        wanted = [
            value for changed_field, old, new in changed if changed_field is field for value in (old, new)
        ]
        names.update({(field.name, pk): name for pk, name in _names_of(model, wanted).items()})
    return [
        {
            "field": field.name,
            "old": names.get((field.name, old), old) if field.is_relation else _stored(old),
            "new": names.get((field.name, new), new) if field.is_relation else _stored(new),
        }
        for field, old, new in changed
    ]


def _task_pre_save(sender, instance: Task, raw=False, **kwargs):
    if not raw:
        _fetch_before(instance, [*_tracked_task_fields(), Task._meta.get_field("wbs_code")])


def _task_post_save(sender, instance: Task, created: bool, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    if created:
        record_plan_event(
            project=instance.project_id,
            actor=_actor_for(instance),
            kind=PlanEventKind.TASK_CREATED,
            subject=instance.label,
        )
        return
    before = instance.__dict__.get("_plan_history_before")
    changed = _changed(instance, _tracked_task_fields(), update_fields)
    if not changed:
        return
    names = {field.name for field, _old, _new in changed}
    if "parent" in names:
        # Under a new parent the position follows from it; the parent is what the person chose.
        changed = [item for item in changed if item[0].name != "position"]
    record_plan_event(
        project=instance.project_id,
        actor=_actor_for(instance),
        kind=PlanEventKind.TASK_MOVED if names <= MOVE_FIELDS else PlanEventKind.TASK_CHANGED,
        subject=_task_label(before["wbs_code"], before["name"]),
        changes=_as_changes(changed),
    )


def _deleted_by_a_person(instance, origin) -> bool:
    """True for the row someone deleted, not for the rows its deletion takes along."""
    return isinstance(origin, type(instance)) and origin.pk == instance.pk


def _task_post_delete(sender, instance: Task, origin=None, **kwargs):
    if _deleted_by_a_person(instance, origin):
        record_plan_event(
            project=instance.project_id,
            actor=_actor_for(instance),
            kind=PlanEventKind.TASK_DELETED,
            subject=instance.label,
        )


def _link_details(dependency: Dependency) -> dict:
    return {
        "predecessor": dependency.predecessor.label,
        "successor": dependency.successor.label,
        "type": dependency.type,
        "lag_days": dependency.lag_days,
    }


def _dependency_fields() -> list:
    return [Dependency._meta.get_field(name) for name in TRACKED_DEPENDENCY_FIELDS]


def _dependency_pre_save(sender, instance: Dependency, raw=False, **kwargs):
    if not raw:
        _fetch_before(instance, _dependency_fields())


def _dependency_post_save(
    sender, instance: Dependency, created: bool, raw=False, update_fields=None, **kwargs
):
    if raw:
        return
    if created:
        kind, changes = PlanEventKind.DEPENDENCY_ADDED, []
    else:
        changed = _changed(instance, _dependency_fields(), update_fields)
        if not changed:
            return
        kind, changes = PlanEventKind.DEPENDENCY_CHANGED, _as_changes(changed)
    details = _link_details(instance)
    record_plan_event(
        project=instance.project_id,
        actor=_actor_for(instance),
        kind=kind,
        subject=f"{details['predecessor']} -> {details['successor']}",
        changes=changes,
        details=details,
    )


def _dependency_post_delete(sender, instance: Dependency, origin=None, **kwargs):
    if _deleted_by_a_person(instance, origin):
        details = _link_details(instance)
        record_plan_event(
            project=instance.project_id,
            actor=_actor_for(instance),
            kind=PlanEventKind.DEPENDENCY_REMOVED,
            subject=f"{details['predecessor']} -> {details['successor']}",
            details=details,
        )


def _baseline_post_save(sender, instance: Baseline, created: bool, raw=False, **kwargs):
    if created and not raw:
        record_plan_event(
            project=instance.project_id,
            actor=instance.created_by or _actor_for(instance),
            kind=PlanEventKind.BASELINE_SAVED,
            subject=instance.name,
        )


def _cost_entry_post_save(sender, instance: CostEntry, created: bool, raw=False, **kwargs):
    if created and not raw:
        record_plan_event(
            project=instance.task.project_id,
            actor=instance.created_by or _actor_for(instance),
            kind=PlanEventKind.COST_ENTRY_ADDED,
            subject=instance.task.label,
            details={
                "amount": _stored(instance.amount),
                "date": _stored(instance.date),
                "note": instance.note,
            },
        )


def connect_plan_history() -> None:
    """Subscribe the recorders to the plan models' signals (ProjectsConfig.ready)."""
    uid = "projects.plan_history"
    pre_save.connect(_task_pre_save, sender=Task, dispatch_uid=f"{uid}.task.pre_save")
    post_save.connect(_task_post_save, sender=Task, dispatch_uid=f"{uid}.task.post_save")
    post_delete.connect(_task_post_delete, sender=Task, dispatch_uid=f"{uid}.task.post_delete")
    pre_save.connect(_dependency_pre_save, sender=Dependency, dispatch_uid=f"{uid}.dependency.pre_save")
    post_save.connect(_dependency_post_save, sender=Dependency, dispatch_uid=f"{uid}.dependency.post_save")
    post_delete.connect(
        _dependency_post_delete, sender=Dependency, dispatch_uid=f"{uid}.dependency.post_delete"
    )
    post_save.connect(_baseline_post_save, sender=Baseline, dispatch_uid=f"{uid}.baseline.post_save")
    post_save.connect(_cost_entry_post_save, sender=CostEntry, dispatch_uid=f"{uid}.cost_entry.post_save")
