"""Plan import and export (projects.plan_io): MSPDI files, CSV/XLSX round trips, refused files."""

import csv
import datetime
import io
import re
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from projects.models import Baseline, Dependency, Task
from projects.plan_io import imports as plan_imports
from projects.plan_io import rows as plan_rows
from projects.plan_io.exports import plan_export, plan_export_rows
from projects.plan_io.imports import plan_import
from projects.plan_io.mspdi.reader import read_mspdi
from projects.plan_io.rows import PlanImportError
from projects.plan_io.tabular import reader as tabular_reader
from projects.plan_io.tabular.columns import COLUMNS
from projects.plan_io.tabular.reader import _limited
from projects.selectors.plans import task_list
from projects.services.baselines import baseline_save
from projects.services.dependencies import dependency_add
from projects.services.reschedule import project_reschedule
from projects.services.tasks import task_create, task_update
from tests.factories import MembershipFactory, UserFactory
from tests.factories.plans import CostEntryFactory, PlannedProjectFactory, build_chain
from tests.shared_data import mspdi_sample

pytestmark = pytest.mark.django_db

HEADER = ",".join(COLUMNS)


@pytest.fixture
def project():
    return PlannedProjectFactory()


def import_file(project, data: bytes, file_name: str, **kwargs):
    return plan_import(
        actor=project.project_manager, project=project, data=data, file_name=file_name, **kwargs
    )


def problems_of(project, data: bytes, file_name: str = "plan.csv", **kwargs) -> list[str]:
    with pytest.raises(PlanImportError) as caught:
        import_file(project, data, file_name, **kwargs)
    return [str(problem) for problem in caught.value.problems]


def csv_bytes(*lines: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *lines]) + "\n").encode()


def links_by_name(project) -> set[tuple[str, str, str, int]]:
    return {
        (link.predecessor.name, link.successor.name, link.type, link.lag_days)
        for link in Dependency.objects.filter(project=project).select_related("predecessor", "successor")
    }


# --- MSPDI ---------------------------------------------------------------------------------------------


def test_relations_file_imports_five_tasks_linked_by_all_four_types(project):
    result = import_file(project, mspdi_sample("mspdirelations.xml").read_bytes(), "mspdirelations.xml")

    assert (result.format, result.task_count, result.dependency_count) == ("mspdi", 5, 4)
    tasks = list(Task.objects.filter(project=project).order_by("outline_order"))
    assert [(t.wbs_code, t.name, t.duration_days, t.is_summary) for t in tasks] == [
        ("1", "Task 1", 1, False),
        ("2", "Task 2", 1, False),
        ("3", "Task 3", 1, False),
        ("4", "Task 4", 1, False),
        ("5", "Task 5", 1, False),
    ]
    assert links_by_name(project) == {
        ("Task 1", "Task 2", "FS", 0),
        ("Task 2", "Task 3", "SS", 1),
        ("Task 3", "Task 4", "FF", 0),
        ("Task 4", "Task 5", "SF", 0),
    }


def test_sample_file_imports_outline_milestones_durations_and_links(project):
    path = mspdi_sample("sample.xml")
    result = import_file(project, path.read_bytes(), "sample.xml")

    source = [task for task in read_mspdi(path).tasks if task.uid != 0]
    tasks = list(Task.objects.filter(project=project).order_by("outline_order"))
    assert result.task_count == len(source) == len(tasks) == 19
    # The portal's WBS codes come from the outline, as MS Project's OutlineNumber does.
    assert [(t.wbs_code, t.name, t.is_summary, t.is_milestone) for t in tasks] == [
        (s.outline_number, s.name, s.summary, s.milestone) for s in source
    ]
    leaves = {t.name: t.duration_days for t in tasks if not t.is_summary}
    # "Second Task" says 800 hours (100 days) but runs 50 working days, its resources being on two
    # shifts: it is imported with the 50 days of its dates, as MS Project scheduled it.
    assert leaves == {s.name: round(s.duration_days) for s in source if not s.summary} | {"Second Task": 50}
    assert any("task 2 from its dates: 50 working days" in warning for warning in result.warnings)
    assert leaves["Third task"] == 0
    assert [t.name for t in tasks if t.is_summary] == ["First Task", "Recurring Task", "Task Relationships"]
    assert links_by_name(project) == {
        ("Related Task 1a", "Related Task 1b", "FS", 0),
        ("Related Task 2a", "Related Task 2b", "FS", 1),
        ("Related Task 3a", "Related Task 3b", "FS", -1),
        ("Related Task 4a", "Related Task 4b", "SS", 0),
        ("Related Task 5a", "Related Task 5b", "FF", 0),
        ("Related Task 6a", "Related Task 6b", "SF", 0),
    }
    recurring = Task.objects.get(project=project, name="Recurring Task 1")
    assert (recurring.constraint_type, recurring.constraint_date) == ("snet", datetime.date(2003, 2, 1))
    # The file starts in 2003, this project in 2026: the import says so instead of moving the project.
    assert any("2003-01-07" in warning for warning in result.warnings)


