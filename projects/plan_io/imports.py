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

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from governance.models import User
from projects.models import (
    CalendarHoliday,
    CostEntry,
    Dependency,
    Project,
    ProjectCalendar,
    ProjectMembership,
    Task,
)
from projects.plan_io.mspdi.document import MspdiProject
from projects.plan_io.mspdi.plan import read_mspdi_plan
from projects.plan_io.rows import (
    MAX_IMPORT_BYTES,
    ImportProblem,
    PlanImportError,
    PlanRows,
    check_plan,
    file_too_large_problem,
    raise_if_problems,
)
from projects.plan_io.tabular.columns import ASSIGNEE, column_title
from projects.plan_io.tabular.reader import read_csv, read_xlsx
from projects.plan_io.updates import plan_update, plan_update_problems
from projects.selectors.memberships import assignee_candidates
from projects.services.editing import lock_project, require_plan_editor
from projects.services.history.events import record_plan_import
from projects.services.reschedule import project_reschedule
from projects.services.tasks import milestone_and_duration
from projects.workcalendar import mask_from_weekdays, official_calendar

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
                    task.row,
                    column_title(ASSIGNEE),
                    _("there is no user “%(username)s”.") % {"username": username},
                )
            )
        elif user.pk not in allowed:
            problems.append(
                ImportProblem(
                    task.row,
                    column_title(ASSIGNEE),
                    _("“%(username)s” is neither the project manager nor a member of this project.")
                    % {"username": username},
                )
            )
    return users, problems


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
    resource_warnings = _resources_as_assignees(project, plan)
    users, assignee_problems = _assignees(project, plan)
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
    raise_if_problems(_in_row_order(plan.problems + check_plan(plan) + assignee_problems))

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

    calendar_warnings = _copy_calendar(project, source) if source is not None else []
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
    levels: dict[int, list] = defaultdict(list)
    sibling_count: dict[str | None, int] = defaultdict(int)
    parents = {row.parent_key for row in plan.tasks}
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
                    # A summary task takes its dates from its subtasks: never manual.
                    manual=row.manual and row.key not in parents,
                    planned_start=row.pinned_start if row.key not in parents else None,
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


def _normal_name(name: str) -> str:
    return " ".join(name.split()).casefold()


def _resources_as_assignees(project: Project, plan: PlanRows) -> list[str]:
    """MSPDI: set each task's assignee to the first of its resources that names an assignable person.

    A resource names a person by username or full name ("Wei Li", "Li Wei" or "LiWei" for first name
    Wei, last name Li). Returns the report lines: the names that were not mapped, tasks with several.
    One query (the people who may be assigned).
    """
    names = {name for task in plan.tasks for name in task.resource_names}
    if not names:
        return []
    people: dict[str, User] = {}
    for user in assignee_candidates(project=project):
        first, last = user.first_name, user.last_name
        for key in (user.username, f"{first} {last}", f"{last} {first}", f"{last}{first}"):
            if _normal_name(key):
                people.setdefault(_normal_name(key), user)
    unmapped: set[str] = set()
    several = []
    for task in plan.tasks:
        mapped = []
        for name in task.resource_names:
            user = people.get(_normal_name(name))
            if user is None:
                unmapped.add(name)
            elif user not in mapped:
                mapped.append(user)
        if mapped:
            task.assignee_username = mapped[0].username
        if len(mapped) > 1:
            several.append(task.name)
    warnings = []
    if unmapped:
        warnings.append(
            _(
                "No project manager or member of this project goes by these resource names, so they "
                "were not made assignees: %(names)s."
            )
            % {"names": ", ".join(sorted(unmapped))}
        )
    if several:
        warnings.append(
            _("%(count)s task(s) have several people as resources; each went to the first of them.")
            % {"count": len(several)}
        )
    return warnings


def _copy_calendar(project: Project, source: MspdiProject) -> list[str]:
    """MSPDI: put the file's working week and exception days into the project's calendar.

    The file's non-working exceptions become holidays and its working exceptions on days the week has
    off become working days (CalendarHoliday.working), except where the project's calendar already
    has an exception on that date (it stays) or its official calendar already says the same.
    """
    calendar, _created = ProjectCalendar.objects.get_or_create(project=project)
    weekdays = mask_from_weekdays(source.calendar.working_weekdays)
    existing = set(calendar.holidays.values_list("date", flat=True))
    official = official_calendar(calendar.official_holidays)
    official_off = official.days_off if official is not None else {}
    official_working = official.working_days if official is not None else {}
    holidays = sorted(day for day in source.calendar.holidays - existing if day not in official_off)
    working_days = sorted(
        day for day in source.calendar.working_days - existing if day not in official_working
    )
    if weekdays == calendar.working_weekdays and not holidays and not working_days:
        return []
    if weekdays != calendar.working_weekdays:
        calendar.working_weekdays = weekdays
        calendar.full_clean()
        calendar.save(update_fields=["working_weekdays"])
    CalendarHoliday.objects.bulk_create(
        [CalendarHoliday(calendar=calendar, date=day, name=_("MS Project exception")) for day in holidays]
        + [
            CalendarHoliday(calendar=calendar, date=day, name=_("MS Project working day"), working=True)
            for day in working_days
        ]
    )
    return [
        _(
            "The file's working week, %(count)s non-working exception day(s) and %(working)s working "
            "day(s) were copied into the project's calendar."
        )
        % {"count": len(holidays), "working": len(working_days)}
    ]


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
