"""The organisation the register tests act in: one person per role and projects related to each."""

import pytest

from governance.models import PmoType
from projects.models import RollupMark
from tests.factories import build_access_world


@pytest.fixture
def world():
    """pm1 manages project_of_pm1 (member and sponsor on it); pmo is PMO staff; a supportive PMO."""
    return build_access_world(PmoType.SUPPORTIVE)


@pytest.fixture
def project(world):
    return world.project_of_pm1


@pytest.fixture
def stale_generation():
    """The project's stale-mark generation now (0 when never marked), to see a write mark it."""

    def generation(project) -> int:
        mark = RollupMark.objects.filter(project=project).first()
        return mark.generation if mark else 0

    return generation
