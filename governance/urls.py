from django.urls import path

from governance import views

app_name = "governance"

urlpatterns = [
    path("settings/", views.pmo_settings_edit, name="settings"),
    path("audit/", views.audit_log, name="audit"),
    path("methodologies/", views.methodology_list, name="methodology_list"),
    path("methodologies/new/", views.methodology_create, name="methodology_create"),
    path("methodologies/<int:methodology_id>/", views.methodology_detail, name="methodology_detail"),
    path("methodologies/<int:methodology_id>/draft/", views.methodology_draft, name="methodology_draft"),
    path("methodologies/<int:methodology_id>/edit/", views.methodology_edit, name="methodology_edit"),
    path(
        "methodologies/<int:methodology_id>/publish/", views.methodology_publish, name="methodology_publish"
    ),
    path("methodologies/<int:methodology_id>/retire/", views.methodology_retire, name="methodology_retire"),
    path(
        "methodologies/<int:methodology_id>/reactivate/",
        views.methodology_reactivate,
        name="methodology_reactivate",
    ),
    path("change-authority/", views.change_authority_edit, name="change_authority"),
    path("compliance-weights/", views.compliance_weights_edit, name="compliance_weights"),
    path("health-standards/", views.health_standards_edit, name="health_standards"),
    path("risk-standards/", views.risk_standards_edit, name="risk_standards"),
    path("exchange-rates/", views.exchange_rates, name="exchange_rates"),
    path("exchange-rates/<int:rate_id>/delete/", views.exchange_rate_delete, name="exchange_rate_delete"),
]
