"""Benchmark of the schedule-risk engine (risks/schedule_risk/): 5,000 iterations of 500 and 2,000 tasks.

Run: .venv/bin/python bench/bench_schedule_risk.py [--runs N] [--iterations N] [--sizes 500,2000]
    [--no-write]

Each plan is a random DAG (fixed seed) of the kind bench/bench_scheduling.py uses: two links per
activity of mixed types (FS/SS/FF/SF, lags -2..3), predecessors within 40 places of a hidden order,
durations 1..10, a few start-no-earlier-than and finish-no-later-than constraints near the plan's
own dates, listed shuffled;
every activity has a three-point estimate skewed late (a = d - 0..2, m = d, b = d + 1..8), as real
estimates are. The sizes share the generator and its seed. For each size, timed as the median of N
runs (wall clock by time.perf_counter, the figure a user waits for; CPU time by time.process_time
beside it, as other processes share the machine):

1. `simulate_schedule_risk` end to end, triangular and PERT-beta: checks, draws, both passes over
   every iteration, percentiles, histogram, S-curve, criticality and sensitivity.
2. Its two heavy parts alone: `draw_durations` (triangular) and `schedule_iterations` (the passes).
3. The floor, measured in the same process: one deterministic `compute_schedule` of the same plan.
   Each figure is given as a ratio to it (the issue's acceptance figure: the simulation's time as a
   multiple of one deterministic run), and per iteration: what the array passes save over running
   the critical-path engine once per iteration (which would cost iterations x that floor).

Peak memory of each figure is traced separately (tracemalloc sees numpy's buffers; it slows Python
objects, so those runs are not timed); a peak over PEAK_WARNING_MB is called out in the section. The
process's peak resident set size over the whole run is reported beside it. The goal (GOAL_SECONDS)
is checked for the 500-task plan; other sizes are reported only. Before timing, a sample of
iterations of every size is checked against compute_schedule run on the same drawn durations. The
section "## Schedule risk (Monte Carlo)" of bench/RESULTS.md is rewritten between its markers,
leaving the rest of the file alone.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import random
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

import numpy  # noqa: E402

from bench.results import write_section  # noqa: E402
from projects.scheduling import Activity, Link, LinkType, compute_schedule  # noqa: E402
from risks.schedule_risk import (  # noqa: E402
    ThreePointEstimate,
    draw_durations,
    schedule_iterations,
    simulate_schedule_risk,
)

SIZES = (500, 2_000)
ITERATIONS = 5_000
LINKS_PER_ACTIVITY = 2
WINDOW = 40
NETWORK_SEED = 20_240_611
SIMULATION_SEED = 7
GOAL_SECONDS = 2.0
GOAL_ACTIVITIES = 500  # the goal is set for this size; other sizes are reported only
PEAK_WARNING_MB = 1_000.0
# compute_schedule takes a few milliseconds here, so its median is taken over more runs.
FLOOR_RUNS = 200
CHECKED_ITERATIONS = 20
BEGIN_MARKER = "<!-- BEGIN schedule risk benchmark (written by bench/bench_schedule_risk.py) -->"
END_MARKER = "<!-- END schedule risk benchmark -->"


def make_plan(activity_count: int, *, seed: int = NETWORK_SEED) -> tuple[list[Activity], dict]:
    """Return a random acyclic plan (listed shuffled) and a three-point estimate for every activity."""
    generator = random.Random(seed)
    durations = [generator.randint(1, 10) for _ in range(activity_count)]
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < min(activity_count * LINKS_PER_ACTIVITY, activity_count * (activity_count - 1) // 2):
        successor = generator.randrange(1, activity_count)
        pairs.add((generator.randrange(max(0, successor - WINDOW), successor), successor))
    links: dict[int, list[Link]] = {index: [] for index in range(activity_count)}
    for predecessor, successor in sorted(pairs):
        links[successor].append(
            Link(f"T{predecessor}", generator.choice(list(LinkType)), generator.randint(-2, 3))
        )
    plain = [Activity(f"T{index}", durations[index], tuple(links[index])) for index in range(activity_count)]
    # Constraints near the plan's own dates, as a planner sets them: a start held a few days, a
    # deadline a little after the early finish or (now and then) before it.
    planned = compute_schedule(plain).activities
    activities, estimates = [], {}
    for activity in plain:
        constraints = {}
        roll = generator.random()
        if roll < 0.02:
            constraints["start_no_earlier_than"] = planned[activity.id].early_start + generator.randint(0, 5)
        elif roll < 0.04:
            constraints["finish_no_later_than"] = planned[activity.id].early_finish + generator.randint(
                -3, 10
            )
        activities.append(Activity(activity.id, activity.duration, activity.predecessors, **constraints))
        duration = activity.duration
        estimates[activity.id] = ThreePointEstimate(
            max(0, duration - generator.randint(0, 2)), duration, duration + generator.randint(1, 8)
        )
    generator.shuffle(activities)
    return activities, estimates


def median_times(function: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median wall-clock and median CPU seconds of `runs` calls, each after gc.collect()."""
    walls, processors = [], []
    for _ in range(runs):
        gc.collect()
        wall, processor = time.perf_counter(), time.process_time()
        function()
        walls.append(time.perf_counter() - wall)
        processors.append(time.process_time() - processor)
    return statistics.median(walls), statistics.median(processors)


