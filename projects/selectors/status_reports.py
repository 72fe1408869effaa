"""Reads of status reports: a project's reports and the periods it owes, the latest submitted report of
many projects, punctuality in bulk (compliance and the PMO's performance read it), and the PMO's list
of late and missing reports across projects.

Everything across projects is read in a fixed number of queries, whatever the number of projects: their
methodology versions' cadence, their calendars with exceptions, the first day active of projects without
a start date, and the reports themselves.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Min, OuterRef, QuerySet, Subquery
from django.utils import timezone

from governance import policy
from governance.models import MethodologyVersion
from governance.standards import ReportCadence
from projects.models import Project, ProjectCalendar, Status, StatusReport, StatusReportState
from projects.selectors.projects import Viewer, project_list, project_pmo_type, project_visibility_filter
from projects.status_periods import Period, Punctuality, Summary, current_period, periods_due, summarise
from projects.workcalendar import (
    MONDAY_TO_FRIDAY,
    WorkCalendar,
    official_calendar,
    project_work_calendar,
    weekdays_from_mask,
)

# Only these projects owe reports; a closed one up to its finish.
REPORTING_STATUSES = (Status.ACTIVE, Status.CLOSED)


def status_report_list(*, project: Project) -> QuerySet[StatusReport]:
    """The project's status reports, newest period first, with their author and submitter."""
    return (
        StatusReport.objects.filter(project=project)
        .select_related("author", "submitted_by")
        .order_by("-period_start")
    )


def status_report_detail(*, user: Viewer, project_id: int, report_id: int) -> StatusReport:
    """One status report of a project the user may see, its project and people joined;
    StatusReport.DoesNotExist when unknown, hidden or of another project."""
    visible = Project.objects.filter(project_visibility_filter(user))
    return (
        StatusReport.objects.filter(project__in=visible, project_id=project_id)
        .select_related(
            "project__portfolio",
            "project__project_manager",
            "project__methodology_version",
            "author",
            "submitted_by",
        )
        .get(pk=report_id)
    )


def latest_submitted_reports(project_ids: Iterable[int]) -> dict[int, StatusReport]:
    """Each project's submitted report of the latest period, by project id, in one query (the rollups
    read customer satisfaction and team morale from it); projects without one are left out."""
    latest = (
        StatusReport.objects.filter(project=OuterRef("project"), state=StatusReportState.SUBMITTED)
        .order_by("-period_start")
        .values("pk")[:1]
    )
    reports = StatusReport.objects.filter(
        project_id__in=list(project_ids), state=StatusReportState.SUBMITTED, pk=Subquery(latest)
    )
    return {report.project_id: report for report in reports}


# --- periods and punctuality ---------------------------------------------------------------------


@dataclass(frozen=True)
class PeriodRow:
    """One period a project owes (or is in), its report if any, and how the report stands."""

    period: Period
    report: StatusReport | None
    punctuality: Punctuality

    @property
    def status(self) -> str:
        """submitted, late, missing, draft or open: what the project's list shows for the period."""
        if self.report is not None and self.report.is_submitted:
            return "late" if self.punctuality == Punctuality.LATE else "submitted"
        if self.punctuality == Punctuality.MISSING:
            return "missing"
        return "draft" if self.report is not None else "open"


@dataclass(frozen=True)
class ReportSchedule:
    """A project's reporting: its cadence and calendar, the periods due with their reports, the current
    period, and the counts of on-time, late and missing reports."""

    project: Project
    cadence: str
    calendar: WorkCalendar
    rows: tuple[PeriodRow, ...]
    summary: Summary
    current: Period
    owes_reports: bool
    # Reports of periods not (yet) due, such as the current period's draft.
    other_reports: tuple[StatusReport, ...] = ()

    @property
    def cadence_label(self) -> str:
        return (
            str(ReportCadence(self.cadence).label) if self.cadence in ReportCadence.values else self.cadence
        )

    def period_of(self, day: date) -> Period:
        return current_period(self.cadence, day, self.calendar)


def _submitted_on(report: StatusReport) -> date | None:
    if report.state != StatusReportState.SUBMITTED or report.submitted_at is None:
        return None
    return timezone.localdate(report.submitted_at)


def _calendars(ids: list[int]) -> dict[int, WorkCalendar]:
    """Each project's work calendar (the default week where it has none): two queries."""
    built: dict[tuple, WorkCalendar] = {}
    calendars = {}
    rows = ProjectCalendar.objects.filter(project_id__in=ids).prefetch_related("holidays")
    for row in rows:
        exceptions = tuple(sorted((holiday.date, holiday.working) for holiday in row.holidays.all()))
        key = (row.working_weekdays, row.official_holidays, exceptions)
        if key not in built:
            built[key] = project_work_calendar(
                working_weekdays=frozenset(weekdays_from_mask(row.working_weekdays)),
                official=official_calendar(row.official_holidays),
                exceptions=dict(exceptions),
            )
        calendars[row.project_id] = built[key]
    return calendars


