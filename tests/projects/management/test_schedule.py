"""`manage.py schedule NETWORK.json`.

None of these tests is marked django_db: pytest-django refuses any database access in them,
so passing also proves that the command never touches the database.
"""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.manage_commands import run_manage

NETWORK = {
    "activities": [
        {"id": "A", "duration": 3},
        {"id": "B", "duration": 2, "predecessors": [{"id": "A", "type": "FS", "lag": 0}]},
        {"id": "C", "duration": 1, "predecessors": [{"id": "A", "type": "SS", "lag": 1}]},
    ]
}
# A 0-3 -> B 3-5 (critical); C starts a day after A starts: 1-2, and may slip to 4-5.
EXPECTED = {
    "project_duration": 5,
    "critical_path": ["A", "B"],
    "activities": {
        "A": {
            "early_start": 0,
            "early_finish": 3,
            "late_start": 0,
            "late_finish": 3,
            "total_float": 0,
            "free_float": 0,
            "critical": True,
        },
        "B": {
            "early_start": 3,
            "early_finish": 5,
            "late_start": 3,
            "late_finish": 5,
            "total_float": 0,
            "free_float": 0,
            "critical": True,
        },
        "C": {
            "early_start": 1,
            "early_finish": 2,
            "late_start": 4,
            "late_finish": 5,
            "total_float": 3,
            "free_float": 3,
            "critical": False,
        },
    },
}


def run_schedule(*args: str, **options) -> str:
    out = StringIO()
    call_command("schedule", *args, stdout=out, **options)
    return out.getvalue()


def test_prints_the_schedule_of_a_network_file_as_indented_json(tmp_path):
    network_file = tmp_path / "network.json"
    network_file.write_text(json.dumps(NETWORK), encoding="utf-8")

    output = run_schedule(str(network_file))

    assert json.loads(output) == EXPECTED
    assert output.startswith('{\n  "project_duration": 5,')


# A PERT network: three-point estimates (optimistic a, most likely m, pessimistic b) give the
# expected duration te = (a + 4m + b) / 6, written to the file as the planner would, to three
# decimals where it does not come out even:
#   A: (2, 4, 6)  -> 24 / 6 = 4, written 4.0 (a float that is whole prints as 4)
#   B: (4, 5, 8)  -> 32 / 6 = 5.333...,  written 5.333
#   C: (1, 2, 6)  -> 15 / 6 = 2.5
#   D: (2, 3, 7)  -> 21 / 6 = 3.5
#   E: (1, 1.5, 2) -> 9 / 6 = 1.5
#   F: (3, 4, 11) -> 30 / 6 = 5
#   G: the finish milestone, 0
# Links, all FS: A -> B, A -> C, C -> D, B -> E, D -> E, C -> F with lag 0.2, E -> G, F -> G.
# Forward pass (ES, EF = ES + te):
#   A 0, 4; B 4, 9.333; C 4, 6.5; D 6.5, 10; E max(9.333, 10) = 10, 11.5;
#   F 6.5 + 0.2 = 6.7, 11.7; G max(11.5, 11.7) = 11.7, 11.7. Project duration 11.7.
# Backward pass (LF = min over successors of LS - lag, LS = LF - te):
#   G 11.7, 11.7; F LF 11.7, LS 6.7; E LF 11.7, LS 10.2; D LF = LS(E) = 10.2, LS 6.7;
#   B LF = LS(E) = 10.2, LS 10.2 - 5.333 = 4.867; C LF = min(LS(D) 6.7, LS(F) - 0.2 = 6.5) = 6.5,
#   LS 4; A LF = min(LS(B) 4.867, LS(C) 4) = 4, LS 0.
# Total float LS - ES: A 0, B 0.867, C 0, D 0.2, E 0.2, F 0, G 0 -> critical path A, C, F, G.
# Free float (the earliest successor start minus the lag, less EF; the project finish for G):
#   A min(4, 4) - 4 = 0; B 10 - 9.333 = 0.667; C min(6.5, 6.7 - 0.2) - 6.5 = 0; D 10 - 10 = 0;
#   E 11.7 - 11.5 = 0.2; F 11.7 - 11.7 = 0; G 0.
# In binary floating point 10.2 - 10 is 0.1999999999999993 and 10.2 - 5.333 is
# 4.8669999999999991: the figures must come out as the decimals above.
PERT_NETWORK = {
    "activities": [
        {"id": "A", "duration": 4.0},
        {"id": "B", "duration": 5.333, "predecessors": [{"id": "A"}]},
        {"id": "C", "duration": 2.5, "predecessors": [{"id": "A"}]},
        {"id": "D", "duration": 3.5, "predecessors": [{"id": "C"}]},
        {"id": "E", "duration": 1.5, "predecessors": [{"id": "B"}, {"id": "D"}]},
        {"id": "F", "duration": 5, "predecessors": [{"id": "C", "type": "FS", "lag": 0.2}]},
        {"id": "G", "duration": 0, "predecessors": [{"id": "E"}, {"id": "F"}]},
    ]
}
PERT_FIGURES = {
    #    ES     EF     LS     LF     TF     FF     critical
    "A": (0, 4, 0, 4, 0, 0, True),
    "B": (4, 9.333, 4.867, 10.2, 0.867, 0.667, False),
    "C": (4, 6.5, 4, 6.5, 0, 0, True),
    "D": (6.5, 10, 6.7, 10.2, 0.2, 0, False),
    "E": (10, 11.5, 10.2, 11.7, 0.2, 0.2, False),
    "F": (6.7, 11.7, 6.7, 11.7, 0, 0, True),
    "G": (11.7, 11.7, 11.7, 11.7, 0, 0, True),
}


