"""Reading the tabular plan format (see projects.plan_io) from CSV and XLSX, no database.

Reading gives PlanRows with every cell problem reported by spreadsheet row (the header is row 1) and
column title (in the active language). A row with a bad cell still gives its task (the file is refused
anyway), so that the structure checks run in the same pass without reporting links to it as unknown.
"""

import csv
import io
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal

from django.utils.translation import gettext as _

from governance.text import control_character_problem
from projects.limits import MAX_IMPORT_COLUMNS, MAX_LAG_DAYS, MAX_TASK_NAME_LENGTH
from projects.plan_io.rows import MAX_IMPORT_ROWS, ImportProblem, LinkRow, PlanRows, TaskRow
from projects.plan_io.tabular.cells import (
    DAY_UNITS,
    CellError,
    amount,
    cell_text,
    constraint_code,
    counting_number,
    date_of,
    digits_value,
    percent,
    unescape,
    wbs_code,
    whole_days,
    yes_no,
)
from projects.plan_io.tabular.columns import (
    ACTUAL_FINISH,
    ACTUAL_START,
    ASSIGNEE,
    CONSTRAINT,
    CONSTRAINT_DATE,
    DURATION,
    MANUAL,
    MILESTONE,
    NAME,
    NOTES,
    PERCENT_COMPLETE,
    PLANNED_COST,
    PREDECESSORS,
    REQUIRED_COLUMNS,
    START,
    TASK_ID,
    VERSION,
    WBS,
    canonical_column,
    column_title,
)
from projects.plan_io.tabular.workbook import WorkbookRefused, open_workbook

_PREDECESSOR = re.compile(
    r"(?P<code>\d+(?:\.\d+)*)\s*(?P<type>FS|SS|FF|SF)?\s*"
    rf"(?:(?P<sign>[+-])\s*(?P<lag>\d+)\s*{DAY_UNITS}?)?",
    re.IGNORECASE,
)
# The link types as the glossary writes them in Chinese (完成-开始 = finish-to-start ...).
_LINK_TYPE_WORDS = {"完成-开始": "FS", "开始-开始": "SS", "完成-完成": "FF", "开始-完成": "SF"}


# What openpyxl raises for a file that is no workbook or is broken inside its ZIP: the ZIP itself,
# a missing part, malformed XML in a part (ElementTree's ParseError, lxml's XMLSyntaxError: both
# SyntaxError), a garbled compressed stream (zlib.error), a workbook without a worksheet (IndexError),
# an encrypted member or one compressed by a method zipfile lacks (RuntimeError, NotImplementedError).
_UNREADABLE_WORKBOOK = (
    zipfile.BadZipFile,
    RuntimeError,
    zlib.error,
    KeyError,
    IndexError,
    OSError,
    ValueError,
    TypeError,
    SyntaxError,
)


def read_csv(data: bytes) -> PlanRows:
    """Read a CSV plan: UTF-8 (with or without BOM), else GB18030 as saved by Chinese Excel."""
    plan = PlanRows(format="csv")
    if b"\x00" in data[:4096]:
        plan.problems.append(ImportProblem(None, "", _("This is not a CSV text file.")))
        return plan
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            plan.problems.append(ImportProblem(None, "", _("The file is not UTF-8 (or GB18030) text.")))
            return plan
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample.partition("\n")[0], delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    try:
        records = list(_limited(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)))
    except csv.Error as error:
        plan.problems.append(ImportProblem(None, "", _("The CSV is malformed: %(error)s") % {"error": error}))
        return plan
    except _TooManyRows:
        plan.problems.append(_too_many_rows())
        return plan
    _read_records(plan, records)
    return plan


def read_xlsx(data: bytes) -> PlanRows:
    """Read the first worksheet of an XLSX workbook: opened within bounds (projects.plan_io.tabular.workbook),
    streamed (read-only mode, cached formula values), at most MAX_IMPORT_COLUMNS cells a row."""
    plan = PlanRows(format="xlsx")
    try:
        workbook = open_workbook(data)
    except WorkbookRefused as refusal:
        plan.problems.append(ImportProblem(None, "", str(refusal)))
        return plan
    except _UNREADABLE_WORKBOOK as error:
        plan.problems.append(_unreadable_workbook(error))
        return plan
    try:
        sheet = workbook.worksheets[0]
        records = list(_limited(sheet.iter_rows(min_row=1, max_col=MAX_IMPORT_COLUMNS, values_only=True)))
    except _TooManyRows:
        plan.problems.append(_too_many_rows())
        return plan
    except WorkbookRefused as refusal:
        plan.problems.append(ImportProblem(None, "", str(refusal)))
        return plan
    except _UNREADABLE_WORKBOOK as error:
        plan.problems.append(_unreadable_workbook(error))
        return plan
    finally:
        workbook.close()
    _read_records(plan, records)
    return plan


