"""`manage.py schedule NETWORK.json`.

None of these tests is marked django_db: pytest-django refuses any database access in them,
so passing also proves that the command never touches the database.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

REPO_ROOT = Path(__file__).resolve().parents[3]

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
            "{path}: activity \"A\": duration must be a whole number, got str '4'",
        ),
        (
            {"activities": [{"id": "A", "duration": 1, "predecessors": [{"id": "A"}]}]},
            '{path}: Activity "A" is linked to itself',
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
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "pmo_portal.settings"}

    finished = subprocess.run(  # noqa: S603 - fixed arguments, this interpreter
        [sys.executable, str(REPO_ROOT / "manage.py"), "schedule", str(network_file)],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        env=environment,
        timeout=120,
        check=False,
    )

    assert finished.returncode == 1
    assert finished.stdout == ""
    assert finished.stderr.strip().splitlines() == [
        f'CommandError: {network_file}: Activity "A" is linked to itself'
    ]
