"""Reads of the projects that follow a methodology, for the PMO moving them to a newer version."""

from django.db.models import QuerySet

from governance.models import MethodologyVersion
from projects.models import Project, Status

# Closed and cancelled projects keep the version they ended under: their record is history.
FINISHED_STATUSES = (Status.CLOSED, Status.CANCELLED)


def projects_movable_to(version: MethodologyVersion) -> QuerySet[Project]:
    """Open projects that follow an older version of the version's methodology, by code, with what the
    move page shows joined."""
    return (
        Project.objects.filter(
            methodology_version__methodology_id=version.methodology_id,
            methodology_version__number__lt=version.number,
        )
        .exclude(status__in=FINISHED_STATUSES)
        .select_related("portfolio", "project_manager", "methodology_version")
        .order_by("code")
    )
