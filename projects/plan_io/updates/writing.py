"""The write of an update in place: the tasks' fields and places, new tasks, links, deletions."""

import copy
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from projects.bulk import bulk_update_rows
from projects.models import Dependency, Project, Task
from projects.plan_io.new_tasks import create_by_level, task_from_row
from projects.plan_io.rows import ImportProblem, LinkRow, PlanRows, TaskRow
from projects.plan_io.tabular.columns import (
    ACTUAL_FINISH,
    ACTUAL_START,
    ASSIGNEE,
    CONSTRAINT,
    DURATION,
    MANUAL,
    MILESTONE,
    NOTES,
    PERCENT_COMPLETE,
    PLANNED_COST,
    PREDECESSORS,
    START,
    VERSION,
    column_title,
)
from projects.plan_io.updates.matching import Node, PlanMatch
from projects.plan_io.updates.outline import links_after, outline_after
from projects.plan_io.updates.problems import (
    actual_date_problems,
    summary_cost_problems,
)
from projects.services.tasks import milestone_and_duration

# The fields an update may change on a task that stays, by their columns (no query for a foreign key),
# compared before and after to tell whether the task changed.
COMPARED_FIELDS = (
    "parent_id",
    "position",
    "name",
    "is_milestone",
    "duration_days",
    "constraint_type",
    "constraint_date",
    "actual_start",
    "actual_finish",
    "percent_complete",
    "planned_cost",
    "assignee_id",
    "notes",
    "manual",
    "planned_start",
)
# What the update writes of a changed task: those fields, and its version.
UPDATED_FIELDS = (*(name.removesuffix("_id") for name in COMPARED_FIELDS), "version", "updated_at")


@dataclass(frozen=True)
class PlanUpdateResult:
    """What an update in place did: tasks created, updated (changed fields) and deleted, links written.

    `changes` lists, for every task whose fields changed, its id and {field: (old, new)} (foreign keys
    by id), so that an audit trail can record what the import changed.
    """

    created: int
    updated: int
    deleted: int
    dependency_count: int
    changes: list[tuple[int, dict[str, tuple]]] = field(default_factory=list)


# The fields of its own that a row sets (its place in the outline aside), for the version check.
ROW_FIELDS = tuple(name for name in COMPARED_FIELDS if name not in ("parent_id", "position"))


def stale_row_problems(plan: PlanRows, match: PlanMatch, users: dict) -> list[ImportProblem]:
    """Rows whose task changed in the plan after the file was exported and that would change it.

    A row carries the task's version at export (Version column). When the task's version is another
    one now and the row's values differ from the task's, writing them would silently undo the other
    change: the row is refused. A blank Version cell (or no column) lets the file win; a row whose
    values equal the task's changes nothing and is never refused. The outline (a row's parent and
    place) is not compared: the file's outline is merged with the tasks it leaves out. No query: the
    versions come with the tasks the match read.
    """
    if not plan.has_column(VERSION):
        return []
    problems = []
    for row in plan.tasks:
        task = match.by_row.get(row.key)
        if task is None or row.version is None or row.version == task.version:
            continue
        edited = copy.copy(task)  # Django copies the instance's state: the task itself is untouched
        _apply_row(edited, row, plan, users, is_summary=task.is_summary)
        if any(getattr(edited, name) != getattr(task, name) for name in ROW_FIELDS):
            problems.append(
                ImportProblem(
                    row.row,
                    column_title(VERSION),
                    _(
                        "“%(task)s” changed in the plan after this file was exported (version "
                        "%(file_version)s in the file, %(version)s now): export again, or clear the "
                        "%(column)s cell to overwrite it."
                    )
                    % {
                        "task": task.label,
                        "file_version": row.version,
                        "version": task.version,
                        "column": column_title(VERSION),
                    },
                )
            )
    return problems


def plan_update(
    *,
    project: Project,
    plan: PlanRows,
    match: PlanMatch,
    users: dict,
) -> tuple[PlanUpdateResult, list[ImportProblem]]:
    """Write the update in place (the caller checked `plan_update_problems` and holds the project lock).

    Returns what it did, or the problems found only once the outline is known (costs or actual dates
    on tasks that become summary tasks); the caller then rolls back.
    """
    children = outline_after(plan, match)
    summaries = {parent for parent, nodes in children.items() if parent is not None and nodes}
    existing_links = list(Dependency.objects.filter(project=project))
    links, staying = links_after(plan, match, existing_links)
    problems = summary_cost_problems(plan, match, summaries)
    problems += actual_date_problems(plan, match)
    if problems:
        return PlanUpdateResult(0, 0, 0, 0), problems

    place: dict[Node, tuple[Node | None, int]] = {}
    for parent, nodes in children.items():
        for position, node in enumerate(nodes):
            place[node] = (parent, position)
    resolved: dict[Node, Task] = {("task", task.pk): task for task in match.kept}
    resolved.update({("row", key): task for key, task in match.by_row.items()})
    rows = {row.key: row for row in plan.tasks}

    created = _create_new_tasks(project, plan, match, place, resolved, summaries, users)
    now = timezone.now()
    changed: list[Task] = []
    updated = 0
    changes: list[tuple[int, dict[str, tuple]]] = []
    for node, (parent, position) in place.items():
        is_row = node[0] == "row"
        if is_row and node[1] not in match.by_row:
            continue  # created above
        task = resolved[node]
        before = tuple(getattr(task, name) for name in COMPARED_FIELDS)
        task.parent_id = resolved[parent].pk if parent is not None else None
        task.position = position
        if is_row:
            _apply_row(task, rows[node[1]], plan, users, is_summary=node in summaries)
        after = tuple(getattr(task, name) for name in COMPARED_FIELDS)
        if after != before:
            task.version += 1
            task.updated_at = now
            changed.append(task)
            updated += is_row
            changes.append(
                (
                    task.pk,
                    {
                        name: (old, new)
                        for name, old, new in zip(COMPARED_FIELDS, before, after, strict=True)
                        if old != new
                    },
                )
            )
    bulk_update_rows(Task, changed, UPDATED_FIELDS)

    link_count = _write_links(project, plan, links, staying, existing_links, resolved)
    if match.deleted:
        Task.objects.filter(pk__in=[task.pk for task in match.deleted]).delete()
    return PlanUpdateResult(created, updated, len(match.deleted), link_count, changes), []


