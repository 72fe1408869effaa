"""XLSX decompression bombs, built at run time (tests and bench/bench_import_bombs.py share them).

Each is a minimal valid workbook (manifest, relationships, workbook, one worksheet whose header row has
the WBS and Name columns) whose worksheet or shared strings part is streamed into the ZIP archive,
deflated: a few hundred KB of upload that unpacks to hundreds of MB.
"""

import io
import struct
import zipfile
from collections.abc import Iterable, Iterator

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
_SPREADSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_CHUNK = 1024 * 1024
HEADER_ROW = (
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>WBS</t></is></c>'
    b'<c r="B1" t="inlineStr"><is><t>Name</t></is></c></row>'
)
TASK_ROW = b'<row r="2"><c r="A2" t="inlineStr"><is><t>1</t></is></c><c r="B2" t="s"><v>0</v></c></row>'


def _parts(shared_strings: bool) -> dict[str, bytes]:
    overrides = (
        f'<Override PartName="/xl/workbook.xml" ContentType="{_SPREADSHEET}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_SPREADSHEET}.worksheet+xml"/>'
    )
    relationships = (
        f'<Relationship Id="rId1" Type="{_RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/>'
    )
    if shared_strings:
        overrides += (
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_SPREADSHEET}.sharedStrings+xml"/>'
        )
        relationships += (
            f'<Relationship Id="rId2" Type="{_RELATIONSHIPS}/sharedStrings" Target="sharedStrings.xml"/>'
        )
    return {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            f'<Default Extension="xml" ContentType="application/xml"/>{overrides}</Types>'
        ).encode(),
        "_rels/.rels": (
            f'<Relationships xmlns="{_PACKAGE_RELATIONSHIPS}"><Relationship Id="rId1" '
            f'Type="{_RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ).encode(),
        "xl/workbook.xml": (
            f'<workbook xmlns="{_MAIN}" xmlns:r="{_RELATIONSHIPS}"><sheets>'
            '<sheet name="Plan" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ).encode(),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{_PACKAGE_RELATIONSHIPS}">{relationships}</Relationships>'
        ).encode(),
    }


def workbook(
    rows: Iterable[bytes] = (TASK_ROW,),
    *,
    shared_strings: Iterable[bytes] | None = (b"<si><t>Dig</t></si>",),
    prolog: bytes = b"",
) -> bytes:
    """A workbook whose worksheet holds the header row then `rows` (XML, streamed in order) and whose
    shared strings part holds `shared_strings` (<si> elements, streamed; None: no such part).
    `prolog` goes before the worksheet's root element (a DTD, say)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in _parts(shared_strings is not None).items():
            archive.writestr(name, content)
        sheet = [prolog, f'<worksheet xmlns="{_MAIN}"><sheetData>'.encode(), HEADER_ROW]
        _stream(archive, "xl/worksheets/sheet1.xml", [*sheet, *rows, b"</sheetData></worksheet>"])
        if shared_strings is not None:
            _stream(
                archive,
                "xl/sharedStrings.xml",
                [f'<sst xmlns="{_MAIN}">'.encode(), *shared_strings, b"</sst>"],
            )
    return buffer.getvalue()


def _stream(archive: zipfile.ZipFile, name: str, pieces: Iterable) -> None:
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    with archive.open(info, "w") as member:
        for piece in pieces:
            if isinstance(piece, bytes):
                member.write(piece)
            else:
                for chunk in piece:
                    member.write(chunk)


def repeated(unit: bytes, count: int) -> Iterator[bytes]:
    """`unit` `count` times, in chunks of about a megabyte."""
    per_chunk = max(_CHUNK // len(unit), 1)
    block = unit * per_chunk
    full, rest = divmod(count, per_chunk)
    for _ in range(full):
        yield block
    yield unit * rest


def empty_rows(count: int) -> bytes:
    """A workbook of `count` empty rows under the header (<row/>, 6 bytes each unpacked)."""
    return workbook([repeated(b"<row/>", count)])


def long_shared_string(characters: int) -> bytes:
    """A workbook whose one task names the first shared string, of `characters` letters."""
    return workbook(shared_strings=[b"<si><t>", repeated(b"a", characters), b"</t></si>"])


def understated(data: bytes, part: str, declared_size: int) -> bytes:
    """`data` with the unpacked size of `part` rewritten as `declared_size` in its central directory
    entry and its local header: the header lies, the compressed data is unchanged."""
    patched = bytearray(data)
    archive = zipfile.ZipFile(io.BytesIO(data))
    info = archive.getinfo(part)
    local = info.header_offset
    if info.file_size >= 0xFFFFFFFF or info.extra:  # zip64: the sizes sit in the extra fields instead
        raise ValueError("understated() rewrites 32-bit sizes only")
    struct.pack_into("<I", patched, local + 22, declared_size)
    position = archive.start_dir
    while patched[position : position + 4] == b"PK\x01\x02":
        name_length, extra_length, comment_length = struct.unpack_from("<HHH", patched, position + 28)
        name = bytes(patched[position + 46 : position + 46 + name_length]).decode()
        if name == part:
            struct.pack_into("<I", patched, position + 24, declared_size)
        position += 46 + name_length + extra_length + comment_length
    return bytes(patched)
