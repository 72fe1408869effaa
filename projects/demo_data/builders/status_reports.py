"""The demo's status reports: every period each active (and closed) project owed so far, submitted on the
day it was due, so that the reports pages, compliance and the dashboards show real figures; with one
report submitted late and one missing on purpose, and the current week's draft of one project.

Written once per project: a project that already has status reports is left as it is, so a second run of
seed_demo keeps what users wrote.
"""

from collections import Counter
from datetime import datetime, time

from django.utils import timezone

from projects.models import Project, StatusReport, StatusReportState
from projects.selectors.status_reports import REPORTING_STATUSES, report_schedules
from projects.services.status_reports import period_figures

# (project code, how many periods before the last one due): submitted four working days late.
LATE = ("DT-ERP-02", 2)
# (project code, how many periods before the last one due): never written.
MISSING = ("INF-SEC-01", 3)
# The project whose current week has a draft already.
DRAFTING = "DT-ERP-01"

# Ratings of the dimensions by week, cycled: (overall, scope, schedule, cost, risk, quality).
RATINGS = (
    ("green", "green", "green", "green", "amber", "green"),
    ("amber", "green", "amber", "green", "amber", "green"),
    ("green", "green", "green", "amber", "green", "green"),
    ("amber", "amber", "amber", "green", "red", "green"),
    ("green", "green", "green", "green", "green", "green"),
)
NARRATIVES = (
    "按计划推进，本周完成既定工作。 On plan: this week's work is done.",
    "接口联调比计划慢两天，已增派人手。 Integration testing is two days behind; more people assigned.",
    "供应商交付延期风险已缓解。 The supplier's delivery risk is mitigated.",
    "关键资源冲突，需要 PMO 协调。 A key resource is double-booked: the PMO is asked to decide.",
)
RAG_NAMES = ("overall_rag", "scope_rag", "schedule_rag", "cost_rag", "risk_rag", "quality_rag")
NOT_MEASURED = {"milestones_hit": [], "milestones_slipped": [], "spi": None, "cpi": None, "new_risks": None}


def _at(day, hour: int):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def seed_demo_status_reports(*, tally: Counter) -> None:
    now = timezone.now()
    today = timezone.localdate()
    projects = list(
        Project.objects.filter(status__in=REPORTING_STATUSES)
        .select_related("project_manager")
        .order_by("code")
    )
    written = set(
        StatusReport.objects.filter(project__in=projects).values_list("project_id", flat=True).distinct()
    )
    rows = []
    for schedule in report_schedules([p for p in projects if p.pk not in written], today).values():
        project = schedule.project
        periods = [row.period for row in schedule.rows]
        for number, period in enumerate(periods):
            from_last = len(periods) - 1 - number
            if (project.code, from_last) == MISSING:
                continue
            submitted = period.due
            if (project.code, from_last) == LATE:
                submitted = schedule.calendar.add_working_days(period.late_after, 2)
            ratings = RATINGS[number % len(RATINGS)]
            rows.append(
                StatusReport(
                    project=project,
                    period_start=period.start,
                    period_end=period.end,
                    state=StatusReportState.SUBMITTED,
                    **dict(zip(RAG_NAMES, ratings, strict=True)),
                    narrative=NARRATIVES[number % len(NARRATIVES)],
                    achievements="完成本期里程碑准备。 Milestone preparation finished.",
                    next_steps="继续执行计划。 Carry on with the plan.",
                    customer_satisfaction=3 + number % 3,
                    team_morale=3 + (number + 1) % 3,
                    figures=NOT_MEASURED,
                    author=project.project_manager,
                    submitted_by=project.project_manager,
                    submitted_at=min(_at(submitted, 10), now),
                )
            )
        if project.code == DRAFTING:
            rows.append(
                StatusReport(
                    project=project,
                    period_start=schedule.current.start,
                    period_end=schedule.current.end,
                    overall_rag="green",
                    narrative="本周草稿。 This week's draft.",
                    figures=period_figures(
                        project=project, period_start=schedule.current.start, period_end=schedule.current.end
                    ),
                    author=project.project_manager,
                )
            )
    StatusReport.objects.bulk_create(rows)
    tally[("status_reports", "created")] += len(rows)
    tally[("status_reports", "existing")] += StatusReport.objects.filter(project_id__in=written).count()
