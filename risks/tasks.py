"""Background jobs of the risks app; thin wrappers that call a service."""

from celery import shared_task
from django.utils import timezone

from risks.services.reminders import reminders_record


@shared_task(name="risks.tasks.send_risk_reminders", ignore_result=True)
def send_risk_reminders() -> int:
    """Record today's in-app reminders of overdue risk reviews and response actions; idempotent (one
    per owner, item and day). Email and chat delivery come with the notifications issue."""
    return reminders_record(day=timezone.localdate())
