"""Tasks created from a file's rows, shared by both import modes (replace, update in place)."""

from collections.abc import Callable

from projects.models import Project, Task
from projects.plan_io.rows import TaskRow
from projects.services.tasks import milestone_and_duration


def task_from_row(
    *, project: Project, row: TaskRow, parent: Task | None, position: int, users: dict, is_summary: bool
) -> Task:
    """Return the unsaved task of a row; a summary row is neither a milestone nor manually scheduled.

    A summary task takes its dates and rolled-up figures from its subtasks once the plan is rescheduled.
    """
    is_milestone, duration_days = milestone_and_duration(
        is_milestone=row.is_milestone and not is_summary, duration_days=row.duration_days
    )
    return Task(
        project=project,
        parent=parent,
        position=position,
        name=row.name,
        is_milestone=is_milestone,
        duration_days=duration_days,
        manual=row.manual and not is_summary,
        planned_start=None if is_summary else row.pinned_start,
        constraint_type=row.constraint_type,
        constraint_date=row.constraint_date,
        actual_start=row.actual_start,
        actual_finish=row.actual_finish,
        percent_complete=row.percent_complete,
        planned_cost=row.planned_cost,
        assignee=users.get(row.assignee_username) if row.assignee_username else None,
        notes=row.notes,
    )


def create_by_level(
    rows_by_level: dict[int, list[TaskRow]], build: Callable[[TaskRow, dict[str, Task]], Task]
) -> dict[str, Task]:
    """Create the rows' tasks one outline level at a time (one query each: a parent needs its id before
    its subtasks); return them by row key. `build(row, created)` returns a row's unsaved task, given the
    tasks created so far."""
    created: dict[str, Task] = {}
    for level in sorted(rows_by_level):
        rows = rows_by_level[level]
        tasks = Task.objects.bulk_create([build(row, created) for row in rows])
        created.update((row.key, task) for row, task in zip(rows, tasks, strict=True))
    return created
