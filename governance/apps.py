from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "governance"

    def ready(self):
        # The audit log's receivers: sign-ins, sign-outs, failures, lockouts, refused requests.
        from governance import signals  # noqa: F401 - connects them
