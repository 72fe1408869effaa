"""Import in update mode (projects.plan_io.updates): an edited export updates the plan in place."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.db.models import F

from projects.models import Baseline, CostEntry, Dependency, Task
from projects.plan_io.exports import plan_export
from projects.plan_io.imports import plan_import
from projects.plan_io.rows import PlanImportError
from projects.plan_io.tabular.columns import (
    COLUMNS,
    DURATION,
    MANUAL,
    NAME,
    PREDECESSORS,
    START,
    TASK_ID,
    VERSION,
    WBS,
)
from projects.selectors.costs import with_actual_cost
from projects.services.baselines import baseline_save
from tests.factories.plans import CostEntryFactory, PlannedProjectFactory, build_chain, refreshed

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain(project):
    """T1 -> T2 -> T3 (2, 3 and 4 days), with an actual cost booked on T2."""
    tasks = build_chain(project, [2, 3, 4])
    CostEntryFactory(task=tasks[1], amount=Decimal("250.00"))
    return tasks


def exported_rows(project) -> list[dict]:
    """The plan's CSV export as dicts by column (English headers)."""
    text = plan_export(project=project, file_format="csv").content.decode("utf-8-sig")
    return [dict(zip(COLUMNS, record, strict=True)) for record in list(csv.reader(io.StringIO(text)))[1:]]


def csv_of(rows: list[dict], columns=COLUMNS) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(column, "") for column in columns])
    return buffer.getvalue().encode()


def update(project, data: bytes, **kwargs):
    return plan_import(
        actor=project.project_manager,
        project=project,
        data=data,
        file_name="plan.csv",
        mode="update",
        **kwargs,
    )


def problems_of(project, data: bytes, **kwargs) -> list[str]:
    with pytest.raises(PlanImportError) as caught:
        update(project, data, **kwargs)
    return [str(problem) for problem in caught.value.problems]


def plan_state(project) -> list[tuple]:
    return list(
        Task.objects.filter(project=project)
        .order_by("outline_order")
        .values_list("id", "wbs_code", "name", "duration_days", "parent_id", "version")
    )


def test_an_edited_export_updates_the_tasks_in_place_keeping_ids_costs_and_baselines(project, chain):
    baseline_save(actor=project.project_manager, project=project, name="Approved")
    rows = exported_rows(project)
    rows[1][NAME] = "T2 renamed"
    rows[1][DURATION] = "6"
    rows.append({WBS: "4", NAME: "Handover", DURATION: "1", PREDECESSORS: "3"})

    result = update(project, csv_of(rows))

    assert (result.mode, result.task_count, result.updated_task_count, result.deleted_task_count) == (
        "update",
        1,
        1,
        0,
    )
    assert result.task_changes == [(chain[1].pk, {"name": ("T2", "T2 renamed"), "duration_days": (3, 6)})]
    tasks = list(Task.objects.filter(project=project).order_by("outline_order"))
    assert [(t.wbs_code, t.name, t.duration_days) for t in tasks] == [
        ("1", "T1", 2),
        ("2", "T2 renamed", 6),
        ("3", "T3", 4),
        ("4", "Handover", 1),
    ]
    assert [t.pk for t in tasks[:3]] == [t.pk for t in chain]
    # Only the changed task gets a new version: stale edits of it are refused, others stay valid.
    assert [t.version for t in tasks[:3]] == [chain[0].version, chain[1].version + 1, chain[2].version]
    assert CostEntry.objects.get().task_id == chain[1].pk
    assert with_actual_cost(Task.objects.filter(pk=chain[1].pk)).get().actual_cost == Decimal("250.00")
    assert Baseline.objects.get(project=project).tasks.filter(task__isnull=False).count() == 3
    assert tasks[3].predecessor_links.get().predecessor_id == chain[2].pk
    # Rescheduled: T3 moved by T2's three extra days, the new task follows it.
    assert tasks[2].planned_start > chain[2].planned_start
    assert tasks[3].planned_start > tasks[2].planned_finish


