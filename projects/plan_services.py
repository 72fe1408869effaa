"""Writes of plans: tasks, the outline, dependencies, baselines, actual costs, the calendar, burndown.

Every write locks the project row first, so two edits of one plan run one after the other, and ends
with `project_reschedule` in the same transaction: an edit that makes the plan unschedulable (a
dependency cycle) is refused as a whole.

Who may write: whoever may edit the project (its PM, admins, PMO staff under a directive PMO) edits
the plan; the assignee of a task may update its progress (% complete, actual dates) and nothing else.
"""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from projects.models import Project, ProjectMembership
from projects.plan_models import (
    Baseline,
    BaselineTask,
    BurndownPoint,
    CalendarHoliday,
    CostEntry,
    Dependency,
    ProjectCalendar,
    Task,
    mask_from_weekdays,
)
from projects.plan_reschedule import project_reschedule
from projects.selectors import project_visibility_filter, user_may_edit_project

__all__ = [
    "PROGRESS_FIELDS",
    "TASK_EDITABLE_FIELDS",
    "StaleEditError",
    "project_reschedule",
    "task_create",
    "task_update",
    "task_delete",
    "task_indent",
    "task_outdent",
    "task_move",
    "dependency_add",
    "dependency_remove",
    "baseline_save",
    "cost_entry_add",
    "calendar_update",
    "burndown_record",
]

TASK_EDITABLE_FIELDS = (
    "name",
    "is_milestone",
    "duration_days",
    "constraint_type",
    "constraint_date",
    "actual_start",
    "actual_finish",
    "percent_complete",
    "planned_cost",
    "assignee",
    "notes",
)
PROGRESS_FIELDS = ("percent_complete", "actual_start", "actual_finish")
# A summary task takes these from its children.
ROLLED_UP_FIELDS = ("is_milestone", "duration_days", "planned_cost", "percent_complete")


class StaleEditError(Exception):
    """The edit was based on an older version of the task; `task` holds the current one."""

    def __init__(self, task: Task):
        self.task = task
        super().__init__(
            _(
                "Someone else changed this task (now version %(version)s). "
                "Review the current values and try again."
            )
            % {"version": task.version}
        )


def _lock_project(project_id: int) -> Project:
    return Project.objects.select_for_update(of=("self",)).select_related("portfolio").get(pk=project_id)


def _require_plan_editor(actor, project: Project) -> None:
    if not user_may_edit_project(user=actor, project=project):
        raise PermissionDenied(_("You are not allowed to edit the plan of this project."))


def _lock_task(task: Task) -> Task:
    return Task.objects.select_for_update().get(pk=task.pk)


def _check_version(task: Task, expected_version: int | None) -> None:
    if expected_version is not None and expected_version != task.version:
        raise StaleEditError(Task.objects.select_related("assignee").get(pk=task.pk))


def _check_assignee(project: Project, assignee) -> None:
    if assignee is None or assignee.pk == project.project_manager_id:
        return
    if not ProjectMembership.objects.filter(project=project, user=assignee).exists():
        raise ValidationError({"assignee": _("Assign the task to the project manager or a project member.")})


def _refuse_linked_parent(parent: Task | None) -> None:
    """Links join leaf tasks only, so a linked leaf cannot be given subtasks."""
    if parent is None or parent.is_summary:
        return
    if Dependency.objects.filter(Q(predecessor=parent) | Q(successor=parent)).exists():
        raise ValidationError(
            {
                "parent": _(
                    "“%(task)s” has dependencies; remove them before giving it subtasks "
                    "(links join work tasks and milestones, not summary tasks)."
                )
                % {"task": parent.label}
            }
        )


def _reschedule_and_fetch(project: Project, task_id: int | None) -> Task | None:
    result = project_reschedule(project=project)
    return result.tasks.get(task_id) if task_id is not None else None


def _save(instance) -> None:
    instance.full_clean()
    instance.save()