def _unreadable_workbook(error: Exception) -> ImportProblem:
    return ImportProblem(None, "", _("This is not a readable XLSX workbook (%(error)s).") % {"error": error})


class _TooManyRows(Exception):
    pass


def _too_many_rows() -> ImportProblem:
    return ImportProblem(
        None,
        "",
        _(
            "The file has more than %(limit)s rows after the header (blank rows count too); split it or "
            "delete the rows below the plan."
        )
        % {"limit": MAX_IMPORT_ROWS},
    )


def _limited(records: Iterable) -> Iterator[tuple[int, Sequence]]:
    """Yield (row number, record) of the non-blank records, each cut to MAX_IMPORT_COLUMNS cells,
    stopping with _TooManyRows at the first record past the header plus MAX_IMPORT_ROWS.

    Every record counts, blank or not, so reading stops at the limit whatever the file holds (a file
    of millions of empty rows is refused at once); blank records are dropped as they are read, so
    they are not held in memory either.
    """
    for number, record in enumerate(records, start=1):
        if number > MAX_IMPORT_ROWS + 1:
            raise _TooManyRows
        record = record[:MAX_IMPORT_COLUMNS]
        if record and any(cell_text(value) for value in record):
            yield number, record


def _read_records(plan: PlanRows, records: list[tuple[int, Sequence]]) -> None:
    """Read the header from the first record, then one task per record (all non-blank, numbered)."""
    if not records:
        plan.problems.append(ImportProblem(None, "", _("The file is empty.")))
        return
    columns = _header(plan, records[0][1])
    if plan.problems:
        return
    plan.columns = frozenset(columns)
    for number, record in records[1:]:
        cells = {
            column: record[position] if position < len(record) else None
            for column, position in columns.items()
        }
        _read_task(plan, number, cells, has_constraint_column=CONSTRAINT in columns)
    if not plan.tasks and not plan.problems:
        plan.problems.append(ImportProblem(None, "", _("The file has a header but no task rows.")))
    _set_parents(plan)


def _header(plan: PlanRows, record) -> dict[str, int]:
    columns: dict[str, int] = {}
    for position, value in enumerate(record):
        title = " ".join(cell_text(value).split())
        if not title:
            continue
        column = canonical_column(title)
        if column is None:
            plan.warnings.append(_("Ignored the column “%(column)s”.") % {"column": title})
        elif column in columns:
            plan.problems.append(
                ImportProblem(1, column_title(column), _("this column appears twice in the header."))
            )
        else:
            columns[column] = position
    missing = [column for column in REQUIRED_COLUMNS if column not in columns]
    if missing:
        plan.problems.append(
            ImportProblem(
                None,
                "",
                _("The header row must have the columns %(columns)s (found: %(found)s).")
                % {
                    "columns": ", ".join(column_title(column) for column in REQUIRED_COLUMNS),
                    "found": ", ".join(cell_text(value) for value in record if cell_text(value)) or "—",
                },
            )
        )
    return columns


