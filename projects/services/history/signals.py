"""Rows recorded from their signals: tasks, links, baselines and actual costs (see the package's rules)."""

from datetime import date
from decimal import Decimal

from django.db.models.signals import post_delete, post_save, pre_save

from projects.models import Baseline, CostEntry, Dependency, PlanEventKind, Task
from projects.services.history.actors import plan_actor_for
from projects.services.history.events import record_plan_event
from projects.services.reschedule import OUTLINE_FIELDS, SCHEDULE_FIELDS

# Derived by project_reschedule, or bookkeeping; `position` is derived too, but a move sets it.
UNTRACKED_TASK_FIELDS = {"id", "project", "version", "created_at", "updated_at"} | (
    set(OUTLINE_FIELDS + SCHEDULE_FIELDS) - {"position"}
)
MOVE_FIELDS = {"parent", "position"}
TRACKED_DEPENDENCY_FIELDS = ("predecessor", "successor", "type", "lag_days")


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
            actor=plan_actor_for(instance),
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
        actor=plan_actor_for(instance),
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
            actor=plan_actor_for(instance),
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
        actor=plan_actor_for(instance),
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
            actor=plan_actor_for(instance),
            kind=PlanEventKind.DEPENDENCY_REMOVED,
            subject=f"{details['predecessor']} -> {details['successor']}",
            details=details,
        )


def _baseline_post_save(sender, instance: Baseline, created: bool, raw=False, **kwargs):
    if created and not raw:
        record_plan_event(
            project=instance.project_id,
            actor=instance.created_by or plan_actor_for(instance),
            kind=PlanEventKind.BASELINE_SAVED,
            subject=instance.name,
        )


def _cost_entry_post_save(sender, instance: CostEntry, created: bool, raw=False, **kwargs):
    if created and not raw:
        record_plan_event(
            project=instance.task.project_id,
            actor=instance.created_by or plan_actor_for(instance),
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