@transaction.atomic
def task_create(
    *,
    actor,
    project: Project,
    name: str,
    parent: Task | None = None,
    position: int | None = None,
    is_milestone: bool = False,
    duration_days: int | None = None,
    constraint_type: str = "",
    constraint_date: date | None = None,
    planned_cost: Decimal = Decimal("0"),
    assignee=None,
    notes: str = "",
) -> Task:
    """Add a task under `parent` (or at the top) at `position` among its siblings (default: last)."""
    project = _lock_project(project.pk)
    _require_plan_editor(actor, project)
    if parent is not None and parent.project_id != project.pk:
        raise ValidationError({"parent": _("The parent task belongs to another project.")})
    _refuse_linked_parent(parent)
    _check_assignee(project, assignee)
    siblings = Task.objects.filter(project=project, parent=parent)
    if position is None:
        position = (siblings.aggregate(last=Max("position"))["last"] or 0) + 1
    else:
        siblings.filter(position__gte=position).update(position=F("position") + 1)
    if duration_days is None:
        duration_days = 0 if is_milestone else 1
    task = Task(
        project=project,
        parent=parent,
        position=position,
        name=name,
        is_milestone=is_milestone,
        duration_days=duration_days,
        constraint_type=constraint_type,
        constraint_date=constraint_date,
        planned_cost=planned_cost,
        assignee=assignee,
        notes=notes,
    )
    _save(task)
    return _reschedule_and_fetch(project, task.pk)


@transaction.atomic
def task_update(*, actor, task: Task, expected_version: int, data: dict[str, Any]) -> Task:
    """Change a task's fields if `expected_version` is still current; its version goes up by one.

    The plan's editors may change every field in TASK_EDITABLE_FIELDS; the task's assignee only its
    progress (PROGRESS_FIELDS). Raises StaleEditError carrying the current task when the version moved.
    """
    unknown = set(data) - set(TASK_EDITABLE_FIELDS)
    if unknown:
        raise ValidationError({name: _("This field cannot be changed.") for name in sorted(unknown)})
    project = _lock_project(task.project_id)
    task = _lock_task(task)
    if not user_may_edit_project(user=actor, project=project):
        own_progress = (
            task.assignee_id == actor.pk
            and set(data) <= set(PROGRESS_FIELDS)
            and Project.objects.filter(project_visibility_filter(actor), pk=project.pk).exists()
        )
        if not own_progress:
            raise PermissionDenied(_("You may only update the progress of tasks assigned to you."))
    _check_version(task, expected_version)
    if task.is_summary:
        derived = sorted(set(data) & set(ROLLED_UP_FIELDS))
        if derived:
            raise ValidationError(
                {name: _("A summary task takes this from its subtasks.") for name in derived}
            )
    if "assignee" in data:
        _check_assignee(project, data["assignee"])
    if data.get("is_milestone") and "duration_days" not in data:
        data = {**data, "duration_days": 0}
    for field_name, value in data.items():
        setattr(task, field_name, value)
    task.version += 1
    _save(task)
    return _reschedule_and_fetch(project, task.pk)


@transaction.atomic
def task_delete(*, actor, task: Task, expected_version: int | None = None) -> None:
    """Delete a task with its subtasks and their links; baselines keep their frozen copies."""
    project = _lock_project(task.project_id)
    _require_plan_editor(actor, project)
    task = _lock_task(task)
    _check_version(task, expected_version)
    task.delete()
    project_reschedule(project=project)


def _structure_change(actor, task: Task, expected_version: int | None) -> tuple[Project, Task]:
    project = _lock_project(task.project_id)
    _require_plan_editor(actor, project)
    task = _lock_task(task)
    _check_version(task, expected_version)
    return project, task


