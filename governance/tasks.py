"""Background jobs of governance; thin wrappers around its services."""

from celery import shared_task

from governance import services


@shared_task(name="governance.tasks.purge_dead_api_tokens", ignore_result=True)
def purge_dead_api_tokens() -> int:
    """Delete API tokens that can no longer sign anything; idempotent, returns how many went."""
    return services.api_tokens_purge()
