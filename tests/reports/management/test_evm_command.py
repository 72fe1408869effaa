"""`manage.py evm FIGURES.json` prints the metrics as JSON; bad input exits non-zero with one line."""

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

REPO_ROOT = Path(__file__).resolve().parents[3]
KEYS = [
    "bac", "pv", "ev", "ac", "cv", "sv", "cpi", "spi", "eac", "eac_atypical", "eac_cpi_spi", "eac_bottom_up",
    "etc", "vac", "tcpi_bac", "tcpi_eac", "es", "sv_t", "spi_t", "ieac_t",
]  # fmt: skip


def run(data) -> dict:
    out = StringIO()
    call_command("evm", "-", stdin=StringIO(json.dumps(data)), stdout=out)
    return json.loads(out.getvalue())


def test_the_totals_of_the_issue_print_every_key_with_numbers_or_null():
    result = run({"bac": 4000, "pv": 3000, "ev": 2000, "ac": 2500, "etc": 3000})

    assert list(result) == KEYS
    assert result == {
        "bac": 4000, "pv": 3000, "ev": 2000, "ac": 2500, "cv": -500, "sv": -1000, "cpi": 0.8, "spi": 0.6667,
        "eac": 5000, "eac_atypical": 4500, "eac_cpi_spi": 6250, "eac_bottom_up": 5500, "etc": 3000,
        "vac": -1000, "tcpi_bac": 1.3333, "tcpi_eac": 0.8, "es": None, "sv_t": None, "spi_t": None,
        "ieac_t": None,
    }  # fmt: skip


def test_tasks_with_a_pv_curve_give_earned_schedule():
    result = run(
        {
            "tasks": [
                {"id": "A", "budget": 100, "percent_complete": 100, "actual_cost": 150},
                {"id": "B", "budget": 300, "percent_complete": 50, "actual_cost": 100},
            ],
            "pv_curve": [100, 250, 400],
            "actual_time": 2,
        }
    )

    assert (result["bac"], result["ev"], result["ac"], result["pv"]) == (400, 250, 250, 250)
    assert (result["es"], result["sv_t"], result["spi_t"], result["ieac_t"]) == (2, 0, 1, 3)
    assert result["eac_bottom_up"] is None  # no task gave its own estimate to complete


def test_a_file_argument_is_read_too(tmp_path):
    figures = tmp_path / "figures.json"
    figures.write_text(json.dumps({"bac": 100, "ev": 50, "ac": 40}), encoding="utf-8")
    out = StringIO()

    call_command("evm", str(figures), stdout=out)

    assert json.loads(out.getvalue())["cpi"] == 1.25


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('{"bac": -5}', "bac must be a finite number >= 0"),
        ('{"bac": 1', "Malformed JSON in standard input at line 1"),
        ('{"tasks": "A"}', "'tasks' must be a list"),
    ],
)
def test_bad_input_is_refused_with_one_line(text, reason):
    with pytest.raises(CommandError, match=reason) as refusal:
        call_command("evm", "-", stdin=StringIO(text), stdout=StringIO())
    assert "\n" not in str(refusal.value)


def test_the_command_exits_non_zero_with_the_reason_on_one_line_of_stderr(tmp_path):
    figures = tmp_path / "bad.json"
    figures.write_text('{"ac": "lots"}', encoding="utf-8")

    finished = subprocess.run(  # noqa: S603 - the project's own manage.py
        [sys.executable, "manage.py", "evm", str(figures)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )

    assert finished.returncode != 0
    assert finished.stderr.strip().splitlines() == [
        f"CommandError: {figures}: ac must be a number, got 'lots'"
    ]
