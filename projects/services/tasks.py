"""Writes of tasks: create, change, delete; and the rules of who may change which field of a task.

Every write locks the project first and ends with `project_reschedule` in the same transaction, so an
edit that makes the plan unschedulable (a date past year 9999) is refused as a whole.

The rules live here once, for the pages, the Gantt (which reads them from the plan payload) and the API:
- Editability: the plan's editors change every field of TASK_EDITABLE_FIELDS but those a summary task
  rolls up from its subtasks; the assignee of a task changes its progress (PROGRESS_FIELDS) only; a
  summary task takes its dates from its subtasks; a milestone's finish is its start.
- Milestones take no time: marking a task as a milestone sets its duration to zero, and giving a
  milestone a duration makes it a work task (as MS Project does).
- Manually scheduled tasks (`manual`) keep their start, as in MS Project (projects.services.reschedule).
- Typed dates: a start typed by a person becomes a start-no-earlier-than constraint (the engine moves
  tasks; a typed date is a wish), a typed finish becomes the duration counted on the project calendar.
"""

from datetime import date
from decimal import Decimal
from typing import TypedDict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance.models import User
from projects.models import Project, ScheduleConstraint, Task
from projects.selectors.calendars import plan_work_calendar
from projects.selectors.memberships import may_be_assigned
from projects.selectors.projects import project_is_visible, user_may_edit_project
from projects.services.editing import check_version, lock_project, lock_task, require_plan_editor, save_row
from projects.services.history.actors import remember_plan_actor
from projects.services.reschedule import ROLLED_UP_FIELDS, project_reschedule
from projects.services.saving import refuse_unknown_fields


class TaskChanges(TypedDict, total=False):
    """The fields of a task a person may change; a change names only the fields that change.

    `start` and `finish` are dates typed by a person: they become a constraint and a duration.
    """

    name: str
    is_milestone: bool
    duration_days: int
    manual: bool
    start: date
    finish: date
    constraint_type: str
    constraint_date: date | None
    actual_start: date | None
    actual_finish: date | None
    percent_complete: int
    planned_cost: Decimal
    assignee: User | None
    notes: str


TASK_EDITABLE_FIELDS = tuple(TaskChanges.__annotations__)
PROGRESS_FIELDS = ("percent_complete", "actual_start", "actual_finish")
# Plans keep whole working days (the calendar counts days), so 4.5 or 5.333 is refused, never rounded;
# the task page's form and the task API say it alike.
WHOLE_DAYS_MESSAGE = gettext_lazy("The duration is in whole working days: enter a whole number such as 4.")
TYPED_DATE_FIELDS = ("start", "finish")
# How a work task is scheduled; a summary task has no scheduling mode of its own.
LEAF_ONLY_FIELDS = ("manual",)


def task_editable_fields(*, user: User, task: Task, may_edit_plan: bool) -> tuple[str, ...]:
    """The fields of TaskChanges the user may change on this task; empty for readers.

    `may_edit_plan` is selectors.projects.user_may_edit_project for the task's project.
    """
    if may_edit_plan:
        fields = TASK_EDITABLE_FIELDS
    elif task.assignee_id is not None and task.assignee_id == user.pk:
        fields = PROGRESS_FIELDS
    else:
        return ()
    if task.is_summary:
        hidden = ROLLED_UP_FIELDS + TYPED_DATE_FIELDS + LEAF_ONLY_FIELDS
        fields = tuple(name for name in fields if name not in hidden)
    elif task.is_milestone:
        fields = tuple(name for name in fields if name != "finish")
    return fields


def milestone_and_duration(
    *, is_milestone: bool | None, duration_days: int | None, current: Task | None = None
) -> tuple[bool, int]:
    """Whether a task is a milestone, and its duration, after an edit (or on creation: no `current`).

    None stands for "not given". A milestone takes no time; a duration given to a milestone makes it a
    work task; a new work task without a duration takes one working day.
    """
    was_milestone = current.is_milestone if current is not None else False
    if is_milestone or (is_milestone is None and was_milestone and not duration_days):
        return True, 0
    if duration_days is None:
        duration_days = current.duration_days if current is not None else 1
    return False, duration_days


def _refuse_fields_of_summaries_and_milestones(task: Task, changes: TaskChanges) -> None:
    errors = {}
    if task.is_summary:
        for name in sorted(set(changes) & set(ROLLED_UP_FIELDS)):
            errors[name] = _("A summary task takes this from its subtasks.")
        for name in TYPED_DATE_FIELDS:
            if name in changes:
                errors[name] = _("A summary task takes its dates from its subtasks.")
        if "manual" in changes:
            errors["manual"] = _("Only work tasks and milestones are scheduled manually.")
    elif task.is_milestone and "finish" in changes:
        errors["finish"] = _("A milestone finishes on the day it starts; change its start instead.")
    if errors:
        raise ValidationError(errors)


