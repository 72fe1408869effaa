"""The rows of an edited export matched to the plan's tasks, by Task ID or else by WBS code."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from projects.models import Project, Task
from projects.plan_io.rows import ImportProblem, PlanRows, TaskRow
from projects.plan_io.tabular.columns import TASK_ID, column_title

# A node of the outline after the update: ("row", key) for a row of the file, ("task", id) for a task
# the file leaves out.
Node = tuple[str, object]


@dataclass
class PlanMatch:
    """The rows of the file against the plan's tasks."""

    tasks: list[Task]
    by_row: dict[str, Task]  # row key -> the task it updates
    kept: list[Task]  # tasks no row matches that stay
    deleted: list[Task]  # tasks no row matches that go (delete_missing)
    outside: dict[str, Task]  # WBS codes the file may name for kept tasks
    problems: list[ImportProblem]
    file_keys: set[str] = field(default_factory=set)  # the rows' keys
    row_key_of: dict[int, str] = field(init=False)  # task id -> the key of the row that updates it

    def __post_init__(self) -> None:
        self.row_key_of = {task.pk: key for key, task in self.by_row.items()}

    def node_of_task(self, task_id: int) -> Node:
        """The node of a task of the plan: the row that updates it, else the task itself."""
        key = self.row_key_of.get(task_id)
        return ("row", key) if key is not None else ("task", task_id)

    def node_of_key(self, key: str) -> Node:
        """The node a WBS code of the file names: its row, else the kept task it names."""
        return ("row", key) if key in self.file_keys else ("task", self.outside[key].pk)


def match_rows(*, project: Project, plan: PlanRows, delete_missing: bool) -> PlanMatch:
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
    return PlanMatch(
        tasks=tasks,
        by_row=by_row,
        kept=kept,
        deleted=deleted,
        outside=outside,
        problems=problems,
        file_keys=file_keys,
    )
