"""Update a plan in place from an edited export (CSV, XLSX): the write behind import mode "update".

Rows are matched to the plan's tasks by the Task ID column (written by export); a file without that
column is matched by WBS code. A matched task keeps its id, so its actual costs, baseline rows, history
and links stay. The rules:
- Only the columns the file has are read: a file without Notes leaves the notes alone. A blank cell of
  a column that is there clears the field, but a blank Duration keeps the task's duration.
- Summary tasks (tasks with subtasks after the update) take duration, milestone, cost, % complete and
  manual scheduling from their subtasks: those cells are ignored, as on any import.
- Manual (Yes/No) sets whether a task is manually scheduled; a manually scheduled row's Start becomes
  the start it keeps.
- A row that matches no task (in a file with Task IDs: a row without one) creates a task, under the
  parent its WBS code names (a row of the file, else a task of the plan) at the place the file gives.
- The outline follows the file: a row whose WBS code names another parent moves its task there, and
  siblings take the file's order. Tasks the file leaves out keep their parent, next to the sibling
  they followed.
- Where the file has a Predecessors column, a row's predecessors replace the links into its task;
  links into tasks the file leaves out stay. A predecessor may name a task the file leaves out by its
  WBS code.
- Tasks of the plan that no row matches stay, unless `delete_missing`: they are then deleted with their
  subtasks, which is refused for tasks with actual costs (the problem names them).
Every problem is reported in one pass and then nothing changes; otherwise the plan is rescheduled once.
The queries do not depend on the number of rows: the tasks, the links, one insert per outline level of
new rows, one update, at most three link writes, the deletion and the reschedule.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from projects.bulk import bulk_update_rows
from projects.models import CostEntry, Dependency, Project, Task
from projects.plan_io.rows import ImportProblem, LinkRow, PlanRows, TaskRow, check_plan
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
    TASK_ID,
    column_title,
)
from projects.services.tasks import milestone_and_duration

# The fields an update may write on a task that stays.
UPDATED_FIELDS = (
    "parent",
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
    "assignee",
    "notes",
    "manual",
    "planned_start",
    "version",
    "updated_at",
)
# The same, compared by their columns (no query for a foreign key) to tell whether a task changed.
_COMPARED_FIELDS = (
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
# A node of the outline after the update: ("row", key) for a row of the file, ("task", id) for a task
# the file leaves out.
Node = tuple[str, object]


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


@dataclass
class _Match:
    """The rows of the file against the plan's tasks."""

    tasks: list[Task]
    by_row: dict[str, Task]  # row key -> the task it updates
    kept: list[Task]  # tasks no row matches that stay
    deleted: list[Task]  # tasks no row matches that go (delete_missing)
    outside: dict[str, Task]  # WBS codes the file may name for kept tasks
    problems: list[ImportProblem]


def match_rows(*, project: Project, plan: PlanRows, delete_missing: bool) -> _Match:
    """Match the file's rows to the plan's tasks (one query) and report what cannot be matched."""
    tasks = list(Task.objects.filter(project=project).order_by("outline_order", "id"))
    by_id = {task.pk: task for task in tasks}
    by_code = {task.wbs_code: task for task in tasks}
    by_id_column = plan.has_column(TASK_ID) and plan.columns is not None
    problems: list[ImportProblem] = []
    by_row: dict[str, Task] = {}
    claimed: dict[int, TaskRow] = {}
    for row in plan.tasks:
        if by_id_column:
            if row.task_id is None:
                continue
            task = by_id.get(row.task_id)
            if task is None:
                problems.append(
                    ImportProblem(
                        row.row,
                        column_title(TASK_ID),
                        _(
                            "there is no task with ID %(id)s in this plan; "
                            "leave the cell blank for a new task."
                        )
                        % {"id": row.task_id},
                    )
                )
                continue
        else:
            task = by_code.get(row.key)
            if task is None:
                continue
        if task.pk in claimed:
            problems.append(
                ImportProblem(
                    row.row,
                    column_title(TASK_ID) if by_id_column else _("WBS"),
                    _("row %(first)s already updates “%(task)s”.")
                    % {"first": claimed[task.pk].row, "task": task.label},
                )
            )
            continue
        if row.key not in by_row:
            claimed[task.pk] = row
            by_row[row.key] = task
    unmatched = [task for task in tasks if task.pk not in claimed]
    kept, deleted = ([], unmatched) if delete_missing else (unmatched, [])
    file_keys = {row.key for row in plan.tasks}
    outside = {task.wbs_code: task for task in kept if task.wbs_code not in file_keys}
    return _Match(tasks=tasks, by_row=by_row, kept=kept, deleted=deleted, outside=outside, problems=problems)


