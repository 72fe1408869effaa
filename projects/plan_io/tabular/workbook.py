"""An uploaded XLSX workbook opened within bounds, so that a small file cannot unpack to gigabytes.

An XLSX file is a ZIP archive of XML parts, and a ZIP member of a few hundred KB can unpack to hundreds
of MB (millions of empty rows, one huge shared string). Before openpyxl parses anything, the workbook is
refused, with a message, when:

- it has more than MAX_XLSX_PARTS members (counted from the raw bytes, before zipfile lists them);
- a member's size as the ZIP central directory declares it passes the bound for its kind (worksheet,
  shared strings, any other XML part; see projects.limits), or all of them together pass the total.

The declared sizes are not trusted alone: openpyxl reads every member through a stream that stops with
the refusal once more than the member's bound comes out (zipfile, besides, stops at the declared size and
then fails the member's CRC check, so an understated size gives a damaged file). The same stream refuses
a DTD, which no workbook has and which is where entity-expansion attacks live, as the MSPDI reader does:
without a DTD an XML part can declare no entity. The shared strings are read with a bound on their
number and on the length of each.
"""

import functools
import io
import zipfile
from xml.etree import ElementTree

from django.utils.translation import gettext as _

from projects.limits import (
    MAX_CELL_CHARACTERS,
    MAX_XLSX_PART_BYTES,
    MAX_XLSX_PARTS,
    MAX_XLSX_SHARED_STRINGS,
    MAX_XLSX_SHARED_STRINGS_BYTES,
    MAX_XLSX_TOTAL_BYTES,
    MAX_XLSX_WORKSHEET_BYTES,
)
from projects.plan_io.rows import MAX_IMPORT_ROWS

_MANIFEST = "[Content_Types].xml"
_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_SHARED_STRINGS = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
# Parts that openpyxl parses (XML); the others (pictures, binaries) it never reads.
_XML_SUFFIXES = (".xml", ".rels", ".vml")
# Every member has one central directory entry, which starts with this signature.
_CENTRAL_DIRECTORY_ENTRY = b"PK\x01\x02"
# A DTD as expat reads it: in UTF-8 (or any ASCII-compatible encoding) or in UTF-16 either way round.
_DTD_MARKS = tuple("<!DOCTYPE".encode(encoding) for encoding in ("utf-8", "utf-16-le", "utf-16-be"))
_MARK_TAIL = max(len(mark) for mark in _DTD_MARKS) - 1
_CHUNK = 64 * 1024
# The longest run of bytes without a `<` that a cell's text can take: each character written as a
# character reference (&#x10FFFF;) at most.
_MAX_TEXT_RUN = MAX_CELL_CHARACTERS * len("&#x10FFFF;")


class WorkbookRefused(Exception):
    """The workbook passes a bound or declares a DTD; the message says which, for the import report."""