@transaction.atomic
def task_indent(*, actor, task: Task, expected_version: int | None = None) -> Task:
    """Make the task the last child of the sibling just above it."""
    project, task = _structure_change(actor, task, expected_version)
    above = (
        Task.objects.filter(project=project, parent_id=task.parent_id, position__lt=task.position)
        .order_by("-position", "-id")
        .first()
    )
    if above is None:
        raise ValidationError(_("The first task at its level cannot be indented."))
    _refuse_linked_parent(above)
    last = Task.objects.filter(parent=above).aggregate(last=Max("position"))["last"]
    task.parent = above
    task.position = 0 if last is None else last + 1
    task.version += 1
    _save(task)
    return _reschedule_and_fetch(project, task.pk)


@transaction.atomic
def task_outdent(*, actor, task: Task, expected_version: int | None = None) -> Task:
    """Move the task up one level, right after its former parent; its own subtasks come along."""
    project, task = _structure_change(actor, task, expected_version)
    if task.parent_id is None:
        raise ValidationError(_("A top-level task cannot be outdented."))
    parent = Task.objects.get(pk=task.parent_id)
    Task.objects.filter(project=project, parent_id=parent.parent_id, position__gt=parent.position).update(
        position=F("position") + 1
    )
    task.parent_id = parent.parent_id
    task.position = parent.position + 1
    task.version += 1
    _save(task)
    return _reschedule_and_fetch(project, task.pk)


@transaction.atomic
def task_move(
    *, actor, task: Task, parent: Task | None, position: int, expected_version: int | None = None
) -> Task:
    """Move the task (with its subtasks) under `parent` (None: top level) at `position` among siblings."""
    project, task = _structure_change(actor, task, expected_version)
    if parent is not None:
        if parent.project_id != project.pk:
            raise ValidationError({"parent": _("The parent task belongs to another project.")})
        parent_of = dict(Task.objects.filter(project=project).values_list("id", "parent_id"))
        ancestor = parent.pk
        while ancestor is not None:
            if ancestor == task.pk:
                raise ValidationError(
                    {"parent": _("A task cannot move under itself or one of its subtasks.")}
                )
            ancestor = parent_of.get(ancestor)
        _refuse_linked_parent(parent)
    if position < 0:
        raise ValidationError({"position": _("The position cannot be negative.")})
    Task.objects.filter(project=project, parent=parent, position__gte=position).exclude(pk=task.pk).update(
        position=F("position") + 1
    )
    task.parent = parent
    task.position = position
    task.version += 1
    _save(task)
    return _reschedule_and_fetch(project, task.pk)


@transaction.atomic
def dependency_add(
    *,
    actor,
    predecessor: Task,
    successor: Task,
    type: str = "FS",
    lag_days: int = 0,  # noqa: A002
) -> Dependency:
    """Link two work tasks or milestones of one project; a link that closes a cycle is refused."""
    if predecessor.project_id != successor.project_id:
        raise ValidationError({"successor": _("Both tasks must belong to the same project.")})
    project = _lock_project(predecessor.project_id)
    _require_plan_editor(actor, project)
    for field_name, task in (("predecessor", predecessor), ("successor", successor)):
        if Task.objects.filter(parent_id=task.pk).exists():
            raise ValidationError(
                {
                    field_name: _("“%(task)s” is a summary task; link its subtasks instead.")
                    % {"task": task.label}
                }
            )
    dependency = Dependency(
        project=project, predecessor=predecessor, successor=successor, type=type, lag_days=lag_days
    )
    dependency.full_clean()
    try:
        with transaction.atomic():
            dependency.save()
    except IntegrityError as error:  # a concurrent duplicate slipped past full_clean
        raise ValidationError({"successor": _("These two tasks are already linked.")}) from error
    project_reschedule(project=project)
    return dependency


@transaction.atomic
def dependency_remove(*, actor, dependency: Dependency) -> None:
    """Remove a link and reschedule."""
    project = _lock_project(dependency.project_id)
    _require_plan_editor(actor, project)
    dependency.delete()
    project_reschedule(project=project)


