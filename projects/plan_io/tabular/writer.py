"""Writing the tabular plan format (see projects.plan_io) as CSV or XLSX, no database.

The header is written in the active language (projects.plan_io.tabular.columns.header_titles); the
reader recognises it in either language.
"""

import csv
import io
from collections.abc import Iterable
from datetime import date

from projects.plan_io.tabular.columns import (
    ASSIGNEE,
    COLUMNS,
    FORMULA_START,
    NAME,
    NOTES,
    PREDECESSORS,
    WBS,
    header_titles,
)


def _guarded(value):
    """Text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def write_csv(rows: Iterable[list]) -> bytes:
    """The rows under the COLUMNS header as CSV, UTF-8 with a BOM (so Excel reads Chinese names)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header_titles())
    for row in rows:
        writer.writerow(["" if value is None else _guarded(_csv_value(value)) for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def _csv_value(value):
    if isinstance(value, date):
        return value.isoformat()
    return value


def _xlsx_cell(sheet, value, cell_class, illegal_characters):
    """Plain values go in as they are (fast); text that openpyxl would store as a formula stays text.

    Text loses the control characters XML 1.0 cannot carry (openpyxl refuses them): names and notes
    stored before they were refused on input must not break the export of the whole plan.
    """
    if isinstance(value, str):
        value = illegal_characters.sub("", value)
    if isinstance(value, str) and value.startswith("="):
        cell = cell_class(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value


def write_xlsx(rows: Iterable[list], *, title: str = "Plan") -> bytes:
    """The rows under the COLUMNS header as one XLSX worksheet; dates as dates, text never as formulas."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31] or "Plan")
    widths = {WBS: 10, NAME: 40, PREDECESSORS: 24, NOTES: 40, ASSIGNEE: 16}
    for position, column in enumerate(COLUMNS, start=1):
        letter = openpyxl.utils.get_column_letter(position)
        sheet.column_dimensions[letter].width = widths.get(column, 14)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for title in header_titles():
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value, WriteOnlyCell, ILLEGAL_CHARACTERS_RE) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