def test_prints_the_figures_of_a_pert_network_with_fractional_durations(tmp_path):
    network_file = tmp_path / "pert.json"
    network_file.write_text(json.dumps(PERT_NETWORK), encoding="utf-8")

    output = run_schedule(str(network_file))

    printed = json.loads(output)
    assert printed["project_duration"] == 11.7
    assert printed["critical_path"] == ["A", "C", "F", "G"]
    assert {
        activity_id: tuple(figures.values()) for activity_id, figures in printed["activities"].items()
    } == PERT_FIGURES
    # Whole figures print as integers (4.0 in, 4 out), fractions as the decimals computed.
    assert '"early_finish": 4,' in output
    assert '"late_start": 4.867,' in output
    assert '"total_float": 0.2,' in output
    assert "9999" not in output and "0000" not in output  # no binary noise anywhere


def test_reads_standard_input_when_given_a_dash():
    output = run_schedule("-", stdin=StringIO(json.dumps(NETWORK)))
    assert json.loads(output) == EXPECTED


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "Malformed JSON in {path} at line 1 column 2: Expecting property name"),
        ("[]", '{path}: The network must be an object with only an "activities" list'),
        (
            {
                "activities": [
                    {"id": "A", "duration": 1, "predecessors": [{"id": "B"}]},
                    {"id": "B", "duration": 1, "predecessors": [{"id": "A"}]},
                ]
            },
            "{path}: Dependency cycle: A -> B -> A",
        ),
        (
            {"activities": [{"id": "A", "duration": 1, "predecessors": [{"id": "Z"}]}]},
            '{path}: Activity "A" lists unknown predecessor "Z"',
        ),
        (
            {"activities": [{"id": "A", "duration": -4}]},
            '{path}: activity "A": duration must not be negative, got -4',
        ),
        (
            {"activities": [{"id": "A", "duration": "4"}]},
            "{path}: activity \"A\": duration must be a number, got str '4'",
        ),
        (
            {"activities": [{"id": "A", "duration": True}]},
            '{path}: activity "A": duration must be a number, got bool True',
        ),
        (
            '{"activities": [{"id": "A", "duration": NaN}]}',
            '{path}: activity "A": duration must be a finite number',
        ),
        (
            '{"activities": [{"id": "A", "duration": 1, "finish_no_later_than": Infinity}]}',
            '{path}: activity "A": finish_no_later_than must be a finite number, got inf',
        ),
        (
            {
                "activities": [
                    {"id": "A", "duration": 1},
                    {"id": "B", "duration": 1, "predecessors": [{"id": "A", "lag": "0.5"}]},
                ]
            },
            "{path}: activity \"B\": predecessors[0]: lag must be a number, got str '0.5'",
        ),
        (
            {"activities": [{"id": "A", "duration": 1, "predecessors": [{"id": "A"}]}]},
            '{path}: Activity "A" is linked to itself',
        ),
        (
            '{"activities": [{"id": "A", "duration": 1' + "0" * 5000 + "}]}",
            "Malformed JSON in {path}: Exceeds the limit (4300 digits)",
        ),
    ],
)
def test_bad_networks_raise_command_error_with_one_line(tmp_path, content, message):
    network_file = tmp_path / "network.json"
    network_file.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")

    with pytest.raises(CommandError) as caught:
        run_schedule(str(network_file))

    assert str(caught.value).startswith(message.format(path=network_file))
    assert "\n" not in str(caught.value)


def test_unreadable_files_raise_command_error(tmp_path):
    with pytest.raises(CommandError, match=r"^Cannot read .*missing\.json: No such file or directory$"):
        run_schedule(str(tmp_path / "missing.json"))

    binary = tmp_path / "network.json"
    binary.write_bytes(b"\xff\xfe\x00{")
    with pytest.raises(CommandError, match=r"not UTF-8 text"):
        run_schedule(str(binary))

    with pytest.raises(CommandError, match=r"^Cannot read "):
        run_schedule(str(tmp_path))  # a directory


def test_exit_status_is_non_zero_and_the_reason_is_one_line(tmp_path):
    network_file = tmp_path / "cycle.json"
    network_file.write_text(
        json.dumps({"activities": [{"id": "A", "duration": 1, "predecessors": [{"id": "A"}]}]}),
        encoding="utf-8",
    )
    finished = run_manage("schedule", str(network_file))

    assert finished.returncode == 1
    assert finished.stdout == ""
    assert finished.stderr.strip().splitlines() == [
        f'CommandError: {network_file}: Activity "A" is linked to itself'
    ]
