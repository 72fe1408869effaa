"""`manage.py evm FIGURES.json`: print the earned value metrics of the figures as JSON.

The figures are totals or tasks (reports.evm.parse_figures); "-" reads standard input. Nothing touches
the database, so the command also works before `migrate`.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pmo_portal.json_input import one_line, read_json_argument
from reports.evm import EvmInputError, as_json_numbers, metrics, parse_figures


class Command(BaseCommand):
    help = "Compute earned value metrics (CV, SV, CPI, SPI, EAC, ETC, VAC, TCPI, earned schedule) from JSON."
    requires_system_checks: list[str] = []  # pure computation: no models, no database
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("figures", help='path of the figures JSON file, or "-" for standard input')

    def handle(self, *args: Any, **options: Any) -> None:
        data, source = read_json_argument(options["figures"], options.get("stdin", sys.stdin))
        try:
            figures = parse_figures(data)
        except EvmInputError as error:
            raise CommandError(one_line(f"{source}: {error}")) from error
        self.stdout.write(json.dumps(as_json_numbers(metrics(figures)), indent=2))