def peak_megabytes(function: Callable[[], object]) -> float:
    gc.collect()
    tracemalloc.start()
    try:
        function()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def check_against_compute_schedule(activities: list[Activity], estimates: dict, iterations: int) -> None:
    """Fail loudly unless sampled iterations match compute_schedule on the same drawn durations."""
    durations = draw_durations(activities, estimates, iterations=iterations, seed=SIMULATION_SEED)
    simulated = schedule_iterations(activities, durations)
    for iteration in random.Random(1).sample(range(iterations), min(CHECKED_ITERATIONS, iterations)):
        plain = [
            Activity(
                activity.id,
                float(duration),
                activity.predecessors,
                activity.start_no_earlier_than,
                activity.finish_no_later_than,
                activity.fixed_start,
            )
            for activity, duration in zip(activities, durations[:, iteration], strict=True)
        ]
        expected = compute_schedule(plain)
        assert (
            abs(simulated.finishes[iteration] - expected.project_duration) <= 1e-9 * expected.project_duration
        )
        critical = {
            activities[position].id for position in numpy.flatnonzero(simulated.critical[:, iteration])
        }
        assert critical == set(expected.critical_path), iteration


def seconds(value: float) -> str:
    return f"{value:,.3f} s" if value >= 1 else f"{value * 1000:,.1f} ms"


def ratio(value: float) -> str:
    return f"{value:,.0f}x" if value >= 10 else f"{value:,.1f}x"


FLOOR = "floor: one compute_schedule"
TRIANGULAR = "simulate, triangular"
PERT = "simulate, PERT-beta"


@dataclass
class SizeFigures:
    """What one plan size measured: (wall, CPU) and peak MB per figure, and the triangular result."""

    activities: int
    links: int
    timed: dict[str, tuple[float, float]]
    peaks: dict[str, float]
    result: object


def measure(activity_count: int, iterations: int, runs: int) -> SizeFigures:
    """Check, time and trace one plan size; its arrays are freed on return."""
    activities, estimates = make_plan(activity_count)
    link_count = sum(len(activity.predecessors) for activity in activities)
    check_against_compute_schedule(activities, estimates, iterations)
    print(f"{activity_count:,} activities: {CHECKED_ITERATIONS} sampled iterations match compute_schedule")

    def simulate(distribution: str) -> Callable[[], object]:
        return lambda: simulate_schedule_risk(
            activities, estimates, iterations=iterations, seed=SIMULATION_SEED, distribution=distribution
        )

    durations = draw_durations(activities, estimates, iterations=iterations, seed=SIMULATION_SEED)
    functions: dict[str, tuple[Callable[[], object], int]] = {
        TRIANGULAR: (simulate("triangular"), runs),
        PERT: (simulate("pert"), runs),
        "draws alone (triangular)": (
            lambda: draw_durations(activities, estimates, iterations=iterations, seed=SIMULATION_SEED),
            runs,
        ),
        "passes alone (schedule_iterations)": (lambda: schedule_iterations(activities, durations), runs),
        FLOOR: (lambda: compute_schedule(activities), FLOOR_RUNS),
    }
    timed, peaks = {}, {}
    for name, (function, count) in functions.items():
        timed[name] = median_times(function, count)
        peaks[name] = peak_megabytes(function)
        wall, processor = timed[name]
        print(
            f"{activity_count:,} activities, {name}: {seconds(wall)} wall, {seconds(processor)} CPU, "
            f"peak {peaks[name]:,.1f} MB",
            flush=True,
        )
    return SizeFigures(activity_count, link_count, timed, peaks, simulate("triangular")())