def test_tasks_left_out_of_the_file_stay_at_their_place_unless_deletion_is_asked(project, chain):
    rows = exported_rows(project)
    del rows[0]
    rows[0][NAME] = "Second"  # T2, matched by its Task ID
    rows[1][PREDECESSORS] = ""  # T3 no longer waits for T2

    update(project, csv_of(rows))

    assert [(code, name) for _id, code, name, *_rest in plan_state(project)] == [
        ("1", "T1"),
        ("2", "Second"),
        ("3", "T3"),
    ]
    assert set(Dependency.objects.filter(project=project).values_list("predecessor_id", "successor_id")) == {
        (chain[0].pk, chain[1].pk)  # T1 -> T2 is a link into T2 the file gives again: kept
    }


def test_deleting_missing_tasks_deletes_them_and_refuses_those_with_actual_costs(project, chain):
    rows = exported_rows(project)
    without_t2 = [rows[0], rows[2]]
    without_t2[1][PREDECESSORS] = "1"
    problems = problems_of(project, csv_of(without_t2), delete_missing=True)
    assert problems == [
        "These tasks are not in the file but have actual costs, so they cannot be deleted: “2 T2”. "
        "Keep their rows, or import without deleting missing tasks."
    ]
    assert Task.objects.filter(project=project).count() == 3

    without_t3 = rows[:2]
    result = update(project, csv_of(without_t3), delete_missing=True)
    assert result.deleted_task_count == 1
    assert list(Task.objects.filter(project=project).values_list("id", flat=True).order_by("id")) == [
        chain[0].pk,
        chain[1].pk,
    ]


def test_a_file_without_task_ids_is_matched_by_wbs_code_and_columns_it_lacks_stay(project):
    chain = build_chain(project, [2, 3, 4], linked=False)
    Task.objects.filter(pk=chain[0].pk).update(notes="keep me")
    data = f"{WBS},{NAME},{DURATION}\n1,Design,5\n2.1,Sub-task of T2,2\n".encode()

    result = update(project, data)

    assert (result.updated_task_count, result.task_count) == (1, 1)
    first = Task.objects.get(pk=chain[0].pk)
    assert (first.name, first.duration_days, first.notes) == ("Design", 5, "keep me")
    sub = Task.objects.get(project=project, name="Sub-task of T2")
    assert (sub.parent_id, sub.wbs_code) == (chain[1].pk, "2.1")


def test_a_new_subtask_under_a_task_with_costs_is_refused_naming_it(project, chain):
    data = f"{WBS},{NAME}\n2.1,Sub-task of T2\n".encode()
    assert problems_of(project, data) == [
        "“2 T2” has actual costs, so it cannot get subtasks: costs are booked on work tasks.",
    ]


def test_a_new_subtask_under_a_linked_task_keeps_the_links_on_the_new_summary(project):
    first, second, third = build_chain(project, [2, 3, 1])
    data = f"{WBS},{NAME},{DURATION}\n2.1,Sub-task of T2,5\n".encode()

    update(project, data)

    sub = Task.objects.get(project=project, name="Sub-task of T2")
    summary, last = refreshed(second), refreshed(third)
    assert summary.is_summary and sub.parent_id == summary.pk
    # T1 -> T2 now holds T2's subtask, and T3 follows the summary's rolled-up finish.
    assert sub.planned_start > refreshed(first).planned_finish
    assert last.planned_start > sub.planned_finish
    assert Dependency.objects.filter(project=project).count() == 2


def test_every_problem_of_an_update_is_reported_and_nothing_changes(project, chain):
    before = plan_state(project)
    rows = exported_rows(project)
    rows[0][TASK_ID] = "999999"
    rows[1][DURATION] = "abc"
    rows[2][TASK_ID] = str(chain[1].pk)
    rows.append({WBS: "4", NAME: "New", PREDECESSORS: "7"})

    problems = problems_of(project, csv_of(rows))

    assert problems == [
        "Row 2, Task ID: there is no task with ID 999999 in this plan; leave the cell blank for a new task.",
        "Row 3, Duration (days): “abc” is not a whole number of days.",
        "Row 4, Task ID: row 3 already updates “2 T2”.",
        "Row 5, Predecessors: there is no task 7 in the file or the plan.",
    ]
    assert plan_state(project) == before