def _apply_row(task: Task, row: TaskRow, plan: PlanRows, users: dict, *, is_summary: bool) -> None:
    """Set the fields of the columns the file has on a task that stays."""
    task.name = row.name
    if plan.has_column(CONSTRAINT) or plan.has_column(START):
        task.constraint_type, task.constraint_date = row.constraint_type, row.constraint_date
    if plan.has_column(ACTUAL_START):
        task.actual_start = row.actual_start
    if plan.has_column(ACTUAL_FINISH):
        task.actual_finish = row.actual_finish
    if plan.has_column(ASSIGNEE):
        task.assignee = users.get(row.assignee_username) if row.assignee_username else None
    if plan.has_column(NOTES):
        task.notes = row.notes
    if is_summary:
        task.manual = False  # a summary task takes its dates from its subtasks
        return
    if plan.has_column(MANUAL):
        task.manual = row.manual
        if row.pinned_start is not None:  # a manually scheduled task starts where the file says
            task.planned_start = row.pinned_start
    if plan.has_column(PERCENT_COMPLETE):
        task.percent_complete = row.percent_complete
    if plan.has_column(PLANNED_COST):
        task.planned_cost = row.planned_cost
    if task.is_summary:  # becomes a work task: its rolled-up figures are no longer its own
        task.is_milestone = False
    task.is_milestone, task.duration_days = milestone_and_duration(
        is_milestone=row.is_milestone if plan.has_column(MILESTONE) else None,
        duration_days=row.duration_days if plan.has_column(DURATION) else None,
        current=task,
    )


def _create_new_tasks(project, plan, match, place, resolved, summaries, users) -> int:
    """Create the rows that match no task, level by level (a new parent needs its id first)."""
    new_rows = [row for row in plan.tasks if row.key not in match.by_row and ("row", row.key) in place]
    depth: dict[str, int] = {}
    levels: dict[int, list[TaskRow]] = defaultdict(list)
    for row in new_rows:
        parent = place[("row", row.key)][0]
        depth[row.key] = depth[parent[1]] + 1 if parent is not None and parent[1] in depth else 0
        levels[depth[row.key]].append(row)

    def build(row: TaskRow, created: dict[str, Task]) -> Task:
        parent, position = place[("row", row.key)]
        return task_from_row(
            project=project,
            row=row,
            parent=None if parent is None else resolved.get(parent) or created[parent[1]],
            position=position,
            users=users,
            is_summary=("row", row.key) in summaries,
        )

    created = create_by_level(levels, build)
    resolved.update({("row", key): task for key, task in created.items()})
    return len(new_rows)


def _write_links(project, plan, links, staying, existing_links, resolved) -> int:
    """Delete the links the file drops, change the type or lag of those it keeps, create the new ones."""
    if not plan.has_column(PREDECESSORS):
        return 0
    current = {(link.predecessor_id, link.successor_id): link for link in existing_links}
    wanted: dict[tuple[int, int], LinkRow] = {}
    for predecessor, successor, link in links:
        if isinstance(link, LinkRow):
            wanted[(resolved[predecessor].pk, resolved[successor].pk)] = link
    to_delete = [link.pk for key, link in current.items() if link.pk not in staying and key not in wanted]
    to_change, to_create = [], []
    for (predecessor_id, successor_id), row in wanted.items():
        link = current.get((predecessor_id, successor_id))
        if link is None:
            to_create.append(
                Dependency(
                    project=project,
                    predecessor_id=predecessor_id,
                    successor_id=successor_id,
                    type=row.type,
                    lag_days=row.lag_days,
                )
            )
        elif (link.type, link.lag_days) != (row.type, row.lag_days):
            link.type, link.lag_days = row.type, row.lag_days
            to_change.append(link)
    if to_delete:
        Dependency.objects.filter(pk__in=to_delete).delete()
    bulk_update_rows(Dependency, to_change, ("type", "lag_days"))
    Dependency.objects.bulk_create(to_create)
    return len(to_create) + len(to_change)