def _outline(plan: PlanRows, match: _Match) -> dict[Node | None, list[Node]]:
    """The children of every parent after the update, in order (None: the top level)."""
    row_key_of = {task.pk: key for key, task in match.by_row.items()}
    file_keys = {row.key for row in plan.tasks}

    def node_of_task(task: Task) -> Node:
        key = row_key_of.get(task.pk)
        return ("row", key) if key is not None else ("task", task.pk)

    def parent_node(row: TaskRow) -> Node | None:
        if row.parent_key is None:
            return None
        if row.parent_key in file_keys:
            return ("row", row.parent_key)
        return ("task", match.outside[row.parent_key].pk)

    children: dict[Node | None, list[Node]] = defaultdict(list)
    seen: set[str] = set()
    for row in plan.tasks:
        if row.key not in seen:
            seen.add(row.key)
            children[parent_node(row)].append(("row", row.key))
    # A task the file leaves out follows the nearest earlier old sibling that the file keeps under the
    # same parent (its anchor; the first place if none), tasks sharing an anchor in their old order.
    # Sorting by (anchor's place, old position) keeps this linear in the size of the plan.
    by_id = {task.pk: task for task in match.tasks}
    kept_ids = {task.pk for task in match.kept}
    old_siblings: dict[int | None, list[Task]] = defaultdict(list)
    for task in sorted(match.tasks, key=lambda task: (task.position, task.pk)):
        old_siblings[task.parent_id].append(task)
    for parent_id, old in old_siblings.items():
        if not any(task.pk in kept_ids for task in old):
            continue
        parent = by_id.get(parent_id) if parent_id is not None else None
        siblings = children[node_of_task(parent) if parent is not None else None]
        rank = {node: place for place, node in enumerate(siblings)}
        order: dict[Node, tuple[int, int, int]] = {node: (place, 0, 0) for node, place in rank.items()}
        anchor = -1
        for position, task in enumerate(old):
            node = node_of_task(task)
            if node in rank:
                anchor = rank[node]
            elif task.pk in kept_ids:
                order[node] = (anchor, 1, position)
        children[node_of_task(parent) if parent is not None else None] = sorted(order, key=order.__getitem__)
    return children


def _final_links(
    plan: PlanRows, match: _Match, existing_links: list[Dependency]
) -> tuple[list[tuple[Node, Node, LinkRow | Dependency]], set[int]]:
    """The links after the update as node pairs, and the ids of the existing links that stay as they are
    or change (the others are deleted)."""
    row_key_of = {task.pk: key for key, task in match.by_row.items()}
    file_keys = {row.key for row in plan.tasks}
    deleted_ids = {task.pk for task in match.deleted}

    def node_of_id(task_id: int) -> Node:
        key = row_key_of.get(task_id)
        return ("row", key) if key is not None else ("task", task_id)

    def node_of_key(key: str) -> Node:
        return ("row", key) if key in file_keys else ("task", match.outside[key].pk)

    links: list[tuple[Node, Node, LinkRow | Dependency]] = []
    replaced = plan.has_column(PREDECESSORS)
    staying: set[int] = set()
    for link in existing_links:
        if link.predecessor_id in deleted_ids or link.successor_id in deleted_ids:
            continue
        successor = node_of_id(link.successor_id)
        if replaced and successor[0] == "row":
            continue
        staying.add(link.pk)
        links.append((node_of_id(link.predecessor_id), successor, link))
    if replaced:
        for link in plan.links:
            links.append((node_of_key(link.predecessor_key), ("row", link.successor_key), link))
    return links, staying


