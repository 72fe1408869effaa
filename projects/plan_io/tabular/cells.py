"""Cell parsers of the tabular plan format: each takes a non-blank raw cell (str from CSV, typed from XLSX).

A cell that cannot be read raises CellError with the message the import report shows on its row.
"""

import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from projects.limits import MAX_DURATION_DAYS
from projects.plan_io.tabular.columns import FORMULA_START, MAX_COST

# Compared without spaces, hyphens or ellipses, lower case: MS Project's Chinese edition writes
# 不得早于...开始 and 不得晚于...完成.
_CONSTRAINT_WORDS = {
    "": "",
    "snet": "snet",
    "startnoearlierthan": "snet",
    "不得早于开始": "snet",
    "开始不早于": "snet",
    "fnlt": "fnlt",
    "finishnolaterthan": "fnlt",
    "不得晚于完成": "fnlt",
    "完成不晚于": "fnlt",
    "asap": "",
    "assoonaspossible": "",
    "越早越好": "",
}
_YES = {"yes", "y", "true", "1", "x", "是", "✓", "√"}
_NO = {"no", "n", "false", "0", "否", ""}
_WBS_CODE = re.compile(r"\d+(?:\.\d+)*")
# Units of a number of working days, in English and Chinese (3d, 3 days, 3天, 3 个工作日).
DAY_UNITS = r"(?:d|days?|wd|天|日|个?工作日)"
_DAYS = re.compile(rf"(?P<days>\d+)\s*{DAY_UNITS}?", re.IGNORECASE)


class CellError(ValueError):
    """A cell's content is not what its column holds; the message says why."""


# int() refuses strings of more than 4,300 digits; no number of a plan file (days, lag, id, version,
# WBS part) needs more than 18.
_MAX_DIGITS = 18


def digits_value(digits: str) -> int:
    """The number a run of decimal digits writes; a run over 18 digits long, past every limit of the
    format (days, lags), counts as 10**18."""
    return int(digits) if len(digits) <= _MAX_DIGITS else 10**_MAX_DIGITS


def counting_number(raw) -> int | None:
    """The cell as a whole number from 1 of at most 18 digits (an id, a version), else None.

    isdecimal, not isdigit: "²" is a digit that int() refuses."""
    text = cell_text(raw)
    if not text.isdecimal() or len(text) > _MAX_DIGITS:
        return None
    return int(text) or None


def cell_text(value, *, strip: bool = True) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    return text.strip() if strip else text


def unescape(text: str) -> str:
    """Undo the formula guard written on export ('=x -> =x)."""
    if text.startswith("'") and text[1:2] in FORMULA_START:
        return text[1:]
    return text


def wbs_code(raw) -> str:
    text = cell_text(raw)
    if isinstance(raw, float) and not raw.is_integer():  # Excel made "1.2" a number; repr gives it back
        text = repr(raw)
    parts = text.split(".")
    # No outline has 10**18 siblings: a longer part is no code (and int() refuses 4,300 digits).
    if not _WBS_CODE.fullmatch(text) or any(len(part) > _MAX_DIGITS or int(part) == 0 for part in parts):
        raise CellError(_("“%(value)s” is not a WBS code like 1, 1.2 or 2.3.1.") % {"value": text})
    return ".".join(str(int(part)) for part in parts)


def yes_no(raw) -> bool:
    if isinstance(raw, bool):
        return raw
    text = unicodedata.normalize("NFKC", cell_text(raw)).lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise CellError(_("“%(value)s” is not Yes or No.") % {"value": cell_text(raw)})


def whole_days(raw) -> int:
    days = None
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        if float(raw).is_integer() and raw >= 0:
            days = int(raw)
    else:
        match = _DAYS.fullmatch(unicodedata.normalize("NFKC", cell_text(raw)))
        if match:
            days = digits_value(match["days"])
    if days is None:
        raise CellError(_("“%(value)s” is not a whole number of days.") % {"value": cell_text(raw)})
    if days > MAX_DURATION_DAYS:
        raise CellError(_("at most %(limit)s working days.") % {"limit": MAX_DURATION_DAYS})
    return days


def percent(raw) -> int:
    text = cell_text(raw).removesuffix("%").strip()
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value.is_integer() or not 0 <= value <= 100:
        raise CellError(_("“%(value)s” is not a whole number from 0 to 100.") % {"value": cell_text(raw)})
    return int(value)


def amount(raw) -> Decimal:
    text = cell_text(raw) if not isinstance(raw, float) else repr(raw)
    try:
        value = Decimal(text.replace(",", "").replace(" ", ""))
    except InvalidOperation:
        raise CellError(_("“%(value)s” is not an amount.") % {"value": cell_text(raw)}) from None
    if not value.is_finite() or value < 0 or value >= MAX_COST:
        raise CellError(_("“%(value)s” is not an amount from 0 up.") % {"value": cell_text(raw)})
    if value != value.quantize(Decimal("0.01")):
        raise CellError(_("“%(value)s” has more than two decimals.") % {"value": cell_text(raw)})
    return value.quantize(Decimal("0.01"))


def date_of(raw) -> date:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    text = cell_text(raw).replace("/", "-")
    try:
        return date.fromisoformat(text[:10] if len(text) > 10 and text[10] in " T" else text)
    except ValueError:
        raise CellError(
            _("“%(value)s” is not a date (write YYYY-MM-DD).") % {"value": cell_text(raw)}
        ) from None


def constraint_code(raw) -> str:
    text = "".join(unicodedata.normalize("NFKC", cell_text(raw)).lower().split())
    text = re.sub(r"[-_.…]", "", text)
    if text in _CONSTRAINT_WORDS:
        return _CONSTRAINT_WORDS[text]
    raise CellError(_("“%(value)s” is not a constraint (SNET or FNLT).") % {"value": cell_text(raw)})
