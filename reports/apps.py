from django.apps import AppConfig


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"

    def ready(self):
        from governance.announcements import pmo_standards_changed
        from projects.services.rollup_marks import rollup_requested
        from reports.services.rollup_requests import rollup_request, rollups_all_stale

        # The projects app marks a project stale and announces it after commit; a drain follows.
        rollup_requested.connect(rollup_request, dispatch_uid="reports.rollup_request")
        # A PMO standard every figure depends on changed: every project is recomputed.
        pmo_standards_changed.connect(rollups_all_stale, dispatch_uid="reports.rollups_all_stale")
