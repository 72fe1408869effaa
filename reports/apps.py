from django.apps import AppConfig


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"

    def ready(self):
        from projects.services.rollup_marks import rollup_requested
        from reports.services.rollup_requests import rollup_request

        # The projects app marks a project stale and announces it after commit; a drain follows.
        rollup_requested.connect(rollup_request, dispatch_uid="reports.rollup_request")
