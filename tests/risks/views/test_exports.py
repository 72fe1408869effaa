"""The register's exports: every field, the register's filters, headers in the reader's language, and
text a spreadsheet would run as a formula kept as text."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import RiskFactory

pytestmark = pytest.mark.django_db


def csv_rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def export_url(project, extension: str) -> str:
    return reverse(f"risk_tools:register_{extension}", kwargs={"project_id": project.pk})


def test_the_csv_holds_every_risk_of_the_project_and_its_fields(client, world, project):
    RiskFactory(
        project=project, title="Supplier delivers late", cause="One supplier", probability=4, impact=5
    )
    RiskFactory(project=world.project_of_pm2, title="Not this project")
    client.force_login(world.sponsor)
    response = client.get(export_url(project, "csv"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith(f'attachment; filename="{project.code}-risks-')
    header, *rows = csv_rows(response)
    assert header[:4] == ["ID", "Project", "Kind", "Title"] and "Residual reason" in header
    assert len(rows) == 1
    row = dict(zip(header, rows[0], strict=True))
    assert (row["Title"], row["Cause"], row["Score"], row["Level"], row["Status"]) == (
        "Supplier delivers late",
        "One supplier",
        "20",
        "Critical",
        "Identified",
    )
    assert row["Project"] == project.code and row["Owner"] == world.pm1.get_full_name()


def test_the_register_filters_apply_to_the_export(client, world, project):
    RiskFactory(project=project, title="Late", category="schedule", probability=1, impact=1)
    RiskFactory(project=project, title="Costly", category="cost", probability=5, impact=5, owner=world.member)
    client.force_login(world.pm1)
    titles = lambda query: [row[3] for row in csv_rows(client.get(export_url(project, "csv"), query))[1:]]  # noqa: E731
    assert titles({"category": "schedule"}) == ["Late"]
    assert titles({"level": "critical"}) == ["Costly"]
    assert titles({"owner": world.member.pk}) == ["Costly"]
    assert titles({"status": "closed"}) == []
    assert sorted(titles({"owner": "nobody"})) == ["Costly", "Late"]


def test_headers_are_in_chinese_for_a_chinese_reader(client, world, project):
    RiskFactory(project=project, title="供应商延期")
    client.force_login(world.pm1)
    client.cookies["django_language"] = "zh-hans"
    with translation.override("zh-hans"):
        expected_title = translation.gettext("Title")
        expected_status = translation.gettext("Identified")
    header, row = csv_rows(client.get(export_url(project, "csv")))
    assert (header[1], header[3]) == ("项目", "标题") and header[3] == expected_title
    assert row[3] == "供应商延期"
    assert expected_status in row
    workbook = openpyxl.load_workbook(io.BytesIO(client.get(export_url(project, "xlsx")).content))
    sheet = workbook.active
    assert sheet.cell(row=1, column=4).value == expected_title
    # Chinese reaches the file whole; the catalog may still miss some words, shown then in English.
    assert sheet.cell(row=2, column=4).value == "供应商延期"


def test_a_title_that_looks_like_a_formula_is_written_as_text(client, world, project):
    RiskFactory(project=project, title='=HYPERLINK("http://evil")', cause="+1+2", effect="@SUM(A1)")
    client.force_login(world.pm1)
    header, row = csv_rows(client.get(export_url(project, "csv")))
    values = dict(zip(header, row, strict=True))
    assert values["Title"] == '\'=HYPERLINK("http://evil")'
    assert values["Cause"] == "'+1+2" and values["Effect"] == "'@SUM(A1)"
    response = client.get(export_url(project, "xlsx"))
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    cell = openpyxl.load_workbook(io.BytesIO(response.content)).active.cell(row=2, column=4)
    assert cell.value == '=HYPERLINK("http://evil")' and cell.data_type == "s"


def test_a_hidden_project_has_no_export(client, world, project):
    client.force_login(world.outsider)
    assert client.get(export_url(project, "csv")).status_code == 404
    assert client.get(export_url(project, "xlsx")).status_code == 404
