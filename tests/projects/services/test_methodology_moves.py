"""The PMO moves open projects to a newer version of their methodology; each move is in the history."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from governance.models import MethodologyVersion
from projects.models import Project, Status
from projects.selectors.history import project_field_history
from projects.selectors.methodologies import projects_movable_to
from projects.services.methodologies import projects_move_to_methodology_version
from tests.factories import MethodologyVersionFactory, ProjectFactory, UserFactory, published_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def pmo():
    return UserFactory(is_pmo_staff=True)


@pytest.fixture
def versions():
    first = published_version()
    return first, published_version(first.methodology, number=2)


def follower(version, **fields) -> Project:
    return ProjectFactory(methodology_version=version, **fields)


def test_only_open_projects_on_an_older_version_of_the_methodology_may_move(versions):
    first, second = versions
    open_project = follower(first, status=Status.ACTIVE)
    follower(first, status=Status.CLOSED)
    follower(first, status=Status.CANCELLED)
    follower(second)
    follower(published_version())  # another methodology
    ProjectFactory()  # none

    assert list(projects_movable_to(second)) == [open_project]


def test_the_pmo_moves_the_projects_it_picks_and_the_history_says_so(pmo, versions):
    first, second = versions
    picked, left = follower(first), follower(first)

    moved = projects_move_to_methodology_version(actor=pmo, version=second, project_ids=[picked.pk])

    assert moved == [picked]
    assert Project.objects.get(pk=picked.pk).methodology_version == second
    assert Project.objects.get(pk=left.pk).methodology_version == first
    latest = project_field_history(Project.objects.get(pk=picked.pk))[0]
    assert latest.who == pmo.display_name
    assert [(change.old, change.new) for change in latest.changes] == [(str(first), str(second))]


def test_one_project_that_may_not_move_refuses_the_whole_move(pmo, versions):
    first, second = versions
    open_project, closed = follower(first), follower(first, status=Status.CLOSED)

    with pytest.raises(ValidationError) as excinfo:
        projects_move_to_methodology_version(
            actor=pmo, version=second, project_ids=[open_project.pk, closed.pk]
        )

    assert "projects" in excinfo.value.message_dict
    assert Project.objects.get(pk=open_project.pk).methodology_version == first


def test_projects_move_only_to_a_published_version(pmo, versions):
    first, _second = versions
    draft = MethodologyVersionFactory(methodology=first.methodology, number=3)
    project = follower(first)

    with pytest.raises(ValidationError) as excinfo:
        projects_move_to_methodology_version(actor=pmo, version=draft, project_ids=[project.pk])

    assert "version" in excinfo.value.message_dict
    assert Project.objects.get(pk=project.pk).methodology_version == first


def test_nobody_outside_the_pmo_moves_projects(versions):
    first, second = versions
    project = follower(first)

    with pytest.raises(PermissionDenied):
        projects_move_to_methodology_version(
            actor=project.project_manager, version=second, project_ids=[project.pk]
        )

    assert MethodologyVersion.objects.get(projects=project) == first


def test_moving_nothing_is_refused(pmo, versions):
    with pytest.raises(ValidationError) as excinfo:
        projects_move_to_methodology_version(actor=pmo, version=versions[1], project_ids=[])
    assert "projects" in excinfo.value.message_dict
