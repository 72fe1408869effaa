"""Plan import (CSV, XLSX, MSPDI): the write behind the import page and API.

Import is atomic, in one of two modes:
- replace (the default): the file becomes the plan. The tasks are created with bulk_create (one query
  per outline level), the links in one more.
- update (CSV, XLSX): the file updates the plan in place, matching rows to tasks by Task ID or WBS
  code, keeping actual costs, baselines and history (projects.plan_io.updates).
Either way the file is read and checked in full first, every problem of it is reported in one pass
(cells, structure, users, cycles), and any problem refuses it whole; the plan is rescheduled once.

From MS Project files also: the resources of a task become its assignee where a resource names a person
who may be assigned (username or full name; the first such resource of the task), and the file's
working week and non-working exception days go into the project's calendar.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import BinaryIO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from governance.models import User
from projects.models import CostEntry, Dependency, Project, Task
from projects.plan_io.assignees import file_assignees, resources_as_assignees
from projects.plan_io.calendar_copy import copy_mspdi_calendar
from projects.plan_io.mspdi.document import MspdiProject
from projects.plan_io.mspdi.plan import read_mspdi_plan
from projects.plan_io.new_tasks import create_by_level, task_from_row
from projects.plan_io.rows import (
    MAX_IMPORT_BYTES,
    ImportProblem,
    PlanImportError,
    PlanRows,
    TaskRow,
    check_plan,
    file_too_large_problem,
    raise_if_problems,
)
from projects.plan_io.tabular.columns import TASK_ID, VERSION, column_title
from projects.plan_io.tabular.reader import read_csv, read_xlsx
from projects.plan_io.updates.problems import plan_update_problems
from projects.plan_io.updates.writing import plan_update, stale_row_problems
from projects.services.dependencies import dependency_lag_limit
from projects.services.editing import lock_project, require_plan_editor
from projects.services.history.events import record_plan_import
from projects.services.reschedule import project_reschedule

IMPORT_FORMATS = ("csv", "xlsx", "mspdi")
REPLACE = "replace"
UPDATE = "update"
IMPORT_MODES = (REPLACE, UPDATE)


@dataclass(frozen=True)
class PlanImportResult:
    """What an import did: the format read, tasks and links created (or written, in an update), tasks
    replaced, updated and deleted, and warnings."""

    format: str
    task_count: int
    dependency_count: int
    replaced_task_count: int
    warnings: list[str] = field(default_factory=list)
    mode: str = REPLACE
    updated_task_count: int = 0
    deleted_task_count: int = 0
    # Update mode: (task id, {field: (old, new)}) for every task it changed (for an audit trail).
    task_changes: list[tuple[int, dict[str, tuple]]] = field(default_factory=list)

    def summary(self) -> dict[str, str | int]:
        """What the import did in figures, as the API answers it and the audit log keeps it."""
        return {
            "format": self.format,
            "mode": self.mode,
            "tasks": self.task_count,
            "dependencies": self.dependency_count,
            "replaced_tasks": self.replaced_task_count,
            "updated_tasks": self.updated_task_count,
            "deleted_tasks": self.deleted_task_count,
        }


def detect_format(*, file_name: str, data: bytes) -> str:
    """Return csv, xlsx or mspdi from the content (ZIP = XLSX, XML = MSPDI), else from the extension.

    Raises PlanImportError for formats that are recognisably something else (.xls, .mpp).
    """
    extension = file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if data.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.startswith((b"<?xml", b"<Project", b"<")):
        return "mspdi"
    if extension in ("xls", "mpp") or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise PlanImportError(
            [
                ImportProblem(
                    None,
                    "",
                    _(
                        "Binary Excel (.xls) and MS Project (.mpp) files cannot be read: save the plan as "
                        ".xlsx, .csv or MS Project XML (.xml) and import that."
                    ),
                )
            ]
        )
    if extension == "xlsx":
        return "xlsx"
    return "csv"


def _read(file_format: str, data: bytes) -> tuple[PlanRows, MspdiProject | None]:
    if file_format == "xlsx":
        return read_xlsx(data), None
    if file_format == "mspdi":
        return read_mspdi_plan(data)
    return read_csv(data), None


@transaction.atomic
def plan_import(
    *,
    actor: User,
    project: Project,
    data: bytes | BinaryIO,
    file_name: str = "",
    replace: bool = False,
    mode: str = REPLACE,
    delete_missing: bool = False,
) -> PlanImportResult:
    """Import the file (CSV, XLSX or MSPDI) into the project's plan; nothing on any problem.

    `data` is the file's bytes or an open file (an upload): its size is checked before it is read.

    Only the plan's editors may import. In mode `replace` the file replaces the plan: a project that
    already has tasks is replaced only with `replace=True`, and never while actual costs are booked on
    its tasks (they would be lost). In mode `update` (CSV, XLSX) the file updates the plan in place
    (projects.plan_io.updates); tasks it leaves out are deleted only with `delete_missing=True`.
    Raises PlanImportError with the problems row by row, PermissionDenied for others.
    """
    if mode not in IMPORT_MODES:
        raise PlanImportError([ImportProblem(None, "", _("Choose the import mode: replace or update."))])
    project = lock_project(project.pk)
    require_plan_editor(actor, project)
    size = len(data) if isinstance(data, bytes) else getattr(data, "size", None)
    if size is not None and size > MAX_IMPORT_BYTES:
        raise PlanImportError([file_too_large_problem()])
    if not isinstance(data, bytes):
        data = data.read(MAX_IMPORT_BYTES + 1)
        if len(data) > MAX_IMPORT_BYTES:
            raise PlanImportError([file_too_large_problem()])
    file_format = detect_format(file_name=file_name, data=data)
    if mode == UPDATE and file_format == "mspdi":
        raise PlanImportError(
            [
                ImportProblem(
                    None,
                    "",
                    _(
                        "Updating the plan in place reads CSV and Excel files (an edited export); "
                        "import an MS Project file in replace mode."
                    ),
                )
            ]
        )
    plan, source = _read(file_format, data)
    if any(problem.row is None for problem in plan.problems):  # the file as a whole is unreadable
        raise_if_problems(plan.problems)
    resource_warnings = resources_as_assignees(project, plan)
    users, assignee_problems = file_assignees(project, plan)
    if mode == UPDATE:
        return _update_in_place(
            project,
            plan,
            file_format,
            users,
            assignee_problems,
            delete_missing,
            actor=actor,
            file_name=file_name,
        )
    # A replace makes new tasks: the ids and versions an export wrote mean nothing to it, even unreadable
    # ones.
    ignored = {column_title(TASK_ID), column_title(VERSION)}
    plan.problems = [problem for problem in plan.problems if problem.column not in ignored]
    raise_if_problems(
        _in_row_order(
            plan.problems + check_plan(plan, max_lag_days=dependency_lag_limit(project)) + assignee_problems
        )
    )

    existing = Task.objects.filter(project=project).count()
    if existing and not replace:
        raise PlanImportError(
            [
                ImportProblem(
                    None,
                    "",
                    _(
                        "This project already has %(count)s task(s). Import replaces the whole plan: "
                        "confirm that you want to replace it."
                    )
                    % {"count": existing},
                )
            ]
        )
    if existing and CostEntry.objects.filter(task__project=project).exists():
        raise PlanImportError(
            [
                ImportProblem(
                    None,
                    "",
                    _(
                        "Actual costs are booked on this plan's tasks; replacing the plan would delete "
                        "them. Update the plan in place instead."
                    ),
                )
            ]
        )
    if existing:
        # Baselines keep their frozen copies (BaselineTask.task becomes empty); links go with the tasks.
        Task.objects.filter(project=project, parent__isnull=True).delete()

    calendar_warnings = copy_mspdi_calendar(project, source) if source is not None else []
    created = _create_tasks(project, plan, users)
    links = Dependency.objects.bulk_create(
        Dependency(
            project=project,
            predecessor=created[link.predecessor_key],
            successor=created[link.successor_key],
            type=link.type,
            lag_days=link.lag_days,
        )
        for link in plan.links
    )
    _reschedule(project)
    record_plan_import(
        project=project,
        actor=actor,
        file_name=file_name,
        mode="replace" if existing else "new",
        tasks_created=len(created),
        tasks_deleted=existing,
        links_created=len(links),
    )
    return PlanImportResult(
        format=file_format,
        task_count=len(created),
        dependency_count=len(links),
        replaced_task_count=existing,
        warnings=plan.warnings + resource_warnings + calendar_warnings + _project_warnings(project, source),
    )


def _in_row_order(problems: list[ImportProblem]) -> list[ImportProblem]:
    """The problems by row (file-wide ones first); within a row, in the order they were found."""
    return sorted(problems, key=lambda problem: problem.row or 0)


def _reschedule(project: Project) -> None:
    try:
        project_reschedule(project=project)
    except ValidationError as error:  # a cycle through tasks outside the file, or dates out of range
        raise PlanImportError([ImportProblem(None, "", message) for message in error.messages]) from error


def _update_in_place(
    project: Project,
    plan: PlanRows,
    file_format: str,
    users: dict,
    assignee_problems: list[ImportProblem],
    delete_missing: bool,
    *,
    actor,
    file_name: str,
) -> PlanImportResult:
    match, problems = plan_update_problems(project=project, plan=plan, delete_missing=delete_missing)
    problems += stale_row_problems(plan, match, users)
    raise_if_problems(_in_row_order(plan.problems + problems + assignee_problems))
    result, late_problems = plan_update(project=project, plan=plan, match=match, users=users)
    raise_if_problems(_in_row_order(late_problems))
    _reschedule(project)
    record_plan_import(
        project=project,
        actor=actor,
        file_name=file_name,
        mode=UPDATE,
        tasks_created=result.created,
        tasks_updated=result.updated,
        tasks_deleted=result.deleted,
        links_created=result.dependency_count,
    )
    return PlanImportResult(
        format=file_format,
        mode=UPDATE,
        task_count=result.created,
        dependency_count=result.dependency_count,
        replaced_task_count=0,
        updated_task_count=result.updated,
        deleted_task_count=result.deleted,
        task_changes=result.changes,
        warnings=plan.warnings,
    )


def _create_tasks(project: Project, plan: PlanRows, users: dict) -> dict[str, Task]:
    """Create the tasks level by level (a parent needs its id before its subtasks); return them by key."""
    depth: dict[str, int] = {}
    levels: dict[int, list[TaskRow]] = defaultdict(list)
    for row in plan.tasks:
        depth[row.key] = 0 if row.parent_key is None else depth[row.parent_key] + 1
        levels[depth[row.key]].append(row)
    sibling_count: dict[str | None, int] = defaultdict(int)
    parents = {row.parent_key for row in plan.tasks}

    def build(row: TaskRow, created: dict[str, Task]) -> Task:
        position = sibling_count[row.parent_key]
        sibling_count[row.parent_key] += 1
        return task_from_row(
            project=project,
            row=row,
            parent=created[row.parent_key] if row.parent_key is not None else None,
            position=position,
            users=users,
            is_summary=row.key in parents,
        )

    return create_by_level(levels, build)


def _project_warnings(project: Project, source: MspdiProject | None) -> list[str]:
    """For MSPDI: say where the file's start differs from the project's (it is not copied)."""
    if source is None:
        return []
    warnings = []
    if project.start_date is not None and source.start.date() != project.start_date:
        warnings.append(
            _("The file's plan starts on %(file)s, this project on %(project)s; dates follow the project.")
            % {"file": source.start.date().isoformat(), "project": project.start_date.isoformat()}
        )
    return warnings
