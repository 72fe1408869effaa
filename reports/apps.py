from django.apps import AppConfig


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"

    def ready(self):
        # Registers the drain task by name in every process, not only in the worker that autodiscovers it.
        import reports.tasks  # noqa: F401
        from governance.announcements import pmo_standards_changed
        from projects.services.rollup_marks import rollup_requested
        from projects.services.status_reports import status_report_figures
        from reports.services.rollup_requests import rollup_request, rollups_all_stale
        from reports.services.status_figures import status_report_period_figures

        # The projects app marks a project stale and announces it after commit; a drain follows.
        rollup_requested.connect(rollup_request, dispatch_uid="reports.rollup_request")
        # A PMO standard every figure depends on changed: every project is recomputed.
        pmo_standards_changed.connect(rollups_all_stale, dispatch_uid="reports.rollups_all_stale")
        # A status report draft starts from the period's SPI and CPI, which only reports computes.
        status_report_figures.connect(status_report_period_figures, dispatch_uid="reports.status_figures")
