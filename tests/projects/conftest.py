"""Fixtures the plan tests share: a project manager, a team member, a planned project, a critical chain."""

import pytest

from projects.models import Task
from projects.services.reschedule import project_reschedule
from tests.factories import UserFactory
from tests.factories.plans import PlannedProjectFactory, build_chain


@pytest.fixture
def pm():
    return UserFactory(username="planner", first_name="Li", last_name="Wei", is_project_manager=True)


@pytest.fixture
def member():
    return UserFactory(username="helper", first_name="Wang", last_name="Fang", is_team_member=True)


@pytest.fixture
def project(pm):
    return PlannedProjectFactory(project_manager=pm)


@pytest.fixture
def chain(project):
    """T1 (2 d) -> T2 (3 d) -> T3 (1 d), and T4 (4 d) on its own: the chain is critical."""
    build_chain(project, [2, 3, 1])
    Task.objects.create(project=project, name="T4", position=9, duration_days=4)
    project_reschedule(project=project)
    return {task.name: task for task in Task.objects.filter(project=project)}
