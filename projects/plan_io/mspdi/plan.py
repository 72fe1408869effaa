"""Microsoft Project XML (MSPDI) files as PlanRows, on top of the pure reader in
projects.plan_io.mspdi.reader.

A task's "row" in problem reports is its ID, the row number MS Project shows in its Gantt table.
Structure comes from OutlineLevel in file order (a task is the subtask of the nearest earlier task one
level up); WBS codes are then the portal's own, renumbered from that outline, which equals MS Project's
OutlineNumber. Durations, lags, constraints and links to or from summary tasks are converted by
`projects.plan_io.mspdi.activities.to_activities` (whole working days; summary links rewritten as leaf
links where that is exact, others dropped); what it approximates or drops is passed on as warnings.

Also read: the manual flag (a manually scheduled task keeps its Start), progress (% complete, actual
start and finish), Cost (planned cost of a work task), Notes and the names of the assigned resources.
The report says what was converted: manually scheduled tasks, started and finished tasks, recurring
tasks (imported as a summary of their occurrences), elapsed durations.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from governance.text import control_character_problem
from projects.limits import MAX_DURATION_DAYS, MAX_LAG_DAYS, MAX_TASK_NAME_LENGTH
from projects.plan_io.mspdi.activities import to_activities
from projects.plan_io.mspdi.document import CONSTRAINT_TYPES, MspdiProject, MspdiTask
from projects.plan_io.mspdi.reader import MspdiError, parse_mspdi
from projects.plan_io.rows import MAX_IMPORT_ROWS, ImportProblem, LinkRow, PlanRows, TaskRow

_CENT = Decimal("0.01")
_MAX_COST = Decimal("999999999999.99")  # Task.planned_cost: 14 digits, 2 decimals
# How many task names a line of the report lists before it only counts.
_NAMES_SHOWN = 10


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
    plan.warnings.extend(note for note in converted.notes if note != converted.left_out_note)

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
        # XML 1.0 cannot carry most C0 characters, but DEL and C1 ones it can.
        for column, text, multiline in (("Name", name, False), ("Notes", task.notes, True)):
            if characters := control_character_problem(text, multiline=multiline):
                plan.problems.append(ImportProblem(row, column, characters))
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
        constraint_type = CONSTRAINT_TYPES.get(task.constraint_type, "") if task.constraint_date else ""
        # A summary task's progress rolls up from its subtasks.
        actual_start = None if task.summary else task.actual_start or (task.start if task.started else None)
        actual_finish = None if task.summary else task.actual_finish
        if actual_start and actual_finish and actual_finish < actual_start:
            plan.problems.append(
                ImportProblem(row, "ActualFinish", _("the actual finish cannot be before the actual start."))
            )
        cost = Decimal("0")
        if task.cost is not None and not task.summary:
            # Compared before rounding: quantize cannot round an amount with more than 28 digits.
            if Decimal("0") <= task.cost <= _MAX_COST:
                cost = min(task.cost.quantize(_CENT, rounding=ROUND_HALF_UP), _MAX_COST)
            else:
                plan.problems.append(
                    ImportProblem(
                        row, "Cost", _("a cost must be between 0 and %(limit)s.") % {"limit": _MAX_COST}
                    )
                )
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
            actual_start=actual_start.date() if actual_start else None,
            actual_finish=actual_finish.date() if actual_finish else None,
            percent_complete=100 if actual_finish and not task.summary else task.percent_complete,
            planned_cost=cost,
            notes=task.notes,
            manual=task.manual and not task.summary,
            pinned_start=task.start.date() if task.manual and task.start and not task.summary else None,
            resource_names=tuple(project.resource_names(task.uid)),
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

    plan.warnings.extend(_conversion_report(tasks))

    # The reader rewrote links by the file's Summary flags; the outline must agree with them.
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


def _named(tasks: list[MspdiTask]) -> str:
    names = ", ".join(f"“{task.name}”" for task in tasks[:_NAMES_SHOWN])
    return names + (" …" if len(tasks) > _NAMES_SHOWN else "")


def _conversion_report(tasks: list[MspdiTask]) -> list[str]:
    """The lines of the import report that say what was converted, and how."""
    lines = []
    work = [task for task in tasks if not task.summary]
    manual = [task for task in work if task.manual and not task.started]
    if manual:
        lines.append(
            _("%(count)s manually scheduled task(s) kept their dates: %(names)s.")
            % {"count": len(manual), "names": _named(manual)}
        )
    manual_summaries = [task for task in tasks if task.summary and task.manual]
    if manual_summaries:
        lines.append(
            _(
                "%(count)s manually scheduled summary task(s) now take their dates from their "
                "subtasks: %(names)s."
            )
            % {"count": len(manual_summaries), "names": _named(manual_summaries)}
        )
    finished = [task for task in work if task.actual_finish is not None]
    started = [task for task in work if task.started and task.actual_finish is None]
    if started:
        lines.append(
            _("%(count)s started task(s) start on their actual start: %(names)s.")
            % {"count": len(started), "names": _named(started)}
        )
    if finished:
        lines.append(
            _("%(count)s finished task(s) keep their actual dates: %(names)s.")
            % {"count": len(finished), "names": _named(finished)}
        )
    for position, task in enumerate(tasks):
        if not (task.recurring and task.summary):
            continue
        occurrences = 0
        for other in tasks[position + 1 :]:
            if other.outline_level <= task.outline_level:
                break
            occurrences += 1
        lines.append(
            _("The recurring task “%(name)s” was imported as a summary task of its occurrences (%(count)s).")
            % {"name": task.name, "count": occurrences}
        )
    elapsed = [task for task in work if task.elapsed]
    if elapsed:
        lines.append(
            _(
                "%(count)s elapsed duration(s) were converted to working days on the project "
                "calendar: %(names)s."
            )
            % {"count": len(elapsed), "names": _named(elapsed)}
        )
    return lines
