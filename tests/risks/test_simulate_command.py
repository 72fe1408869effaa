"""`manage.py simulate NETWORK.json --iterations N --seed S`.

None of these tests is marked django_db: pytest-django refuses any database access in them,
so passing also proves that the command never touches the database.
"""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from projects.scheduling import Activity, Link, LinkType
from risks.schedule_risk import ThreePointEstimate, schedule_risk_to_dict, simulate_schedule_risk
from tests.manage_commands import run_manage

# The schedule command's network (A 0-3 -> B 3-5, C SS +1 from A), with estimates on A and C.
NETWORK = {
    "activities": [
        {"id": "A", "duration": 3, "optimistic": 2, "most_likely": 3, "pessimistic": 6},
        {"id": "B", "duration": 2, "predecessors": [{"id": "A", "type": "FS", "lag": 0}]},
        {
            "id": "C",
            "duration": 1,
            "predecessors": [{"id": "A", "type": "SS", "lag": 1}],
            "optimistic": 1,
            "most_likely": 1.5,
            "pessimistic": 9,
        },
    ]
}
ACTIVITIES = [
    Activity("A", 3),
    Activity("B", 2, (Link("A", LinkType.FS, 0),)),
    Activity("C", 1, (Link("A", LinkType.SS, 1),)),
]
ESTIMATES = {"A": ThreePointEstimate(2, 3, 6), "C": ThreePointEstimate(1, 1.5, 9)}


def run_simulate(*args: str, **options) -> str:
    out = StringIO()
    call_command("simulate", *args, stdout=out, **options)
    return out.getvalue()


def network_file(tmp_path: Path, content: object = NETWORK) -> str:
    path = tmp_path / "network.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return str(path)


def test_prints_the_percentiles_mean_and_criticality_the_engine_computes(tmp_path):
    output = run_simulate(network_file(tmp_path), "--iterations", "2000", "--seed", "17")

    printed = json.loads(output)
    expected = simulate_schedule_risk(ACTIVITIES, ESTIMATES, iterations=2000, seed=17)
    assert printed == schedule_risk_to_dict(expected)
    assert list(printed)[:5] == ["p50", "p80", "p90", "mean", "criticality"]
    assert printed["iterations"] == 2000 and printed["seed"] == 17
    assert printed["distribution"] == "triangular"
    assert printed["planned_finish"] == printed["target_finish"] == 5
    assert printed["criticality"]["A"] == 1.0
    assert printed["criticality"]["B"] + printed["criticality"]["C"] == pytest.approx(1.0)
    assert printed["sensitivity"]["B"] is None  # B has no estimate: it never varies
    assert printed["p50"] <= printed["p80"] <= printed["p90"]
    assert "histogram" not in printed


def test_the_same_seed_prints_the_same_twice_and_another_seed_differs(tmp_path):
    path = network_file(tmp_path)

    first = run_simulate(path, "--iterations", "3000", "--seed", "5")
    second = run_simulate(path, "--iterations", "3000", "--seed", "5")
    other = run_simulate(path, "--iterations", "3000", "--seed", "6")

    assert first == second
    assert json.loads(first)["mean"] != json.loads(other)["mean"]


def test_without_a_seed_the_printed_one_replays_the_run(tmp_path):
    path = network_file(tmp_path)

    first = json.loads(run_simulate(path, "--iterations", "500"))
    replay = json.loads(run_simulate(path, "--iterations", "500", "--seed", str(first["seed"])))

    assert replay == first


def test_pert_target_and_charts_options(tmp_path):
    output = run_simulate(
        network_file(tmp_path),
        "--iterations",
        "4000",
        "--seed",
        "1",
        "--distribution",
        "pert",
        "--target",
        "7",
    )
    printed = json.loads(output)
    expected = simulate_schedule_risk(
        ACTIVITIES, ESTIMATES, iterations=4000, seed=1, distribution="pert", target_finish=7.0
    )
    assert printed == schedule_risk_to_dict(expected)
    assert printed["target_finish"] == 7
    assert 0 < printed["probability_on_time"] < 1

    charts = json.loads(
        run_simulate(network_file(tmp_path), "--iterations", "4000", "--seed", "1", "--charts")
    )
    assert sum(charts["histogram"]["counts"]) == 4000
    assert len(charts["histogram"]["bin_edges"]) == len(charts["histogram"]["counts"]) + 1
    assert charts["s_curve"][-1] == [charts["maximum"], 1.0]


