"""`manage.py schedule NETWORK.json`: print the critical-path schedule of a network as JSON.

The network file has the shape documented in `projects.scheduling.parse_network`; "-" reads
standard input. Nothing touches the database, so the command also works before `migrate`.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pmo_portal.json_input import one_line, read_json_argument
from projects.scheduling import SchedulingError, compute_schedule, parse_network, schedule_to_dict


class Command(BaseCommand):
    help = "Compute early/late dates, floats and the critical path of a JSON activity network."
    requires_system_checks: list[str] = []  # pure computation: no models, no database
    # Lets tests pass a stream in place of standard input: call_command(..., stdin=StringIO(...)).
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("network", help='path of the network JSON file, or "-" for standard input')

    def handle(self, *args: Any, **options: Any) -> None:
        data, source = read_json_argument(options["network"], options.get("stdin", sys.stdin))
        try:
            schedule = compute_schedule(parse_network(data))
        except SchedulingError as error:
            raise CommandError(one_line(f"{source}: {error}")) from error
        self.stdout.write(json.dumps(schedule_to_dict(schedule), indent=2))
