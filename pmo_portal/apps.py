from django.apps import AppConfig


class PmoPortalConfig(AppConfig):
    name = "pmo_portal"
    verbose_name = "PMO Portal"

    def ready(self):
        # Connects the sign-in receiver that starts each session's clock.
        from pmo_portal import session_expiry  # noqa: F401
