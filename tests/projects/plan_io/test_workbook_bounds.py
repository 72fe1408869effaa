"""An XLSX upload is opened within bounds (projects.plan_io.tabular.workbook): refused past them, at
once and in little memory, with the reason; DTDs refused in every part and encoding."""

import io
import struct
import time
import tracemalloc
import zipfile

import pytest

from projects.plan_io.tabular import workbook as bounded
from projects.plan_io.tabular.reader import read_xlsx
from tests.projects.plan_io import bombs


def refusal_of(data: bytes) -> str:
    plan = read_xlsx(data)
    assert not plan.tasks
    (problem,) = plan.problems
    assert problem.row is None
    return problem.message


def test_a_plain_workbook_reads_its_task():
    plan = read_xlsx(bombs.workbook())
    assert plan.problems == []
    assert [(task.key, task.name) for task in plan.tasks] == [("1", "Dig")]


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(lambda: bombs.empty_rows(2_000_000), id="2 million empty rows"),
        pytest.param(lambda: bombs.long_shared_string(15 * 1024 * 1024), id="a 15 MB shared string"),
        pytest.param(lambda: bombs.long_shared_string(400 * 1024 * 1024), id="a 400 MB shared string"),
    ],
)
def test_a_bomb_is_refused_within_a_second_and_a_few_megabytes(data):
    content = data()
    tracemalloc.start()
    started = time.perf_counter()
    try:
        refusal = refusal_of(content)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - started < 1.5  # traced: about twice the untraced time
    assert peak < 20 * 1024 * 1024, refusal
    assert refusal.startswith(("The file has more than 10000 rows", "The workbook"))


def test_a_text_longer_than_a_cell_is_refused():
    assert refusal_of(bombs.long_shared_string(40_000)) == (
        "The workbook holds a text of more than 32767 characters, more than a cell can hold."
    )


def test_more_shared_strings_than_the_bound_are_refused(monkeypatch):
    monkeypatch.setattr(bounded, "MAX_XLSX_SHARED_STRINGS", 2)
    data = bombs.workbook(shared_strings=[b"<si><t>a</t></si>" * 3])
    assert refusal_of(data) == (
        "The workbook holds more than 2 different texts; a plan of 10000 rows needs far fewer."
    )


def test_a_workbook_of_too_many_parts_is_refused_before_its_directory_is_read(monkeypatch):
    monkeypatch.setattr(bounded, "MAX_XLSX_PARTS", 5)
    assert refusal_of(bombs.workbook()) == "The workbook has more than 5 parts; a plan file has a few dozen."


def test_parts_that_unpack_to_more_than_the_total_are_refused(monkeypatch):
    monkeypatch.setattr(bounded, "MAX_XLSX_TOTAL_BYTES", 1024)
    assert refusal_of(bombs.empty_rows(1_000)) == (
        "The workbook unpacks to more than 0 MB; a plan of 10000 rows needs far less."
    )


def test_a_member_giving_more_than_its_bound_is_stopped_whatever_its_header_says():
    stream = bounded._BoundedMember(io.BytesIO(b"<row/>" * 100), part="xl/worksheets/sheet1.xml", limit=60)
    with pytest.raises(bounded.WorkbookRefused, match="sheet1.xml unpacks to more than"):
        stream.read()


def test_a_cell_far_right_and_a_declared_dimension_do_not_widen_the_rows():
    rows = [
        b'<row r="2"><c r="A2" t="inlineStr"><is><t>1</t></is></c><c r="B2" t="s"><v>0</v></c>'
        b'<c r="XFD2" t="inlineStr"><is><t>far</t></is></c></row>'
    ]
    data = bombs.workbook(rows, prolog=b"").replace(
        b"<sheetData>", b'<dimension ref="A1:XFD1048576"/><sheetData>'
    )
    plan = read_xlsx(data)
    assert plan.problems == []
    assert [task.name for task in plan.tasks] == ["Dig"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "[Content_Types].xml"])
def test_a_dtd_is_refused_in_any_part_and_encoding(part, encoding):
    data = _with_dtd(bombs.workbook(), part, encoding)
    assert refusal_of(data) == (
        f"The workbook's part {part} declares a DTD, which no workbook has; save the file again from Excel."
    )


def _with_dtd(data: bytes, part: str, encoding: str) -> bytes:
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            content = source.read(name)
            if name == part:
                text = content.decode().removeprefix('<?xml version="1.0" encoding="UTF-8"?>')
                content = f'<!DOCTYPE x [<!ENTITY e "boom">]>{text}'.encode(encoding)
            target.writestr(name, content)
    return out.getvalue()


@pytest.mark.parametrize(
    ("offset", "value"),
    [pytest.param(8, 1, id="encrypted"), pytest.param(10, 99, id="an unknown compression method")],
)
def test_a_worksheet_zipfile_cannot_open_is_refused_not_a_crash(offset, value):
    data = bytearray(bombs.workbook())
    archive = zipfile.ZipFile(io.BytesIO(bytes(data)))
    position = archive.start_dir
    while data[position : position + 4] == b"PK\x01\x02":
        name_length, extra_length, comment_length = struct.unpack_from("<HHH", data, position + 28)
        if data[position + 46 : position + 46 + name_length] == b"xl/worksheets/sheet1.xml":
            struct.pack_into("<H", data, position + offset, value)
        position += 46 + name_length + extra_length + comment_length
    assert refusal_of(bytes(data)).startswith("This is not a readable XLSX workbook")


def _task_row(number: int) -> bytes:
    return (
        f'<row r="{number}"><c r="A{number}" t="inlineStr"><is><t>{number - 1}</t></is></c>'
        f'<c r="B{number}" t="s"><v>0</v></c></row>'
    ).encode()


def test_a_workbook_reads_up_to_the_row_limit_and_a_blank_row_past_it_refuses_it(monkeypatch):
    from projects.plan_io.tabular import reader

    monkeypatch.setattr(reader, "MAX_IMPORT_ROWS", 3)
    at_the_limit = bombs.workbook([_task_row(2), b'<row r="3"/>', _task_row(4)])
    assert [task.key for task in read_xlsx(at_the_limit).tasks] == ["1", "3"]
    past_it = bombs.workbook([_task_row(2), _task_row(3), _task_row(4), b'<row r="5"/>'])
    assert refusal_of(past_it).startswith(
        "The file has more than 3 rows after the header (blank rows count too)"
    )
