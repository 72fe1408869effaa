"""factory_boy factories and small builders for plans (tasks, links, baselines, costs)."""

import datetime
from decimal import Decimal

import factory

from projects.models import CostEntry, Dependency, Task
from projects.services.reschedule import project_reschedule
from tests.factories.organisation import ProjectFactory

# A Monday, so that working-day arithmetic in tests is easy to follow by hand.
PLAN_START = datetime.date(2026, 3, 2)


class PlannedProjectFactory(ProjectFactory):
    start_date = PLAN_START


class TaskFactory(factory.django.DjangoModelFactory):
    """A raw task row; call project_reschedule (or use build_chain) to get dates and WBS codes."""

    class Meta:
        model = Task

    project = factory.SubFactory(PlannedProjectFactory)
    name = factory.Sequence(lambda n: f"Task {n}")
    position = factory.Sequence(lambda n: n)
    duration_days = 1
    planned_cost = Decimal("0")


class DependencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dependency

    predecessor = factory.SubFactory(TaskFactory)
    successor = factory.SubFactory(TaskFactory, project=factory.SelfAttribute("..predecessor.project"))
    project = factory.SelfAttribute("predecessor.project")
    type = "FS"
    lag_days = 0


class CostEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CostEntry

    task = factory.SubFactory(TaskFactory)
    date = PLAN_START
    amount = Decimal("100.00")


def build_chain(project, durations, *, linked: bool = True) -> list[Task]:
    """Top-level tasks T1..Tn with the given durations, each FS-linked to the previous; rescheduled."""
    tasks = Task.objects.bulk_create(
        Task(project=project, name=f"T{number}", position=number, duration_days=days)
        for number, days in enumerate(durations, start=1)
    )
    if linked:
        Dependency.objects.bulk_create(
            Dependency(project=project, predecessor=before, successor=after)
            for before, after in zip(tasks, tasks[1:], strict=False)
        )
    project_reschedule(project=project)
    return list(Task.objects.filter(project=project).order_by("outline_order"))


def refreshed(task: Task) -> Task:
    task.refresh_from_db()
    return task
