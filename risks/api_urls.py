"""Addresses of the risks API, included under /api/ in the "api" namespace."""

from django.urls import path

from risks.apis import issues, risks, schedule_risk

urlpatterns = [
    path("risks/", risks.RiskListApi.as_view(), name="risk-list"),
    path("risks/queue/", risks.RiskQueueApi.as_view(), name="risk-queue"),
    path("risks/<int:pk>/", risks.RiskDetailApi.as_view(), name="risk-detail"),
    path("risks/<int:pk>/transition/", risks.RiskTransitionApi.as_view(), name="risk-transition"),
    path("risks/<int:pk>/sign-off/", risks.RiskSignOffApi.as_view(), name="risk-sign-off"),
    path("risks/<int:pk>/occur/", risks.RiskOccurApi.as_view(), name="risk-occur"),
    path("risks/<int:pk>/actions/", risks.RiskActionListApi.as_view(), name="risk-action-list"),
    path("risk-actions/<int:pk>/", risks.RiskActionDetailApi.as_view(), name="risk-action-detail"),
    path(
        "risk-actions/<int:pk>/complete/", risks.RiskActionCompleteApi.as_view(), name="risk-action-complete"
    ),
    path(
        "projects/<int:project_id>/risk-figures/",
        risks.ProjectRiskFiguresApi.as_view(),
        name="project-risk-figures",
    ),
    path(
        "projects/<int:project_id>/schedule-risk/",
        schedule_risk.ProjectScheduleRiskApi.as_view(),
        name="project-schedule-risk",
    ),
    path("issues/", issues.IssueListApi.as_view(), name="issue-list"),
    path("issues/<int:pk>/", issues.IssueDetailApi.as_view(), name="issue-detail"),
    path("issues/<int:pk>/resolve/", issues.IssueResolveApi.as_view(), name="issue-resolve"),
    path("issues/<int:pk>/close/", issues.IssueCloseApi.as_view(), name="issue-close"),
]
