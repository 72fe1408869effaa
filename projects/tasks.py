"""Background jobs of the projects app; thin wrappers that load by id and call a service."""

from celery import shared_task

from projects.models import Project, Status
from projects.services.burndown import burndown_record

BURNDOWN_RETRY = {
    "autoretry_for": (ConnectionError, TimeoutError),
    "retry_backoff": True,
    "retry_jitter": True,
}


@shared_task(name="projects.tasks.count_projects")
def count_projects() -> int:
    """Return the number of projects, so a worker round trip proves the worker reaches the database."""
    return Project.objects.count()


@shared_task(name="projects.tasks.record_burndowns", ignore_result=True)
def record_burndowns() -> int:
    """Queue today's burndown point of every active project; returns how many were queued."""
    project_ids = list(Project.objects.filter(status=Status.ACTIVE).values_list("pk", flat=True))
    for project_id in project_ids:
        record_project_burndown.delay(project_id)
    return len(project_ids)


@shared_task(
    name="projects.tasks.record_project_burndown", ignore_result=True, max_retries=3, **BURNDOWN_RETRY
)
def record_project_burndown(project_id: int) -> None:
    """Record one project's burndown for today; idempotent (one row per project and day)."""
    project = Project.objects.filter(pk=project_id).first()
    if project is None:  # deleted since it was queued
        return
    burndown_record(project=project)
