"""Writes of status reports: start a period's draft (prefilled with its figures), edit it, submit it.

Rules:
- The project's PM and whoever may edit the project write its reports; under a directive PMO, PMO
  staff too (policy.may_write_status_report).
- One report per period of the project's cadence; a draft may be started for the current period or
  any earlier period the project owes, never for a later one.
- A draft is prefilled with the period's figures: the milestones hit (actual finish in the period)
  and slipped (baseline finish in the period or before, not finished by its end; the latest
  baseline), plus what the receivers of `status_report_figures` return (the reports app answers SPI
  and CPI). A figure nobody measures is null, shown as "not yet measured".
- Submitting needs every rating and a summary, and freezes the report: any later edit is refused.
- Every write marks the project's rollups stale in the same transaction.
"""

import json
import logging
from datetime import date
from typing import TypedDict

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from governance import policy
from governance.models import User
from projects.models import (
    RAG_FIELDS,
    Baseline,
    BaselineTask,
    Project,
    StatusReport,
    StatusReportState,
    Task,
)
from projects.selectors.projects import project_pmo_type
from projects.selectors.status_reports import report_schedule
from projects.services.editing import lock_project
from projects.services.rollup_marks import project_mark_stale
from projects.services.saving import refuse_unknown_fields

logger = logging.getLogger(__name__)

# Sent while a draft is prefilled, with project=, period_start= and period_end=; each receiver returns a
# dict of figures (JSON-serialisable: numbers, strings, lists, dicts; Decimal and dates are converted)
# merged into the draft's `figures`. The reports app answers "spi" and "cpi".
status_report_figures = Signal()

# Figures a draft always carries; null until someone measures them.
MEASURED_ELSEWHERE = ("spi", "cpi", "new_risks")


class StatusReportChanges(TypedDict, total=False):
    """The fields of a draft its authors may change."""

    overall_rag: str
    scope_rag: str
    schedule_rag: str
    cost_rag: str
    risk_rag: str
    quality_rag: str
    narrative: str
    achievements: str
    next_steps: str
    decisions_needed: str
    customer_satisfaction: int | None
    team_morale: int | None


STATUS_REPORT_EDITABLE_FIELDS = tuple(StatusReportChanges.__annotations__)


def _require_writer(actor: User, project: Project) -> None:
    if not policy.may_write_status_report(
        actor, project_manager_id=project.project_manager_id, pmo_type=project_pmo_type(project)
    ):
        raise PermissionDenied(_("You are not allowed to write this project's status reports."))


def _refuse_submitted(report: StatusReport) -> None:
    if report.is_submitted:
        raise ValidationError(
            {
                "state": _(
                    "This status report was submitted on %(day)s and is frozen: it can no longer be changed."
                )
                % {"day": timezone.localdate(report.submitted_at).isoformat()}
            }
        )


def _lock(report: StatusReport) -> tuple[StatusReport, Project]:
    """The project, then the report, locked in that order (as every project write locks)."""
    project = lock_project(report.project_id)
    locked = StatusReport.objects.select_for_update().get(pk=report.pk)
    locked.project = project
    return locked, project


def _json_ready(value):
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def period_figures(*, project: Project, period_start: date, period_end: date) -> dict:
    """The figures of a project's period a draft starts from: milestones hit and slipped (computed
    here), SPI, CPI and new risks from the receivers of `status_report_figures` (null without one)."""
    hit = (
        Task.objects.filter(
            project=project,
            is_milestone=True,
            actual_finish__gte=period_start,
            actual_finish__lte=period_end,
        )
        .order_by("actual_finish", "outline_order")
        .values("id", "name", "wbs_code", "actual_finish")
    )
    figures = {
        "milestones_hit": [
            {
                "task": row["id"],
                "name": row["name"],
                "wbs_code": row["wbs_code"],
                "date": row["actual_finish"],
            }
            for row in hit
        ],
        "milestones_slipped": _slipped_milestones(project, period_end),
        **dict.fromkeys(MEASURED_ELSEWHERE),
    }
    responses = status_report_figures.send_robust(
        sender=StatusReport, project=project, period_start=period_start, period_end=period_end
    )
    for receiver, response in responses:
        if isinstance(response, Exception):
            logger.warning("status_report_figures receiver %r failed: %s", receiver, response)
        elif isinstance(response, dict):
            figures.update(response)
    return _json_ready(figures)


