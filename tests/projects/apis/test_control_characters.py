"""Control characters: refused in names and texts by the API, forms and imports (naming the field, or
the row and column); a plan that already stores one still exports as XLSX and MS Project XML."""

import io
from xml.etree import ElementTree

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from projects.models import Task
from projects.plan_io.mspdi.reader import parse_mspdi
from tests.api_clients import authenticated_client
from tests.factories.plans import PlannedProjectFactory, build_chain

pytestmark = pytest.mark.django_db

NAME_REFUSAL = (
    "Control characters are not allowed here, not even tabs or line breaks (found U+0007 at character 5)."
)


@pytest.fixture
def project():
    return PlannedProjectFactory()


@pytest.fixture
def pm_client(project):
    return authenticated_client(project.project_manager)


def test_a_task_named_with_a_control_character_is_refused_naming_the_field(project, pm_client):
    response = pm_client.post(
        reverse("api:task-list", args=[project.pk]), {"name": "bell\u0007name"}, format="json"
    )
    assert response.status_code == 400, response.json()
    assert response.json()["extra"]["fields"] == {"name": [NAME_REFUSAL]}
    assert not Task.objects.filter(project=project).exists()


def test_a_patch_putting_a_control_character_in_the_notes_is_refused(project, pm_client):
    (task,) = build_chain(project, [2])
    response = pm_client.patch(
        reverse("api:task-detail", args=[task.pk]),
        {"notes": "line one\nline two\u001b[31m"},
        format="json",
        HTTP_IF_MATCH=f'"{task.version}"',
    )
    assert response.status_code == 400, response.json()
    assert list(response.json()["extra"]["fields"]) == ["notes"]
    task.refresh_from_db()
    assert task.notes == ""


def test_notes_keep_their_tabs_and_line_breaks(project, pm_client):
    (task,) = build_chain(project, [2])
    response = pm_client.patch(
        reverse("api:task-detail", args=[task.pk]),
        {"notes": "line one\r\n\tline two"},
        format="json",
        HTTP_IF_MATCH=f'"{task.version}"',
    )
    assert response.status_code == 200, response.json()


def test_an_import_names_the_row_and_column_of_a_control_character(project, pm_client):
    data = "WBS,Name,Notes\n1,Dig,fine\n2,bell\u0007name,\n3,Fill,bad\u0001note\n".encode()
    response = pm_client.post(
        reverse("api:plan-import", kwargs={"project_id": project.pk}),
        {"file": SimpleUploadedFile("plan.csv", data)},
        format="multipart",
    )
    assert response.status_code == 400
    assert response.json()["extra"]["problems"] == [
        {"row": 3, "column": "Name", "message": NAME_REFUSAL},
        {
            "row": 4,
            "column": "Notes",
            "message": (
                "Control characters are not allowed, only tabs and line breaks (found U+0001 at character 4)."
            ),
        },
    ]
    assert not Task.objects.filter(project=project).exists()


def test_an_mspdi_import_refuses_a_c1_control_character_in_a_name(project, pm_client):
    data = (
        '<Project xmlns="http://schemas.microsoft.com/project"><StartDate>2026-03-02T08:00:00</StartDate>'
        "<Tasks><Task><UID>1</UID><ID>1</ID><Name>next\u0085line</Name><OutlineLevel>1</OutlineLevel>"
        "<Duration>PT8H0M0S</Duration></Task></Tasks></Project>"
    ).encode()
    response = pm_client.post(
        reverse("api:plan-import", kwargs={"project_id": project.pk}),
        {"file": SimpleUploadedFile("plan.xml", data)},
        format="multipart",
    )
    assert response.status_code == 400
    (problem,) = response.json()["extra"]["problems"]
    assert (problem["row"], problem["column"]) == (1, "Name")
    assert "U+0085" in problem["message"]


@pytest.fixture
def stored_control_characters(project):
    """A plan whose task name and notes already hold control characters (stored before the check)."""
    (task,) = build_chain(project, [2])
    Task.objects.filter(pk=task.pk).update(name="bell\u0007name\u007f", notes="esc\u001b[0m\nnext\u0085line")
    return task


def test_the_xlsx_export_of_a_stored_control_character_still_opens(
    project, pm_client, stored_control_characters
):
    response = pm_client.get(
        reverse("api:plan-export", kwargs={"project_id": project.pk, "file_format": "xlsx"})
    )
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert sheet.cell(row=2, column=2).value == "bellname\u007f"
    assert sheet.cell(row=2, column=15).value == "esc[0m\nnext\u0085line"


def test_the_mspdi_export_of_a_stored_control_character_is_well_formed(
    project, pm_client, stored_control_characters
):
    response = pm_client.get(
        reverse("api:plan-export", kwargs={"project_id": project.pk, "file_format": "xml"})
    )
    assert response.status_code == 200
    ElementTree.fromstring(response.content)  # noqa: S314 - the portal's own export
    (task,) = [task for task in parse_mspdi(response.content).tasks if task.uid != 0]
    assert task.name == "bellname\u007f"
