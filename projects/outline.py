"""The work breakdown structure as an outline: WBS numbering and the roll-up of summary tasks (pure).

Numbering: siblings in their order get 1, 2, 3 at the top and 1.1, 1.2 below task 1; the outline
order is the preorder (a task, then its subtasks), the level counts from 1 at the top, a task with
subtasks is a summary task, and sibling positions become dense (0, 1, 2, ...).

Roll-up: a summary task spans its children: earliest planned start, latest planned finish; its
duration is that span in working days; its cost is the sum of its children's; its % complete is
weighted by duration (a plain mean when no child has a duration); it is critical when a child is;
its floats are its children's least.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class OutlinePlace:
    """Where a task stands in the outline."""

    wbs_code: str
    outline_order: int
    outline_level: int
    position: int
    is_summary: bool


def number_outline(nodes: Iterable[tuple[int, int | None]]) -> dict[int, OutlinePlace]:
    """The place of every node, in preorder, from (id, parent id) pairs given in sibling order.

    A node whose parent is not among the nodes is not reached (the outline is rooted at parent None).
    """
    children: dict[int | None, list[int]] = defaultdict(list)
    for node_id, parent_id in nodes:
        children[parent_id].append(node_id)
    places: dict[int, OutlinePlace] = {}
    stack: list[tuple[int, str, int, int]] = [
        (node_id, str(number), 1, number - 1)
        for number, node_id in reversed(list(enumerate(children[None], start=1)))
    ]
    while stack:
        node_id, code, level, position = stack.pop()
        kids = children.get(node_id, [])
        places[node_id] = OutlinePlace(
            wbs_code=code,
            outline_order=len(places),
            outline_level=level,
            position=position,
            is_summary=bool(kids),
        )
        stack.extend(
            (child, f"{code}.{number}", level + 1, number - 1)
            for number, child in reversed(list(enumerate(kids, start=1)))
        )
    return places


@dataclass(slots=True)
class TaskFigures:
    """The scheduled figures of one task: given for work tasks, rolled up for summary tasks.

    `start_period` and `finish_period` are the engine's early start and finish; the dates are the
    planned and late dates on the project calendar; floats are in working days.
    """

    start_period: int
    finish_period: int
    planned_start: date
    planned_finish: date
    late_start: date
    late_finish: date
    total_float_days: int
    free_float_days: int
    is_critical: bool
    duration_days: int
    planned_cost: Decimal
    percent_complete: int


def roll_up(
    *, preorder: Sequence[int], parent_of: Mapping[int, int | None], figures: dict[int, TaskFigures]
) -> dict[int, TaskFigures]:
    """Add the figures of every summary task to `figures` (which holds the work tasks'); return it.

    `preorder` lists every task in outline order, so walking it backwards folds children into their
    parents deepest first.
    """
    children: dict[int, list[int]] = defaultdict(list)
    for task_id in preorder:
        parent_id = parent_of.get(task_id)
        if parent_id is not None:
            children[parent_id].append(task_id)
    for task_id in reversed(preorder):
        kids = children.get(task_id)
        if not kids:
            continue
        rows = [figures[child] for child in kids]
        start = min(row.start_period for row in rows)
        finish = max(row.finish_period for row in rows)
        weight = sum(row.duration_days for row in rows)
        if weight:
            percent = round(sum(row.duration_days * row.percent_complete for row in rows) / weight)
        else:
            percent = round(sum(row.percent_complete for row in rows) / len(rows))
        figures[task_id] = TaskFigures(
            start_period=start,
            finish_period=finish,
            planned_start=min(row.planned_start for row in rows),
            planned_finish=max(row.planned_finish for row in rows),
            late_start=min(row.late_start for row in rows),
            late_finish=max(row.late_finish for row in rows),
            total_float_days=min(row.total_float_days for row in rows),
            free_float_days=min(row.free_float_days for row in rows),
            is_critical=any(row.is_critical for row in rows),
            duration_days=finish - start,
            planned_cost=sum((row.planned_cost for row in rows), Decimal("0")),
            percent_complete=percent,
        )
    return figures
