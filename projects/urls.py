"""Addresses of the project pages, included under /projects/ in the "projects" namespace."""

from django.urls import path

from projects.views import (
    burndown,
    calendars,
    changes,
    charters,
    compliance,
    evaluations,
    gates,
    imports,
    knowledge,
    methodologies,
    plans,
    projects,
    status_reports,
    tasks,
)

app_name = "projects"

urlpatterns = [
    path("", projects.project_list, name="list"),
    path("new/", projects.project_create, name="create"),
    path("lessons/", knowledge.lesson_search, name="lessons"),
    path("compliance/", compliance.compliance_list, name="compliance"),
    path("status-reports/late/", status_reports.late_and_missing, name="status_reports_late"),
    path("changes/awaiting/", changes.change_requests_awaiting_me, name="change_requests_awaiting"),
    path("<int:project_id>/", projects.project_detail, name="detail"),
    path("<int:project_id>/edit/", projects.project_edit, name="edit"),
    path("<int:project_id>/history/", projects.project_history, name="history"),
    path("<int:project_id>/team/add/", projects.membership_add, name="membership_add"),
    path(
        "<int:project_id>/team/<int:membership_id>/role/",
        projects.membership_change,
        name="membership_change",
    ),
    path(
        "<int:project_id>/team/<int:membership_id>/remove/",
        projects.membership_remove,
        name="membership_remove",
    ),
    path("<int:project_id>/lessons/add/", knowledge.lesson_add, name="lesson_add"),
    path("<int:project_id>/comments/add/", knowledge.comment_add, name="comment_add"),
    path("<int:project_id>/charter/", charters.charter_edit, name="charter"),
    path("<int:project_id>/charter/print/", charters.charter_print, name="charter_print"),
    path(
        "methodology-versions/<int:version_id>/move/",
        methodologies.methodology_move,
        name="methodology_move",
    ),
    # Plans
    path("<int:project_id>/plan/", plans.plan, name="plan"),
    path("<int:project_id>/plan/baselines/save/", plans.baseline_save, name="plan_baseline_save"),
    path("<int:project_id>/plan/burndown/", burndown.burndown, name="plan_burndown"),
    path("<int:project_id>/plan/calendar/", calendars.calendar, name="plan_calendar"),
    path("<int:project_id>/plan/import/", imports.plan_import, name="plan_import"),
    path("<int:project_id>/plan/tasks/<int:task_id>/", tasks.task_details, name="plan_task"),
    path("<int:project_id>/plan/tasks/<int:task_id>/update/", tasks.task_update, name="plan_task_update"),
    path(
        "<int:project_id>/plan/tasks/<int:task_id>/costs/add/",
        tasks.cost_entry_add,
        name="plan_cost_entry_add",
    ),
    # Change requests
    path("<int:project_id>/changes/", changes.change_request_list, name="change_requests"),
    path("<int:project_id>/changes/new/", changes.change_request_create, name="change_request_create"),
    path(
        "<int:project_id>/changes/<int:change_request_id>/",
        changes.change_request_detail,
        name="change_request",
    ),
    path(
        "<int:project_id>/changes/<int:change_request_id>/edit/",
        changes.change_request_edit,
        name="change_request_edit",
    ),
    path(
        "<int:project_id>/changes/<int:change_request_id>/submit/",
        changes.change_request_submit,
        name="change_request_submit",
    ),
    path(
        "<int:project_id>/changes/<int:change_request_id>/decision/",
        changes.change_request_decide,
        name="change_request_decide",
    ),
    path(
        "<int:project_id>/changes/<int:change_request_id>/withdraw/",
        changes.change_request_withdraw,
        name="change_request_withdraw",
    ),
    # Status reports
    path("<int:project_id>/status-reports/", status_reports.status_report_list, name="status_reports"),
    path(
        "<int:project_id>/status-reports/new/",
        status_reports.status_report_create,
        name="status_report_create",
    ),
    path(
        "<int:project_id>/status-reports/<int:report_id>/",
        status_reports.status_report_detail,
        name="status_report",
    ),
    path(
        "<int:project_id>/status-reports/<int:report_id>/edit/",
        status_reports.status_report_edit,
        name="status_report_edit",
    ),
    path(
        "<int:project_id>/status-reports/<int:report_id>/submit/",
        status_reports.status_report_submit,
        name="status_report_submit",
    ),
    # Governance
    path("<int:project_id>/gate-reviews/request/", gates.gate_review_request, name="gate_review_request"),
    path("<int:project_id>/gate-reviews/<int:review_id>/", gates.gate_review, name="gate_review"),
    path("<int:project_id>/phase/", gates.phase_move, name="phase_move"),
    path("<int:project_id>/deliverables/<slug:kind>/", gates.deliverable_edit, name="deliverable_edit"),
    path(
        "<int:project_id>/deliverables/<int:deliverable_id>/review/",
        gates.deliverable_action,
        name="deliverable_action",
    ),
    path(
        "<int:project_id>/deliverables/<int:deliverable_id>/file/",
        gates.deliverable_file,
        name="deliverable_file",
    ),
    path("<int:project_id>/waivers/", gates.waivers, name="waivers"),
    # Post-project evaluation
    path("<int:project_id>/evaluation/", evaluations.evaluation, name="evaluation"),
    path("<int:project_id>/evaluation/submit/", evaluations.evaluation_submit, name="evaluation_submit"),
]