def open_workbook(data: bytes):
    """Return the read-only openpyxl workbook of an XLSX file, reading every part within its bound.

    Raises WorkbookRefused past a bound (projects.limits) or on a DTD; zipfile and openpyxl raise
    what they raise for a file that is no workbook.
    """
    if data.count(_CENTRAL_DIRECTORY_ENTRY) > MAX_XLSX_PARTS:
        raise WorkbookRefused(
            _("The workbook has more than %(limit)s parts; a plan file has a few dozen.")
            % {"limit": MAX_XLSX_PARTS}
        )
    archive = _BoundedArchive(io.BytesIO(data))
    try:
        archive.limits = _part_limits(archive)
        _check_declared_sizes(archive)
        reader = _bounded_reader_class()(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
        reader.archive.close()
        reader.archive = archive  # every part openpyxl reads now comes through _BoundedMember
        reader.read()
    except BaseException:
        archive.close()
        raise
    return reader.wb


@functools.cache
def _bounded_reader_class():
    """openpyxl's reader (imported when first needed), over the bounded archive, reading the shared
    strings within bounds and the worksheets without their dimensions."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet
    from openpyxl.xml.constants import SHARED_STRINGS

    class UnsizedWorksheet(ReadOnlyWorksheet):
        def _get_size(self):
            # openpyxl looks for the sheet's declared dimension first, and without one scans the whole
            # part for it (28 s for two million empty rows); a declared one can lie anyway, and
            # A1:XFD1048576 would pad every row to 16,384 cells.
            self.reset_dimensions()

    class BoundedReader(ExcelReader):
        def read_strings(self):
            part = self.package.find(SHARED_STRINGS)
            if part is not None:
                with self.archive.open(part.PartName[1:]) as source:
                    self.shared_strings = _shared_strings(source)

        def read_worksheets(self):
            # Read-only worksheets only (the import reads the first); chart sheets are left out.
            for sheet, relationship in self.parser.find_sheets():
                if relationship.target in self.valid_files and "chartsheet" not in relationship.Type:
                    worksheet = UnsizedWorksheet(
                        self.wb, sheet.name, relationship.target, self.shared_strings
                    )
                    worksheet.sheet_state = sheet.state
                    self.wb._sheets.append(worksheet)

    return BoundedReader


def _megabytes(size: int) -> int:
    return size // (1024 * 1024)


def _part_limits(archive: "_BoundedArchive") -> dict[str, int]:
    """The bound of each member by kind: worksheets and shared strings as the manifest names them."""
    with archive.open(_MANIFEST) as source:
        manifest = source.read()
    root = ElementTree.fromstring(manifest)  # noqa: S314 - the stream refused a DTD, so no entity
    kinds = {
        element.get("PartName", "").lstrip("/"): element.get("ContentType", "")
        for element in root
        if element.tag.endswith("}Override")
    }
    limits = {}
    for info in archive.infolist():
        kind = kinds.get(info.filename)
        if kind == _WORKSHEET:
            limits[info.filename] = MAX_XLSX_WORKSHEET_BYTES
        elif kind == _SHARED_STRINGS:
            limits[info.filename] = MAX_XLSX_SHARED_STRINGS_BYTES
        elif info.filename.lower().endswith(_XML_SUFFIXES):
            limits[info.filename] = MAX_XLSX_PART_BYTES
        else:
            limits[info.filename] = MAX_XLSX_TOTAL_BYTES
    return limits


def _check_declared_sizes(archive: "_BoundedArchive") -> None:
    total = 0
    for info in archive.infolist():
        if info.file_size > archive.limit_of(info.filename):
            raise _too_large(info.filename, archive.limit_of(info.filename))
        total += info.file_size
    if total > MAX_XLSX_TOTAL_BYTES:
        raise WorkbookRefused(
            _("The workbook unpacks to more than %(limit)s MB; a plan of %(rows)s rows needs far less.")
            % {"limit": _megabytes(MAX_XLSX_TOTAL_BYTES), "rows": MAX_IMPORT_ROWS}
        )


def _too_large(part: str, limit: int) -> WorkbookRefused:
    return WorkbookRefused(
        _(
            "The workbook's part %(part)s unpacks to more than %(limit)s MB; a plan of %(rows)s rows "
            "needs far less."
        )
        % {"part": part, "limit": _megabytes(limit), "rows": MAX_IMPORT_ROWS}
    )


class _BoundedArchive(zipfile.ZipFile):
    """A ZIP archive whose members open as _BoundedMember streams (ZipFile.read opens them too)."""

    limits: dict[str, int]

    def limit_of(self, name: str) -> int:
        return getattr(self, "limits", {}).get(name, MAX_XLSX_PART_BYTES)

    def open(self, name, mode="r", pwd=None, *, force_zip64=False):
        member = super().open(name, mode, pwd, force_zip64=force_zip64)
        if mode != "r":
            return member
        part = name.filename if isinstance(name, zipfile.ZipInfo) else name
        return _BoundedMember(member, part=part, limit=self.limit_of(part))


class _BoundedMember(io.RawIOBase):
    """A member's bytes that stop with WorkbookRefused past `limit` or at a DTD."""

    def __init__(self, member, *, part: str, limit: int):
        super().__init__()
        self._member = member
        self._part = part
        self._limit = limit
        self._count = 0
        self._tail = b""
        self._text_run = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        if size is None or size < 0:
            chunks = []
            while chunk := self.read(_CHUNK):
                chunks.append(chunk)
            return b"".join(chunks)
        # One byte past the bound is enough to know it is passed.
        chunk = self._member.read(min(size, _CHUNK, self._limit - self._count + 1))
        self._count += len(chunk)
        if self._count > self._limit:
            raise _too_large(self._part, self._limit)
        window = self._tail + chunk
        if any(mark in window for mark in _DTD_MARKS):
            raise WorkbookRefused(
                _(
                    "The workbook's part %(part)s declares a DTD, which no workbook has; save the file "
                    "again from Excel."
                )
                % {"part": self._part}
            )
        self._tail = window[-_MARK_TAIL:]
        self._check_text_run(chunk)
        return chunk

    def _check_text_run(self, chunk: bytes) -> None:
        """Refuse a run of bytes without a `<` longer than any text a cell holds, before the parser
        gathers all of it. Runs inside one chunk are shorter than the bound (callers read at most 64 KB
        at a time); longer ones cross a chunk boundary, where they are measured."""
        first = chunk.find(b"<")
        if first == -1:
            self._text_run += len(chunk)
        else:
            self._text_run += first
            if self._text_run <= _MAX_TEXT_RUN:
                self._text_run = len(chunk) - chunk.rfind(b"<") - 1
        if self._text_run > _MAX_TEXT_RUN:
            raise WorkbookRefused(_text_too_long_message())

    def readinto(self, buffer) -> int:
        chunk = self.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)

    def close(self) -> None:
        self._member.close()
        super().close()


def _text_too_long_message() -> str:
    return _("The workbook holds a text of more than %(limit)s characters, more than a cell can hold.") % {
        "limit": MAX_CELL_CHARACTERS
    }


def _shared_strings(source) -> list[str]:
    """The shared strings as openpyxl reads them (plain text); refused past their number or a cell's
    length."""
    from openpyxl.cell.text import Text
    from openpyxl.xml.constants import SHEET_MAIN_NS
    from openpyxl.xml.functions import iterparse

    strings: list[str] = []
    tag = f"{{{SHEET_MAIN_NS}}}si"
    for _event, node in iterparse(source):
        if node.tag != tag:
            continue
        if len(strings) >= MAX_XLSX_SHARED_STRINGS:
            raise WorkbookRefused(
                _(
                    "The workbook holds more than %(limit)s different texts; a plan of %(rows)s rows "
                    "needs far fewer."
                )
                % {"limit": MAX_XLSX_SHARED_STRINGS, "rows": MAX_IMPORT_ROWS}
            )
        text = Text.from_tree(node).content.replace("x005F_", "")
        node.clear()
        if len(text) > MAX_CELL_CHARACTERS:
            raise WorkbookRefused(_text_too_long_message())
        strings.append(text)
    return strings
