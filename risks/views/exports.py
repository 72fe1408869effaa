"""Downloads of a project's risk register as CSV or XLSX, with the register page's filters applied."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils import timezone

from governance.selectors import risk_standards
from risks.register_io import register_rows, write_register_csv, write_register_xlsx
from risks.selectors.risks import risk_list
from risks.views.schedule_risk import visible_project_or_404

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _register_filters(query) -> dict:
    """The register page's filters from the query string; an owner that is not an id filters nothing."""
    owner = query.get("owner", "").strip()
    return {
        "category": query.get("category", "").strip(),
        "level": query.get("level", "").strip(),
        "status": query.get("status", "").strip(),
        "owner_id": int(owner) if owner.isdigit() and len(owner) < 10 else None,
    }


def _rows(request, project):
    standards = risk_standards()
    risks = risk_list(
        user=request.user, project_id=project.pk, standards=standards, **_register_filters(request.GET)
    ).select_related("created_by")
    return register_rows(risks, standards)


def _download(content: bytes, content_type: str, project, extension: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    name = f"{project.code}-risks-{timezone.localdate():%Y%m%d}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def register_csv(request, project_id: int):
    """The project's risks as CSV (UTF-8 with a BOM), headers in the reader's language."""
    project = visible_project_or_404(request.user, project_id)
    return _download(write_register_csv(_rows(request, project)), "text/csv; charset=utf-8", project, "csv")


@login_required
def register_xlsx(request, project_id: int):
    """The project's risks as an XLSX workbook, headers in the reader's language."""
    project = visible_project_or_404(request.user, project_id)
    content = write_register_xlsx(_rows(request, project), title=project.code)
    return _download(content, XLSX_TYPE, project, "xlsx")
