from django.apps import AppConfig


class RisksConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "risks"

    def ready(self):
        # A new project's register starts with its methodology's standard risks.
        from risks import signals  # noqa: F401 - connects them
