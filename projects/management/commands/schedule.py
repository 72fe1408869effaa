"""`manage.py schedule NETWORK.json`: print the critical-path schedule of a network as JSON.

The network file has the shape documented in `projects.scheduling.parse_network`; "-" reads
standard input. Nothing touches the database, so the command also works before `migrate`.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from projects.scheduling import SchedulingError, compute_schedule, parse_network, schedule_to_dict


def _one_line(text: str) -> str:
    # A CommandError message ends up as one line on stderr; keep it that way.
    return " ".join(text.split())


class Command(BaseCommand):
    help = "Compute early/late dates, floats and the critical path of a JSON activity network."
    requires_system_checks: list[str] = []  # pure computation: no models, no database
    # Lets tests pass a stream in place of standard input: call_command(..., stdin=StringIO(...)).
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("network", help='path of the network JSON file, or "-" for standard input')

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["network"]
        source = "standard input" if path == "-" else path
        try:
            if path == "-":
                text = options.get("stdin", sys.stdin).read()
            else:
                with open(path, encoding="utf-8") as network_file:
                    text = network_file.read()
        except OSError as error:
            raise CommandError(_one_line(f"Cannot read {source}: {error.strerror or error}")) from error
        except UnicodeDecodeError as error:
            raise CommandError(f"Cannot read {source}: not UTF-8 text ({error.reason})") from error
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise CommandError(
                f"Malformed JSON in {source} at line {error.lineno} column {error.colno}: {error.msg}"
            ) from error
        except ValueError as error:  # e.g. an integer longer than Python converts (4,300 digits)
            raise CommandError(_one_line(f"Malformed JSON in {source}: {error}")) from error
        try:
            schedule = compute_schedule(parse_network(data))
        except SchedulingError as error:
            raise CommandError(_one_line(f"{source}: {error}")) from error
        self.stdout.write(json.dumps(schedule_to_dict(schedule), indent=2))