MSPDI_WITH_SUMMARY_LINK = """<?xml version="1.0" encoding="UTF-8"?>
<Project xmlns="http://schemas.microsoft.com/project">
  <StartDate>2026-03-02T08:00:00</StartDate>
  <Tasks>
    <Task><UID>1</UID><ID>1</ID><Name>设计 Design</Name><OutlineLevel>1</OutlineLevel><Summary>1</Summary>
      <Duration>PT16H0M0S</Duration></Task>
    <Task><UID>2</UID><ID>2</ID><Name>Sketch</Name><OutlineLevel>2</OutlineLevel><Duration>PT8H0M0S</Duration></Task>
    <Task><UID>3</UID><ID>3</ID><Name>Review</Name><OutlineLevel>2</OutlineLevel><Duration>PT8H0M0S</Duration></Task>
    <Task><UID>4</UID><ID>4</ID><Name>Build</Name><OutlineLevel>1</OutlineLevel><Duration>PT24H0M0S</Duration>
      <PredecessorLink><PredecessorUID>1</PredecessorUID><Type>1</Type><LinkLag>-4800</LinkLag>
      <LagFormat>7</LagFormat></PredecessorLink></Task>
    <Task><UID>5</UID><ID>5</ID><Name>Done</Name><OutlineLevel>1</OutlineLevel><Milestone>1</Milestone>
      <Duration>PT0H0M0S</Duration>
      <PredecessorLink><PredecessorUID>1</PredecessorUID><Type>3</Type></PredecessorLink></Task>
  </Tasks>
</Project>
"""


def test_mspdi_link_from_a_summary_becomes_links_from_its_leaves_and_untranslatable_ones_are_reported(
    project,
):
    result = import_file(project, MSPDI_WITH_SUMMARY_LINK.encode(), "plan.xml")

    # FS from a summary binds through its latest finish: one link from each leaf, lead kept.
    assert links_by_name(project) == {("Sketch", "Build", "FS", -1), ("Review", "Build", "FS", -1)}
    # SS from a summary cannot be written as leaf links: dropped, and the warning says so.
    assert any("1 -> 5" in warning for warning in result.warnings)
    assert Task.objects.get(project=project, name="Done").is_milestone
    assert Task.objects.get(project=project, name="设计 Design").is_summary


def test_malformed_mspdi_is_refused_and_nothing_is_imported(project):
    build_chain(project, [1, 2])
    problems = problems_of(project, b"<?xml version='1.0'?><Project><Tasks><Task>", "plan.xml", replace=True)
    assert len(problems) == 1
    assert problems[0].startswith("Bad MS Project XML: Malformed XML")
    assert Task.objects.filter(project=project).count() == 2


def test_mspdi_task_skipping_an_outline_level_is_reported_by_its_id(project):
    text = MSPDI_WITH_SUMMARY_LINK.replace(
        "<Name>Sketch</Name><OutlineLevel>2</OutlineLevel>",
        "<Name>Sketch</Name><OutlineLevel>3</OutlineLevel>",
    )
    problems = problems_of(project, text.encode(), "plan.xml")
    assert "Row 2, OutlineLevel: level 3 comes right after level 1; a level was skipped." in problems
    assert not Task.objects.filter(project=project).exists()


# --- Round trips ---------------------------------------------------------------------------------------


@pytest.fixture
def full_plan(project):
    """A plan with summaries, a milestone, all four link types with lags and leads, and every field."""
    pm = project.project_manager
    engineer = UserFactory(username="engineer")
    MembershipFactory(project=project, user=engineer)

    def add(name, parent=None, **fields):
        return task_create(actor=pm, project=project, name=name, parent=parent, **fields)

    design = add("设计阶段 Design")
    spec = add("需求规格 Spec", design, duration_days=3, planned_cost=Decimal("1200.50"), assignee=engineer)
    review = add("=SUM(review)", design, duration_days=2, notes="Notes, with a comma\nand a second line")
    build = add("Build")
    code = add("编码 Code", build, duration_days=5, planned_cost=Decimal("9000"), assignee=pm)
    test = add(
        "Test", build, duration_days=4, constraint_type="snet", constraint_date=datetime.date(2026, 3, 9)
    )
    launch = add("上线 Launch", is_milestone=True)
    late = add(
        "-Wrap up", duration_days=2, constraint_type="fnlt", constraint_date=datetime.date(2026, 4, 30)
    )
    link = dependency_add
    link(actor=pm, predecessor=spec, successor=review, type="FS", lag_days=2)
    link(actor=pm, predecessor=review, successor=code, type="SS", lag_days=-1)
    link(actor=pm, predecessor=code, successor=test, type="FF", lag_days=3)
    link(actor=pm, predecessor=test, successor=launch, type="FS")
    link(actor=pm, predecessor=launch, successor=late, type="SF", lag_days=1)
    for task, data in (
        (spec, {"percent_complete": 100, "actual_start": datetime.date(2026, 3, 2)}),
        (code, {"percent_complete": 40, "actual_start": datetime.date(2026, 3, 6)}),
    ):
        task.refresh_from_db()
        task_update(actor=pm, task=task, expected_version=task.version, changes=data)
    spec.refresh_from_db()
    task_update(
        actor=pm,
        task=spec,
        expected_version=spec.version,
        changes={"actual_finish": datetime.date(2026, 3, 4)},
    )
    return project


