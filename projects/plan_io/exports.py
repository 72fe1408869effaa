"""Plan export (CSV, XLSX, MS Project XML): the plan in the tabular format (projects.plan_io) or as
MSPDI, as a file to send.

A tabular file is written in the active language (the request's): headers and Yes/No. Link types (FS,
SS, FF, SF), constraint codes and dates stay as MS Project writes them, so the file reads back in any
language. The Task ID column lets an edited export update the plan in place (projects.plan_io.updates); the
Version column lets that update refuse rows whose task changed after the export.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from projects.models import Project
from projects.plan_io.mspdi.writer import MspdiLinkOut, MspdiPlanOut, MspdiTaskOut, write_mspdi
from projects.plan_io.tabular.columns import yes_no_word
from projects.plan_io.tabular.writer import write_csv, write_xlsx
from projects.scheduling import LinkType
from projects.selectors.calendars import plan_calendar_row, work_calendar_from
from projects.selectors.plans import dependency_list, task_list
from projects.workcalendar import WorkCalendar

EXPORT_FORMATS = ("csv", "xlsx", "xml")
_CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "xml": "application/xml",
}


@dataclass(frozen=True)
class ExportFile:
    """An exported plan, ready to send: file name, content type and bytes."""

    file_name: str
    content_type: str
    content: bytes


def plan_export_rows(*, project: Project) -> list[list]:
    """The plan as rows of typed values in the order of the tabular COLUMNS, tasks in outline order.

    Two queries: the links, then the tasks.
    """
    predecessors: dict[int, list[str]] = defaultdict(list)
    for link in dependency_list(project=project):
        lag = f"{link.lag_days:+d}d" if link.lag_days else ""
        predecessors[link.successor_id].append(f"{link.predecessor.wbs_code}{link.type}{lag}")
    rows = []
    for task in task_list(project=project):
        rows.append(
            [
                task.wbs_code,
                task.name,
                yes_no_word(task.is_milestone),
                task.duration_days,
                task.planned_start,
                task.planned_finish,
                task.percent_complete,
                task.planned_cost,
                task.assignee.username if task.assignee else "",
                ";".join(predecessors.get(task.pk, ())),
                task.constraint_type.upper(),
                task.constraint_date,
                task.actual_start,
                task.actual_finish,
                task.notes,
                yes_no_word(task.manual),
                task.pk,
                task.version,
            ]
        )
    return rows


def plan_export_mspdi(*, project: Project) -> MspdiPlanOut:
    """The plan as projects.plan_io.mspdi.writer writes it: tasks in outline order, UIDs 1 .. n.

    The calendar is the plan's effective one, as MS Project has no official calendars: the official
    holidays and make-up working days of the years the plan spans, and the project's own exceptions
    whatever their date. Four queries: the calendar (two), the links, the tasks.
    """
    row = plan_calendar_row(project)
    calendar = work_calendar_from(project, row)
    own = {exception.date: exception.working for exception in row.holidays.all()} if row else {}
    links = list(
        dependency_list(project=project).values_list("predecessor_id", "successor_id", "type", "lag_days")
    )
    tasks = list(task_list(project=project))
    holidays, working_days = _exceptions_over(
        calendar.work_calendar, own, [calendar.anchor, project.finish_date, *_task_dates(tasks)]
    )
    uid = {task.pk: number for number, task in enumerate(tasks, start=1)}
    predecessors: dict[int, list[MspdiLinkOut]] = defaultdict(list)
    for predecessor_id, successor_id, link_type, lag in links:
        predecessors[successor_id].append(MspdiLinkOut(uid[predecessor_id], LinkType(link_type), lag))
    return MspdiPlanOut(
        name=project.name,
        start=calendar.anchor,
        currency=project.currency,
        working_weekdays=calendar.work_calendar.working_weekdays,
        holidays=holidays,
        working_days=working_days,
        tasks=tuple(
            MspdiTaskOut(
                uid=uid[task.pk],
                name=task.name,
                outline_level=task.outline_level,
                outline_number=task.wbs_code,
                summary=task.is_summary,
                milestone=task.is_milestone,
                manual=task.manual,
                duration_days=task.duration_days,
                start=task.planned_start,
                finish=task.planned_finish,
                constraint_type=task.constraint_type,
                constraint_date=task.constraint_date,
                percent_complete=task.percent_complete,
                actual_start=task.actual_start,
                actual_finish=task.actual_finish,
                cost=task.planned_cost,
                notes=task.notes,
                total_float_days=task.total_float_days,
                free_float_days=task.free_float_days,
                critical=task.is_critical,
                predecessors=tuple(predecessors.get(task.pk, ())),
                resource=task.assignee.display_name if task.assignee_id else "",
            )
            for task in tasks
        ),
    )


def _task_dates(tasks) -> list[date | None]:
    return [
        day
        for task in tasks
        for day in (
            task.planned_start,
            task.planned_finish,
            task.actual_start,
            task.actual_finish,
            task.constraint_date,
        )
    ]


def _exceptions_over(
    work_calendar: WorkCalendar, own: dict[date, bool], dates: list[date | None]
) -> tuple[tuple[date, ...], tuple[date, ...]]:
    """The holidays and extra working days of the calendar in the whole years that `dates` span, plus
    the own exceptions (date -> working) whatever their date; each sorted."""
    known = [day for day in dates if day is not None]
    first, last = date(min(known).year, 1, 1), date(max(known).year, 12, 31)
    holidays = {day for day in work_calendar.holidays if first <= day <= last}
    holidays |= {day for day, working in own.items() if not working}
    working_days = {day for day in work_calendar.working_days if first <= day <= last}
    working_days |= {day for day, working in own.items() if working}
    return tuple(sorted(holidays)), tuple(sorted(working_days))


def plan_export(*, project: Project, file_format: str) -> ExportFile:
    """The project's plan as a CSV or XLSX file in the tabular format (projects.plan_io), or MSPDI XML.

    Visibility is the caller's business (a selector such as plan_project); anyone who sees the plan
    may export it.
    """
    if file_format not in EXPORT_FORMATS:
        raise ValidationError({"format": _("Export as csv, xlsx or xml (MS Project).")})
    if file_format == "xml":
        content = write_mspdi(plan_export_mspdi(project=project))
    elif file_format == "xlsx":
        content = write_xlsx(plan_export_rows(project=project), title=project.code)
    else:
        content = write_csv(plan_export_rows(project=project))
    return ExportFile(
        file_name=f"{project.code}-plan.{file_format}",
        content_type=_CONTENT_TYPES[file_format],
        content=content,
    )
