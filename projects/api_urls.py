"""Addresses of the projects API, included under /api/ in the "api" namespace."""

from django.urls import path, re_path

from projects.apis import (
    baselines,
    calendars,
    changes,
    compliance,
    costs,
    dependencies,
    evaluations,
    gates,
    imports,
    knowledge,
    memberships,
    plans,
    portfolios,
    projects,
    scheduling,
    status_reports,
    tasks,
)

urlpatterns = [
    path("portfolios/", portfolios.PortfolioListApi.as_view(), name="portfolio-list"),
    path("portfolios/<int:pk>/", portfolios.PortfolioDetailApi.as_view(), name="portfolio-detail"),
    path("programs/", portfolios.ProgramListApi.as_view(), name="program-list"),
    path("programs/<int:pk>/", portfolios.ProgramDetailApi.as_view(), name="program-detail"),
    path("projects/", projects.ProjectListApi.as_view(), name="project-list"),
    path("projects/<int:pk>/", projects.ProjectDetailApi.as_view(), name="project-detail"),
    path("projects/<int:pk>/history/", projects.ProjectHistoryApi.as_view(), name="project-history"),
    path(
        "projects/<int:project_id>/comments/", knowledge.ProjectCommentListApi.as_view(), name="comment-list"
    ),
    path(
        "projects/<int:project_id>/lessons/",
        knowledge.ProjectLessonListApi.as_view(),
        name="project-lesson-list",
    ),
    path("lessons/", knowledge.LessonListApi.as_view(), name="lesson-list"),
    path("memberships/", memberships.MembershipListApi.as_view(), name="membership-list"),
    path("memberships/<int:pk>/", memberships.MembershipDetailApi.as_view(), name="membership-detail"),
    path("schedule/", scheduling.ScheduleApi.as_view(), name="schedule"),
    # Plans
    path("projects/<int:project_id>/plan/", plans.PlanApi.as_view(), name="plan-detail"),
    path("projects/<int:project_id>/schedule/", plans.PlanScheduleApi.as_view(), name="plan-schedule"),
    path("projects/<int:project_id>/tasks/", tasks.TaskListApi.as_view(), name="task-list"),
    path("tasks/<int:pk>/", tasks.TaskDetailApi.as_view(), name="task-detail"),
    path("tasks/<int:pk>/indent/", tasks.TaskIndentApi.as_view(), name="task-indent"),
    path("tasks/<int:pk>/outdent/", tasks.TaskOutdentApi.as_view(), name="task-outdent"),
    path("tasks/<int:pk>/move/", tasks.TaskMoveApi.as_view(), name="task-move"),
    path("tasks/<int:pk>/cost-entries/", costs.CostEntryListApi.as_view(), name="task-cost-entries"),
    path(
        "projects/<int:project_id>/dependencies/",
        dependencies.DependencyListApi.as_view(),
        name="dependency-list",
    ),
    path("dependencies/<int:pk>/", dependencies.DependencyDetailApi.as_view(), name="dependency-detail"),
    path("projects/<int:project_id>/baselines/", baselines.BaselineListApi.as_view(), name="baseline-list"),
    path("baselines/<int:pk>/", baselines.BaselineDetailApi.as_view(), name="baseline-detail"),
    path("projects/<int:project_id>/calendar/", calendars.CalendarApi.as_view(), name="plan-calendar"),
    # Plan files. Not ?format=: DRF reserves that parameter for choosing its own renderer.
    re_path(
        r"^projects/(?P<project_id>[0-9]+)/plan/export\.(?P<file_format>csv|xlsx|xml)$",
        imports.PlanExportApi.as_view(),
        name="plan-export",
    ),
    path("projects/<int:project_id>/plan/import/", imports.PlanImportApi.as_view(), name="plan-import"),
    # Change requests
    path(
        "projects/<int:project_id>/change-requests/",
        changes.ChangeRequestListApi.as_view(),
        name="change-request-list",
    ),
    path("change-requests/<int:pk>/", changes.ChangeRequestDetailApi.as_view(), name="change-request-detail"),
    path(
        "change-requests/<int:pk>/submit/",
        changes.ChangeRequestSubmitApi.as_view(),
        name="change-request-submit",
    ),
    path(
        "change-requests/<int:pk>/decision/",
        changes.ChangeRequestDecisionApi.as_view(),
        name="change-request-decision",
    ),
    # Status reports
    path(
        "projects/<int:project_id>/status-reports/",
        status_reports.StatusReportListApi.as_view(),
        name="status-report-list",
    ),
    path(
        "projects/<int:project_id>/status-reports/<int:pk>/",
        status_reports.StatusReportDetailApi.as_view(),
        name="status-report-detail",
    ),
    path(
        "projects/<int:project_id>/status-reports/<int:pk>/submit/",
        status_reports.StatusReportSubmitApi.as_view(),
        name="status-report-submit",
    ),
    # Governance: deliverables, gate reviews, phase moves, waivers
    path(
        "projects/<int:project_id>/deliverables/", gates.DeliverableListApi.as_view(), name="deliverable-list"
    ),
    path("deliverables/<int:pk>/submit/", gates.DeliverableSubmitApi.as_view(), name="deliverable-submit"),
    path("deliverables/<int:pk>/accept/", gates.DeliverableAcceptApi.as_view(), name="deliverable-accept"),
    path("deliverables/<int:pk>/return/", gates.DeliverableReturnApi.as_view(), name="deliverable-return"),
    path(
        "projects/<int:project_id>/gate-reviews/", gates.GateReviewListApi.as_view(), name="gate-review-list"
    ),
    path("gate-reviews/<int:pk>/decision/", gates.GateDecisionApi.as_view(), name="gate-review-decision"),
    path("projects/<int:project_id>/phase/", gates.PhaseMoveApi.as_view(), name="project-phase"),
    path("projects/<int:project_id>/waivers/", gates.WaiverListApi.as_view(), name="waiver-list"),
    path("follow-ups/<int:pk>/", gates.FollowUpDetailApi.as_view(), name="follow-up-detail"),
    # Compliance: one project's, and the PMO's view across projects
    path(
        "projects/<int:project_id>/compliance/",
        compliance.ProjectComplianceApi.as_view(),
        name="project-compliance",
    ),
    path("compliance/", compliance.ComplianceListApi.as_view(), name="compliance-list"),
    # Post-project evaluation of a closed project
    path("projects/<int:project_id>/evaluation/", evaluations.EvaluationApi.as_view(), name="evaluation"),
    path(
        "projects/<int:project_id>/evaluation/submit/",
        evaluations.EvaluationSubmitApi.as_view(),
        name="evaluation-submit",
    ),
]