def _read_task(plan: PlanRows, row: int, cells: dict, *, has_constraint_column: bool) -> None:
    def problem(column: str, message: str) -> None:
        plan.problems.append(ImportProblem(row, column_title(column), message))

    def cell(column: str, parse, default=None):
        raw = cells.get(column)
        if cell_text(raw) == "":
            return default
        try:
            return parse(raw)
        except CellError as error:
            problem(column, str(error))
            return default

    code = cell(WBS, wbs_code)
    name = unescape(cell_text(cells.get(NAME)))
    if cell_text(cells.get(WBS)) == "":
        problem(WBS, _("every row needs a WBS code (1, 1.1, 2...)."))
    if not name:
        problem(NAME, _("every task needs a name."))
    elif len(name) > MAX_TASK_NAME_LENGTH:
        problem(NAME, _("at most %(limit)s characters.") % {"limit": MAX_TASK_NAME_LENGTH})
    elif characters := control_character_problem(name):
        problem(NAME, characters)
    is_milestone = cell(MILESTONE, yes_no, False)
    duration = cell(DURATION, whole_days)  # None when blank: the import gives the default
    if is_milestone and duration:
        problem(DURATION, _("a milestone has a duration of zero days."))
    constraint_type = cell(CONSTRAINT, constraint_code, "")
    constraint_date = cell(CONSTRAINT_DATE, date_of)
    if not has_constraint_column:
        constraint_date = cell(START, date_of)
        constraint_type = "snet" if constraint_date else ""
    if constraint_type and constraint_date is None and cell_text(cells.get(CONSTRAINT_DATE)) == "":
        problem(CONSTRAINT_DATE, _("a constraint needs a date."))
    if constraint_date is not None and not constraint_type:
        problem(CONSTRAINT, _("say which constraint the date is for (SNET or FNLT)."))
    actual_start = cell(ACTUAL_START, date_of)
    actual_finish = cell(ACTUAL_FINISH, date_of)
    if actual_start and actual_finish and actual_finish < actual_start:
        problem(ACTUAL_FINISH, _("the actual finish cannot be before the actual start."))
    percent_complete = cell(PERCENT_COMPLETE, percent, 0)
    cost = cell(PLANNED_COST, amount, Decimal("0"))
    assignee = cell_text(cells.get(ASSIGNEE))
    notes = unescape(cell_text(cells.get(NOTES), strip=False).strip())
    if characters := control_character_problem(notes, multiline=True):
        problem(NOTES, characters)
    task_id = cell(TASK_ID, task_id_of)
    version = cell(VERSION, version_of)
    # A manually scheduled task keeps its Start, as in MS Project (the Start column is then an input).
    manual = cell(MANUAL, yes_no, False)
    pinned_start = None
    if manual:  # without a Constraint column the Start cell was read above, as the constraint date
        pinned_start = cell(START, date_of) if has_constraint_column else constraint_date
    # Read the links even when a cell is wrong, so that their own problems are reported too.
    _read_predecessors(plan, row, code or "", cell_text(cells.get(PREDECESSORS)))
    if code is None:
        return
    label = f"{code} {name}"
    plan.tasks.append(
        TaskRow(
            row=row,
            key=code,
            label=label,
            name=name,
            is_milestone=is_milestone,
            duration_days=duration,
            constraint_type=constraint_type,
            constraint_date=constraint_date,
            actual_start=actual_start,
            actual_finish=actual_finish,
            percent_complete=percent_complete,
            planned_cost=cost,
            assignee_username=assignee,
            notes=notes,
            task_id=task_id,
            version=version,
            manual=manual,
            pinned_start=pinned_start,
        )
    )


def task_id_of(raw) -> int:
    """The Task ID column: the portal's id of the task, a whole number (blank for a new task)."""
    number = counting_number(raw)
    if number is None:
        raise CellError(
            _("“%(value)s” is not a task ID (a whole number written by export).") % {"value": cell_text(raw)}
        )
    return number


def version_of(raw) -> int:
    """The Version column: the task's version when the file was exported, a whole number."""
    number = counting_number(raw)
    if number is None:
        raise CellError(
            _(
                "“%(value)s” is not a task version (a whole number written by export); "
                "clear the cell to overwrite the task."
            )
            % {"value": cell_text(raw)}
        )
    return number


def _read_predecessors(plan: PlanRows, row: int, code: str, text: str) -> None:
    column = column_title(PREDECESSORS)
    for item in re.split(r"[;,，；、]", text):
        item = item.strip()
        if not item:
            continue
        normalised = unicodedata.normalize("NFKC", item)
        for word, link_type in _LINK_TYPE_WORDS.items():
            normalised = normalised.replace(word, link_type)
        match = _PREDECESSOR.fullmatch(normalised)
        if match is None:
            plan.problems.append(
                ImportProblem(
                    row,
                    column,
                    _("“%(item)s” is not a link; write the WBS code, the type and the lag, like 1.2FS+2d.")
                    % {"item": item},
                )
            )
            continue
        lag = digits_value(match["lag"] or "0") * (-1 if match["sign"] == "-" else 1)
        if abs(lag) > MAX_LAG_DAYS:
            plan.problems.append(
                ImportProblem(
                    row,
                    column,
                    _("“%(item)s”: a lag or lead is at most %(limit)s working days.")
                    % {"item": item, "limit": MAX_LAG_DAYS},
                )
            )
            continue
        plan.links.append(
            LinkRow(
                row=row,
                column=column,
                predecessor_key=match["code"],
                successor_key=code,
                type=(match["type"] or "FS").upper(),
                lag_days=lag,
            )
        )


def _set_parents(plan: PlanRows) -> None:
    for task in plan.tasks:
        if "." in task.key:
            task.parent_key = task.key.rsplit(".", 1)[0]
