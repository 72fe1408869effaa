"""The scheduling engine over REST: a network in, its schedule out."""

import pytest

from governance.models import PmoType
from tests.api_clients import session_client
from tests.factories import (
    build_access_world,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_access_world(PmoType.SUPPORTIVE)


def test_schedule_endpoint_returns_the_critical_path_of_a_network(world):
    network = {
        "activities": [
            {"id": "A", "duration": 3},
            {"id": "B", "duration": 2, "predecessors": [{"id": "A"}]},
            {"id": "C", "duration": 4, "predecessors": [{"id": "A", "type": "FS", "lag": 0}]},
            {"id": "D", "duration": 1, "predecessors": [{"id": "B"}, {"id": "C"}]},
        ]
    }
    response = session_client(world.member).post("/api/schedule/", network, format="json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["project_duration"] == 8
    assert body["critical_path"] == ["A", "C", "D"]
    assert body["activities"]["B"]["total_float"] == 2
    assert body["activities"]["B"]["free_float"] == 2


def test_schedule_endpoint_refuses_a_cycle_naming_its_activities(world):
    network = {
        "activities": [
            {"id": "A", "duration": 1, "predecessors": [{"id": "B"}]},
            {"id": "B", "duration": 1, "predecessors": [{"id": "A"}]},
        ]
    }
    response = session_client(world.member).post("/api/schedule/", network, format="json")
    assert response.status_code == 400
    assert "cycle" in response.json()["message"].lower()
    assert "A" in response.json()["message"]
    assert "B" in response.json()["message"]


@pytest.mark.parametrize(
    "network",
    [
        [],
        {"activities": [{"id": "A", "duration": -1}]},
        {"activities": [{"id": "A", "duration": "3"}]},
        {"activities": [{"id": "A", "duration": 1, "predecessors": [{"id": "Z"}]}]},
    ],
)
def test_schedule_endpoint_explains_a_bad_network(world, network):
    response = session_client(world.member).post("/api/schedule/", network, format="json")
    assert response.status_code == 400
    assert response.json()["message"]
    assert set(response.json()) == {"message", "extra"}
