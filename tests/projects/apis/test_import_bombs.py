"""XLSX decompression bombs and DTDs sent to the import API and page: refused with a message, at once,
nothing imported (the bombs: tests/projects/plan_io/bombs.py, built once per session)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from projects.models import Task
from tests.api_clients import authenticated_client
from tests.factories.plans import PlannedProjectFactory
from tests.projects.plan_io import bombs

pytestmark = pytest.mark.django_db

WORKSHEET = "xl/worksheets/sheet1.xml"
TOO_MANY_ROWS = (
    "The file has more than 10000 rows after the header (blank rows count too); split it or delete the "
    "rows below the plan."
)


@pytest.fixture(scope="session")
def fifty_million_empty_rows() -> bytes:
    return bombs.empty_rows(50_000_000)  # 300 MB unpacked, about 430 KB


@pytest.fixture(scope="session")
def workbook_bombs(fifty_million_empty_rows) -> dict[str, tuple[bytes, str]]:
    """name: (file, the refusal the import answers)."""
    return {
        "50 million empty rows": (
            fifty_million_empty_rows,
            f"The workbook's part {WORKSHEET} unpacks to more than 32 MB; a plan of 10000 rows needs far "
            "less.",
        ),
        "2 million empty rows": (bombs.empty_rows(2_000_000), TOO_MANY_ROWS),
        "a 400 MB shared string": (
            bombs.long_shared_string(400 * 1024 * 1024),
            "The workbook's part xl/sharedStrings.xml unpacks to more than 16 MB; a plan of 10000 rows needs "
            "far less.",
        ),
        "a header understating the worksheet": (
            bombs.understated(fifty_million_empty_rows, WORKSHEET, 2_000),
            f"This is not a readable XLSX workbook (Bad CRC-32 for file '{WORKSHEET}').",
        ),
        "a header understating the worksheet past the row limit": (
            bombs.understated(fifty_million_empty_rows, WORKSHEET, 20_000_000),
            TOO_MANY_ROWS,
        ),
        "a DTD": (
            bombs.workbook(prolog=b'<!DOCTYPE worksheet [<!ENTITY name "Dig">]>'),
            f"The workbook's part {WORKSHEET} declares a DTD, which no workbook has; save the file again "
            "from Excel.",
        ),
    }


BOMB_NAMES = [
    "50 million empty rows",
    "2 million empty rows",
    "a 400 MB shared string",
    "a header understating the worksheet",
    "a header understating the worksheet past the row limit",
    "a DTD",
]


@pytest.fixture
def project():
    return PlannedProjectFactory()


def upload(content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("plan.xlsx", content)


@pytest.mark.parametrize("bomb", BOMB_NAMES)
def test_the_api_refuses_the_workbook_with_the_reason_and_imports_nothing(project, workbook_bombs, bomb):
    content, refusal = workbook_bombs[bomb]
    response = authenticated_client(project.project_manager).post(
        reverse("api:plan-import", kwargs={"project_id": project.pk}),
        {"file": upload(content)},
        format="multipart",
    )
    assert response.status_code == 400, response.content[:500]
    body = response.json()
    assert body["message"] == "The file was not imported: 1 problem(s) found."
    assert body["extra"]["problems"] == [{"row": None, "column": "", "message": refusal}]
    assert not Task.objects.filter(project=project).exists()


@pytest.mark.parametrize("bomb", ["50 million empty rows", "2 million empty rows", "a DTD"])
def test_the_import_page_shows_the_refusal_and_imports_nothing(client, project, workbook_bombs, bomb):
    content, refusal = workbook_bombs[bomb]
    client.force_login(project.project_manager)
    response = client.post(
        reverse("projects:plan_import", kwargs={"project_id": project.pk}), {"file": upload(content)}
    )
    assert response.status_code == 400
    assert refusal.replace("'", "&#x27;") in response.content.decode()
    assert not Task.objects.filter(project=project).exists()


def test_a_small_valid_workbook_still_imports(project):
    response = authenticated_client(project.project_manager).post(
        reverse("api:plan-import", kwargs={"project_id": project.pk}),
        {"file": upload(bombs.workbook())},
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    assert list(Task.objects.filter(project=project).values_list("name", flat=True)) == ["Dig"]
