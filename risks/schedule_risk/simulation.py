"""The simulation and its results: percentiles, probability of a date, charts, criticality, sensitivity."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np

from projects.scheduling import Activity, ActivityId, Number
from projects.scheduling.network import is_number
from risks.schedule_risk.estimates import (
    Distribution,
    ScheduleRiskError,
    ThreePointEstimate,
    check_iterations,
    check_seed,
    checked_distribution,
    checked_estimates,
    draw,
)
from risks.schedule_risk.passes import IndexedNetwork, IterationSchedules, rounding_tolerance, run_passes

DEFAULT_ITERATIONS = 5_000
# More bars than this make a tornado chart unreadable; the full sensitivity stays in the result.
TORNADO_SIZE = 10
HISTOGRAM_BINS = 30
S_CURVE_POINTS = 200
# np.percentile's default, named so the method is a decision and not an accident: linear
# interpolation between the two closest ranks (type 7 of Hyndman and Fan, Excel's PERCENTILE.INC).
PERCENTILE_METHOD = "linear"


class Histogram(NamedTuple):
    """Counts of project finishes per bin: bin i holds [edges[i], edges[i + 1]), the last one its end too."""

    bin_edges: tuple[float, ...]
    counts: tuple[int, ...]


class SCurvePoint(NamedTuple):
    """The share of iterations (`probability`) that finish by `finish`."""

    finish: float
    probability: float


class TornadoBar(NamedTuple):
    """One bar of the tornado chart: an activity and its sensitivity (see ScheduleRiskResult)."""

    activity_id: ActivityId
    sensitivity: float


@dataclass(frozen=True)
class ScheduleRiskResult:
    """What `simulate_schedule_risk` found; finishes are in working periods from the project start.

    `sensitivity` is None for an activity whose duration never varies, or when the project finish
    never varies: a correlation with a constant is not defined (0 would claim "no influence").
    """

    iterations: int
    seed: int
    distribution: Distribution
    planned_finish: Number  # compute_schedule's project duration, over the planned durations
    target_finish: Number  # the date probability_on_time is measured against
    probability_on_time: float
    mean: float
    standard_deviation: float  # of the population of iterations (numpy's ddof=0)
    minimum: float
    maximum: float
    p50: float
    p80: float
    p90: float
    histogram: Histogram
    s_curve: tuple[SCurvePoint, ...]
    criticality: dict[ActivityId, float]  # share of iterations in which the activity is critical
    sensitivity: dict[ActivityId, float | None]  # Pearson correlation of its duration with the finish
    tornado: tuple[TornadoBar, ...]  # by |sensitivity|, largest first, at most TORNADO_SIZE
    finishes: np.ndarray = field(repr=False, compare=False)  # the project finish of each iteration


def simulate_schedule_risk(
    activities: Iterable[Activity],
    estimates: Mapping[ActivityId, ThreePointEstimate],
    *,
    iterations: int = DEFAULT_ITERATIONS,
    seed: int | None = None,
    distribution: str = Distribution.TRIANGULAR,
    target_finish: Number | None = None,
) -> ScheduleRiskResult:
    """Return the finish percentiles, criticality and sensitivity of the network over `iterations` draws.

    Durations are drawn as `draw_durations` does with the same arguments, so a seed reproduces a
    result exactly; without one, a fresh seed is drawn and reported in the result. The probability
    on time is the share of iterations finishing by the target, which defaults to the planned
    finish. Percentiles use numpy's linear method (PERCENTILE_METHOD).
    Raises ScheduleRiskError for a refused argument or estimate, and the engine's SchedulingError
    or CycleError for a network compute_schedule refuses.
    """
    activities = list(activities)
    chosen_distribution = checked_distribution(distribution)
    check_iterations(iterations)
    if seed is None:
        seed = int(np.random.SeedSequence().entropy)
    check_seed(seed)
    if target_finish is not None and not is_number(target_finish):
        raise ScheduleRiskError(
            f"target_finish must be a finite number, got {target_finish!r}", field="target_finish"
        )
    network = IndexedNetwork(activities)
    checked = checked_estimates(network, estimates)
    durations = draw(network, checked, iterations, seed, chosen_distribution)
    uncertain = {position for position, (low, _likely, high) in checked.items() if low < high}
    finishes, critical_counts = run_passes(network, durations, count_only=True)
    planned_finish = network.planned_finish
    target = planned_finish if target_finish is None else target_finish

    tolerance = rounding_tolerance(finishes)
    p50, p80, p90 = np.percentile(finishes, [50, 80, 90], method=PERCENTILE_METHOD)
    sensitivity = _sensitivity(network, durations, finishes, uncertain)
    ranked = sorted((bar for bar in sensitivity.items() if bar[1] is not None), key=lambda bar: -abs(bar[1]))
    return ScheduleRiskResult(
        iterations=iterations,
        seed=seed,
        distribution=chosen_distribution,
        planned_finish=planned_finish,
        target_finish=target,
        probability_on_time=float(np.count_nonzero(finishes <= float(target) + tolerance)) / iterations,
        mean=float(finishes.mean()),
        standard_deviation=float(finishes.std()),
        minimum=float(finishes.min()),
        maximum=float(finishes.max()),
        p50=float(p50),
        p80=float(p80),
        p90=float(p90),
        histogram=_histogram(finishes),
        s_curve=_s_curve(finishes),
        criticality={
            activity_id: int(count) / iterations
            for activity_id, count in zip(network.ids, critical_counts, strict=True)
        },
        sensitivity=sensitivity,
        tornado=tuple(TornadoBar(activity_id, value) for activity_id, value in ranked[:TORNADO_SIZE]),
        finishes=finishes,
    )


def draw_durations(
    activities: Iterable[Activity],
    estimates: Mapping[ActivityId, ThreePointEstimate],
    *,
    iterations: int,
    seed: int,
    distribution: str = Distribution.TRIANGULAR,
) -> np.ndarray:
    """Return the durations an iteration uses: shape (activities, iterations), rows in input order.

    A row is drawn from the activity's estimate when a < b, and otherwise holds one value: b when
    a == b, the planned duration when there is no estimate. Rows are drawn in input order from
    np.random.default_rng(seed), so the draws are those of `simulate_schedule_risk` with the
    same arguments.
    """
    chosen_distribution = checked_distribution(distribution)
    check_iterations(iterations)
    check_seed(seed)
    network = IndexedNetwork(list(activities))
    return draw(network, checked_estimates(network, estimates), iterations, seed, chosen_distribution)


def schedule_iterations(activities: Iterable[Activity], durations: np.ndarray) -> IterationSchedules:
    """Return the project finish and the critical activities of each column of `durations`.

    Column k of `durations` (shape (activities, iterations), rows in input order) gives every
    activity's duration in iteration k; each column is scheduled as compute_schedule would
    schedule the network with those durations (other fields as given), to float rounding.
    """
    network = IndexedNetwork(list(activities))
    durations = np.asarray(durations, dtype=np.float64)
    if durations.ndim != 2 or durations.shape[0] != len(network.ids):
        raise ScheduleRiskError(
            f"durations must have one row per activity ({len(network.ids)}), got shape {durations.shape}",
            field="durations",
        )
    if not np.isfinite(durations).all() or (durations < 0).any():
        raise ScheduleRiskError("durations must be finite numbers >= 0", field="durations")
    return IterationSchedules(*run_passes(network, durations, count_only=False))


def schedule_risk_to_dict(result: ScheduleRiskResult, *, charts: bool = False) -> dict[str, Any]:
    """Return the result as JSON-ready data, ids as strings; the histogram and S-curve with `charts`."""
    # The figures the issue names first, in its order; then what the run was and the rest.
    data: dict[str, Any] = {
        "p50": result.p50,
        "p80": result.p80,
        "p90": result.p90,
        "mean": result.mean,
        "criticality": {str(activity_id): share for activity_id, share in result.criticality.items()},
        "iterations": result.iterations,
        "seed": result.seed,
        "distribution": str(result.distribution),
        "planned_finish": result.planned_finish,
        "target_finish": result.target_finish,
        "probability_on_time": result.probability_on_time,
        "standard_deviation": result.standard_deviation,
        "minimum": result.minimum,
        "maximum": result.maximum,
        "sensitivity": {str(activity_id): value for activity_id, value in result.sensitivity.items()},
        "tornado": [{"id": str(bar.activity_id), "sensitivity": bar.sensitivity} for bar in result.tornado],
    }
    if charts:
        data["histogram"] = {
            "bin_edges": list(result.histogram.bin_edges),
            "counts": list(result.histogram.counts),
        }
        data["s_curve"] = [[point.finish, point.probability] for point in result.s_curve]
    return data


def _sensitivity(
    network: IndexedNetwork, durations: np.ndarray, finishes: np.ndarray, uncertain: set[int]
) -> dict[ActivityId, float | None]:
    """Pearson correlation of each drawn duration with the finish; None where it is not defined."""
    centred_finishes = finishes - finishes.mean()
    finish_norm = float(np.sqrt(centred_finishes @ centred_finishes))
    sensitivity: dict[ActivityId, float | None] = {}
    for position, activity_id in enumerate(network.ids):
        sensitivity[activity_id] = None
        if position not in uncertain or not finish_norm:
            continue
        centred = durations[position] - durations[position].mean()
        norm = float(np.sqrt(centred @ centred))
        if norm:
            # Clipped: rounding can put a perfect correlation a hair past 1.
            sensitivity[activity_id] = min(
                1.0, max(-1.0, float(centred @ centred_finishes) / (norm * finish_norm))
            )
    return sensitivity


def _histogram(finishes: np.ndarray) -> Histogram:
    """HISTOGRAM_BINS equal bins over the range, or one per distinct finish when there are fewer."""
    distinct = len(np.unique(finishes))
    counts, edges = np.histogram(finishes, bins=min(HISTOGRAM_BINS, distinct))
    return Histogram(tuple(map(float, edges)), tuple(map(int, counts)))


def _s_curve(finishes: np.ndarray) -> tuple[SCurvePoint, ...]:
    """The empirical distribution function at up to S_CURVE_POINTS finishes spread evenly by rank.

    Each point's probability is the share of iterations finishing at or before it, so tied
    finishes give one point and the last point is (maximum, 1.0).
    """
    ordered = np.sort(finishes)
    ranks = np.unique(np.linspace(0, len(ordered) - 1, min(len(ordered), S_CURVE_POINTS)).round().astype(int))
    values = np.unique(ordered[ranks])
    shares = np.searchsorted(ordered, values, side="right") / len(ordered)
    return tuple(SCurvePoint(float(value), float(share)) for value, share in zip(values, shares, strict=True))
