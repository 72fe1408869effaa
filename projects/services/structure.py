"""Writes of the outline: indent, outdent and move a task with its subtasks; WBS codes follow.

Each checks the plan version the edit was based on (`expected_plan_version`, None skips) under the
project lock. Linked tasks may become summary tasks: links on summaries are scheduled as MS Project
does (projects.services.reschedule), which refuses a link between a summary and its own subtasks.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _

from governance.models import User
from projects.models import Task
from projects.services.editing import lock_for_structure_change, save_row
from projects.services.reschedule import project_reschedule


def _moved(task: Task) -> Task:
    """Save the moved task and reschedule; the fresh task holds the locked project (new plan version)."""
    task.version += 1
    save_row(task)
    moved = project_reschedule(project=task.project).tasks[task.pk]
    moved.project = task.project
    return moved


@transaction.atomic
def task_indent(*, actor: User, task: Task, expected_plan_version: int | None = None) -> Task:
    """Make the task the last child of the sibling just above it."""
    project, task = lock_for_structure_change(actor, task, expected_plan_version)
    above = (
        Task.objects.filter(project=project, parent_id=task.parent_id, position__lt=task.position)
        .order_by("-position", "-id")
        .first()
    )
    if above is None:
        raise ValidationError(_("The first task at its level cannot be indented."))
    last = Task.objects.filter(parent=above).aggregate(last=Max("position"))["last"]
    task.parent = above
    task.position = 0 if last is None else last + 1
    task.project = project
    return _moved(task)


@transaction.atomic
def task_outdent(*, actor: User, task: Task, expected_plan_version: int | None = None) -> Task:
    """Move the task up one level, right after its former parent, keeping its place in the outline.

    As in MS Project, the siblings below it (same parent, after it) become its last subtasks, so the
    outline order does not change; its own subtasks come along.
    """
    project, task = lock_for_structure_change(actor, task, expected_plan_version)
    if task.parent_id is None:
        raise ValidationError(_("A top-level task cannot be outdented."))
    parent = Task.objects.get(pk=task.parent_id)
    last = Task.objects.filter(parent=task).aggregate(last=Max("position"))["last"]
    below = Task.objects.filter(project=project, parent=parent, position__gt=task.position)
    below.exclude(pk=task.pk).update(parent=task, position=F("position") + (0 if last is None else last + 1))
    Task.objects.filter(project=project, parent_id=parent.parent_id, position__gt=parent.position).update(
        position=F("position") + 1
    )
    task.parent_id = parent.parent_id
    task.position = parent.position + 1
    task.project = project
    return _moved(task)


@transaction.atomic
def task_move(
    *, actor: User, task: Task, parent: Task | None, position: int, expected_plan_version: int | None = None
) -> Task:
    """Move the task (with its subtasks) under `parent` (None: top level) at `position` among siblings."""
    project, task = lock_for_structure_change(actor, task, expected_plan_version)
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
    if position < 0:
        raise ValidationError({"position": _("The position cannot be negative.")})
    Task.objects.filter(project=project, parent=parent, position__gte=position).exclude(pk=task.pk).update(
        position=F("position") + 1
    )
    task.parent = parent
    task.position = position
    task.project = project
    return _moved(task)
