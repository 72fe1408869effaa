"""Addresses of a project's risk register and issue log, included under /projects/ in the "risks"
namespace (the PMO's portfolio risk pages have their own module)."""

from django.urls import path

from risks.views import issues, register, risks

app_name = "risks"

urlpatterns = [
    path("<int:project_id>/risks/", register.risk_register, name="register"),
    path("<int:project_id>/risks/new/", risks.risk_create_page, name="create"),
    path("<int:project_id>/risks/<int:risk_id>/", risks.risk_detail_page, name="detail"),
    path("<int:project_id>/risks/<int:risk_id>/edit/", risks.risk_edit, name="edit"),
    path("<int:project_id>/risks/<int:risk_id>/row/", register.risk_row, name="row"),
    path("<int:project_id>/risks/<int:risk_id>/rate/", register.risk_rate, name="rate"),
    path("<int:project_id>/risks/<int:risk_id>/move/", register.risk_move, name="move"),
    path("<int:project_id>/risks/<int:risk_id>/actions/add/", risks.action_add, name="action_add"),
    path(
        "<int:project_id>/risks/<int:risk_id>/actions/<int:action_id>/edit/",
        risks.action_edit,
        name="action_edit",
    ),
    path(
        "<int:project_id>/risks/<int:risk_id>/actions/<int:action_id>/done/",
        risks.action_done,
        name="action_done",
    ),
    path("<int:project_id>/issues/", issues.issue_log, name="issues"),
    path("<int:project_id>/issues/new/", issues.issue_create_page, name="issue_create"),
    path("<int:project_id>/issues/<int:issue_id>/edit/", issues.issue_edit, name="issue_edit"),
    path("<int:project_id>/issues/<int:issue_id>/resolve/", issues.issue_resolve_page, name="issue_resolve"),
    path("<int:project_id>/issues/<int:issue_id>/close/", issues.issue_close_page, name="issue_close"),
]
