"""Reader for Microsoft Project XML (MSPDI) files, and their conversion to engine activities.

Pure Python over xml.etree. What is read and how it is converted:

- Durations are ISO-8601 (`PT16H0M0S`, `P2DT4H`) in working time; a day component is one
  working day of the project's MinutesPerDay (default 480), as MS Project and MPXJ read it.
  `duration_days` keeps the exact fraction.
- PredecessorLink Type: 0 = FF, 1 = FS, 2 = SF, 3 = SS. LinkLag is in tenths of a minute of
  working time, whatever LagFormat says (LagFormat is only how MS Project displays it), so
  lag days = LinkLag / 10 / MinutesPerDay. Elapsed formats (4, 6, 8, 10, 12 and their
  estimated twins) hold elapsed minutes: they are divided by 1,440 and noted as approximate.
  Percent formats (19, 20) hold a percentage of the predecessor's duration.
- The project calendar gives the working weekdays and the exception days: WeekDay entries with
  DayType 0 (every version) and Exception entries (Project 2007 and later; daily ones, every
  Period-th day of their TimePeriod). A non-working exception is a holiday; a working exception on
  a non-working weekday (China's 调休 Saturday) is an extra working day; a working exception on a
  working weekday (other hours) changes nothing, since durations count whole days. Where the two
  lists disagree on a day, the later entry wins. Period 0 is the first working day on or after
  StartDate.
- Dates are naive datetimes, as in the file (MSPDI has no time zone); callers attach the
  project's zone.
- Progress (PercentComplete, ActualStart, ActualFinish), Manual, Recurring, Notes and Cost (stored
  in hundredths of the currency unit, as MPXJ reads it) are kept as read; so are the resources'
  names and the assignments of resources to tasks, in file order.
"""

from __future__ import annotations

import codecs
import math
import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from os import PathLike
from pathlib import Path
from xml.etree import ElementTree

from projects.plan_io.mspdi.document import (
    DEFAULT_MINUTES_PER_DAY,
    ELAPSED_LAG_FORMATS,
    MspdiLink,
    MspdiProject,
    MspdiTask,
)
from projects.scheduling import LinkType
from projects.workcalendar import WorkCalendar

_LINK_TYPES = {0: LinkType.FF, 1: LinkType.FS, 2: LinkType.SF, 3: LinkType.SS}
# Non-working exception days one file may declare; beyond this the calendar is refused as unreadable.
MAX_EXCEPTION_DAYS = 20_000
_PERCENT_LAG_FORMATS = {19, 20}
# MS Project stores its whole numbers (UIDs, lags and slack in tenths of a minute ...) as 32-bit
# integers; larger ones would overflow the float arithmetic that turns them into days.
_MAX_INTEGER = 2**31 - 1
_DURATION = re.compile(
    r"(?P<sign>-)?P(?:(?P<days>\d+(?:\.\d+)?)D)?"
    r"(?:T(?:(?P<hours>\d+(?:\.\d+)?)H)?(?:(?P<minutes>\d+(?:\.\d+)?)M)?(?:(?P<seconds>\d+(?:\.\d+)?)S)?)?"
)


class MspdiError(ValueError):
    """The file is not a readable MSPDI project; the message says where."""