def _slipped_milestones(project: Project, period_end: date) -> list[dict]:
    """Milestones of the latest baseline due by the period's end and not finished by then."""
    baseline = Baseline.objects.filter(project=project).order_by("-created_at", "-id").first()
    if baseline is None:
        return []
    rows = (
        BaselineTask.objects.filter(
            baseline=baseline, task__is_milestone=True, finish__isnull=False, finish__lte=period_end
        )
        .exclude(task__actual_finish__lte=period_end)
        .order_by("finish", "task__outline_order")
        .values("task_id", "task_name", "wbs_code", "finish", "task__planned_finish")
    )
    return [
        {
            "task": row["task_id"],
            "name": row["task_name"],
            "wbs_code": row["wbs_code"],
            "baseline_finish": row["finish"],
            "forecast_finish": row["task__planned_finish"],
        }
        for row in rows
    ]


@transaction.atomic
def status_report_create(
    *, actor: User, project: Project, period_start: date | None = None, today: date | None = None
) -> StatusReport:
    """Start the draft of a period (default: the current one), prefilled with the period's figures.

    `period_start` must be the first day of a period on the project's cadence, not after the current
    period; a period that already has a report is refused on `period_start`.
    """
    project = lock_project(project.pk)
    _require_writer(actor, project)
    today = today or timezone.localdate()
    schedule = report_schedule(project, today)
    period = schedule.current if period_start is None else schedule.period_of(period_start)
    if period.start != (period_start or period.start):
        raise ValidationError(
            {
                "period_start": _("A period on this project's cadence starts on %(start)s, not %(given)s.")
                % {"start": period.start.isoformat(), "given": period_start.isoformat()}
            }
        )
    if period.start > schedule.current.start:
        raise ValidationError(
            {"period_start": _("A status report cannot be written for a period that has not begun.")}
        )
    if StatusReport.objects.filter(project=project, period_start=period.start).exists():
        raise ValidationError(
            {"period_start": _("This project already has a status report for this period.")}
        )
    report = StatusReport(
        project=project,
        period_start=period.start,
        period_end=period.end,
        figures=period_figures(project=project, period_start=period.start, period_end=period.end),
        author=actor,
    )
    report.full_clean()
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError as error:  # a concurrent draft of the same period
        raise ValidationError(
            {"period_start": _("This project already has a status report for this period.")}
        ) from error
    project_mark_stale(project_ids=[project.pk])
    return report


@transaction.atomic
def status_report_update(*, actor: User, report: StatusReport, changes: StatusReportChanges) -> StatusReport:
    """Change the fields given of a draft; a submitted report is frozen and refused on `state`."""
    refuse_unknown_fields(changes, STATUS_REPORT_EDITABLE_FIELDS)
    report, project = _lock(report)
    _require_writer(actor, project)
    _refuse_submitted(report)
    for name, value in changes.items():
        setattr(report, name, value)
    report.full_clean()
    report.save()
    project_mark_stale(project_ids=[project.pk])
    return report


@transaction.atomic
def status_report_submit(*, actor: User, report: StatusReport) -> StatusReport:
    """Submit a draft, which freezes it; every rating and the summary are needed, each missing one
    named on its field."""
    report, project = _lock(report)
    _require_writer(actor, project)
    _refuse_submitted(report)
    missing = {name: _("Rate this before submitting.") for name in RAG_FIELDS if not getattr(report, name)}
    if not report.narrative.strip():
        missing["narrative"] = _("Write a summary before submitting.")
    if missing:
        raise ValidationError(missing)
    report.state = StatusReportState.SUBMITTED
    report.submitted_by = actor
    report.submitted_at = timezone.now()
    report.full_clean()
    report.save()
    project_mark_stale(project_ids=[project.pk])
    return report
