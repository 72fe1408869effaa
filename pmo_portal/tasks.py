"""Site-wide periodic housekeeping tasks."""

from celery import shared_task
from django.core.management import call_command


@shared_task(name="pmo_portal.tasks.clear_expired_sessions", ignore_result=True)
def clear_expired_sessions() -> None:
    """Delete expired sessions; idempotent, so a repeated run is harmless."""
    call_command("clearsessions")


@shared_task(name="pmo_portal.tasks.ping")
def ping(value: str) -> str:
    """Echo a value back, so an operator (and the test suite) can check a worker round trip."""
    return value
