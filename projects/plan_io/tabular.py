"""The tabular plan format (see projects.plan_io): its columns, and reading CSV and XLSX, no database.

Reading gives PlanRows with every cell problem reported by spreadsheet row (the header is row 1) and
column name; projects.plan_io.tabular_write writes rows in COLUMNS order.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from projects.plan_io.rows import MAX_IMPORT_ROWS, ImportProblem, LinkRow, PlanRows, TaskRow
from projects.plan_models import MAX_DURATION_DAYS, MAX_LAG_DAYS

WBS = "WBS"
NAME = "Name"
MILESTONE = "Milestone"
DURATION = "Duration (days)"
START = "Start"
FINISH = "Finish"
PERCENT_COMPLETE = "% Complete"
PLANNED_COST = "Planned cost"
ASSIGNEE = "Assignee"
PREDECESSORS = "Predecessors"
CONSTRAINT = "Constraint"
CONSTRAINT_DATE = "Constraint date"
ACTUAL_START = "Actual start"
ACTUAL_FINISH = "Actual finish"
NOTES = "Notes"

COLUMNS = (
    WBS,
    NAME,
    MILESTONE,
    DURATION,
    START,
    FINISH,
    PERCENT_COMPLETE,
    PLANNED_COST,
    ASSIGNEE,
    PREDECESSORS,
    CONSTRAINT,
    CONSTRAINT_DATE,
    ACTUAL_START,
    ACTUAL_FINISH,
    NOTES,
)
REQUIRED_COLUMNS = (WBS, NAME)
# Other spellings accepted in a header, compared after lower-casing and collapsing spaces.
_ALIASES = {
    "duration": DURATION,
    "duration (working days)": DURATION,
    "percent complete": PERCENT_COMPLETE,
    "% complete": PERCENT_COMPLETE,
    "complete": PERCENT_COMPLETE,
    "cost": PLANNED_COST,
    "assignee (username)": ASSIGNEE,
    "task name": NAME,
    "wbs code": WBS,
}
_CANONICAL = {column.lower(): column for column in COLUMNS} | _ALIASES

CONSTRAINT_CODES = {"snet": "snet", "fnlt": "fnlt"}
_CONSTRAINT_WORDS = {
    "": "",
    "snet": "snet",
    "start no earlier than": "snet",
    "fnlt": "fnlt",
    "finish no later than": "fnlt",
    "asap": "",
    "as soon as possible": "",
}
_YES = {"yes", "y", "true", "1", "x", "是", "✓"}
_NO = {"no", "n", "false", "0", "否", ""}
_WBS_CODE = re.compile(r"\d+(?:\.\d+)*")
_PREDECESSOR = re.compile(
    r"(?P<code>\d+(?:\.\d+)*)\s*(?P<type>FS|SS|FF|SF)?\s*"
    r"(?:(?P<sign>[+-])\s*(?P<lag>\d+)\s*(?:d|days?|wd|天)?)?",
    re.IGNORECASE,
)
_DAYS = re.compile(r"(?P<days>\d+)\s*(?:d|days?|天)?", re.IGNORECASE)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAX_NAME_LENGTH = 200
MAX_COST = Decimal("1e12")


# --- Reading -------------------------------------------------------------------------------------------


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
    """Read the first worksheet of an XLSX workbook (streamed: read-only mode, cached formula values)."""
    import openpyxl

    plan = PlanRows(format="xlsx")
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as error:
        plan.problems.append(
            ImportProblem(None, "", _("This is not a readable XLSX workbook (%(error)s).") % {"error": error})
        )
        return plan
    try:
        sheet = workbook.worksheets[0]
        records = list(_limited(sheet.iter_rows(values_only=True)))
    except _TooManyRows:
        plan.problems.append(_too_many_rows())
        return plan
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as error:
        plan.problems.append(
            ImportProblem(None, "", _("This is not a readable XLSX workbook (%(error)s).") % {"error": error})
        )
        return plan
    finally:
        workbook.close()
    _read_records(plan, records)
    return plan


class _TooManyRows(Exception):
    pass


def _too_many_rows() -> ImportProblem:
    return ImportProblem(
        None,
        "",
        _("The file has more than %(limit)s task rows; split it or raise the limit.")
        % {"limit": MAX_IMPORT_ROWS},
    )


def _limited(records: Iterable) -> Iterator[tuple[int, Sequence]]:
    """Yield (row number, record) of the non-blank records, stopping with _TooManyRows past the header
    plus MAX_IMPORT_ROWS of them.

    Blank records are dropped as they are read: a file of millions of empty lines must not be held
    in memory before it is refused or found to hold a few tasks.
    """
    counted = 0
    for number, record in enumerate(records, start=1):
        if record and any(_text(value) for value in record):
            counted += 1
            if counted > MAX_IMPORT_ROWS + 1:
                raise _TooManyRows
            yield number, record


def _read_records(plan: PlanRows, records: list[tuple[int, Sequence]]) -> None:
    """Read the header from the first record, then one task per record (all non-blank, numbered)."""
    if not records:
        plan.problems.append(ImportProblem(None, "", _("The file is empty.")))
        return
    columns = _header(plan, records[0][1])
    if plan.problems:
        return
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
        title = " ".join(_text(value).split())
        if not title:
            continue
        column = _CANONICAL.get(title.lower())
        if column is None:
            plan.warnings.append(_("Ignored the column “%(column)s”.") % {"column": title})
        elif column in columns:
            plan.problems.append(ImportProblem(1, column, _("this column appears twice in the header.")))
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
                    "columns": ", ".join(REQUIRED_COLUMNS),
                    "found": ", ".join(_text(value) for value in record if _text(value)) or "—",
                },
            )
        )
    return columns


class _CellError(ValueError):
    pass


def _read_task(plan: PlanRows, row: int, cells: dict, *, has_constraint_column: bool) -> None:
    problems_before = len(plan.problems)

    def cell(column: str, parse, default=None):
        raw = cells.get(column)
        if _text(raw) == "":
            return default
        try:
            return parse(raw)
        except _CellError as error:
            plan.problems.append(ImportProblem(row, column, str(error)))
            return default

    code = cell(WBS, _wbs_code)
    name = _unescape(_text(cells.get(NAME)))
    if _text(cells.get(WBS)) == "":
        plan.problems.append(ImportProblem(row, WBS, _("every row needs a WBS code (1, 1.1, 2...).")))
    if not name:
        plan.problems.append(ImportProblem(row, NAME, _("every task needs a name.")))
    elif len(name) > MAX_NAME_LENGTH:
        plan.problems.append(
            ImportProblem(row, NAME, _("at most %(limit)s characters.") % {"limit": MAX_NAME_LENGTH})
        )
    is_milestone = cell(MILESTONE, _yes_no, False)
    duration = cell(DURATION, _days)
    if duration is None:
        duration = 0 if is_milestone else 1
    elif is_milestone and duration:
        plan.problems.append(ImportProblem(row, DURATION, _("a milestone has a duration of zero days.")))
    constraint_type = cell(CONSTRAINT, _constraint, "")
    constraint_date = cell(CONSTRAINT_DATE, _date)
    if not has_constraint_column:
        constraint_date = cell(START, _date)
        constraint_type = "snet" if constraint_date else ""
    if constraint_type and constraint_date is None and _text(cells.get(CONSTRAINT_DATE)) == "":
        plan.problems.append(ImportProblem(row, CONSTRAINT_DATE, _("a constraint needs a date.")))
    if constraint_date is not None and not constraint_type:
        plan.problems.append(
            ImportProblem(row, CONSTRAINT, _("say which constraint the date is for (SNET or FNLT)."))
        )
    actual_start = cell(ACTUAL_START, _date)
    actual_finish = cell(ACTUAL_FINISH, _date)
    if actual_start and actual_finish and actual_finish < actual_start:
        plan.problems.append(
            ImportProblem(row, ACTUAL_FINISH, _("the actual finish cannot be before the actual start."))
        )
    percent = cell(PERCENT_COMPLETE, _percent, 0)
    cost = cell(PLANNED_COST, _money, Decimal("0"))
    assignee = _text(cells.get(ASSIGNEE))
    notes = _unescape(_text(cells.get(NOTES), strip=False).strip())
    # Read the links even when a cell is wrong, so that their own problems are reported too.
    _read_predecessors(plan, row, code or "", _text(cells.get(PREDECESSORS)))
    if len(plan.problems) > problems_before or code is None:
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
            percent_complete=percent,
            planned_cost=cost,
            assignee_username=assignee,
            notes=notes,
        )
    )


def _read_predecessors(plan: PlanRows, row: int, code: str, text: str) -> None:
    for item in re.split(r"[;,，；]", text):
        item = item.strip()
        if not item:
            continue
        match = _PREDECESSOR.fullmatch(item)
        if match is None:
            plan.problems.append(
                ImportProblem(
                    row,
                    PREDECESSORS,
                    _("“%(item)s” is not a link; write the WBS code, the type and the lag, like 1.2FS+2d.")
                    % {"item": item},
                )
            )
            continue
        lag = int(match["lag"] or 0) * (-1 if match["sign"] == "-" else 1)
        if abs(lag) > MAX_LAG_DAYS:
            plan.problems.append(
                ImportProblem(
                    row,
                    PREDECESSORS,
                    _("“%(item)s”: a lag or lead is at most %(limit)s working days.")
                    % {"item": item, "limit": MAX_LAG_DAYS},
                )
            )
            continue
        plan.links.append(
            LinkRow(
                row=row,
                column=PREDECESSORS,
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


# --- Cell parsers: each takes a non-blank raw cell (str from CSV, typed from XLSX) -----------------------


def _text(value, *, strip: bool = True) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    return text.strip() if strip else text


def _unescape(text: str) -> str:
    """Undo the formula guard written on export ('=x -> =x)."""
    if text.startswith("'") and text[1:2] in FORMULA_START:
        return text[1:]
    return text


def _wbs_code(raw) -> str:
    text = _text(raw)
    if isinstance(raw, float) and not raw.is_integer():  # Excel made "1.2" a number; repr gives it back
        text = repr(raw)
    if not _WBS_CODE.fullmatch(text) or any(int(part) == 0 for part in text.split(".")):
        raise _CellError(_("“%(value)s” is not a WBS code like 1, 1.2 or 2.3.1.") % {"value": text})
    return ".".join(str(int(part)) for part in text.split("."))


def _yes_no(raw) -> bool:
    if isinstance(raw, bool):
        return raw
    text = _text(raw).lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise _CellError(_("“%(value)s” is not Yes or No.") % {"value": _text(raw)})


def _days(raw) -> int:
    days = None
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        if float(raw).is_integer() and raw >= 0:
            days = int(raw)
    else:
        match = _DAYS.fullmatch(_text(raw))
        if match:
            days = int(match["days"])
    if days is None:
        raise _CellError(_("“%(value)s” is not a whole number of days.") % {"value": _text(raw)})
    if days > MAX_DURATION_DAYS:
        raise _CellError(_("at most %(limit)s working days.") % {"limit": MAX_DURATION_DAYS})
    return days


def _percent(raw) -> int:
    text = _text(raw).removesuffix("%").strip()
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value.is_integer() or not 0 <= value <= 100:
        raise _CellError(_("“%(value)s” is not a whole number from 0 to 100.") % {"value": _text(raw)})
    return int(value)


def _money(raw) -> Decimal:
    text = _text(raw) if not isinstance(raw, float) else repr(raw)
    try:
        value = Decimal(text.replace(",", "").replace(" ", ""))
    except InvalidOperation:
        raise _CellError(_("“%(value)s” is not an amount.") % {"value": _text(raw)}) from None
    if not value.is_finite() or value < 0 or value >= MAX_COST:
        raise _CellError(_("“%(value)s” is not an amount from 0 up.") % {"value": _text(raw)})
    if value != value.quantize(Decimal("0.01")):
        raise _CellError(_("“%(value)s” has more than two decimals.") % {"value": _text(raw)})
    return value.quantize(Decimal("0.01"))


def _date(raw) -> date:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    text = _text(raw).replace("/", "-")
    try:
        return date.fromisoformat(text[:10] if len(text) > 10 and text[10] in " T" else text)
    except ValueError:
        raise _CellError(_("“%(value)s” is not a date (write YYYY-MM-DD).") % {"value": _text(raw)}) from None


def _constraint(raw) -> str:
    text = " ".join(_text(raw).lower().replace("-", " ").split())
    if text in _CONSTRAINT_WORDS:
        return _CONSTRAINT_WORDS[text]
    raise _CellError(_("“%(value)s” is not a constraint (SNET or FNLT).") % {"value": _text(raw)})
