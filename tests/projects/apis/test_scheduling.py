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


def test_schedule_endpoint_accepts_fractional_and_whole_float_durations_and_lags(world):
    # A 4.0 -> B 5.333 after a lag of 0.5: B 4.5-9.833; C 0.1 -> D 0.2 (0.3 in all, not
    # 0.30000000000000004), finishing 9.533 before the project: float 9.533.
    network = {
        "activities": [
            {"id": "A", "duration": 4.0},
            {"id": "B", "duration": 5.333, "predecessors": [{"id": "A", "lag": 0.5}]},
            {"id": "C", "duration": 0.1},
            {"id": "D", "duration": 0.2, "predecessors": [{"id": "C"}]},
        ]
    }
    response = session_client(world.member).post("/api/schedule/", network, format="json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["project_duration"] == 9.833
    assert body["critical_path"] == ["A", "B"]
    assert body["activities"]["A"]["early_finish"] == 4
    assert b'"early_finish":4,' in response.content.replace(b" ", b"")
    assert body["activities"]["B"]["early_start"] == 4.5
    assert body["activities"]["D"]["early_finish"] == 0.3
    assert body["activities"]["D"]["total_float"] == 9.533


@pytest.mark.parametrize(
    ("activity", "message"),
    [
        ({"id": "A", "duration": True}, 'activity "A": duration must be a number, got bool True'),
        ({"id": "A", "duration": "4.5"}, "activity \"A\": duration must be a number, got str '4.5'"),
        ({"id": "A", "duration": -0.5}, 'activity "A": duration must not be negative, got -0.5'),
        (
            {"id": "A", "duration": 1, "start_no_earlier_than": "1"},
            "activity \"A\": start_no_earlier_than must be a number, got str '1'",
        ),
        (
            {"id": "A", "duration": 1, "predecessors": [{"id": "B", "lag": False}]},
            'activity "A": predecessors[0]: lag must be a number, got bool False',
        ),
    ],
)
def test_schedule_endpoint_names_the_field_of_a_value_that_is_not_a_number(world, activity, message):
    response = session_client(world.member).post("/api/schedule/", {"activities": [activity]}, format="json")
    assert response.status_code == 400
    assert response.json()["message"] == message


def test_schedule_endpoint_refuses_nan_and_infinity(world):
    for constant in ("NaN", "Infinity", "-Infinity"):
        response = session_client(world.member).post(
            "/api/schedule/",
            f'{{"activities": [{{"id": "A", "duration": {constant}}}]}}',
            content_type="application/json",
        )
        assert response.status_code == 400, constant
        assert response.json()["message"]


def test_schedule_endpoint_refuses_a_number_too_large_for_the_figures(world):
    # Two chained durations of 1e308 finish past the largest float; with a fraction elsewhere the
    # figures cannot all be written back as numbers, which answered 500 (OverflowError).
    network = {
        "activities": [
            {"id": "A", "duration": 1e308},
            {"id": "B", "duration": 1e308, "predecessors": [{"id": "A"}]},
            {"id": "C", "duration": 0.5},
        ]
    }
    response = session_client(world.member).post("/api/schedule/", network, format="json")
    assert response.status_code == 400
    assert (
        response.json()["message"]
        == 'activity "A": duration must be at most 1e+15 either side of 0, got 1e+308'
    )