def _typed_dates_as_fields(task: Task, changes: TaskChanges) -> TaskChanges:
    """The changes with a typed start as a constraint and a typed finish as a duration."""
    if not set(TYPED_DATE_FIELDS) & set(changes):
        return changes
    changes = TaskChanges(**changes)
    start = changes.pop("start", None)
    finish = changes.pop("finish", None)
    if start is not None:
        changes["constraint_type"] = ScheduleConstraint.START_NO_EARLIER_THAN
        changes["constraint_date"] = start
    begin = start or task.planned_start
    if finish is not None and begin is not None:
        if finish < begin:
            raise ValidationError({"finish": _("The finish cannot be before the start.")})
        calendar = plan_work_calendar(task.project)
        changes["duration_days"] = max(calendar.finish_period_of(finish) - calendar.period_of(begin), 0)
    return changes


def _check_assignee(project: Project, assignee: User | None) -> None:
    if assignee is not None and not may_be_assigned(project=project, user=assignee):
        raise ValidationError({"assignee": _("Assign the task to the project manager or a project member.")})


def _reschedule_and_fetch(project: Project, task_id: int) -> Task:
    return project_reschedule(project=project).tasks[task_id]


@transaction.atomic
def task_create(
    *,
    actor: User,
    project: Project,
    name: str,
    parent: Task | None = None,
    position: int | None = None,
    is_milestone: bool = False,
    duration_days: int | None = None,
    manual: bool = False,
    constraint_type: str = "",
    constraint_date: date | None = None,
    planned_cost: Decimal = Decimal("0"),
    assignee: User | None = None,
    notes: str = "",
) -> Task:
    """Add a task under `parent` (or at the top) at `position` among its siblings (default: last)."""
    project = lock_project(project.pk)
    require_plan_editor(actor, project)
    if parent is not None and parent.project_id != project.pk:
        raise ValidationError({"parent": _("The parent task belongs to another project.")})
    _check_assignee(project, assignee)
    siblings = Task.objects.filter(project=project, parent=parent)
    if position is None:
        position = (siblings.aggregate(last=Max("position"))["last"] or 0) + 1
    else:
        siblings.filter(position__gte=position).update(position=F("position") + 1)
    is_milestone, duration_days = milestone_and_duration(
        is_milestone=is_milestone, duration_days=duration_days
    )
    task = Task(
        project=project,
        parent=parent,
        position=position,
        name=name,
        is_milestone=is_milestone,
        duration_days=duration_days,
        manual=manual,
        constraint_type=constraint_type,
        constraint_date=constraint_date,
        planned_cost=planned_cost,
        assignee=assignee,
        notes=notes,
    )
    save_row(task)
    return _reschedule_and_fetch(project, task.pk)


@transaction.atomic
def task_update(*, actor: User, task: Task, expected_version: int | None, changes: TaskChanges) -> Task:
    """Change a task's fields if `expected_version` is still current; its version goes up by one.

    Who may change which field: `task_editable_fields`. Raises StaleEditError carrying the current
    task when the version moved, PermissionDenied for a field the actor may not change.
    """
    refuse_unknown_fields(changes, TASK_EDITABLE_FIELDS)
    project = lock_project(task.project_id)
    task = lock_task(task)
    task.project = project
    if not user_may_edit_project(user=actor, project=project):
        own_progress = (
            task.assignee_id == actor.pk
            and set(changes) <= set(PROGRESS_FIELDS)
            and project_is_visible(user=actor, project_id=project.pk)
        )
        if not own_progress:
            raise PermissionDenied(_("You may only update the progress of tasks assigned to you."))
    remember_plan_actor(actor)
    check_version(task, expected_version)
    _refuse_fields_of_summaries_and_milestones(task, changes)
    if "assignee" in changes:
        _check_assignee(project, changes["assignee"])
    changes = _typed_dates_as_fields(task, changes)
    if not task.is_summary and {"is_milestone", "duration_days"} & set(changes):
        changes["is_milestone"], changes["duration_days"] = milestone_and_duration(
            is_milestone=changes.get("is_milestone"), duration_days=changes.get("duration_days"), current=task
        )
    for field_name, value in changes.items():
        setattr(task, field_name, value)
    task.version += 1
    save_row(task)
    return _reschedule_and_fetch(project, task.pk)


@transaction.atomic
def task_delete(*, actor: User, task: Task, expected_version: int | None = None) -> None:
    """Delete a task with its subtasks and their links; baselines keep their frozen copies."""
    project = lock_project(task.project_id)
    require_plan_editor(actor, project)
    task = lock_task(task)
    check_version(task, expected_version)
    task.delete()
    project_reschedule(project=project)
