"""Microsoft Project XML (MSPDI) files as PlanRows, on top of the pure reader in
projects.plan_io.mspdi.reader.

A task's "row" in problem reports is its ID, the row number MS Project shows in its Gantt table.
Structure comes from OutlineLevel in file order (a task is the subtask of the nearest earlier task one
level up); WBS codes are then the portal's own, renumbered from that outline, which equals MS Project's
OutlineNumber. Durations, lags, constraints and links to or from summary tasks are converted by
`projects.plan_io.mspdi.activities.to_activities` (whole working days; summary links rewritten as leaf
links where that is exact, others dropped); what it approximates or drops is passed on as warnings.
"""

from django.utils.translation import gettext as _

from projects.limits import MAX_DURATION_DAYS, MAX_LAG_DAYS, MAX_TASK_NAME_LENGTH
from projects.plan_io.mspdi.activities import to_activities
from projects.plan_io.mspdi.reader import MspdiError, MspdiProject, parse_mspdi
from projects.plan_io.rows import MAX_IMPORT_ROWS, ImportProblem, LinkRow, PlanRows, TaskRow

# MSPDI ConstraintType values the plan models: 4 = start no earlier than, 7 = finish no later than.
_CONSTRAINTS = {4: "snet", 7: "fnlt"}


def read_mspdi_plan(data: bytes) -> tuple[PlanRows, MspdiProject | None]:
    """Read MSPDI XML into PlanRows (with problems and warnings), and the parsed project if readable."""
    plan = PlanRows(format="mspdi")
    try:
        project = parse_mspdi(data)
    except MspdiError as error:
        plan.problems.append(ImportProblem(None, "", _("Bad MS Project XML: %(error)s") % {"error": error}))
        return plan, None
    tasks = [task for task in project.tasks if task.uid != 0]  # UID 0 is the project summary
    if len(tasks) > MAX_IMPORT_ROWS:
        plan.problems.append(
            ImportProblem(
                None,
                "",
                _("The file has more than %(limit)s tasks; split it or raise the limit.")
                % {"limit": MAX_IMPORT_ROWS},
            )
        )
        return plan, project
    if not tasks:
        plan.problems.append(ImportProblem(None, "", _("The file has no tasks.")))
        return plan, project

    converted = to_activities(project)
    activities = {activity.id: activity for activity in converted.activities}
    # The reader's note that summary tasks were left out of the engine's input does not apply here:
    # they are imported as summary tasks.
    plan.warnings.extend(note for note in converted.notes if not note.startswith("Left out "))

    open_tasks: list[tuple[int, TaskRow]] = []  # the chain of ancestors of the current task
    has_children: set[str] = set()
    for task in tasks:
        row = task.id if task.id is not None else task.uid
        key = str(task.uid)
        level = max(task.outline_level, 1)
        while open_tasks and open_tasks[-1][0] >= level:
            open_tasks.pop()
        depth = open_tasks[-1][0] if open_tasks else 0
        if level > depth + 1:
            plan.problems.append(
                ImportProblem(
                    row,
                    "OutlineLevel",
                    _("level %(level)s comes right after level %(depth)s; a level was skipped.")
                    % {"level": level, "depth": depth},
                )
            )
        name = task.name
        if not name:
            name = _("Task %(row)s") % {"row": row}
            plan.warnings.append(
                _("Task %(row)s has no name; it was named “%(name)s”.") % {"row": row, "name": name}
            )
        if len(name) > MAX_TASK_NAME_LENGTH:
            plan.problems.append(
                ImportProblem(
                    row, "Name", _("at most %(limit)s characters.") % {"limit": MAX_TASK_NAME_LENGTH}
                )
            )
        activity = activities.get(key)
        duration = activity.duration if activity is not None else round(task.duration_days)
        if duration < 0:
            plan.problems.append(ImportProblem(row, "Duration", _("a duration cannot be negative.")))
        elif duration > MAX_DURATION_DAYS:
            too_long = _("at most %(limit)s working days.") % {"limit": MAX_DURATION_DAYS}
            plan.problems.append(ImportProblem(row, "Duration", too_long))
        if task.milestone and duration:
            plan.warnings.append(
                _("Task %(row)s is a milestone of %(days)s day(s) in the file; imported with zero days.")
                % {"row": row, "days": duration}
            )
            duration = 0
        constraint_type = _CONSTRAINTS.get(task.constraint_type, "") if task.constraint_date else ""
        row_task = TaskRow(
            row=row,
            key=key,
            label=f"{row} {name}",
            name=name[:MAX_TASK_NAME_LENGTH],
            parent_key=open_tasks[-1][1].key if open_tasks else None,
            is_milestone=task.milestone,
            duration_days=max(duration, 0),
            constraint_type=constraint_type,
            constraint_date=task.constraint_date.date() if constraint_type else None,
        )
        if row_task.parent_key is not None:
            has_children.add(row_task.parent_key)
        plan.tasks.append(row_task)
        open_tasks.append((level, row_task))
        if activity is not None:
            for link in activity.predecessors:
                if abs(link.lag) > MAX_LAG_DAYS:
                    item = f"{link.predecessor_id}{link.type}{link.lag:+d}"
                    too_far = _("“%(item)s”: a lag or lead is at most %(limit)s working days.") % {
                        "item": item,
                        "limit": MAX_LAG_DAYS,
                    }
                    plan.problems.append(ImportProblem(row, "PredecessorLink", too_far))
                    continue
                plan.links.append(
                    LinkRow(
                        row=row,
                        column="PredecessorLink",
                        predecessor_key=str(link.predecessor_id),
                        successor_key=key,
                        type=str(link.type),
                        lag_days=link.lag,
                    )
                )

    # The reader rewrote links by the files's Summary flags; the outline must agree with them.
    summaries = {str(task.uid) for task in tasks if task.summary}
    for row_task in plan.tasks:
        if row_task.key in has_children and row_task.key not in summaries:
            plan.problems.append(
                ImportProblem(
                    row_task.row,
                    "Summary",
                    _("this task has subtasks but the file does not mark it as a summary task."),
                )
            )
    return plan, project
