"""Reading the JSON file a management command is given ("-" for standard input), every failure one line.

Shared by the pure-computation commands (`schedule`, `evm`): a reason on one line of stderr and a
non-zero exit, never a traceback.
"""

from __future__ import annotations

import json
from typing import IO, Any

from django.core.management.base import CommandError


def one_line(text: str) -> str:
    return " ".join(text.split())


def read_json_argument(path: str, stdin: IO[str]) -> tuple[Any, str]:
    """The parsed document and how to name its source in a message ("standard input" or the path)."""
    source = "standard input" if path == "-" else path
    try:
        if path == "-":
            text = stdin.read()
        else:
            with open(path, encoding="utf-8") as json_file:
                text = json_file.read()
    except OSError as error:
        raise CommandError(one_line(f"Cannot read {source}: {error.strerror or error}")) from error
    except UnicodeDecodeError as error:
        raise CommandError(f"Cannot read {source}: not UTF-8 text ({error.reason})") from error
    try:
        return json.loads(text), source
    except json.JSONDecodeError as error:
        raise CommandError(
            f"Malformed JSON in {source} at line {error.lineno} column {error.colno}: {error.msg}"
        ) from error
    except ValueError as error:  # e.g. an integer longer than Python converts (4,300 digits)
        raise CommandError(one_line(f"Malformed JSON in {source}: {error}")) from error
