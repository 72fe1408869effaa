"""Shared by the bench/ scripts: each rewrites only its own section of bench/RESULTS.md.

A section sits between an HTML-comment begin marker and end marker that belong to one script, so
the scripts can run in any order (or alone) without erasing each other's figures.
"""

from __future__ import annotations

from pathlib import Path

RESULTS_FILE = Path(__file__).resolve().parent / "RESULTS.md"
NEW_FILE_HEADER = (
    "# Benchmark results\n\nEach benchmark in bench/ rewrites only its own section of this file.\n"
)


def write_section(
    section: str, *, begin_marker: str, end_marker: str, results_file: Path = RESULTS_FILE
) -> None:
    """Replace the text between the two markers with `section` (appended when absent), keeping the rest."""
    block = f"{begin_marker}\n{section.rstrip()}\n{end_marker}\n"
    text = results_file.read_text(encoding="utf-8") if results_file.exists() else NEW_FILE_HEADER
    if begin_marker in text and end_marker in text:
        before, rest = text.split(begin_marker, 1)
        after = rest.split(end_marker, 1)[1].lstrip("\n")
        text = before + block + ("\n" + after if after else "")
    else:
        text = text.rstrip("\n") + "\n\n" + block
    results_file.write_text(text, encoding="utf-8")