def test_a_cycle_through_a_task_left_out_of_the_file_is_refused(project, chain):
    # T1 -> T2 -> T3 stays (T2 is not in the file); making T1 follow T3 closes the loop.
    data = f"{WBS},{NAME},{PREDECESSORS}\n1,T1,3\n".encode()
    (problem,) = problems_of(project, data)
    assert problem.startswith("These dependencies would form a cycle")
    assert not Dependency.objects.filter(predecessor=chain[2], successor=chain[0]).exists()


def test_replace_mode_still_refuses_a_plan_with_actual_costs_and_points_to_update(project, chain):
    with pytest.raises(PlanImportError) as caught:
        plan_import(
            actor=project.project_manager,
            project=project,
            data=csv_of(exported_rows(project)),
            file_name="plan.csv",
            replace=True,
        )
    assert "Update the plan in place instead" in str(caught.value.problems[0])


def test_update_refuses_ms_project_files(project, chain):
    (problem,) = problems_of(project, b"<?xml version='1.0'?><Project></Project>")
    assert "import an MS Project file in replace mode" in problem


def test_an_update_issues_the_same_queries_for_10_and_200_rows(django_assert_max_num_queries):
    def edited(project, size):
        build_chain(project, [1] * size)
        rows = exported_rows(project)
        for row in rows:
            row[NAME] += " (edited)"
            row[DURATION] = "2"
            row[MANUAL] = "Yes"
        rows.append({WBS: str(size + 1), NAME: "New", PREDECESSORS: str(size)})
        return csv_of(rows)

    warm = PlannedProjectFactory()
    update(warm, edited(warm, 3))  # warm the cached PMO settings
    small, large = PlannedProjectFactory(), PlannedProjectFactory()
    small_file, large_file = edited(small, 10), edited(large, 200)
    with django_assert_max_num_queries(40) as small_queries:
        update(small, small_file)
    with django_assert_max_num_queries(40) as large_queries:
        update(large, large_file)
    assert len(large_queries.captured_queries) == len(small_queries.captured_queries)
    assert (
        Task.objects.filter(project=large, name__endswith="(edited)", duration_days=2, manual=True).count()
        == 200
    )


def test_a_task_with_actual_costs_is_not_given_subtasks(project):
    (_first, second) = build_chain(project, [1, 1], linked=False)
    CostEntryFactory(task=second)
    data = f"{WBS},{NAME}\n2.1,Sub-task of T2\n".encode()
    assert problems_of(project, data) == [
        "“2 T2” has actual costs, so it cannot get subtasks: costs are booked on work tasks."
    ]
    assert Task.objects.filter(project=project).count() == 2


def test_the_outline_follows_the_file_and_left_out_tasks_follow_the_sibling_they_followed(project):
    t1, t2, t3, t4 = build_chain(project, [1, 1, 1, 1], linked=False)
    # T3 moves before T1; T2 and T4 are not in the file, so they follow T1 and T3 as before.
    data = f"{WBS},{NAME},{TASK_ID}\n1,T3,{t3.pk}\n2,T1,{t1.pk}\n".encode()
    update(project, data)
    assert [name for _id, _code, name, *_rest in plan_state(project)] == ["T3", "T4", "T1", "T2"]

    # A row whose WBS code names another parent moves its task there.
    rows = exported_rows(project)
    t4_row = next(row for row in rows if row[NAME] == "T4")
    t4_row[WBS] = "1.1"
    update(project, csv_of(rows))
    moved = Task.objects.get(pk=t4.pk)
    assert (moved.parent_id, moved.wbs_code) == (t3.pk, "1.1")
    assert Task.objects.get(pk=t3.pk).is_summary
    assert [code for _id, code, *_rest in plan_state(project)] == ["1", "1.1", "2", "3"]


