"""Plan import (CSV, XLSX, MSPDI): the write behind the import page and API.

Import is atomic and replaces the plan: the file is read and checked in full first, and any problem
refuses it with a report row by row; otherwise the tasks are created with bulk_create (one query per
outline level), the links in one more, and the plan is rescheduled once at the end.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import BinaryIO

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from governance.models import User
from projects.models import CostEntry, Dependency, Project, ProjectMembership, Task
from projects.plan_io.mspdi.plan import read_mspdi_plan
from projects.plan_io.mspdi.reader import MspdiProject
from projects.plan_io.rows import (
    MAX_IMPORT_BYTES,
    ImportProblem,
    PlanImportError,
    PlanRows,
    check_plan,
    file_too_large_problem,
    raise_if_problems,
)
from projects.plan_io.tabular.columns import ASSIGNEE
from projects.plan_io.tabular.reader import read_csv, read_xlsx
from projects.selectors.calendars import plan_work_calendar
from projects.services.editing import lock_project, require_plan_editor
from projects.services.history import record_plan_import
from projects.services.reschedule import project_reschedule
from projects.services.tasks import milestone_and_duration

IMPORT_FORMATS = ("csv", "xlsx", "mspdi")


@dataclass(frozen=True)
class PlanImportResult:
    """What an import did: the format read, tasks and links created, tasks replaced, and warnings."""

    format: str
    task_count: int
    dependency_count: int
    replaced_task_count: int
    warnings: list[str] = field(default_factory=list)


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


def _assignees(project: Project, plan: PlanRows) -> tuple[dict[str, object], list[ImportProblem]]:
    """Users named in the Assignee column, checked in two queries: they must exist and be on the project."""
    usernames = {task.assignee_username for task in plan.tasks if task.assignee_username}
    if not usernames:
        return {}, []
    users = {user.username: user for user in get_user_model().objects.filter(username__in=usernames)}
    allowed = set(ProjectMembership.objects.filter(project=project).values_list("user_id", flat=True))
    allowed.add(project.project_manager_id)
    problems = []
    for task in plan.tasks:
        username = task.assignee_username
        if not username:
            continue
        user = users.get(username)
        if user is None:
            problems.append(
                ImportProblem(
                    task.row, ASSIGNEE, _("there is no user “%(username)s”.") % {"username": username}
                )
            )
        elif user.pk not in allowed:
            problems.append(
                ImportProblem(
                    task.row,
                    ASSIGNEE,
                    _("“%(username)s” is neither the project manager nor a member of this project.")
                    % {"username": username},
                )
            )
    return users, problems


@transaction.atomic
def plan_import(
    *, actor: User, project: Project, data: bytes | BinaryIO, file_name: str = "", replace: bool = False
) -> PlanImportResult:
    """Replace the project's plan with the one in the file (CSV, XLSX or MSPDI); nothing on any problem.

    `data` is the file's bytes or an open file (an upload): its size is checked before it is read.

    Only the plan's editors may import. A project that already has tasks is replaced only with
    `replace=True`, and never while actual costs are booked on its tasks (they would be lost).
    Raises PlanImportError with the problems row by row, PermissionDenied for others.
    """
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
    plan, source = _read(file_format, data)
    raise_if_problems(plan.problems)
    users, problems = _assignees(project, plan)
    raise_if_problems(sorted(check_plan(plan) + problems, key=lambda problem: problem.row or 0))

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
    try:
        project_reschedule(project=project)
    except ValidationError as error:  # check_plan found no cycle, so this is unexpected: still refuse
        raise PlanImportError([ImportProblem(None, "", message) for message in error.messages]) from error
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
        warnings=plan.warnings + _project_warnings(project, source),
    )


def _create_tasks(project: Project, plan: PlanRows, users: dict) -> dict[str, Task]:
    """Create the tasks level by level (a parent needs its id before its subtasks); return them by key."""
    depth: dict[str, int] = {}
    levels: dict[int, list] = defaultdict(list)
    sibling_count: dict[str | None, int] = defaultdict(int)
    for row in plan.tasks:
        depth[row.key] = 0 if row.parent_key is None else depth[row.parent_key] + 1
        levels[depth[row.key]].append(row)
    created: dict[str, Task] = {}
    for level in sorted(levels):
        new_tasks = []
        for row in levels[level]:
            position = sibling_count[row.parent_key]
            sibling_count[row.parent_key] += 1
            is_milestone, duration_days = milestone_and_duration(
                is_milestone=row.is_milestone, duration_days=row.duration_days
            )
            new_tasks.append(
                Task(
                    project=project,
                    parent=created[row.parent_key] if row.parent_key is not None else None,
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
                )
            )
        for row, task in zip(levels[level], Task.objects.bulk_create(new_tasks), strict=True):
            created[row.key] = task
    return created


def _project_warnings(project: Project, source: MspdiProject | None) -> list[str]:
    """For MSPDI: say where the file's calendar or start differ from the project's (they are not copied)."""
    if source is None:
        return []
    warnings = []
    calendar = plan_work_calendar(project).work_calendar
    if (
        source.calendar.working_weekdays != calendar.working_weekdays
        or source.calendar.holidays - calendar.holidays
    ):
        warnings.append(
            _(
                "The file's working calendar differs from this project's; durations and lags are counted "
                "on the project's calendar."
            )
        )
    if project.start_date is not None and source.start.date() != project.start_date:
        warnings.append(
            _("The file's plan starts on %(file)s, this project on %(project)s; dates follow the project.")
            % {"file": source.start.date().isoformat(), "project": project.start_date.isoformat()}
        )
    return warnings
