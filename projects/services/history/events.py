"""The entries of the plan's history that the services record themselves: any event, an import, a calendar."""

from datetime import date

from governance.models import User
from projects.models import PlanEvent, PlanEventKind, Project
from projects.services.history.actors import current_plan_write, plan_actor_for
from projects.services.rollup_marks import project_mark_stale


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
        actor=actor or plan_actor_for(),
        kind=kind,
        subject=subject[:500],
        changes=changes or [],
        details=details or {},
    )
    write = current_plan_write()
    if write is not None:
        write.event_ids.append(event.pk)
    # Every entry of the plan's history changes what the dashboards show of the project.
    project_mark_stale(project_ids=[event.project_id])
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
    write = current_plan_write()
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
    holidays_before: dict[date, tuple[str, bool]],
    holidays_after: dict[date, tuple[str, bool]],
    official_before: str = "",
    official_after: str = "",
) -> PlanEvent | None:
    """The calendar's working week and official holidays old -> new, the own exceptions (date: name,
    working) added and removed, days off and working days apart; None if unchanged."""
    changes = []
    if official_before != official_after:
        changes.append({"field": "official_holidays", "old": official_before, "new": official_after})
    if sorted(weekdays_before) != sorted(weekdays_after):
        changes.append(
            {"field": "working_weekdays", "old": sorted(weekdays_before), "new": sorted(weekdays_after)}
        )
    for working, removed_field, added_field in (
        (False, "holidays_removed", "holidays_added"),
        (True, "working_days_removed", "working_days_added"),
    ):
        before = {day: name for day, (name, is_working) in holidays_before.items() if is_working == working}
        after = {day: name for day, (name, is_working) in holidays_after.items() if is_working == working}
        changes += _exception_changes(before, after, removed_field, added_field)
    if not changes:
        return None
    return record_plan_event(
        project=project, actor=actor, kind=PlanEventKind.CALENDAR_CHANGED, changes=changes
    )


def _exception_changes(
    before: dict[date, str], after: dict[date, str], removed_field: str, added_field: str
) -> list[dict]:
    """The exceptions of one kind removed and added ("date name"); a renamed one is both."""

    def listed(holidays: dict[date, str], days) -> list[str]:
        return [f"{day.isoformat()} {holidays[day]}".strip() for day in sorted(days)]

    removed = before.keys() - after.keys()
    added = after.keys() - before.keys()
    renamed = {day for day in before.keys() & after.keys() if before[day] != after[day]}
    changes = []
    if removed or renamed:
        changes.append({"field": removed_field, "old": listed(before, removed | renamed), "new": None})
    if added or renamed:
        changes.append({"field": added_field, "old": None, "new": listed(after, added | renamed)})
    return changes