def read_mspdi(path: str | PathLike[str]) -> MspdiProject:
    """Return the project in the MSPDI file at `path`; raises MspdiError if it cannot be read."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise MspdiError(f"Cannot read {path}: {error.strerror}") from error
    return parse_mspdi(data)


def parse_mspdi(data: bytes | str) -> MspdiProject:
    """Return the project described by MSPDI XML text; raises MspdiError on anything unreadable."""
    text = data if isinstance(data, str) else _decoded(data)
    if "\x00" in text:  # never in XML; expat would read `<\0!\0` as UTF-16 past the check below
        raise MspdiError("Not an MSPDI file: the text is neither UTF-8 nor UTF-16")
    # MSPDI never uses a DTD; refusing one rules out entity-expansion attacks outright. The check reads
    # the very text the parser gets: a str is parsed as it is, whatever encoding its declaration names,
    # so a DTD cannot hide in an encoding (UTF-16, say) that a byte search would not see.
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        raise MspdiError("Not an MSPDI file: DTD and entity declarations are not allowed")
    try:
        root = ElementTree.fromstring(text)  # noqa: S314 - DTDs refused above
    except ElementTree.ParseError as error:
        raise MspdiError(f"Malformed XML: {error}") from error
    namespace = root.tag[1:].partition("}")[0] if root.tag.startswith("{") else ""
    prefix = f"{{{namespace}}}" if namespace else ""
    if root.tag != f"{prefix}Project":
        raise MspdiError(f"Not an MSPDI file: the root element is <{root.tag}>, not <Project>")
    reader = _Reader(prefix)

    minutes_per_day = reader.integer(root, "MinutesPerDay", "project") or DEFAULT_MINUTES_PER_DAY
    if minutes_per_day < 0:
        raise MspdiError(f"project: MinutesPerDay must be positive, got {minutes_per_day}")
    start = reader.moment(root, "StartDate", "project")
    if start is None:
        raise MspdiError("The project has no StartDate")
    raw_tasks = root.findall(f"{prefix}Tasks/{prefix}Task")
    durations: dict[int, float] = {}
    for element in raw_tasks:
        uid = reader.integer(element, "UID", "task", required=True)
        if uid in durations:
            raise MspdiError(f"task {uid}: the UID appears more than once")
        durations[uid] = reader.duration(element, minutes_per_day)
    tasks = []
    for element in raw_tasks:
        if reader.text(element, "IsNull") == "1":  # blank rows of the Gantt table
            continue
        tasks.append(reader.task(element, minutes_per_day, durations))
    return MspdiProject(
        name=reader.text(root, "Title") or reader.text(root, "Name") or "",
        minutes_per_day=minutes_per_day,
        start=start,
        calendar=reader.calendar(root, reader.integer(root, "CalendarUID", "project")),
        day_start=reader.clock(root, "DefaultStartTime", time(8)),
        day_finish=reader.clock(root, "DefaultFinishTime", time(17)),
        tasks=tuple(tasks),
        resources=reader.resources(root),
        assignments=reader.assignments(root),
    )


def _decoded(raw: bytes) -> str:
    """Return the file's text: UTF-16 when it starts with a UTF-16 byte order mark, else UTF-8."""
    encoding = "utf-16" if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else "utf-8-sig"
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as error:
        raise MspdiError("Not an MSPDI file: the text is neither UTF-8 nor UTF-16") from error


