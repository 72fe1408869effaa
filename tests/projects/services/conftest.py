"""The organisation the service tests act in: one person per role and projects related to each."""

import pytest

from governance.models import PmoType
from tests.factories import build_access_world


@pytest.fixture
def world():
    return build_access_world(PmoType.SUPPORTIVE)
