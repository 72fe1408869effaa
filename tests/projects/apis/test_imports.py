"""Plan import and export over the API and on the import page: who may do what, and what they see."""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance.models import PmoType
from projects.models import CostEntry, Task
from projects.plan_io.tabular.columns import COLUMNS
from projects.selectors.costs import with_actual_cost
from tests.api_clients import authenticated_client
from tests.factories import MembershipFactory, UserFactory, build_access_world
from tests.factories.plans import CostEntryFactory, PlannedProjectFactory, build_chain

pytestmark = pytest.mark.django_db

GOOD_CSV = "WBS,Name,Duration (days),Predecessors\n1,设计 Design,2,\n2,Build,3,1FS+1d\n".encode()
BAD_CSV = b"WBS,Name,Duration (days),Predecessors\n1,Design,abc,\n2,Build,3,7\n"


@pytest.fixture
def project():
    return PlannedProjectFactory()


@pytest.fixture
def member(project):
    user = UserFactory()
    MembershipFactory(project=project, user=user)
    return user


def export_url(project, file_format: str) -> str:
    return reverse("api:plan-export", kwargs={"project_id": project.pk, "file_format": file_format})


def import_url(project) -> str:
    return reverse("api:plan-import", kwargs={"project_id": project.pk})


def upload(content: bytes, name: str = "plan.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def test_a_member_who_only_views_the_plan_exports_it_as_csv(project, member):
    build_chain(project, [2, 3])
    response = authenticated_client(member).get(export_url(project, "csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{project.code}-plan.csv"'
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0] == ",".join(COLUMNS)
    assert "T2" in text and "1FS" in text


def test_export_as_xlsx_opens_in_a_spreadsheet(project, member):
    build_chain(project, [2, 3])
    response = authenticated_client(member).get(export_url(project, "xlsx"))
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [cell.value for cell in sheet[1]] == list(COLUMNS)
    assert sheet.cell(row=3, column=2).value == "T2"


@pytest.mark.parametrize(
    ("file_format", "accept", "content_type"),
    [
        ("csv", "text/csv", "text/csv; charset=utf-8"),
        ("xml", "application/xml", "application/xml"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", None),
        ("csv", "text/html", "text/csv; charset=utf-8"),
    ],
)
def test_an_export_asked_for_in_its_own_media_type_is_served(
    project, member, file_format, accept, content_type
):
    # The address names the format: an Accept naming the file's type (or any other) is no reason for 406.
    response = authenticated_client(member).get(export_url(project, file_format), HTTP_ACCEPT=accept)
    assert response.status_code == 200
    assert response["Content-Type"] == (content_type or accept)


def test_an_outsider_cannot_export_a_hidden_plan(project):
    response = authenticated_client(UserFactory()).get(export_url(project, "csv"))
    assert response.status_code == 404


@pytest.mark.parametrize("file_format", ["csv", "xlsx", "xml"])
def test_each_export_runs_the_same_queries_at_10_and_200_tasks(project, member, file_format):
    client = authenticated_client(member)
    client.get(export_url(project, file_format))  # warm caches (PMO settings)
    small = PlannedProjectFactory(project_manager=project.project_manager)
    MembershipFactory(project=small, user=member)
    build_chain(small, [1] * 10)
    build_chain(project, [1] * 200)
    Task.objects.filter(project__in=[small, project]).update(assignee=member)
    with CaptureQueriesContext(connection) as few:
        assert client.get(export_url(small, file_format)).status_code == 200
    with CaptureQueriesContext(connection) as many:
        assert client.get(export_url(project, file_format)).status_code == 200
    assert len(few.captured_queries) == len(many.captured_queries)


def test_an_mspdi_file_imports_over_the_api_with_its_report(project):
    data = (
        b'<Project xmlns="http://schemas.microsoft.com/project"><StartDate>2026-03-02T08:00:00</StartDate>'
        b"<Tasks><Task><UID>1</UID><ID>1</ID><Name>A</Name><OutlineLevel>1</OutlineLevel>"
        b"<Duration>PT16H0M0S</Duration><Manual>1</Manual><Start>2026-03-04T08:00:00</Start>"
        b"<Finish>2026-03-05T17:00:00</Finish></Task></Tasks></Project>"
    )
    response = authenticated_client(project.project_manager).post(
        import_url(project), {"file": upload(data, "plan.xml")}, format="multipart"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["warnings"] == ["1 manually scheduled task(s) kept their dates: “A”."]
    assert Task.objects.get(project=project).planned_start.isoformat() == "2026-03-04"


def test_the_project_manager_imports_a_csv_over_the_api(project):
    response = authenticated_client(project.project_manager).post(
        import_url(project), {"file": upload(GOOD_CSV)}, format="multipart"
    )
    assert response.status_code == 201, response.json()
    assert response.json() == {
        "format": "csv",
        "mode": "replace",
        "tasks": 2,
        "dependencies": 1,
        "replaced_tasks": 0,
        "updated_tasks": 0,
        "deleted_tasks": 0,
        "warnings": [],
    }
    assert list(
        Task.objects.filter(project=project).order_by("outline_order").values_list("name", flat=True)
    ) == [
        "设计 Design",
        "Build",
    ]


def test_a_bad_file_answers_400_with_the_problems_row_by_row(project):
    build_chain(project, [1])
    response = authenticated_client(project.project_manager).post(
        import_url(project), {"file": upload(BAD_CSV), "replace": "true"}, format="multipart"
    )
    assert response.status_code == 400
    body = response.json()
    assert body["message"].startswith("The file was not imported")
    assert body["extra"]["problems"] == [
        {"row": 2, "column": "Duration (days)", "message": "“abc” is not a whole number of days."},
        {"row": 3, "column": "Predecessors", "message": "there is no task 7 in the file."},
    ]
    assert body["extra"]["problem_count"] == 2
    assert Task.objects.filter(project=project).count() == 1


def test_replacing_a_plan_over_the_api_needs_the_replace_flag(project):
    build_chain(project, [1, 1])
    client = authenticated_client(project.project_manager)
    refused = client.post(import_url(project), {"file": upload(GOOD_CSV)}, format="multipart")
    assert refused.status_code == 400
    assert Task.objects.filter(project=project).count() == 2
    replaced = client.post(
        import_url(project), {"file": upload(GOOD_CSV), "replace": "true"}, format="multipart"
    )
    assert replaced.status_code == 201
    assert replaced.json()["replaced_tasks"] == 2


def test_a_member_may_not_import(project, member):
    response = authenticated_client(member).post(
        import_url(project), {"file": upload(GOOD_CSV)}, format="multipart"
    )
    assert response.status_code == 403
    assert not Task.objects.filter(project=project).exists()


@pytest.mark.parametrize("format_", ["json", "urlencoded"])
def test_an_import_that_is_not_a_multipart_form_answers_415_naming_the_media_type(project, format_):
    client = authenticated_client(project.project_manager)
    if format_ == "json":
        response = client.post(import_url(project), {"file": "WBS,Name"}, format="json")
    else:
        response = client.generic(
            "POST", import_url(project), "file=WBS%2CName", content_type="application/x-www-form-urlencoded"
        )
    assert response.status_code == 415
    assert set(response.json()) == {"message", "extra"}
    assert not Task.objects.filter(project=project).exists()


def test_import_without_a_file_names_the_missing_field(project):
    response = authenticated_client(project.project_manager).post(import_url(project), {}, format="multipart")
    assert response.status_code == 400
    assert "file" in response.json()["extra"]["fields"]


# --- The import page -----------------------------------------------------------------------------------


def page_url(project) -> str:
    return reverse("projects:plan_import", kwargs={"project_id": project.pk})


def test_the_import_page_offers_the_form_to_the_project_manager(client, project):
    client.force_login(project.project_manager)
    response = client.get(page_url(project))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert export_url(project, "xlsx") in html


def test_a_member_sees_only_the_export_links(client, project, member):
    client.force_login(member)
    response = client.get(page_url(project))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'enctype="multipart/form-data"' not in html
    assert export_url(project, "csv") in html
    assert client.post(page_url(project), {"file": upload(GOOD_CSV)}).status_code == 403
    assert not Task.objects.filter(project=project).exists()


def test_a_good_file_on_the_page_leads_to_the_plan(client, project):
    client.force_login(project.project_manager)
    response = client.post(page_url(project), {"file": upload(GOOD_CSV)})
    assert response.status_code == 302
    assert response["Location"] == reverse("projects:plan", kwargs={"project_id": project.pk})
    assert Task.objects.filter(project=project).count() == 2


def test_a_bad_file_on_the_page_shows_the_problems_by_row(client, project):
    client.force_login(project.project_manager)
    response = client.post(page_url(project), {"file": upload(BAD_CSV)})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="import-problems"' in html
    assert "“abc” is not a whole number of days." in html
    assert not Task.objects.filter(project=project).exists()


@pytest.mark.parametrize("pmo_type", [PmoType.SUPPORTIVE, PmoType.DIRECTIVE])
def test_import_and_export_follow_the_access_matrix(pmo_type):
    world = build_access_world(pmo_type)
    project = world.project_of_pm1
    for role, user in world.users.items():
        client = authenticated_client(user)
        exported = client.get(export_url(project, "csv")).status_code
        imported = client.post(
            import_url(project), {"file": upload(GOOD_CSV), "replace": "true"}, format="multipart"
        ).status_code
        sees = project.pk in world.visible_projects(role)
        edits = project.pk in world.editable_projects(role, pmo_type)
        assert exported == (200 if sees else 404), role
        assert imported == (201 if edits else 403 if sees else 404), role


# --- Update in place -----------------------------------------------------------------------------------


def test_an_xlsx_export_edited_and_reimported_updates_the_plan_in_place_with_its_actual_costs_kept(project):
    first, second, third = build_chain(project, [2, 3, 4])
    CostEntryFactory(task=second, amount=Decimal("120.00"))
    CostEntryFactory(task=second, amount=Decimal("80.50"))
    client = authenticated_client(project.project_manager)
    exported = client.get(export_url(project, "xlsx"))
    workbook = openpyxl.load_workbook(io.BytesIO(exported.content))
    sheet = workbook.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    column = {title: header.index(title) + 1 for title in header}
    assert sheet.cell(row=3, column=column["Name"]).value == "T2"
    sheet.cell(row=3, column=column["Name"]).value = "T2 design review"
    sheet.cell(row=4, column=column["Duration (days)"]).value = 7
    sheet.append({column["WBS"]: "4", column["Name"]: "Handover", column["Predecessors"]: "3FS+1d"})
    edited = io.BytesIO()
    workbook.save(edited)

    response = client.post(
        import_url(project),
        {"file": upload(edited.getvalue(), "plan.xlsx"), "mode": "update"},
        format="multipart",
    )

    assert response.status_code == 201, response.json()
    assert response.json() == {
        "format": "xlsx",
        "mode": "update",
        "tasks": 1,
        "dependencies": 1,
        "replaced_tasks": 0,
        "updated_tasks": 2,
        "deleted_tasks": 0,
        "warnings": [],
    }
    tasks = list(with_actual_cost(Task.objects.filter(project=project)).order_by("outline_order"))
    assert [(t.pk, t.name, t.duration_days) for t in tasks[:3]] == [
        (first.pk, "T1", 2),
        (second.pk, "T2 design review", 3),
        (third.pk, "T3", 7),
    ]
    handover = tasks[3]
    assert (handover.wbs_code, handover.name, handover.duration_days) == ("4", "Handover", 1)
    assert handover.predecessor_links.get().predecessor_id == third.pk
    assert handover.planned_start > tasks[2].planned_finish
    assert sorted(CostEntry.objects.filter(task=second).values_list("amount", flat=True)) == [
        Decimal("80.50"),
        Decimal("120.00"),
    ]
    assert tasks[1].actual_cost == Decimal("200.50")


def test_an_update_naming_an_unknown_mode_names_the_field(project):
    response = authenticated_client(project.project_manager).post(
        import_url(project), {"file": upload(GOOD_CSV), "mode": "merge"}, format="multipart"
    )
    assert response.status_code == 400
    assert "mode" in response.json()["extra"]["fields"]


def test_an_update_refusing_to_delete_tasks_with_costs_answers_400_naming_them(project):
    (first, second) = build_chain(project, [1, 1])
    CostEntryFactory(task=second)
    data = f"WBS,Name,Task ID\n1,T1,{first.pk}\n".encode()
    response = authenticated_client(project.project_manager).post(
        import_url(project),
        {"file": upload(data), "mode": "update", "delete_missing": "true"},
        format="multipart",
    )
    assert response.status_code == 400
    (problem,) = response.json()["extra"]["problems"]
    assert "“2 T2”" in problem["message"]
    assert Task.objects.filter(project=project).count() == 2


def test_the_export_speaks_the_language_of_the_request(project, member):
    build_chain(project, [2, 3])
    response = authenticated_client(member).get(export_url(project, "csv"), HTTP_ACCEPT_LANGUAGE="zh-hans")
    header = response.content.decode("utf-8-sig").splitlines()[0].split(",")
    assert header[:4] == ["WBS", "名称", "里程碑", "工期（天）"]
    assert "否" in response.content.decode("utf-8-sig").splitlines()[1].split(",")


def test_the_export_ends_with_the_task_id_and_version_columns_in_both_languages(project, member):
    (task,) = build_chain(project, [2])
    client = authenticated_client(member)
    for language, titles in (("en", ["Task ID", "Version"]), ("zh-hans", ["任务 ID", "版本"])):
        response = client.get(export_url(project, "csv"), HTTP_ACCEPT_LANGUAGE=language)
        header, row = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert header[-2:] == titles
        assert row[-2:] == [str(task.pk), str(task.version)]


def exported_csv(client, project) -> list[list[str]]:
    response = client.get(export_url(project, "csv"))
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def csv_bytes(records: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(records)
    return buffer.getvalue().encode()


def plan_rows(project) -> list[tuple]:
    return list(
        Task.objects.filter(project=project)
        .order_by("outline_order")
        .values_list("id", "name", "duration_days", "version")
    )


@pytest.fixture
def edited_meanwhile(project):
    """T1 -> T2 -> T3 exported, then T2 renamed through the API: the export and the client."""
    tasks = build_chain(project, [2, 3, 4])
    client = authenticated_client(project.project_manager)
    records = exported_csv(client, project)
    patched = client.patch(
        reverse("api:task-detail", args=[tasks[1].pk]),
        {"name": "T2 from the API"},
        format="json",
        HTTP_IF_MATCH=f'"{tasks[1].version}"',
    )
    assert patched.status_code == 200
    return tasks, records, client


def update_upload(client, project, records):
    return client.post(
        import_url(project), {"file": upload(csv_bytes(records)), "mode": "update"}, format="multipart"
    )


def test_an_edited_export_of_a_plan_changed_meanwhile_is_refused_naming_the_stale_rows(
    project, edited_meanwhile
):
    tasks, records, client = edited_meanwhile
    version = records[0].index("Version")
    records[2][records[0].index("Duration (days)")] = "9"  # T2, changed in the plan since
    records[3][1] = "T3 renamed"  # T3, unchanged since: fine on its own
    before = plan_rows(project)

    response = update_upload(client, project, records)

    assert response.status_code == 400
    (problem,) = response.json()["extra"]["problems"]
    assert problem["row"] == 3
    assert problem["column"] == "Version"
    assert problem["message"] == (
        f"“2 T2 from the API” changed in the plan after this file was exported (version "
        f"{records[2][version]} in the file, {int(records[2][version]) + 1} now): export again, or "
        "clear the Version cell to overwrite it."
    )
    assert plan_rows(project) == before


def test_a_cleared_version_cell_lets_the_file_overwrite_the_change(project, edited_meanwhile):
    tasks, records, client = edited_meanwhile
    records[2][records[0].index("Duration (days)")] = "9"
    records[2][records[0].index("Version")] = ""

    response = update_upload(client, project, records)

    assert response.status_code == 201, response.json()
    assert Task.objects.values_list("name", "duration_days").get(pk=tasks[1].pk) == ("T2", 9)


def test_a_row_that_changes_nothing_is_not_refused_even_with_an_old_version(project, edited_meanwhile):
    tasks, records, client = edited_meanwhile
    version = records[0].index("Version")
    assert int(records[2][version]) < Task.objects.get(pk=tasks[1].pk).version  # an old version
    records[2][1] = "T2 from the API"  # the same edit in the file: the row changes nothing
    records[3][1] = "T3 renamed"

    response = update_upload(client, project, records)

    assert response.status_code == 201, response.json()
    assert [row[1] for row in plan_rows(project)] == ["T1", "T2 from the API", "T3 renamed"]


def test_the_stale_rows_are_reported_with_the_other_problems_of_the_file(project, edited_meanwhile):
    tasks, records, client = edited_meanwhile
    records[2][records[0].index("Duration (days)")] = "9"
    records[3][records[0].index("Duration (days)")] = "abc"
    records[1][records[0].index("Version")] = "v1"

    response = update_upload(client, project, records)

    assert response.status_code == 400
    problems = [(p["row"], p["column"]) for p in response.json()["extra"]["problems"]]
    assert problems == [(2, "Version"), (3, "Version"), (4, "Duration (days)")]


def test_the_stale_row_is_named_in_chinese(project, edited_meanwhile):
    tasks, records, client = edited_meanwhile
    records[2][records[0].index("Duration (days)")] = "9"
    response = client.post(
        import_url(project),
        {"file": upload(csv_bytes(records)), "mode": "update"},
        format="multipart",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    (problem,) = response.json()["extra"]["problems"]
    assert problem["column"] == "版本"
    assert "“2 T2 from the API”在此文件导出后已在计划中被修改" in problem["message"]
    assert "清空“版本”单元格" in problem["message"]


def test_the_import_page_offers_both_modes_and_updates_in_place(client, project):
    (task,) = build_chain(project, [1])
    CostEntryFactory(task=task)
    client.force_login(project.project_manager)
    html = client.get(page_url(project)).content.decode()
    assert 'name="mode" value="update"' in html
    assert 'name="delete_missing"' in html

    data = f"WBS,Name,Task ID\n1,Renamed,{task.pk}\n2,Added,\n".encode()
    response = client.post(page_url(project), {"file": upload(data), "mode": "update"}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("projects:plan", kwargs={"project_id": project.pk})
    assert "Updated 1 task(s), added 1 and deleted 0" in response.content.decode()
    assert list(
        Task.objects.filter(project=project).order_by("outline_order").values_list("name", flat=True)
    ) == ["Renamed", "Added"]
    assert CostEntry.objects.get().task_id == task.pk


def test_the_import_page_counts_the_problems_in_chinese(client, project):
    client.force_login(project.project_manager)
    client.cookies.load({"django_language": "zh-hans"})
    response = client.post(page_url(project), {"file": upload(BAD_CSV)})
    html = response.content.decode()
    assert response.status_code == 400
    assert "文件中的问题：共 2 个" in html
    assert "工期（天）" in html
