"""What a project manager or team member works on: their projects, their open tasks, milestones due soon.

The home page of people who are not PMO staff, admins or sponsors reads these. Each is one query for
the rows shown (capped) and one for how many there are in all, whatever the number of projects.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import QuerySet

from governance.models import User
from projects.models import Project, Status, Task
from projects.selectors.projects import (
    project_involvement_filter,
    project_list_with_figures,
    project_visibility_filter,
)

# What the home page lists of each, at most; the counts say how many there are in all.
MY_PROJECTS_SHOWN = 25
MY_TASKS_SHOWN = 50
MILESTONES_SHOWN = 20
# A milestone is "due soon" within this many days of today (overdue ones are shown too).
MILESTONE_HORIZON = timedelta(days=30)
CLOSED_STATUSES = (Status.CLOSED, Status.CANCELLED)


@dataclass(frozen=True)
class Capped:
    """The first rows of a list and how many rows the list has in all."""

    rows: list
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.rows)


def _capped(rows: QuerySet, limit: int) -> Capped:
    # Always counted, so the page costs the same queries whether a list is short or long.
    return Capped(rows=list(rows[:limit]), total=rows.count())


def my_projects(*, user: User) -> QuerySet[Project]:
    """The open projects (not closed or cancelled) the user manages, sponsors or works on, with their
    rolled-up figures, the nearest finish first."""
    return (
        project_list_with_figures(user=user)
        .filter(project_involvement_filter(user))
        .exclude(status__in=CLOSED_STATUSES)
        .order_by("finish_date", "code")
    )


def my_open_tasks(*, user: User) -> QuerySet[Task]:
    """The user's open tasks across the projects they may see: assigned to them, not done, in open
    projects, by planned finish (undated last)."""
    return (
        Task.objects.filter(
            assignee_id=user.pk,
            is_summary=False,
            actual_finish__isnull=True,
            percent_complete__lt=100,
            project__in=Project.objects.filter(project_visibility_filter(user)),
        )
        .exclude(project__status__in=CLOSED_STATUSES)
        .select_related("project")
        .order_by("planned_finish", "project__code", "outline_order")
    )


def milestones_due_soon(*, user: User, today: date) -> QuerySet[Task]:
    """Milestones of the user's open projects not yet reached that fall due by today + 30 days
    (overdue ones included), the earliest first."""
    return (
        Task.objects.filter(
            is_milestone=True,
            actual_finish__isnull=True,
            percent_complete__lt=100,
            planned_finish__lte=today + MILESTONE_HORIZON,
            project__in=Project.objects.filter(project_involvement_filter(user)).exclude(
                status__in=CLOSED_STATUSES
            ),
        )
        .select_related("project")
        .order_by("planned_finish", "project__code", "outline_order")
    )


@dataclass(frozen=True)
class MyWork:
    projects: Capped
    tasks: Capped
    milestones: Capped
    today: date


def my_work(*, user: User, today: date) -> MyWork:
    """The home page of a PM or team member: open projects, open tasks and milestones due soon, capped."""
    return MyWork(
        projects=_capped(my_projects(user=user), MY_PROJECTS_SHOWN),
        tasks=_capped(my_open_tasks(user=user), MY_TASKS_SHOWN),
        milestones=_capped(milestones_due_soon(user=user, today=today), MILESTONES_SHOWN),
        today=today,
    )