@transaction.atomic
def baseline_save(*, actor, project: Project, name: str) -> Baseline:
    """Freeze the plan's current dates, durations and costs under a name unique in the project."""
    project = _lock_project(project.pk)
    _require_plan_editor(actor, project)
    baseline = Baseline(project=project, name=name, created_by=actor)
    _save(baseline)
    tasks = Task.objects.filter(project=project).only(
        "id", "name", "wbs_code", "planned_start", "planned_finish", "duration_days", "planned_cost"
    )
    BaselineTask.objects.bulk_create(
        BaselineTask(
            baseline=baseline,
            task=task,
            task_name=task.name,
            wbs_code=task.wbs_code,
            start=task.planned_start,
            finish=task.planned_finish,
            duration_days=task.duration_days,
            planned_cost=task.planned_cost,
        )
        for task in tasks
    )
    return baseline


@transaction.atomic
def cost_entry_add(*, actor, task: Task, date: date, amount: Decimal, note: str = "") -> CostEntry:  # noqa: A002
    """Book an actual cost (in the project's currency) on a work task or milestone."""
    project = _lock_project(task.project_id)
    _require_plan_editor(actor, project)
    if Task.objects.filter(parent_id=task.pk).exists():
        raise ValidationError(_("Book costs on work tasks; a summary task adds up its subtasks."))
    entry = CostEntry(task=task, date=date, amount=amount, note=note, created_by=actor)
    _save(entry)
    return entry


@transaction.atomic
def calendar_update(
    *, actor, project: Project, working_weekdays: list[int], holidays: list[tuple[date, str]]
) -> ProjectCalendar:
    """Set the project's working weekdays (Monday = 0) and replace its holidays; then reschedule."""
    project = _lock_project(project.pk)
    _require_plan_editor(actor, project)
    if not working_weekdays or any(day not in range(7) for day in working_weekdays):
        raise ValidationError(
            {"working_weekdays": _("Choose at least one working weekday (0 = Monday ... 6 = Sunday).")}
        )
    dates = [holiday_date for holiday_date, _name in holidays]
    if len(set(dates)) != len(dates):
        raise ValidationError({"holidays": _("Each date may be listed once.")})
    calendar, _created = ProjectCalendar.objects.get_or_create(project=project)
    calendar.working_weekdays = mask_from_weekdays(working_weekdays)
    _save(calendar)
    calendar.holidays.all().delete()
    CalendarHoliday.objects.bulk_create(
        CalendarHoliday(calendar=calendar, date=holiday_date, name=name) for holiday_date, name in holidays
    )
    project_reschedule(project=project)
    return calendar


def planned_remaining_work_days(*, calendar, on: date, tasks: Iterable[tuple[int, date | None]]) -> Decimal:
    """Working days the schedule still plans after `on`, over (duration, planned start) of work tasks."""
    period = calendar.period_of(on)
    planned = 0
    for duration, start in tasks:
        if start is not None:
            planned += duration - min(max(period + 1 - calendar.period_of(start), 0), duration)
    return Decimal(planned).quantize(Decimal("0.01"))


@transaction.atomic
def burndown_record(*, project: Project, on: date | None = None) -> BurndownPoint:
    """Record (or refresh) the project's remaining work for a day; running it twice a day is harmless.

    Remaining work = sum over work tasks of duration x (1 - % complete); planned remaining = the work
    the current schedule still has after that day, both in working days.
    """
    from projects.plan_selectors import plan_work_calendar

    on = on or timezone.localdate()
    calendar = plan_work_calendar(project)
    rows = list(
        Task.objects.filter(project=project, is_summary=False).values_list(
            "duration_days", "percent_complete", "planned_start"
        )
    )
    remaining = sum(
        (Decimal(duration) * (100 - percent) / 100 for duration, percent, _start in rows), Decimal("0")
    )
    planned = planned_remaining_work_days(
        calendar=calendar, on=on, tasks=((duration, start) for duration, _percent, start in rows)
    )
    point, _created = BurndownPoint.objects.update_or_create(
        project=project,
        date=on,
        defaults={
            "remaining_work_days": remaining.quantize(Decimal("0.01")),
            "planned_remaining_work_days": planned,
        },
    )
    return point
