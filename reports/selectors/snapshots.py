"""Reads of the weekly snapshots that depend on who is asking."""

from django.db.models import QuerySet

from projects.models import Project
from projects.selectors.projects import project_visibility_filter
from reports.models import WeeklySnapshot


def snapshot_list(*, user) -> QuerySet[WeeklySnapshot]:
    """Snapshots of the projects the user sees (project list visibility), by week then project."""
    visible = Project.objects.filter(project_visibility_filter(user)).values("pk")
    return WeeklySnapshot.objects.filter(project__in=visible).order_by("week", "project_id", "pk")