def _days_by_status(projects: list[Project]) -> dict[tuple[int, str], date]:
    """The first day each project without a start date (or a closed one without a finish) was active,
    or closed, from its history: one query, none when every project has its dates."""
    needed = [
        project.pk
        for project in projects
        if project.status in REPORTING_STATUSES
        and (project.start_date is None or (project.status == Status.CLOSED and project.finish_date is None))
    ]
    if not needed:
        return {}
    rows = (
        Project.history.filter(id__in=needed, status__in=REPORTING_STATUSES)
        .values("id", "status")
        .annotate(first=Min("history_date"))
    )
    return {(row["id"], row["status"]): timezone.localdate(row["first"]) for row in rows}


def report_schedules(
    projects: Iterable[Project], today: date | None = None, *, with_authors: bool = True
) -> dict[int, ReportSchedule]:
    """The reporting of each project on `today` (default: today), by project id, in at most five
    queries whatever their number. Without authors the reports carry only what punctuality needs."""
    projects = list(projects)
    today = today or timezone.localdate()
    if not projects:
        return {}
    ids = [project.pk for project in projects]
    version_ids = {project.methodology_version_id for project in projects if project.methodology_version_id}
    cadences = dict(MethodologyVersion.objects.filter(pk__in=version_ids).values_list("pk", "report_cadence"))
    calendars = _calendars(ids)
    status_days = _days_by_status(projects)
    reports = defaultdict(dict)
    own_reports = StatusReport.objects.filter(project_id__in=ids)
    own_reports = (
        own_reports.select_related("author", "submitted_by")
        if with_authors
        else own_reports.only("project_id", "period_start", "state", "submitted_at")
    )
    for report in own_reports:
        reports[report.project_id][report.period_start] = report
    default_calendar = WorkCalendar(working_weekdays=MONDAY_TO_FRIDAY)
    schedules = {}
    for project in projects:
        cadence = cadences.get(project.methodology_version_id, ReportCadence.WEEKLY)
        calendar = calendars.get(project.pk, default_calendar)
        own = reports[project.pk]
        first_day = project.start_date or status_days.get((project.pk, Status.ACTIVE))
        last_day = None
        if project.status == Status.CLOSED:
            last_day = project.finish_date or status_days.get((project.pk, Status.CLOSED)) or today
        owes = project.status in REPORTING_STATUSES and first_day is not None
        periods = (
            periods_due(
                cadence=cadence, first_day=first_day, today=today, calendar=calendar, last_day=last_day
            )
            if owes
            else []
        )
        submitted = {start: day for start, report in own.items() if (day := _submitted_on(report))}
        summary, punctual = summarise(periods, submitted, today)
        rows = tuple(
            PeriodRow(period=period, report=own.get(period.start), punctuality=state)
            for period, state in punctual
        )
        due_starts = {period.start for period in periods}
        schedules[project.pk] = ReportSchedule(
            project=project,
            cadence=cadence,
            calendar=calendar,
            rows=rows,
            summary=summary,
            current=current_period(cadence, today, calendar),
            owes_reports=owes,
            other_reports=tuple(
                report for start, report in sorted(own.items(), reverse=True) if start not in due_starts
            ),
        )
    return schedules


def report_schedule(project: Project, today: date | None = None) -> ReportSchedule:
    """The reporting of one project (see report_schedules)."""
    return report_schedules([project], today)[project.pk]


def report_punctuality(projects: Iterable[Project], today: date | None = None) -> dict[int, Summary]:
    """{project id: (periods due, on time, late, missing)} in a constant number of queries."""
    return {
        project_id: schedule.summary
        for project_id, schedule in report_schedules(projects, today, with_authors=False).items()
    }


def may_write_status_reports(*, user: Viewer, project: Project) -> bool:
    """Whether the user may write the project's status reports, under the PMO type that governs it."""
    return policy.may_write_status_report(
        user, project_manager_id=project.project_manager_id, pmo_type=project_pmo_type(project)
    )


# --- the PMO's list ------------------------------------------------------------------------------


@dataclass(frozen=True)
class OverdueReport:
    """A period whose report came late or is missing, on one project."""

    project: Project
    row: PeriodRow


def late_and_missing_reports(*, user: Viewer, today: date | None = None) -> list[OverdueReport]:
    """The late and missing status reports of the projects the user sees: missing first, then late,
    each oldest period first."""
    projects = project_list(user=user).filter(status__in=REPORTING_STATUSES)
    rows = []
    for schedule in report_schedules(projects, today).values():
        rows += [
            OverdueReport(project=schedule.project, row=row)
            for row in schedule.rows
            if row.status in ("late", "missing")
        ]
    return sorted(
        rows,
        key=lambda item: (item.row.status != "missing", item.row.period.start, item.project.code),
    )