def test_a_network_without_estimates_finishes_as_planned_every_time(tmp_path):
    plain = {
        "activities": [
            {key: value for key, value in item.items() if key in {"id", "duration", "predecessors"}}
            for item in NETWORK["activities"]
        ]
    }

    printed = json.loads(run_simulate(network_file(tmp_path, plain), "--iterations", "100", "--seed", "1"))

    assert printed["p50"] == printed["p90"] == printed["mean"] == 5
    assert printed["probability_on_time"] == 1.0
    assert printed["criticality"] == {"A": 1.0, "B": 1.0, "C": 0.0}


def test_reads_standard_input_when_given_a_dash():
    output = run_simulate("-", "--iterations", "50", "--seed", "2", stdin=StringIO(json.dumps(NETWORK)))
    assert json.loads(output)["iterations"] == 50


def test_one_hundred_thousand_iterations_are_accepted(tmp_path):
    tiny = {"activities": [{"id": "A", "duration": 2, "optimistic": 1, "most_likely": 2, "pessimistic": 4}]}

    printed = json.loads(run_simulate(network_file(tmp_path, tiny), "--iterations", "100000", "--seed", "3"))

    assert printed["iterations"] == 100_000


def with_activity(position: int, **fields) -> dict:
    activities = [dict(item) for item in NETWORK["activities"]]
    activities[position] = {**activities[position], **fields}
    return {
        "activities": [{key: value for key, value in item.items() if value is not ...} for item in activities]
    }


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            with_activity(0, pessimistic=1),
            "{path}: activities[0].pessimistic (1) must not be below optimistic (2)",
        ),
        (
            with_activity(2, most_likely=10),
            "{path}: activities[2].most_likely (10) must lie between optimistic (1) and pessimistic (9)",
        ),
        (
            with_activity(0, optimistic=-1),
            "{path}: activities[0].optimistic must not be negative, got -1",
        ),
        (
            with_activity(0, pessimistic=...),
            "{path}: activities[0].pessimistic: missing; an activity with estimates gives all three of "
            "optimistic, most_likely, pessimistic (it has optimistic, most_likely)",
        ),
        (
            with_activity(1, optimistic=1),
            "{path}: activities[1].most_likely: missing; an activity with estimates gives all three",
        ),
        (
            with_activity(2, most_likely=None),
            "{path}: activities[2].most_likely: missing",
        ),
        (
            with_activity(0, optimistic="2"),
            "{path}: activities[0].optimistic must be a number, got str '2'",
        ),
        (
            with_activity(0, most_likely=True),
            "{path}: activities[0].most_likely must be a number, got bool True",
        ),
        (
            '{"activities": [{"id": "A", "duration": 1, "optimistic": 1, "most_likely": NaN, '
            '"pessimistic": 2}]}',
            "{path}: activities[0].most_likely must be a finite number, got nan",
        ),
        (
            {"activities": [{"id": "A", "duration": 1, "optimistc": 1}]},
            "{path}: activity \"A\": unknown field 'optimistc'",
        ),
        (
            {
                "activities": [
                    {"id": "A", "duration": 1, "predecessors": [{"id": "B"}]},
                    {"id": "B", "duration": 1, "predecessors": [{"id": "A"}]},
                ]
            },
            "{path}: Dependency cycle: A -> B -> A",
        ),
        ("[]", '{path}: The network must be an object with only an "activities" list'),
        ("{not json", "Malformed JSON in {path} at line 1 column 2"),
    ],
)
def test_bad_networks_raise_command_error_with_one_line_naming_the_field(tmp_path, content, message):
    path = network_file(tmp_path, content)

    with pytest.raises(CommandError) as caught:
        run_simulate(path, "--iterations", "10", "--seed", "1")

    assert str(caught.value).startswith(message.format(path=path))
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            ["--iterations", "100001"],
            "--iterations must be a whole number from 1 to 100,000, got 100001",
        ),
        (["--iterations", "0"], "--iterations must be a whole number from 1 to 100,000, got 0"),
        (["--seed", "-4"], "--seed must be a whole number >= 0, got -4"),
        (["--target", "nan"], "--target must be a finite number, got nan"),
        (["--distribution", "normal"], "Error: argument --distribution: invalid choice: 'normal'"),
    ],
)
def test_bad_options_are_refused_naming_the_option(tmp_path, options, message):
    with pytest.raises(CommandError) as caught:
        run_simulate(network_file(tmp_path), *options)

    assert str(caught.value).startswith(message)


def test_exit_status_is_non_zero_and_the_reason_is_one_line(tmp_path):
    path = network_file(tmp_path, with_activity(0, pessimistic=1))
    finished = run_manage("simulate", path, "--seed", "1")

    assert finished.returncode == 1
    assert finished.stdout == ""
    assert finished.stderr.strip().splitlines() == [
        f"CommandError: {path}: activities[0].pessimistic (1) must not be below optimistic (2)"
    ]