def empty_project_like(project):
    other = PlannedProjectFactory(project_manager=project.project_manager)
    MembershipFactory(project=other, user=UserFactory(username="engineer"))
    return other


def test_export_writes_summaries_links_and_computed_dates(full_plan):
    rows = plan_export_rows(project=full_plan)
    by_name = {row[1]: dict(zip(COLUMNS, row, strict=True)) for row in rows}
    assert [row[0] for row in rows] == ["1", "1.1", "1.2", "2", "2.1", "2.2", "3", "4"]
    assert by_name["=SUM(review)"]["Predecessors"] == "1.1FS+2d"
    assert by_name["编码 Code"]["Predecessors"] == "1.2SS-1d"
    assert by_name["Test"]["Predecessors"] == "2.1FF+3d"
    assert by_name["-Wrap up"]["Predecessors"] == "3SF+1d"
    assert by_name["需求规格 Spec"]["Start"] == datetime.date(2026, 3, 2)
    assert by_name["需求规格 Spec"]["Finish"] == datetime.date(2026, 3, 4)
    assert by_name["设计阶段 Design"]["Planned cost"] == Decimal("1200.50")
    assert by_name["上线 Launch"]["Milestone"] == "Yes"
    assert by_name["编码 Code"]["Assignee"] == full_plan.project_manager.username


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_round_trip_through_a_new_project_returns_the_same_plan(full_plan, file_format):
    first = plan_export(project=full_plan, file_format=file_format)
    copy = empty_project_like(full_plan)

    result = import_file(copy, first.content, first.file_name)

    assert (result.task_count, result.dependency_count) == (8, 5)
    original_rows = plan_export_rows(project=full_plan)
    copied_rows = plan_export_rows(project=copy)
    # Everything but the Task ID and Version columns (the last two), which name the tasks of each
    # project and their versions there.
    assert [COLUMNS.index("Task ID"), COLUMNS.index("Version")] == [len(COLUMNS) - 2, len(COLUMNS) - 1]
    for original, copied in zip(original_rows, copied_rows, strict=True):
        assert copied[:-2] == original[:-2]
    assert [row[-2:] for row in copied_rows] == [[task.pk, task.version] for task in task_list(project=copy)]
    second = plan_export(project=copy, file_format=file_format)
    assert [row[:-2] for row in read_back(second)] == [row[:-2] for row in read_back(first)]


def read_back(export) -> list[list]:
    if export.file_name.endswith(".csv"):
        return list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    workbook = openpyxl.load_workbook(io.BytesIO(export.content))
    return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]


def test_csv_export_is_utf8_with_bom_and_guards_formulas(full_plan):
    export = plan_export(project=full_plan, file_format="csv")
    assert export.content.startswith(b"\xef\xbb\xbf")
    text = export.content.decode("utf-8-sig")
    assert "设计阶段 Design" in text
    assert "'=SUM(review)" in text  # Excel must not run it
    assert "'-Wrap up" in text


