"""The real benchmark files of the `shared/` folder that sits beside the repository checkout."""

from pathlib import Path

import pytest

SHARED_BENCHMARKS = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks"


def mspdi_sample(name: str) -> Path:
    """Path of a Microsoft Project XML sample; a missing file fails the test, it never skips it."""
    path = SHARED_BENCHMARKS / "mspdi" / name
    if not path.is_file():
        pytest.fail(
            f"MSPDI sample {name} not found: expected it under shared/benchmarks/mspdi beside the checkout"
        )
    return path
