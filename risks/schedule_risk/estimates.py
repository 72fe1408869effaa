"""Three-point estimates, the arguments of a simulation, their checks, and the draws of the durations."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from projects.scheduling import ActivityId, Number, SchedulingError
from projects.scheduling.network import is_number, quote
from risks.schedule_risk.passes import IndexedNetwork

MAXIMUM_ITERATIONS = 100_000
ESTIMATE_FIELDS = ("optimistic", "most_likely", "pessimistic")
# Checked estimates as (optimistic, most likely, pessimistic) floats, by position of the activity.
CheckedEstimates = dict[int, tuple[float, float, float]]


class Distribution(StrEnum):
    """How a duration is drawn from its three-point estimate."""

    TRIANGULAR = "triangular"
    PERT = "pert"


@dataclass(frozen=True, slots=True)
class ThreePointEstimate:
    """Optimistic, most likely and pessimistic durations of one activity, in working periods."""

    optimistic: Number
    most_likely: Number
    pessimistic: Number


class ScheduleRiskError(SchedulingError):
    """A simulation input is refused; `field` names it, `activity_id` the activity when there is one.

    `reason` is the message without the activity, for callers that name the activity their own
    way (the simulate command says activities[3].pessimistic).
    """

    def __init__(self, reason: str, *, field: str, activity_id: ActivityId | None = None) -> None:
        self.reason = reason
        self.field = field
        self.activity_id = activity_id
        where = f"Activity {quote(activity_id)}: " if activity_id is not None else ""
        super().__init__(f"{where}{reason}")


def checked_estimates(
    network: IndexedNetwork, estimates: Mapping[ActivityId, ThreePointEstimate]
) -> CheckedEstimates:
    """The estimates as floats by activity position, or ScheduleRiskError for the first one refused."""
    if not isinstance(estimates, Mapping):
        raise ScheduleRiskError(
            f"estimates must map activity ids to estimates, got {type(estimates).__name__}", field="estimates"
        )
    index_of = {activity_id: position for position, activity_id in enumerate(network.ids)}
    checked: CheckedEstimates = {}
    for activity_id, estimate in estimates.items():
        if activity_id not in index_of:
            raise ScheduleRiskError(f"Estimate for unknown activity {quote(activity_id)}", field="estimates")
        if not isinstance(estimate, ThreePointEstimate):
            raise ScheduleRiskError(
                f"estimate must be a ThreePointEstimate, got {type(estimate).__name__}",
                field="estimates",
                activity_id=activity_id,
            )
        values = []
        for name in ESTIMATE_FIELDS:
            value = getattr(estimate, name)
            number = _finite_float(value)
            if number is None:
                raise ScheduleRiskError(
                    f"{name} must be a finite number, got {value!r}", field=name, activity_id=activity_id
                )
            if number < 0:
                raise ScheduleRiskError(
                    f"{name} must not be negative, got {value!r}", field=name, activity_id=activity_id
                )
            values.append(number)
        optimistic, most_likely, pessimistic = values
        if pessimistic < optimistic:
            raise ScheduleRiskError(
                f"pessimistic ({estimate.pessimistic}) must not be below optimistic ({estimate.optimistic})",
                field="pessimistic",
                activity_id=activity_id,
            )
        if not optimistic <= most_likely <= pessimistic:
            raise ScheduleRiskError(
                f"most_likely ({estimate.most_likely}) must lie between optimistic "
                f"({estimate.optimistic}) and pessimistic ({estimate.pessimistic})",
                field="most_likely",
                activity_id=activity_id,
            )
        checked[index_of[activity_id]] = (optimistic, most_likely, pessimistic)
    return checked


def draw(
    network: IndexedNetwork,
    checked: CheckedEstimates,
    iterations: int,
    seed: int,
    distribution: Distribution,
) -> np.ndarray:
    """The durations of every iteration, shape (activities, iterations), from np.random.default_rng(seed).

    Rows are drawn in input order, one call of the generator per uncertain activity, so a seed
    gives the same draws whatever the caller does with them. A fixed estimate (a == b) and an
    activity without one fill their row with one value and draw nothing.
    """
    generator = np.random.default_rng(seed)
    durations = np.empty((len(network.ids), iterations))
    for position, planned in enumerate(network.planned_durations):
        row = durations[position]
        estimate = checked.get(position)
        if estimate is None:
            row.fill(planned)
            continue
        optimistic, most_likely, pessimistic = estimate
        if optimistic == pessimistic:
            row.fill(pessimistic)
        elif distribution is Distribution.TRIANGULAR:
            row[:] = generator.triangular(optimistic, most_likely, pessimistic, size=iterations)
        else:
            spread = pessimistic - optimistic
            alpha = 1 + 4 * (most_likely - optimistic) / spread
            beta = 1 + 4 * (pessimistic - most_likely) / spread
            np.multiply(generator.beta(alpha, beta, size=iterations), spread, out=row)
            row += optimistic
    return durations


def checked_distribution(distribution: object) -> Distribution:
    """The Distribution named by `distribution`, or ScheduleRiskError."""
    if isinstance(distribution, str) and distribution in {member.value for member in Distribution}:
        return Distribution(distribution)
    choices = ", ".join(member.value for member in Distribution)
    raise ScheduleRiskError(
        f"distribution must be one of {choices}, got {distribution!r}", field="distribution"
    )


def check_iterations(iterations: object) -> None:
    """Refuse anything but a whole number of iterations from 1 to MAXIMUM_ITERATIONS."""
    if type(iterations) is not int or not 1 <= iterations <= MAXIMUM_ITERATIONS:
        raise ScheduleRiskError(
            f"iterations must be a whole number from 1 to {MAXIMUM_ITERATIONS:,}, got {iterations!r}",
            field="iterations",
        )


def check_seed(seed: object) -> None:
    """Refuse a seed numpy cannot take: anything but a whole number >= 0."""
    if type(seed) is not int or seed < 0:
        raise ScheduleRiskError(f"seed must be a whole number >= 0, got {seed!r}", field="seed")


def _finite_float(value: object) -> float | None:
    """`value` as a float when it is a finite number (not bool) a float can hold, else None."""
    if not is_number(value):
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except OverflowError:  # an int past 1.8e308
        return None
    return number if math.isfinite(number) else None
