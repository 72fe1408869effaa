"""`manage.py simulate NETWORK.json`: print the schedule risk of a network (Monte Carlo) as JSON.

The network file is the one `manage.py schedule` reads (`projects.scheduling.parse_network`), where
an activity may also give "optimistic", "most_likely" and "pessimistic" durations: all three or none
(null counts as absent). "-" reads standard input. Nothing touches the database, so the command also
works before `migrate`.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pmo_portal.json_input import one_line, read_json_argument
from projects.scheduling import ActivityId, SchedulingError, parse_network
from risks.schedule_risk import (
    DEFAULT_ITERATIONS,
    ESTIMATE_FIELDS,
    Distribution,
    ScheduleRiskError,
    ThreePointEstimate,
    schedule_risk_to_dict,
    simulate_schedule_risk,
)

# The command-line options each engine field comes from, to name the option in a refusal.
OPTION_OF_FIELD = {
    "iterations": "--iterations",
    "seed": "--seed",
    "distribution": "--distribution",
    "target_finish": "--target",
}


class Command(BaseCommand):
    help = (
        "Simulate a JSON activity network with three-point estimates (Monte Carlo): P50/P80/P90 finish, "
        "probability of meeting the target, criticality and sensitivity of each activity."
    )
    requires_system_checks: list[str] = []  # pure computation: no models, no database
    # Lets tests pass a stream in place of standard input: call_command(..., stdin=StringIO(...)).
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("network", help='path of the network JSON file, or "-" for standard input')
        parser.add_argument(
            "--iterations",
            type=int,
            default=DEFAULT_ITERATIONS,
            help="number of iterations, 1 to 100,000 (default: %(default)s)",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=None,
            help="seed of the random draws, for a reproducible result (default: a fresh one, printed)",
        )
        parser.add_argument(
            "--distribution",
            choices=[member.value for member in Distribution],
            default=Distribution.TRIANGULAR.value,
            help="how durations are drawn from their estimates (default: %(default)s)",
        )
        parser.add_argument(
            "--target",
            type=float,
            default=None,
            help="finish (working periods from the start) to measure the probability against "
            "(default: the planned finish)",
        )
        parser.add_argument(
            "--charts", action="store_true", help="also print the histogram and the S-curve of the finish"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        data, source = read_json_argument(options["network"], options.get("stdin", sys.stdin))
        position_of: dict[ActivityId, int] = {}
        try:
            estimates_by_position = take_estimates(data)
            activities = parse_network(data)
            position_of = {activity.id: position for position, activity in enumerate(activities)}
            estimates: dict[ActivityId, ThreePointEstimate] = {
                activities[position].id: estimate for position, estimate in estimates_by_position.items()
            }
            result = simulate_schedule_risk(
                activities,
                estimates,
                iterations=options["iterations"],
                seed=options["seed"],
                distribution=options["distribution"],
                target_finish=options["target"],
            )
        except ScheduleRiskError as error:
            if error.field in OPTION_OF_FIELD:
                raise CommandError(one_line(named(OPTION_OF_FIELD[error.field], error))) from error
            if error.activity_id in position_of:
                where = f"activities[{position_of[error.activity_id]}].{error.field}"
                raise CommandError(one_line(f"{source}: {named(where, error)}")) from error
            raise CommandError(one_line(f"{source}: {error}")) from error
        except SchedulingError as error:
            raise CommandError(one_line(f"{source}: {error}")) from error
        self.stdout.write(json.dumps(schedule_risk_to_dict(result, charts=options["charts"]), indent=2))


def take_estimates(data: Any) -> dict[int, ThreePointEstimate]:
    """Remove the three estimate fields from each activity of `data` and return them by position.

    parse_network refuses fields it does not know, so they are taken out first. Values must be
    numbers (not bool); the engine checks the rest (finite, >= 0, in order). Raises
    SchedulingError naming activities[i].field. Leaves any other fault to parse_network.
    """
    estimates: dict[int, ThreePointEstimate] = {}
    if not isinstance(data, dict) or not isinstance(data.get("activities"), list):
        return estimates
    for position, item in enumerate(data["activities"]):
        if not isinstance(item, dict):
            continue
        values = {name: item.pop(name, None) for name in ESTIMATE_FIELDS}
        given = [name for name in ESTIMATE_FIELDS if values[name] is not None]
        if not given:
            continue
        for name in ESTIMATE_FIELDS:
            where = f"activities[{position}].{name}"
            value = values[name]
            if value is None:
                raise SchedulingError(
                    f"{where}: missing; an activity with estimates gives all three of "
                    f"{', '.join(ESTIMATE_FIELDS)} (it has {', '.join(given)})"
                )
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise SchedulingError(f"{where} must be a number, got {type(value).__name__} {value!r}")
        estimates[position] = ThreePointEstimate(**values)
    return estimates


def named(where: str, error: ScheduleRiskError) -> str:
    """The engine's reason with its field named as `where` says, once.

    "pessimistic (1) must ..." becomes "activities[0].pessimistic (1) must ...", not
    "activities[0].pessimistic: pessimistic (1) must ...".
    """
    if error.reason.startswith(f"{error.field} "):
        return f"{where}{error.reason[len(error.field) :]}"
    return f"{where}: {error.reason}"
