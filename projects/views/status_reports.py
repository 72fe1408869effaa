"""Status report pages: a project's periods and reports, a draft's form, submitting with a confirmation,
the read-only (printable) report, and the PMO's late and missing reports across projects. Adapters
only: the services decide and write."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance import policy
from projects.forms.errors import add_service_error
from projects.forms.status_reports import StatusReportForm
from projects.models import StatusReport
from projects.selectors import status_reports as report_selectors
from projects.services import status_reports as report_services
from projects.views.projects import visible_project_or_404

PAGE_SIZE = 26  # half a year of weekly reports


def _report_or_404(user, project_id: int, report_id: int) -> StatusReport:
    try:
        return report_selectors.status_report_detail(user=user, project_id=project_id, report_id=report_id)
    except StatusReport.DoesNotExist as error:
        raise Http404(_("No such status report.")) from error


def _frozen_message(report: StatusReport) -> str:
    return _("This status report was submitted on %(day)s and is frozen: it can no longer be changed.") % {
        "day": timezone.localdate(report.submitted_at).isoformat()
    }


@login_required
def status_report_list(request, project_id: int):
    """Every period the project owes, newest first, each submitted, late, missing or in draft, and the
    button that starts the current period's draft."""
    project = visible_project_or_404(request.user, project_id)
    schedule = report_selectors.report_schedule(project)
    rows = list(reversed(schedule.rows))
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    current_report = next(
        (report for report in schedule.other_reports if report.period_start == schedule.current.start), None
    )
    return render(
        request,
        "projects/status_report_list.html",
        {
            "project": project,
            "schedule": schedule,
            "page_obj": page,
            "current_report": current_report,
            # The current period's draft, and any report of a period not due yet.
            "upcoming_reports": schedule.other_reports,
            "may_write": report_selectors.may_write_status_reports(user=request.user, project=project),
        },
    )


def _parse_day(raw: str | None) -> date | None:
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


@login_required
@require_POST
def status_report_create(request, project_id: int):
    """Start a period's draft (the current period's, or an earlier one the project owes)."""
    project = visible_project_or_404(request.user, project_id)
    raw = request.POST.get("period_start")
    period_start = _parse_day(raw)
    if raw and period_start is None:
        messages.error(request, _("The period's first day is not a date."))
        return redirect("projects:status_reports", project_id=project.pk)
    try:
        report = report_services.status_report_create(
            actor=request.user, project=project, period_start=period_start
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("projects:status_reports", project_id=project.pk)
    messages.success(request, _("Draft started with the period's figures: fill it in, then submit it."))
    return redirect("projects:status_report_edit", project_id=project.pk, report_id=report.pk)


@login_required
def status_report_edit(request, project_id: int, report_id: int):
    """Fill in a draft; a submitted report is frozen and sends the reader to it with the reason."""
    report = _report_or_404(request.user, project_id, report_id)
    project = report.project
    if not report_selectors.may_write_status_reports(user=request.user, project=project):
        raise PermissionDenied(_("You are not allowed to write this project's status reports."))
    if report.is_submitted:
        messages.error(request, _frozen_message(report))
        return redirect("projects:status_report", project_id=project.pk, report_id=report.pk)
    form = StatusReportForm(request.POST or None, instance=report)
    if request.method == "POST" and form.is_valid():
        try:
            report_services.status_report_update(
                actor=request.user,
                report=report,
                changes={name: form.cleaned_data[name] for name in form.changed_data},
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Draft saved."))
            return redirect("projects:status_report", project_id=project.pk, report_id=report.pk)
    return render(
        request,
        "projects/status_report_form.html",
        {"project": project, "report": report, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def status_report_submit(request, project_id: int, report_id: int):
    """Ask for confirmation (GET), then submit the draft (POST), which freezes it."""
    report = _report_or_404(request.user, project_id, report_id)
    project = report.project
    if not report_selectors.may_write_status_reports(user=request.user, project=project):
        raise PermissionDenied(_("You are not allowed to write this project's status reports."))
    if report.is_submitted:
        messages.error(request, _frozen_message(report))
        return redirect("projects:status_report", project_id=project.pk, report_id=report.pk)
    errors = []
    if request.method == "POST":
        try:
            report_services.status_report_submit(actor=request.user, report=report)
        except ValidationError as error:
            errors = [
                f"{StatusReport._meta.get_field(name).verbose_name}: {message}"
                if name in {field.name for field in StatusReport._meta.fields}
                else message
                for name, items in error.message_dict.items()
                for message in items
            ]
        else:
            messages.success(request, _("Status report submitted: it is now frozen."))
            return redirect("projects:status_report", project_id=project.pk, report_id=report.pk)
    return render(
        request,
        "projects/status_report_submit.html",
        {"project": project, "report": report, "errors": errors},
        status=400 if errors else 200,
    )


@login_required
def status_report_detail(request, project_id: int, report_id: int):
    """One report, read only and printable, with the figures it was prefilled with."""
    report = _report_or_404(request.user, project_id, report_id)
    project = report.project
    return render(
        request,
        "projects/status_report_detail.html",
        {
            "project": project,
            "report": report,
            "may_write": not report.is_submitted
            and report_selectors.may_write_status_reports(user=request.user, project=project),
        },
    )


@login_required
def late_and_missing(request):
    """The PMO's list of late and missing status reports across the projects it sees."""
    if not policy.may_view_compliance_overview(request.user):
        raise PermissionDenied(_("Only PMO staff see the late and missing status reports across projects."))
    rows = report_selectors.late_and_missing_reports(user=request.user)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "projects/status_reports_late.html",
        {
            "page_obj": page,
            "missing_count": sum(1 for row in rows if row.row.status == "missing"),
            "late_count": sum(1 for row in rows if row.row.status == "late"),
        },
    )
