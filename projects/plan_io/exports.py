"""Plan export (CSV, XLSX): the plan in the tabular format (projects.plan_io), as a file to send.

The file is written in the active language (the request's): headers and Yes/No. Link types (FS, SS,
FF, SF), constraint codes and dates stay as MS Project writes them, so the file reads back in any
language. The Task ID column lets an edited export update the plan in place (projects.plan_io.updates).
"""

from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from projects.models import Project
from projects.plan_io.tabular.columns import yes_no_word
from projects.plan_io.tabular.writer import write_csv, write_xlsx
from projects.selectors.plans import dependency_list, task_list

EXPORT_FORMATS = ("csv", "xlsx")
_CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
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
                task.pk,
            ]
        )
    return rows


def plan_export(*, project: Project, file_format: str) -> ExportFile:
    """The project's plan as a CSV or XLSX file in the tabular format (projects.plan_io).

    Visibility is the caller's business (a selector such as plan_project); anyone who sees the plan
    may export it.
    """
    if file_format not in EXPORT_FORMATS:
        raise ValidationError({"format": _("Export as csv or xlsx.")})
    rows = plan_export_rows(project=project)
    if file_format == "xlsx":
        content = write_xlsx(rows, title=project.code)
    else:
        content = write_csv(rows)
    return ExportFile(
        file_name=f"{project.code}-plan.{file_format}",
        content_type=_CONTENT_TYPES[file_format],
        content=content,
    )
