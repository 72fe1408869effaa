"""Pages of the schedule-risk simulation, the reminders and the register exports, included at the root."""

from django.urls import path

from risks.views import exports, reminders, schedule_risk

app_name = "risk_tools"

urlpatterns = [
    path("projects/<int:project_id>/schedule-risk/", schedule_risk.schedule_risk, name="schedule_risk"),
    path("projects/<int:project_id>/risks/export.csv", exports.register_csv, name="register_csv"),
    path("projects/<int:project_id>/risks/export.xlsx", exports.register_xlsx, name="register_xlsx"),
    path("risks/reminders/", reminders.reminders, name="reminders"),
]