class _Reader:
    """Typed access to child elements of the MS Project namespace, with error messages."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.exception_days_read = 0

    def text(self, element: ElementTree.Element, tag: str) -> str | None:
        value = element.findtext(self.prefix + tag)
        return value.strip() if value is not None and value.strip() else None

    def integer(self, element: ElementTree.Element, tag: str, where: str, *, required: bool = False) -> int:
        value = self.text(element, tag)
        if value is None and not required:
            return 0
        try:
            number = int(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise MspdiError(f"{where}: {tag} must be a whole number, got {value!r}") from None
        if abs(number) > _MAX_INTEGER:
            raise MspdiError(f"{where}: {tag} is out of range, got {value!r}")
        return number

    def moment(self, element: ElementTree.Element, tag: str, where: str) -> datetime | None:
        value = self.text(element, tag)
        try:
            return None if value is None else datetime.fromisoformat(value)
        except ValueError:
            raise MspdiError(f"{where}: {tag} is not a date and time: {value!r}") from None

    def clock(self, element: ElementTree.Element, tag: str, default: time) -> time:
        value = self.text(element, tag)
        try:
            return default if value is None else time.fromisoformat(value)
        except ValueError:
            raise MspdiError(f"project: {tag} is not a time of day: {value!r}") from None

    def duration(self, element: ElementTree.Element, minutes_per_day: int) -> float:
        """Return the task's Duration in working days."""
        value = self.text(element, "Duration")
        if value is None:
            return 0.0
        match = _DURATION.fullmatch(value)
        if match is None or value.endswith(("P", "T")):
            raise MspdiError(
                f"task {self.text(element, 'UID')}: Duration {value!r} is not an ISO-8601 duration"
            )
        parts = {
            key: float(number or 0) for key, number in match.groupdict(default="0").items() if key != "sign"
        }
        minutes = (
            parts["days"] * minutes_per_day + parts["hours"] * 60 + parts["minutes"] + parts["seconds"] / 60
        )
        if not math.isfinite(minutes):  # hundreds of digits read as a float
            raise MspdiError(f"task {self.text(element, 'UID')}: Duration {value!r} is out of range")
        return (-minutes if match["sign"] else minutes) / minutes_per_day

    def task(
        self, element: ElementTree.Element, minutes_per_day: int, durations: dict[int, float]
    ) -> MspdiTask:
        uid = self.integer(element, "UID", "task", required=True)
        where = f"task {uid}"
        links = []
        for link in element.findall(self.prefix + "PredecessorLink"):
            kind = self.integer(link, "Type", where) if self.text(link, "Type") else 1
            if kind not in _LINK_TYPES:
                raise MspdiError(f"{where}: PredecessorLink Type must be 0 to 3, got {kind}")
            predecessor = self.integer(link, "PredecessorUID", where, required=True)
            link_lag = self.integer(link, "LinkLag", where)
            lag_format = self.integer(link, "LagFormat", where) or 7
            if lag_format in _PERCENT_LAG_FORMATS:
                lag_days = link_lag / 100 * durations.get(predecessor, 0.0)
                if not math.isfinite(lag_days):  # a percentage of a duration near a float's limit
                    raise MspdiError(f"{where}: LinkLag {link_lag}% of its predecessor is out of range")
            else:
                lag_days = link_lag / 10 / (24 * 60 if lag_format in ELAPSED_LAG_FORMATS else minutes_per_day)
            links.append(MspdiLink(predecessor, _LINK_TYPES[kind], link_lag, lag_format, lag_days))
        slack = {tag: self.text(element, tag) for tag in ("TotalSlack", "FreeSlack")}
        slack_days = {
            tag: None if value is None else self.integer(element, tag, where) / 10 / minutes_per_day
            for tag, value in slack.items()
        }
        return MspdiTask(
            uid=uid,
            id=self.integer(element, "ID", where) if self.text(element, "ID") else None,
            name=self.text(element, "Name") or "",
            outline_level=self.integer(element, "OutlineLevel", where),
            outline_number=self.text(element, "OutlineNumber") or "",
            wbs=self.text(element, "WBS") or "",
            summary=self.text(element, "Summary") == "1",
            milestone=self.text(element, "Milestone") == "1",
            duration_days=durations[uid],
            start=self.moment(element, "Start", where),
            finish=self.moment(element, "Finish", where),
            critical=self.text(element, "Critical") == "1",
            total_slack_days=slack_days["TotalSlack"],
            free_slack_days=slack_days["FreeSlack"],
            constraint_type=self.integer(element, "ConstraintType", where),
            constraint_date=self.moment(element, "ConstraintDate", where),
            predecessors=tuple(links),
            manual=self.text(element, "Manual") == "1",
            recurring=self.text(element, "Recurring") == "1",
            duration_format=self.integer(element, "DurationFormat", where) or 7,
            percent_complete=min(max(self.integer(element, "PercentComplete", where), 0), 100),
            actual_start=self.moment(element, "ActualStart", where),
            actual_finish=self.moment(element, "ActualFinish", where),
            cost=self.money(element, "Cost", where),
            notes=element.findtext(self.prefix + "Notes") or "",
        )

    def money(self, element: ElementTree.Element, tag: str, where: str) -> Decimal | None:
        """Return an amount stored in hundredths of the currency unit, as currency units."""
        value = self.text(element, tag)
        if value is None:
            return None
        try:
            amount = Decimal(value) / 100
        except InvalidOperation:
            raise MspdiError(f"{where}: {tag} must be a number, got {value!r}") from None
        except ArithmeticError:  # decimal.Overflow: an exponent past the context's, no cost at all
            raise MspdiError(f"{where}: {tag} is out of range, got {value!r}") from None
        if not amount.is_finite():
            raise MspdiError(f"{where}: {tag} must be a number, got {value!r}")
        return amount

    def resources(self, root: ElementTree.Element) -> dict[int, str]:
        """Return {resource UID: name} of the named resources."""
        found = {}
        for element in root.findall(f"{self.prefix}Resources/{self.prefix}Resource"):
            name = self.text(element, "Name")
            if name:
                found[self.integer(element, "UID", "resource", required=True)] = name
        return found

    def assignments(self, root: ElementTree.Element) -> tuple[tuple[int, int], ...]:
        """Return the (task UID, resource UID) pairs of the assignments, in file order."""
        return tuple(
            (
                self.integer(element, "TaskUID", "assignment", required=True),
                self.integer(element, "ResourceUID", "assignment", required=True),
            )
            for element in root.findall(f"{self.prefix}Assignments/{self.prefix}Assignment")
        )

    def calendar(self, root: ElementTree.Element, calendar_uid: int) -> WorkCalendar:
        """Return the project calendar's working weekdays, non-working and working exception days."""
        calendars = root.findall(f"{self.prefix}Calendars/{self.prefix}Calendar")
        chosen = next((c for c in calendars if self.text(c, "UID") == str(calendar_uid)), None)
        if chosen is None:
            return WorkCalendar()
        where = f"calendar {calendar_uid}"
        working = set(range(5))
        # Exception day -> working?, in the order the file gives them (a later entry wins).
        exceptions: dict[date, bool] = {}
        for weekday in chosen.findall(f"{self.prefix}WeekDays/{self.prefix}WeekDay"):
            day_type = self.integer(weekday, "DayType", where)
            is_working = self.text(weekday, "DayWorking") == "1"
            if 1 <= day_type <= 7:  # 1 = Sunday .. 7 = Saturday; Python counts 0 = Monday
                (working.add if is_working else working.discard)((day_type - 2) % 7)
            elif day_type == 0:
                self._exception_days(weekday, is_working, 1, exceptions, where)
        for exception in chosen.findall(f"{self.prefix}Exceptions/{self.prefix}Exception"):
            # Type 1 is daily (the only kind MS Project writes for a date range); recurring kinds
            # (weekly, monthly, yearly) are not modelled.
            if self.integer(exception, "Type", where) not in (0, 1):
                continue
            period = max(self.integer(exception, "Period", where), 1)
            is_working = self.text(exception, "DayWorking") == "1"
            self._exception_days(exception, is_working, period, exceptions, where)
        holidays = frozenset(day for day, is_working in exceptions.items() if not is_working)
        working_days = frozenset(
            day for day, is_working in exceptions.items() if is_working and day.weekday() not in working
        )
        try:
            return WorkCalendar(frozenset(working), holidays, working_days)
        except ValueError as error:
            raise MspdiError(f"{where}: {error}") from None

    def _exception_days(
        self,
        element: ElementTree.Element,
        is_working: bool,
        period: int,
        exceptions: dict[date, bool],
        where: str,
    ) -> None:
        """Record the days of an exception's TimePeriod (every `period`-th one) as working or not."""
        first = self.moment(element, f"TimePeriod/{self.prefix}FromDate", where)
        last = self.moment(element, f"TimePeriod/{self.prefix}ToDate", where)
        if first is None or last is None:
            return
        days = len(range(0, max((last.date() - first.date()).days + 1, 0), period))
        # Counted before the days are listed, repeats included, so a file cannot make the reader
        # list millions of days.
        self.exception_days_read += days
        if self.exception_days_read > MAX_EXCEPTION_DAYS:
            raise MspdiError(f"{where}: more than {MAX_EXCEPTION_DAYS} exception days")
        for number in range(days):
            day = first.date() + timedelta(days=number * period)
            exceptions.pop(day, None)  # a later entry wins
            exceptions[day] = is_working
