"""The outline and the links after an update in place, over nodes (the file's rows, the tasks it omits)."""

from collections import defaultdict

from projects.models import Dependency, Task
from projects.plan_io.rows import LinkRow, PlanRows
from projects.plan_io.tabular.columns import PREDECESSORS
from projects.plan_io.updates.matching import Node, PlanMatch


def outline_after(plan: PlanRows, match: PlanMatch) -> dict[Node | None, list[Node]]:
    """The children of every parent after the update, in order (None: the top level)."""
    children: dict[Node | None, list[Node]] = defaultdict(list)
    seen: set[str] = set()
    for row in plan.tasks:
        if row.key not in seen:
            seen.add(row.key)
            parent = None if row.parent_key is None else match.node_of_key(row.parent_key)
            children[parent].append(("row", row.key))
    # A task the file leaves out follows the nearest earlier old sibling that the file keeps under the
    # same parent (its anchor; the first place if none), tasks sharing an anchor in their old order.
    # Sorting by (anchor's place, old position) keeps this linear in the size of the plan.
    kept_ids = {task.pk for task in match.kept}
    old_siblings: dict[int | None, list[Task]] = defaultdict(list)
    for task in sorted(match.tasks, key=lambda task: (task.position, task.pk)):
        old_siblings[task.parent_id].append(task)
    for parent_id, old in old_siblings.items():
        if not any(task.pk in kept_ids for task in old):
            continue
        parent = match.node_of_task(parent_id) if parent_id is not None else None
        siblings = children[parent]
        rank = {node: place for place, node in enumerate(siblings)}
        order: dict[Node, tuple[int, int, int]] = {node: (place, 0, 0) for node, place in rank.items()}
        anchor = -1
        for position, task in enumerate(old):
            node = match.node_of_task(task.pk)
            if node in rank:
                anchor = rank[node]
            elif task.pk in kept_ids:
                order[node] = (anchor, 1, position)
        children[parent] = sorted(order, key=order.__getitem__)
    return children


def links_after(
    plan: PlanRows, match: PlanMatch, existing_links: list[Dependency]
) -> tuple[list[tuple[Node, Node, LinkRow | Dependency]], set[int]]:
    """The links after the update as node pairs, and the ids of the existing links that stay as they are
    or change (the others are deleted)."""
    deleted_ids = {task.pk for task in match.deleted}

    links: list[tuple[Node, Node, LinkRow | Dependency]] = []
    replaced = plan.has_column(PREDECESSORS)
    staying: set[int] = set()
    for link in existing_links:
        if link.predecessor_id in deleted_ids or link.successor_id in deleted_ids:
            continue
        successor = match.node_of_task(link.successor_id)
        if replaced and successor[0] == "row":
            continue
        staying.add(link.pk)
        links.append((match.node_of_task(link.predecessor_id), successor, link))
    if replaced:
        for link in plan.links:
            links.append((match.node_of_key(link.predecessor_key), ("row", link.successor_key), link))
    return links, staying