def size_lines(figures: SizeFigures, iterations: int) -> list[str]:
    """The paragraph under the table for one size: ratios, goal, memory, result."""
    count, timed, result = figures.activities, figures.timed, figures.result
    floor_wall = timed[FLOOR][0]
    triangular_wall, pert_wall = timed[TRIANGULAR][0], timed[PERT][0]
    slowest = max(triangular_wall, pert_wall)
    full_size = count * iterations * 8 / 1e6
    simulation_peak = max(figures.peaks[TRIANGULAR], figures.peaks[PERT])
    lines = [
        "",
        f"{count:,} tasks. The simulation against one deterministic run of the same plan "
        f"({seconds(floor_wall)}): {seconds(triangular_wall)} (triangular) and {seconds(pert_wall)} (PERT), "
        f"{ratio(triangular_wall / floor_wall)} and {ratio(pert_wall / floor_wall)} one compute_schedule; "
        f"per iteration {triangular_wall / iterations * 1e6:,.1f} µs and "
        f"{pert_wall / iterations * 1e6:,.1f} µs, "
        f"{triangular_wall / iterations / floor_wall:.3f}x and {pert_wall / iterations / floor_wall:.3f}x of "
        f"one run; running compute_schedule once per iteration would take about "
        f"{seconds(floor_wall * iterations)}, {floor_wall * iterations / triangular_wall:.0f}x the "
        "triangular simulation.",
    ]
    if count == GOAL_ACTIVITIES:
        verdict = "met" if slowest < GOAL_SECONDS else "NOT met"
        lines.append(
            f"Goal: {iterations:,} iterations of a {count:,}-task plan under {GOAL_SECONDS:.0f} s: "
            f"{verdict} (slowest distribution {seconds(slowest)}, "
            f"{GOAL_SECONDS / slowest:.1f}x inside the goal)."
        )
    else:
        lines.append(
            f"No goal is set for {count:,} tasks: reported only (slowest distribution {seconds(slowest)})."
        )
    lines.append(
        f"Peak memory traced during one simulation: {figures.peaks[TRIANGULAR]:,.1f} MB (triangular), "
        f"{figures.peaks[PERT]:,.1f} MB (PERT); one full-size float64 array of {count:,} x {iterations:,} "
        f"is {full_size:,.1f} MB, and the passes keep four alive."
    )
    if simulation_peak > PEAK_WARNING_MB:
        lines.append(
            f"**Memory warning: {simulation_peak:,.0f} MB at {count:,} tasks is over "
            f"{PEAK_WARNING_MB / 1000:.0f} GB**; it grows with tasks x iterations."
        )
    lines.append(
        f"Result (triangular): planned finish {result.planned_finish}, P50 {result.p50:,.1f}, "
        f"P80 {result.p80:,.1f}, P90 {result.p90:,.1f}, probability of the planned finish "
        f"{result.probability_on_time:.3f}, "
        f"{sum(1 for share in result.criticality.values() if share > 0):,} activities critical in at "
        "least one iteration."
    )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs per figure (median)")
    parser.add_argument("--iterations", type=int, default=ITERATIONS)
    parser.add_argument(
        "--sizes", default=",".join(map(str, SIZES)), help="activities per plan, comma separated"
    )
    parser.add_argument("--no-write", action="store_true", help="print only, leave RESULTS.md alone")
    arguments = parser.parse_args()
    iterations, runs = arguments.iterations, arguments.runs
    sizes = [int(size) for size in arguments.sizes.split(",")]

    machine = (
        f"Python {platform.python_version()} ({platform.python_implementation()}), "
        f"numpy {numpy.__version__}, "
        f"{os.cpu_count()} CPUs, {platform.system()} {platform.machine()}, "
        f"1-minute load average {os.getloadavg()[0]:.2f} at the start (other work slows every figure alike)"
    )
    print(machine, flush=True)
    measured = []
    for size in sizes:
        measured.append(measure(size, iterations, runs))
        gc.collect()
    # Linux reports ru_maxrss in KiB.
    resident_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6

    plans = "; ".join(f"{figures.activities:,} activities, {figures.links:,} links" for figures in measured)
    lines = [
        "## Schedule risk (Monte Carlo)",
        "",
        f"`bench/bench_schedule_risk.py`: median of {runs} runs (the floor: of {FLOOR_RUNS}), wall clock "
        f"(time.perf_counter) and CPU (time.process_time), gc.collect() before each; every figure and its "
        f"floor measured in the same process. Machine: {machine}.",
        f"Plans: {plans} (FS/SS/FF/SF, lags -2..3, predecessors within {WINDOW} places of a hidden order, "
        "listed shuffled, a few start-no-earlier-than and finish-no-later-than constraints near the plan's "
        f"dates, one generator, seed {NETWORK_SEED}); a three-point estimate on every activity "
        f"(a = d - 0..2, m = d, b = d + 1..8); {iterations:,} iterations, seed {SIMULATION_SEED}. "
        f"For each size, {CHECKED_ITERATIONS} sampled iterations were checked against compute_schedule on "
        "the same drawn durations before timing: same finish, same critical set.",
        "",
        "| tasks | measured | wall | CPU | per iteration (wall) | ÷ one compute_schedule (wall) "
        "| peak memory |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for figures in measured:
        floor_wall = figures.timed[FLOOR][0]
        for name, (wall, processor) in figures.timed.items():
            is_floor = name == FLOOR
            per_iteration = "" if is_floor else f"{wall / iterations * 1e6:,.1f} µs"
            against_floor = "" if is_floor else ratio(wall / floor_wall)
            lines.append(
                f"| {figures.activities:,} | {name} | {seconds(wall)} | {seconds(processor)} "
                f"| {per_iteration} | {against_floor} | {figures.peaks[name]:,.1f} MB |"
            )
    lines += [
        "",
        "Peak memory is traced by tracemalloc in a separate, untimed run of each figure (numpy's buffers "
        "included). Peak resident set size of the whole benchmark process (getrusage, every size and "
        f"figure, the interpreter and its libraries included): {resident_peak:,.0f} MB.",
    ]
    for figures in measured:
        lines += size_lines(figures, iterations)
    section = "\n".join(lines)
    print(section)
    if not arguments.no_write:
        write_section(section, begin_marker=BEGIN_MARKER, end_marker=END_MARKER)
        print("\nwrote bench/RESULTS.md")


if __name__ == "__main__":
    main()
