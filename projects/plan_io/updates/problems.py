"""Every problem of an update in place: of the file, of its match to the plan, of the outline it makes."""

from datetime import date

from django.utils.translation import gettext as _

from projects.models import CostEntry, Project
from projects.plan_io.rows import ImportProblem, PlanRows, check_plan
from projects.plan_io.tabular.columns import ACTUAL_FINISH, ACTUAL_START, column_title
from projects.plan_io.updates.matching import Node, PlanMatch, match_rows
from projects.services.dependencies import dependency_lag_limit


def plan_update_problems(*, project: Project, plan: PlanRows, delete_missing: bool) -> tuple[PlanMatch, list]:
    """The match of the file against the plan, and every problem of an update in place but its stale
    rows (projects.plan_io.updates.writing.stale_row_problems compares them with the tasks)."""
    match = match_rows(project=project, plan=plan, delete_missing=delete_missing)
    by_id = {task.pk: task for task in match.tasks}
    kept_parents = {
        match.row_key_of.get(task.parent_id, by_id[task.parent_id].wbs_code)
        for task in match.kept
        if task.parent_id is not None
    }
    problems = match.problems + check_plan(
        plan,
        outside_keys=match.outside,
        kept_parents=kept_parents,
        max_lag_days=dependency_lag_limit(project),
    )
    problems += _deletion_cost_problems(match)
    return match, problems


def _deletion_cost_problems(match: PlanMatch) -> list[ImportProblem]:
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


def summary_cost_problems(plan: PlanRows, match: PlanMatch, summaries: set[Node]) -> list[ImportProblem]:
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


def actual_date_problems(plan: PlanRows, match: PlanMatch) -> list[ImportProblem]:
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
