"""Quantitative schedule risk: a Monte Carlo simulation over the critical-path engine (pure, no ORM).

Each activity may carry a three-point estimate (optimistic a, most likely m, pessimistic b). An
iteration draws every such duration, triangular(a, m, b) by default or PERT-beta (alpha = 1 + 4(m -
a)/(b - a), beta = 1 + 4(b - m)/(b - a), scaled to [a, b], mean (a + 4m + b)/6); activities
without an estimate, or with a == b, keep one duration. Each iteration then runs the forward and
backward passes of `projects.scheduling.compute_schedule` with the same rules (the four link types
with lags, leads included; ES >= 0 and >= start_no_earlier_than; fixed_start pins ES; the backward
pass starts from the iteration's project finish, lowered to finish_no_later_than; critical means
total float <= 0), and records the project finish and which activities were critical.

Why numpy and how: the passes run once over all iterations at once, one array row per activity
(its values in every iteration side by side), walking the activities in one topological order
found beforehand. Each link is then one or two array operations over the iterations instead of
one Python step per iteration, so 5,000 iterations cost little more Python work than one
schedule (bench/bench_schedule_risk.py records the figures). The full-size arrays kept alive are
four (durations, early start, early finish reused as late finish, late start, turned into total
float in place); every other temporary is one row.

Floats: the passes run in float64, where compute_schedule is exact. Sums of drawn durations carry
rounding of about 1e-16 of their size, so "critical" and "finishes by the target" allow a
tolerance of 1e-9 of the iteration's project finish (at least 1e-9): a tie on the critical path
is not lost to rounding, and no real float of a working-day plan is that small.
"""

from risks.schedule_risk.estimates import (
    ESTIMATE_FIELDS,
    MAXIMUM_ITERATIONS,
    Distribution,
    ScheduleRiskError,
    ThreePointEstimate,
)
from risks.schedule_risk.passes import RELATIVE_TOLERANCE, IterationSchedules
from risks.schedule_risk.simulation import (
    DEFAULT_ITERATIONS,
    HISTOGRAM_BINS,
    PERCENTILE_METHOD,
    S_CURVE_POINTS,
    TORNADO_SIZE,
    Histogram,
    ScheduleRiskResult,
    SCurvePoint,
    TornadoBar,
    draw_durations,
    schedule_iterations,
    schedule_risk_to_dict,
    simulate_schedule_risk,
)

__all__ = [
    "DEFAULT_ITERATIONS",
    "ESTIMATE_FIELDS",
    "HISTOGRAM_BINS",
    "MAXIMUM_ITERATIONS",
    "PERCENTILE_METHOD",
    "RELATIVE_TOLERANCE",
    "S_CURVE_POINTS",
    "TORNADO_SIZE",
    "Distribution",
    "Histogram",
    "IterationSchedules",
    "SCurvePoint",
    "ScheduleRiskError",
    "ScheduleRiskResult",
    "ThreePointEstimate",
    "TornadoBar",
    "draw_durations",
    "schedule_iterations",
    "schedule_risk_to_dict",
    "simulate_schedule_risk",
]