def test_xlsx_export_keeps_chinese_names_and_formula_like_names_as_text(full_plan):
    export = plan_export(project=full_plan, file_format="xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(export.content)).worksheets[0]
    names = {sheet.cell(row=row, column=2).value: sheet.cell(row=row, column=2) for row in range(2, 10)}
    assert "上线 Launch" in names
    assert names["=SUM(review)"].data_type == "s"
    assert sheet.cell(row=2, column=5).value.date() == datetime.date(2026, 3, 2)


# --- Hand-made files -----------------------------------------------------------------------------------


def test_a_minimal_csv_with_only_wbs_name_and_predecessors_imports(project):
    data = "WBS,Name,Duration,Predecessors\n1,Phase,,\n1.1,Dig,3,\n1.2,Pour,2,1.1\n2,Open,0,1.2FS+1d\n"
    result = import_file(project, data.encode(), "plan.csv")
    tasks = list(Task.objects.filter(project=project).order_by("outline_order"))
    assert [(t.wbs_code, t.name, t.duration_days) for t in tasks] == [
        ("1", "Phase", 5),
        ("1.1", "Dig", 3),
        ("1.2", "Pour", 2),
        ("2", "Open", 0),
    ]
    assert tasks[3].planned_start == datetime.date(2026, 3, 10)
    assert result.dependency_count == 2


def test_start_column_pins_the_start_when_the_file_has_no_constraint_column(project):
    data = "WBS,Name,Duration (days),Start\n1,Kick-off,1,2026-03-05\n"
    import_file(project, data.encode(), "plan.csv")
    task = Task.objects.get(project=project)
    assert (task.constraint_type, task.constraint_date) == ("snet", datetime.date(2026, 3, 5))
    assert task.planned_start == datetime.date(2026, 3, 5)


def test_xlsx_typed_by_hand_with_numbers_and_dates_imports(project):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(
        ["WBS", "Name", "Duration (days)", "Planned cost", "Constraint", "Constraint date", "Predecessors"]
    )
    sheet.append([1, "Phase", None, None, None, None, None])
    sheet.append([1.1, "First", 3.0, 99.5, "SNET", datetime.date(2026, 3, 4), None])
    sheet.append([1.2, "Second", 2, 10, None, None, 1.1])
    buffer = io.BytesIO()
    workbook.save(buffer)

    import_file(project, buffer.getvalue(), "hand.xlsx")

    second = Task.objects.get(project=project, name="Second")
    first = Task.objects.get(project=project, name="First")
    assert (first.duration_days, first.planned_cost, first.planned_start) == (
        3,
        Decimal("99.50"),
        datetime.date(2026, 3, 4),
    )
    assert second.predecessor_links.get().predecessor == first
    assert second.wbs_code == "1.2"


def test_gb18030_csv_saved_by_chinese_excel_imports(project):
    data = "WBS,Name\n1,项目启动\n".encode("gb18030")
    import_file(project, data, "plan.csv")
    assert Task.objects.get(project=project).name == "项目启动"


# --- Refused files -------------------------------------------------------------------------------------


def test_a_bad_csv_is_reported_row_by_row_and_nothing_is_imported(project):
    build_chain(project, [1, 1, 1])
    UserFactory(username="stranger")
    data = csv_bytes(
        "1,Phase,No,,,,,,,,,,,,",
        "1.1,Dig,No,abc,,,,,,,,,,,",
        "1.2,Pour,No,2,,,150,-5,,9.9,,,,,",
        "1.2,Again,No,1,,,,,nobody,,,,,,",
        "1.3,Seal,maybe,1,,,,,stranger,1.1XX,,,,,",
        "2,,No,1,,,,,,,SNET,2026-02-30,,,",
    )
    problems = problems_of(project, data, replace=True)
    # One pass: the unknown predecessor, the duplicate WBS code and the users are reported alongside
    # the bad cells, not on a later upload.
    assert problems == [
        "Row 3, Duration (days): “abc” is not a whole number of days.",
        "Row 4, % Complete: “150” is not a whole number from 0 to 100.",
        "Row 4, Planned cost: “-5” is not an amount from 0 up.",
        "Row 4, Predecessors: there is no task 9.9 in the file.",
        "Row 5, WBS: 1.2 appears twice (first on row 4).",
        "Row 5, Assignee: there is no user “nobody”.",
        "Row 6, Milestone: “maybe” is not Yes or No.",
        "Row 6, Predecessors: “1.1XX” is not a link; write the WBS code, the type and the lag, "
        "like 1.2FS+2d.",
        "Row 6, Assignee: “stranger” is neither the project manager nor a member of this project.",
        "Row 7, Name: every task needs a name.",
        "Row 7, Constraint date: “2026-02-30” is not a date (write YYYY-MM-DD).",
    ]
    assert Task.objects.filter(project=project).count() == 3


def test_structure_problems_name_the_rows(project):
    UserFactory(username="stranger")
    data = csv_bytes(
        "1,Phase,No,,,,,,,,,,,,",
        "1.1,Dig,No,1,,,,,,9.9,,,,,",
        "1.1,Again,No,1,,,,,nobody,,,,,,",
        "1.2,Seal,No,1,,,,,stranger,1,,,,,",
        "3.1,Orphan,No,1,,,,,,,,,,,",
    )
    problems = problems_of(project, data)
    assert problems == [
        "Row 3, Predecessors: there is no task 9.9 in the file.",
        "Row 4, WBS: 1.1 appears twice (first on row 3).",
        "Row 4, Assignee: there is no user “nobody”.",
        "Row 5, Predecessors: 1 and this task are a summary task and one of its own subtasks.",
        "Row 5, Assignee: “stranger” is neither the project manager nor a member of this project.",
        "Row 6, WBS: its parent 3 must appear on an earlier row.",
    ]
    assert not Task.objects.filter(project=project).exists()


def test_a_dependency_cycle_is_refused_naming_the_tasks_on_it(project):
    data = csv_bytes(
        "1,Design,No,1,,,,,,3,,,,,",
        "2,Build,No,1,,,,,,1,,,,,",
        "3,Test,No,1,,,,,,2FF,,,,,",
    )
    problems = problems_of(project, data)
    assert problems == [
        "Row 2, Predecessors: these dependencies form a cycle: 1 Design → 2 Build → 3 Test → 1 Design."
    ]
    assert not Task.objects.filter(project=project).exists()


def test_durations_and_lags_beyond_the_limits_are_reported_by_row(project):
    data = csv_bytes(
        "1,Design,No,99999999999,,,,,,,,,,,",
        "",
        "2,Build,No,1,,,,,,1FS+99999999999d,,,,,",
    )
    assert problems_of(project, data) == [
        "Row 2, Duration (days): at most 100000 working days.",
        "Row 4, Predecessors: “1FS+99999999999d”: a lag or lead is at most 100000 working days.",
    ]
    assert not Task.objects.filter(project=project).exists()


def test_a_file_of_blank_lines_keeps_only_its_tasks_in_memory(project):
    records = list(_limited(csv.reader(io.StringIO("WBS,Name\n\n\n,\n1,Dig\n"))))
    assert records == [(1, ["WBS", "Name"]), (5, ["1", "Dig"])]


def test_a_file_without_the_required_columns_is_refused(project):
    problems = problems_of(project, b"Task,Days\nDig,3\n")
    assert len(problems) == 1
    assert problems[0].startswith("The header row must have the columns WBS, Name (found: Task, Days)")


def test_too_many_rows_are_refused_with_a_clear_message(project, monkeypatch):
    monkeypatch.setattr(tabular_reader, "MAX_IMPORT_ROWS", 3)
    data = csv_bytes(*(f"{n},Task {n},No,1,,,,,,,,,,," for n in range(1, 6)))
    assert problems_of(project, data) == [
        "The file has more than 3 rows after the header (blank rows count too); split it or delete the rows "
        "below the plan."
    ]
    assert not Task.objects.filter(project=project).exists()


def test_blank_lines_past_the_row_limit_refuse_a_csv_at_once(project):
    # Ten million blank lines took 7 s to read when only non-blank rows counted.
    data = csv_bytes("1,Dig,No,1,,,,,,,,,,,") + b"\n" * 10_000_000
    (problem,) = problems_of(project, data)
    assert problem.startswith("The file has more than 10000 rows after the header (blank rows count too)")
    assert not Task.objects.filter(project=project).exists()


def test_files_over_the_size_limit_are_refused_before_reading(project, monkeypatch):
    monkeypatch.setattr(plan_imports, "MAX_IMPORT_BYTES", 100)
    monkeypatch.setattr(plan_rows, "MAX_IMPORT_BYTES", 100)
    data = csv_bytes(*(f"{n},Task {n},No,1,,,,,,,,,,," for n in range(1, 6)))
    (problem,) = problems_of(project, data)
    assert problem.startswith("The file is larger than")


def test_old_binary_formats_are_refused_with_advice(project):
    (problem,) = problems_of(project, b"\xd0\xcf\x11\xe0garbage", "plan.xls")
    assert "save the plan as .xlsx" in problem


def test_a_corrupt_xlsx_is_refused(project):
    (problem,) = problems_of(project, b"PK\x03\x04 not really a zip", "plan.xlsx")
    assert problem.startswith("This is not a readable XLSX workbook")


def _workbook_with(part: str, rewrite) -> bytes:
    """A valid one-task workbook whose ZIP member `part` is replaced by rewrite(its bytes)."""
    workbook = openpyxl.Workbook()
    workbook.active.append(["WBS", "Name"])
    workbook.active.append([1, "Design"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    source, out = zipfile.ZipFile(buffer), io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            target.writestr(item.filename, rewrite(content) if item.filename == part else content)
    return out.getvalue()


def _corrupt_deflate_stream(data: bytes) -> bytes:
    """The workbook with the compressed bytes of its worksheet garbled (its ZIP headers intact)."""
    member = zipfile.ZipFile(io.BytesIO(data)).getinfo("xl/worksheets/sheet1.xml")
    start = member.header_offset + 30 + len(member.filename) + len(member.extra)
    garbled = bytearray(data)
    for position in range(start + 2, start + 12):
        garbled[position] ^= 0xFF
    return bytes(garbled)


@pytest.mark.parametrize(
    "workbook",
    [
        pytest.param(
            lambda: _workbook_with("xl/worksheets/sheet1.xml", lambda _: b"<worksheet><row>"), id="xml"
        ),
        pytest.param(
            lambda: _workbook_with(
                "xl/workbook.xml", lambda xml: re.sub(rb"<sheets>.*</sheets>", b"<sheets/>", xml)
            ),
            id="no-sheet",
        ),
        pytest.param(lambda: _corrupt_deflate_stream(_workbook_with("", bytes)), id="deflate"),
    ],
)
def test_a_workbook_broken_inside_its_zip_is_refused_not_a_crash(project, workbook):
    (problem,) = problems_of(project, workbook(), "plan.xlsx")
    assert problem.startswith("This is not a readable XLSX workbook")


# --- Replacing and permissions -------------------------------------------------------------------------


def test_an_existing_plan_is_replaced_only_when_asked(project):
    build_chain(project, [1, 2])
    baseline_save(actor=project.project_manager, project=project, name="Approved")
    data = csv_bytes("1,New,No,4,,,,,,,,,,,")

    (problem,) = problems_of(project, data)
    assert "already has 2 task(s)" in problem
    assert Task.objects.filter(project=project).count() == 2

    result = import_file(project, data, "plan.csv", replace=True)
    assert (result.task_count, result.replaced_task_count) == (1, 2)
    assert list(Task.objects.filter(project=project).values_list("name", flat=True)) == ["New"]
    # The baseline keeps its frozen copy of the old plan.
    assert Baseline.objects.get(project=project).tasks.count() == 2


def test_a_plan_with_booked_actual_costs_is_not_replaced(project):
    (task, _second) = build_chain(project, [1, 2])
    CostEntryFactory(task=task)
    (problem,) = problems_of(project, csv_bytes("1,New,No,4,,,,,,,,,,,"), replace=True)
    assert "Actual costs are booked" in problem
    assert Task.objects.filter(project=project).count() == 2


def test_only_plan_editors_import(project):
    member = UserFactory()
    MembershipFactory(project=project, user=member)
    with pytest.raises(PermissionDenied):
        plan_import(actor=member, project=project, data=csv_bytes("1,New,No,4,,,,,,,,,,,"))
    assert not Task.objects.filter(project=project).exists()


def test_import_issues_a_fixed_number_of_queries_per_outline_level(project, django_assert_max_num_queries):
    def plan(size):
        lines = ["1,Phase,No,,,,,,,,,,,,"]
        lines += [
            f"1.{n},Task {n},No,1,,,,,,{'1.' + str(n - 1) if n > 1 else ''},,,,," for n in range(1, size)
        ]
        return csv_bytes(*lines)

    import_file(PlannedProjectFactory(), plan(2), "plan.csv")  # warm the cached PMO settings
    small = PlannedProjectFactory()
    with django_assert_max_num_queries(30) as small_queries:
        import_file(small, plan(5), "plan.csv")
    with django_assert_max_num_queries(30) as large_queries:
        import_file(project, plan(300), "plan.csv")
    assert len(large_queries.captured_queries) == len(small_queries.captured_queries)


# --- Both languages ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "duration_header", ["工期（天）", "工期(天)", "工期 ( 天 )", "DURATION (DAYS)", "duration"]
)
def test_chinese_headers_are_read_with_full_or_half_width_brackets(project, duration_header):
    MembershipFactory(project=project, user=UserFactory(username="engineer"))
    data = (
        f"WBS,名称,{duration_header},前置任务,负责人,里程碑,备注\n"
        "1,设计,3天,,engineer,否,\n"
        "2,评审,2 个工作日,1完成-开始+1天,,否,第二行\n"
        "3,上线,0,2,,是,\n"
    )
    result = import_file(project, data.encode(), "plan.csv")
    assert result.warnings == []
    tasks = list(Task.objects.filter(project=project).order_by("outline_order"))
    assert [(t.name, t.duration_days, t.is_milestone, t.notes) for t in tasks] == [
        ("设计", 3, False, ""),
        ("评审", 2, False, "第二行"),
        ("上线", 0, True, ""),
    ]
    assert tasks[0].assignee.username == "engineer"
    assert links_by_name(project) == {("设计", "评审", "FS", 1), ("评审", "上线", "FS", 0)}


def test_chinese_constraint_words_are_read(project):
    data = "WBS,名称,限制类型,限制日期\n1,开工,不得早于...开始,2026-03-05\n2,交付,不得晚于…完成,2026-04-30\n"
    import_file(project, data.encode(), "plan.csv")
    assert list(
        Task.objects.filter(project=project)
        .order_by("outline_order")
        .values_list("constraint_type", flat=True)
    ) == ["snet", "fnlt"]


def test_an_export_in_chinese_has_chinese_headers_and_yes_no_and_reads_back(full_plan):
    with translation.override("zh-hans"):
        export = plan_export(project=full_plan, file_format="csv")
    records = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert records[0][:6] == ["WBS", "名称", "里程碑", "工期（天）", "开始", "完成"]
    assert "前置任务" in records[0] and "负责人" in records[0]
    milestones = {record[1]: record[2] for record in records[1:]}
    assert (milestones["上线 Launch"], milestones["Build"]) == ("是", "否")

    copy = empty_project_like(full_plan)
    import_file(copy, export.content, export.file_name)  # read in English, written in Chinese
    assert [row[:-2] for row in plan_export_rows(project=copy)] == [
        row[:-2] for row in plan_export_rows(project=full_plan)
    ]


def test_problems_name_the_columns_in_the_active_language(project):
    data = "WBS,名称,工期（天）\n1,设计,abc\n".encode()
    with translation.override("zh-hans"):
        problems = problems_of(project, data)
    assert problems == ["第 2 行，工期（天）：“abc”不是整数天数。"]


# --- One pass ------------------------------------------------------------------------------------------


def test_a_cycle_is_reported_with_the_other_problems_of_the_file(project):
    data = csv_bytes(
        "1,Design,No,abc,,,,,,3,,,,,",
        "2,Build,No,1,,,,,nobody,1,,,,,",
        "3,Test,No,1,,,,,,2,,,,,",
    )
    assert problems_of(project, data) == [
        "Row 2, Duration (days): “abc” is not a whole number of days.",
        "Row 2, Predecessors: these dependencies form a cycle: 1 Design → 2 Build → 3 Test → 1 Design.",
        "Row 3, Assignee: there is no user “nobody”.",
    ]


def test_a_file_with_many_problems_lists_the_first_ones_and_counts_the_rest(project, monkeypatch):
    monkeypatch.setattr(plan_rows, "MAX_REPORTED_PROBLEMS", 3)
    data = csv_bytes(*(f"{n},Task {n},No,abc,,,,,,,,,,," for n in range(1, 6)))
    with pytest.raises(PlanImportError) as caught:
        import_file(project, data, "plan.csv")
    assert caught.value.total == 5
    assert [str(problem) for problem in caught.value.problems] == [
        "Row 2, Duration (days): “abc” is not a whole number of days.",
        "Row 3, Duration (days): “abc” is not a whole number of days.",
        "Row 4, Duration (days): “abc” is not a whole number of days.",
        "… and 2 more problem(s).",
    ]
    assert str(caught.value) == "The file was not imported: 5 problem(s) found."


# --- the manual flag -------------------------------------------------------------------------------------


@pytest.fixture
def manual_plan(project):
    """T1 (2 d) -> T2 (3 d) -> T3 (1 d); T2 manually scheduled on Monday 2 March, alongside T1."""
    tasks = build_chain(project, [2, 3, 1])
    Task.objects.filter(pk=tasks[1].pk).update(manual=True, planned_start=datetime.date(2026, 3, 2))
    project_reschedule(project=project)
    return project


def manual_dates(project) -> list[tuple]:
    return list(
        Task.objects.filter(project=project)
        .order_by("outline_order")
        .values_list("name", "manual", "planned_start", "planned_finish")
    )


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_manual_flag_goes_out_as_yes_no_in_the_users_language_and_comes_back(manual_plan, file_format):
    # T2 keeps its start (2 March) although T1 finishes on the 3rd; T3 follows T2 (2 .. 4 March).
    assert manual_dates(manual_plan) == [
        ("T1", False, datetime.date(2026, 3, 2), datetime.date(2026, 3, 3)),
        ("T2", True, datetime.date(2026, 3, 2), datetime.date(2026, 3, 4)),
        ("T3", False, datetime.date(2026, 3, 5), datetime.date(2026, 3, 5)),
    ]
    with translation.override("zh-hans"):
        export = plan_export(project=manual_plan, file_format=file_format)
    records = read_back(export)
    column = records[0].index("手动计划")
    assert [record[column] for record in records[1:]] == ["否", "是", "否"]
    copy = empty_project_like(manual_plan)

    import_file(copy, export.content, export.file_name)

    assert manual_dates(copy) == manual_dates(manual_plan)
    assert plan_export_rows(project=copy)[1][COLUMNS.index("Manual")] == "Yes"


def test_a_manual_row_of_a_hand_written_file_keeps_its_start_and_a_summary_row_is_never_manual(project):
    data = (
        "WBS,Name,Duration (days),Predecessors,Manual,Start\n"
        "1,Phase,,,Yes,\n"
        "1.1,Dig,3,,No,\n"
        "1.2,Pour,2,1.1,是,2026-03-03\n"
    ).encode()

    import_file(project, data, "plan.csv")

    assert manual_dates(project) == [
        ("Phase", False, datetime.date(2026, 3, 2), datetime.date(2026, 3, 4)),
        ("Dig", False, datetime.date(2026, 3, 2), datetime.date(2026, 3, 4)),
        ("Pour", True, datetime.date(2026, 3, 3), datetime.date(2026, 3, 4)),
    ]


def test_a_manual_cell_that_is_not_yes_or_no_is_reported_by_row(project):
    data = b"WBS,Name,Manual\n1,Dig,sometimes\n"
    assert problems_of(project, data) == ["Row 2, Manual: “sometimes” is not Yes or No."]


def test_a_bad_start_of_a_manual_row_without_a_constraint_column_is_reported_once(project):
    # Without a Constraint column the Start is both the constraint date and the manual start: one cell.
    data = b"WBS,Name,Manual,Start\n1,Dig,Yes,someday\n"
    assert problems_of(project, data) == ["Row 2, Start: “someday” is not a date (write YYYY-MM-DD)."]


@pytest.mark.parametrize("column", ["Task ID", "Version"])
def test_a_task_id_or_version_of_other_digits_is_reported_by_row(project, column):
    # "²" and "①" are digits to str.isdigit() but not numbers to int(): a cell problem, not a crash.
    data = f"WBS,Name,{column}\n1,Dig,²\n2,Pour,①\n".encode()
    problems = problems_of(project, data, mode="update")
    assert [problem.split(":")[0] for problem in problems] == [f"Row 2, {column}", f"Row 3, {column}"]


@pytest.mark.parametrize(
    ("cells", "column"),
    [
        ("1,A,{huge},,", "Duration (days)"),
        ("1,A,,{huge},", "Task ID"),
        ("1,A,,,2FS+{huge}d", "Predecessors"),
        ("{huge},A,,,", "WBS"),
    ],
)
def test_a_number_of_thousands_of_digits_is_a_cell_problem_not_a_crash(project, cells, column):
    # int() refuses strings of more than 4,300 digits.
    line = cells.format(huge="9" * 5000)
    data = f"WBS,Name,Duration (days),Task ID,Predecessors\n{line}\n".encode()
    problems = problems_of(project, data, mode="update")
    assert [problem.split(":")[0] for problem in problems] == [f"Row 2, {column}"]


LINKS_HEADER = "WBS,Name,Duration (days),Predecessors"


def test_links_on_summary_tasks_import_and_schedule_as_ms_project_does(project):
    # Phase 2 follows phase 1 as a whole: both its tasks wait for the later finish of phase 1's.
    data = csv_bytes(
        "1,Design,,",
        "1.1,Sketch,2,",
        "1.2,Review,4,",
        "2,Build,,1",
        "2.1,Frame,1,",
        "2.2,Roof,3,",
        "3,Hand over,1,2",
        header=LINKS_HEADER,
    )
    import_file(project, data, "plan.csv")
    tasks = {task.name: task for task in Task.objects.filter(project=project)}
    assert links_by_name(project) == {("Design", "Build", "FS", 0), ("Build", "Hand over", "FS", 0)}
    # Monday 2 March: Review runs 4 working days to Thursday 5, so Build's tasks start Friday 6.
    assert tasks["Frame"].planned_start == tasks["Roof"].planned_start == datetime.date(2026, 3, 6)
    # Roof (3 days) finishes Tuesday 10: the hand-over follows the whole of phase 2.
    assert tasks["Hand over"].planned_start == datetime.date(2026, 3, 11)


def test_a_cycle_through_a_summary_task_is_refused_naming_it(project):
    data = csv_bytes(
        "1,Design,,3",
        "1.1,Sketch,2,",
        "2,Build,1,1",
        "3,Test,1,2",
        header=LINKS_HEADER,
    )
    problems = problems_of(project, data)
    assert len(problems) == 1
    assert "these dependencies form a cycle" in problems[0]
    for name in ("Design", "Build", "Test"):
        assert name in problems[0]
    assert not Task.objects.filter(project=project).exists()


def test_a_lag_beyond_the_projects_span_is_refused_on_its_row(project):
    project.finish_date = datetime.date(2026, 3, 27)  # Monday 2 to Friday 27 March: 20 working days
    project.save()
    data = csv_bytes("1,Design,2,", "2,Build,1,1FS+25d", "3,Test,1,2FS-19d", header=LINKS_HEADER)
    assert problems_of(project, data) == [
        "Row 3, Predecessors: a lag or lead can be at most 20 working days (the span of the project).",
    ]
    assert not Task.objects.filter(project=project).exists()


def test_a_replace_ignores_the_task_id_column_even_unreadable_cells(project):
    data = b"WBS,Name,Task ID\n1,Design,42\n2,Build,none\n"
    result = import_file(project, data, "plan.csv")
    assert [task.name for task in Task.objects.filter(project=project).order_by("outline_order")] == [
        "Design",
        "Build",
    ]
    assert result.task_count == 2


def test_a_replace_ignores_the_version_column_even_unreadable_cells(project):
    data = b"WBS,Name,Task ID,Version\n1,Design,,7\n2,Build,,v2\n"
    result = import_file(project, data, "plan.csv")
    assert result.task_count == 2
    assert list(Task.objects.filter(project=project).values_list("version", flat=True)) == [1, 1]
