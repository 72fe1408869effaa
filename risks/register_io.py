"""Exports of a project's risk register as CSV or XLSX, headers in the reader's language (no ORM).

Every field of a risk goes out, one row per risk, the words (kind, category, level, status, strategy)
as the reader reads them. Text that a spreadsheet would run as a formula stays text, as the plan export
does it (projects.plan_io): in CSV a cell starting with = + - @ (or a tab or carriage return) gets a
leading apostrophe; in XLSX such text is stored as a string cell, never as a formula. CSV is UTF-8 with a
BOM so that Excel opens Chinese text correctly.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from governance.risk_standards import RISK_LEVEL_LABELS, RiskStandards
from projects.plan_io.tabular.columns import FORMULA_START
from risks.models import Risk


def register_header() -> list[str]:
    """The column titles in the active language."""
    return [
        _("ID"),
        _("Project"),
        _("Kind"),
        _("Title"),
        _("Cause"),
        _("Event"),
        _("Effect"),
        _("Category"),
        _("Probability"),
        _("Impact"),
        _("Score"),
        _("Level"),
        _("Owner"),
        _("Strategy"),
        _("Response plan"),
        _("Trigger"),
        _("Review date"),
        _("Status"),
        _("Residual probability"),
        _("Residual impact"),
        _("Residual reason"),
        _("Cost impact"),
        _("Currency"),
        _("Linked tasks"),
        _("Escalated"),
        _("Escalated at"),
        _("Response signed off by"),
        _("Response signed off at"),
        _("Created by"),
        _("Created at"),
        _("Updated at"),
    ]


def _person(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _moment(value: datetime | None) -> datetime | None:
    # Spreadsheets hold no time zone: the reader's local time, without its offset.
    return None if value is None else timezone.localtime(value).replace(tzinfo=None, microsecond=0)


def register_rows(risks: Iterable[Risk], standards: RiskStandards) -> list[list]:
    """One row of plain values per risk, in register_header's order (risks from risk_list, with
    `level` annotated, linked tasks prefetched and created_by joined)."""
    rows = []
    for risk in risks:
        rows.append(
            [
                risk.pk,
                risk.project.code,
                risk.get_kind_display(),
                risk.title,
                risk.cause,
                risk.event,
                risk.effect,
                standards.category_label(risk.category) if risk.category else "",
                risk.probability,
                risk.impact,
                risk.score,
                str(RISK_LEVEL_LABELS[risk.level]),
                _person(risk.owner),
                risk.get_strategy_display() if risk.strategy else "",
                risk.response_plan,
                risk.trigger,
                risk.review_date,
                risk.get_status_display(),
                risk.residual_probability,
                risk.residual_impact,
                risk.residual_reason,
                risk.cost_impact,
                risk.project.currency,
                "; ".join(str(task) for task in risk.linked_tasks.all()),
                _("Yes") if risk.escalated else _("No"),
                _moment(risk.escalated_at),
                _person(risk.response_signed_off_by),
                _moment(risk.response_signed_off_at),
                _person(risk.created_by),
                _moment(risk.created_at),
                _moment(risk.updated_at),
            ]
        )
    return rows


def _guarded(value):
    """Text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _csv_value(value):
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return _guarded(value)


def write_register_csv(rows: Iterable[Sequence]) -> bytes:
    """The rows under the header as CSV, UTF-8 with a BOM."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(register_header())
    for row in rows:
        writer.writerow([_csv_value(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def write_register_xlsx(rows: Iterable[Sequence], *, title: str) -> bytes:
    """The rows under a bold header as one XLSX sheet; dates as dates, text never as a formula."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook(write_only=True)
    # A sheet's name may not hold these characters, and is at most 31 long.
    sheet = workbook.create_sheet(title=("".join(c for c in title if c not in "[]:*?/\\")[:31]) or "Risks")
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for text in register_header():
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in rows:
        cells = []
        for value in row:
            if isinstance(value, str):
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
                if value.startswith("="):
                    cell = WriteOnlyCell(sheet, value=value)
                    cell.data_type = "s"
                    value = cell
            cells.append(value)
        sheet.append(cells)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