def _summary_link_problems(
    plan: PlanRows, match: _Match, summaries: set[Node], links: list
) -> list[ImportProblem]:
    """Links of tasks that become summary tasks through the update (check_plan saw only the file's)."""
    rows = {row.key: row for row in plan.tasks}
    tasks = {task.pk: task for task in match.tasks}
    problems = []
    reported: set[Node] = set()
    for predecessor, successor, link in links:
        if isinstance(link, LinkRow):  # check_plan reported the file's own links
            continue
        for node in (predecessor, successor):
            if node in summaries and node not in reported:
                reported.add(node)
                kind, value = node
                label = rows[value].label if kind == "row" else tasks[value].label
                problems.append(
                    ImportProblem(
                        rows[value].row if kind == "row" else None,
                        "",
                        _(
                            "“%(task)s” would have subtasks and dependencies; links join work tasks and "
                            "milestones, not summary tasks."
                        )
                        % {"task": label},
                    )
                )
    return problems


def _summary_cost_problems(plan: PlanRows, match: _Match, summaries: set[Node]) -> list[ImportProblem]:
    """Work tasks with actual costs that the update would give subtasks (costs sit on work tasks)."""
    rows = {row.key: row for row in plan.tasks}
    kept = {task.pk: task for task in match.kept}
    becoming: dict[int, int | None] = {}  # task id -> its row, for the tasks that become summaries
    for kind, value in summaries:
        task = match.by_row.get(value) if kind == "row" else kept.get(value)
        if task is not None and not task.is_summary:
            becoming[task.pk] = rows[value].row if kind == "row" else None
    if not becoming:
        return []
    booked = set(CostEntry.objects.filter(task__in=list(becoming)).values_list("task_id", flat=True))
    tasks = {task.pk: task for task in match.tasks}
    return [
        ImportProblem(
            becoming[task_id],
            "",
            _("“%(task)s” has actual costs, so it cannot get subtasks: costs are booked on work tasks.")
            % {"task": tasks[task_id].label},
        )
        for task_id in sorted(booked)
    ]


def _cost_problems(match: _Match) -> list[ImportProblem]:
    if not match.deleted:
        return []
    booked = set(
        CostEntry.objects.filter(task__in=[task.pk for task in match.deleted]).values_list(
            "task_id", flat=True
        )
    )
    if not booked:
        return []
    names = ", ".join(f"“{task.label}”" for task in match.deleted if task.pk in booked)
    return [
        ImportProblem(
            None,
            "",
            _(
                "These tasks are not in the file but have actual costs, so they cannot be deleted: "
                "%(tasks)s. Keep their rows, or import without deleting missing tasks."
            )
            % {"tasks": names},
        )
    ]


def plan_update_problems(*, project: Project, plan: PlanRows, delete_missing: bool) -> tuple[_Match, list]:
    """The match of the file against the plan, and every problem of an update in place."""
    match = match_rows(project=project, plan=plan, delete_missing=delete_missing)
    row_key_of = {task.pk: key for key, task in match.by_row.items()}
    by_id = {task.pk: task for task in match.tasks}
    kept_parents = {
        row_key_of.get(task.parent_id, by_id[task.parent_id].wbs_code)
        for task in match.kept
        if task.parent_id is not None
    }
    problems = match.problems + check_plan(plan, outside_keys=match.outside, kept_parents=kept_parents)
    problems += _cost_problems(match)
    return match, problems