def test_the_manual_column_sets_and_clears_manual_scheduling_in_place(project, chain):
    rows = exported_rows(project)
    assert [row[MANUAL] for row in rows] == ["No", "No", "No"]
    # T2 (3 d) manual on Monday 2 March, alongside T1 (2 .. 3 March); T3 follows it.
    rows[1][MANUAL], rows[1][START] = "Yes", "2026-03-02"

    result = update(project, csv_of(rows))

    march = lambda day: datetime.date(2026, 3, day)  # noqa: E731
    t2, t3 = (Task.objects.get(pk=task.pk) for task in chain[1:])
    assert (t2.manual, t2.planned_start, t2.planned_finish) == (True, march(2), march(4))
    # T3 (4 d): Thu 5, Fri 6, Mon 9, Tue 10.
    assert (t3.planned_start, t3.planned_finish) == (march(5), march(10))
    assert result.task_changes == [
        (t2.pk, {"manual": (False, True), "planned_start": (march(4), march(2))}),
    ]
    assert CostEntry.objects.get().task_id == t2.pk

    rows = exported_rows(project)
    assert [row[MANUAL] for row in rows] == ["No", "Yes", "No"]
    rows[1][MANUAL] = "No"
    update(project, csv_of(rows))

    t2 = Task.objects.get(pk=t2.pk)
    assert (t2.manual, t2.planned_start) == (False, march(4))


def test_a_row_that_becomes_a_summary_is_never_manual(project, chain):
    Task.objects.filter(pk=chain[2].pk).update(manual=True)
    rows = exported_rows(project)
    rows[2][MANUAL] = "Yes"
    rows[2][PREDECESSORS] = ""
    rows.append({WBS: "3.1", NAME: "Part", DURATION: "1", MANUAL: "Yes"})

    update(project, csv_of(rows))

    summary, part = Task.objects.get(pk=chain[2].pk), Task.objects.get(name="Part")
    assert (summary.is_summary, summary.manual, part.manual) == (True, False, True)


def test_rows_with_old_versions_cost_no_query_more_for_200_rows_than_for_10(django_assert_max_num_queries):
    """Every row carries an old version but changes nothing (only a new row is added): the version
    check reads what the match read, so the queries stay the same and nothing is refused."""

    def stale(project, size):
        build_chain(project, [1] * size)
        rows = exported_rows(project)
        Task.objects.filter(project=project).update(version=F("version") + 1)  # changed since
        rows.append({WBS: str(size + 1), NAME: "New", PREDECESSORS: str(size)})
        return csv_of(rows)

    warm = PlannedProjectFactory()
    update(warm, stale(warm, 3))
    small, large = PlannedProjectFactory(), PlannedProjectFactory()
    small_file, large_file = stale(small, 10), stale(large, 200)
    with django_assert_max_num_queries(40) as small_queries:
        update(small, small_file)
    with django_assert_max_num_queries(40) as large_queries:
        result = update(large, large_file)
    assert len(large_queries.captured_queries) == len(small_queries.captured_queries)
    assert (result.task_count, result.updated_task_count) == (1, 0)


def test_an_edited_xlsx_export_of_a_task_changed_meanwhile_is_refused(project, chain):
    export = plan_export(project=project, file_format="xlsx")
    Task.objects.filter(pk=chain[2].pk).update(name="T3 elsewhere", version=F("version") + 1)
    workbook = openpyxl.load_workbook(io.BytesIO(export.content))
    sheet = workbook.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    assert isinstance(sheet.cell(row=4, column=header.index(VERSION) + 1).value, int)
    sheet.cell(row=4, column=header.index(DURATION) + 1).value = 8  # T3
    edited = io.BytesIO()
    workbook.save(edited)
    before = plan_state(project)

    with pytest.raises(PlanImportError) as caught:
        plan_import(
            actor=project.project_manager,
            project=project,
            data=edited.getvalue(),
            file_name="plan.xlsx",
            mode="update",
        )

    assert [str(problem) for problem in caught.value.problems] == [
        f"Row 4, Version: “3 T3 elsewhere” changed in the plan after this file was exported (version "
        f"{chain[2].version} in the file, {chain[2].version + 1} now): export again, or clear the "
        "Version cell to overwrite it."
    ]
    assert plan_state(project) == before
