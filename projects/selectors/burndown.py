"""Reads of the burndown: the remaining work recorded day by day."""

from datetime import date

from django.db.models import QuerySet

from projects.models import BurndownPoint, Project


def burndown_point_list(
    *, project: Project, start: date | None = None, end: date | None = None
) -> QuerySet[BurndownPoint]:
    """The project's recorded burndown points by date, within [start, end] when given."""
    points = BurndownPoint.objects.filter(project=project).order_by("date")
    if start is not None:
        points = points.filter(date__gte=start)
    if end is not None:
        points = points.filter(date__lte=end)
    return points