def plan_update(
    *,
    project: Project,
    plan: PlanRows,
    match: _Match,
    users: dict,
) -> tuple[PlanUpdateResult, list[ImportProblem]]:
    """Write the update in place (the caller checked `plan_update_problems` and holds the project lock).

    Returns what it did, or the problems found only once the outline is known (links of tasks that
    become summary tasks); the caller then rolls back.
    """
    children = _outline(plan, match)
    summaries = {parent for parent, nodes in children.items() if parent is not None and nodes}
    existing_links = list(Dependency.objects.filter(project=project))
    links, staying = _final_links(plan, match, existing_links)
    problems = _summary_link_problems(plan, match, summaries, links)
    problems += _summary_cost_problems(plan, match, summaries)
    problems += _actual_date_problems(plan, match)
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
        before = tuple(getattr(task, name) for name in _COMPARED_FIELDS)
        task.parent_id = resolved[parent].pk if parent is not None else None
        task.position = position
        if is_row:
            _apply_row(task, rows[node[1]], plan, users, is_summary=node in summaries)
        after = tuple(getattr(task, name) for name in _COMPARED_FIELDS)
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
                        for name, old, new in zip(_COMPARED_FIELDS, before, after, strict=True)
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


def _actual_date_problems(plan: PlanRows, match: _Match) -> list[ImportProblem]:
    """A file with one of the actual dates only must agree with the other one stored on the task."""
    if plan.has_column(ACTUAL_START) == plan.has_column(ACTUAL_FINISH):
        return []
    problems = []
    for row in plan.tasks:
        task = match.by_row.get(row.key)
        if task is None:
            continue
        start: date | None = row.actual_start if plan.has_column(ACTUAL_START) else task.actual_start
        finish: date | None = row.actual_finish if plan.has_column(ACTUAL_FINISH) else task.actual_finish
        if start and finish and finish < start:
            column = ACTUAL_START if plan.has_column(ACTUAL_START) else ACTUAL_FINISH
            problems.append(
                ImportProblem(
                    row.row, column_title(column), _("the actual finish cannot be before the actual start.")
                )
            )
    return problems


def _create_new_tasks(project, plan, match, place, resolved, summaries, users) -> int:
    """Create the rows that match no task, level by level (a new parent needs its id first)."""
    new_rows = [row for row in plan.tasks if row.key not in match.by_row and ("row", row.key) in place]
    depth: dict[str, int] = {}
    levels: dict[int, list[TaskRow]] = defaultdict(list)
    for row in new_rows:
        parent = place[("row", row.key)][0]
        depth[row.key] = depth[parent[1]] + 1 if parent is not None and parent[1] in depth else 0
        levels[depth[row.key]].append(row)
    for level in sorted(levels):
        new_tasks = []
        for row in levels[level]:
            node = ("row", row.key)
            parent, position = place[node]
            is_milestone, duration_days = milestone_and_duration(
                is_milestone=row.is_milestone and node not in summaries, duration_days=row.duration_days
            )
            new_tasks.append(
                Task(
                    project=project,
                    parent=resolved[parent] if parent is not None else None,
                    position=position,
                    name=row.name,
                    is_milestone=is_milestone,
                    duration_days=duration_days,
                    constraint_type=row.constraint_type,
                    constraint_date=row.constraint_date,
                    actual_start=row.actual_start,
                    actual_finish=row.actual_finish,
                    percent_complete=row.percent_complete,
                    planned_cost=row.planned_cost,
                    assignee=users.get(row.assignee_username) if row.assignee_username else None,
                    notes=row.notes,
                    manual=row.manual and node not in summaries,
                    planned_start=row.pinned_start if node not in summaries else None,
                )
            )
        for row, task in zip(levels[level], Task.objects.bulk_create(new_tasks), strict=True):
            resolved[("row", row.key)] = task
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
        Dependency.objects.filter(Q(pk__in=to_delete)).delete()
    bulk_update_rows(Dependency, to_change, ("type", "lag_days"))
    Dependency.objects.bulk_create(to_create)
    return len(to_create) + len(to_change)
