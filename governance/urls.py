from django.urls import path

from governance import views

app_name = "governance"

urlpatterns = [
    path("settings/", views.pmo_settings_edit, name="settings"),
    path("audit/", views.audit_log, name="audit"),
    path("change-authority/", views.change_authority_edit, name="change_authority"),
]
