"""The passes of compute_schedule over every iteration at once, as numpy array operations.

Why and how: the package's docstring (risks.schedule_risk).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from projects.scheduling import Activity, Number, compute_schedule
from projects.scheduling.network import LINK_SIDES

# Relative tolerance of "critical" and "on time" against float rounding (see the package docstring).
RELATIVE_TOLERANCE = 1e-9


class IterationSchedules(NamedTuple):
    """The passes over many iterations: `finishes[k]`, and `critical[i, k]` for activity i."""

    finishes: np.ndarray
    critical: np.ndarray


class IndexedNetwork:
    """The network checked by compute_schedule, indexed once for the array passes.

    Links are filed twice: under the successor for the forward pass, under the predecessor for
    the backward pass, each split by the side it drives, as (other activity, other side is the
    finish, lag).
    """

    def __init__(self, activities: list[Activity]) -> None:
        # The engine's own checks (duplicate or unknown ids, bad numbers or links, cycles), with
        # its messages; and its figures give the planned finish.
        self.planned_finish = compute_schedule(activities).project_duration
        self.ids = [activity.id for activity in activities]
        count = len(activities)
        index_of = {activity_id: position for position, activity_id in enumerate(self.ids)}
        self.planned_durations = [float(activity.duration) for activity in activities]
        self.earliest_starts = [
            0.0 if start is None or start < 0 else float(start)
            for start in (activity.start_no_earlier_than for activity in activities)
        ]
        self.deadlines = [_float_or_none(activity.finish_no_later_than) for activity in activities]
        self.fixed_starts = [_float_or_none(activity.fixed_start) for activity in activities]
        Filed = list[list[tuple[int, bool, float]]]  # noqa: N806 - a local type alias
        self.driving_start: Filed = [[] for _ in range(count)]  # FS, SS: bound the successor's start
        self.driving_finish: Filed = [[] for _ in range(count)]  # FF, SF: bound the successor's finish
        self.bounding_finish: Filed = [[] for _ in range(count)]  # FS, FF: bound the predecessor's finish
        self.bounding_start: Filed = [[] for _ in range(count)]  # SS, SF: bound the predecessor's start
        incoming = [0] * count
        followers: list[list[int]] = [[] for _ in range(count)]
        for successor, activity in enumerate(activities):
            for link in activity.predecessors:
                predecessor = index_of[link.predecessor_id]
                predecessor_finish_drives, successor_finish_driven = LINK_SIDES[link.type]
                lag = float(link.lag)
                forward = self.driving_finish if successor_finish_driven else self.driving_start
                forward[successor].append((predecessor, predecessor_finish_drives, lag))
                backward = self.bounding_finish if predecessor_finish_drives else self.bounding_start
                backward[predecessor].append((successor, successor_finish_driven, lag))
                incoming[successor] += 1
                followers[predecessor].append(successor)
        # Kahn's order; compute_schedule has already refused a cycle, so it reaches every activity.
        order = [position for position in range(count) if not incoming[position]]
        for current in order:
            for successor in followers[current]:
                incoming[successor] -= 1
                if not incoming[successor]:
                    order.append(successor)
        self.order = order


def run_passes(
    network: IndexedNetwork, durations: np.ndarray, *, count_only: bool
) -> tuple[np.ndarray, np.ndarray]:
    """The forward and backward passes over every column of `durations` at once.

    Returns the finishes and, per activity, the number of iterations in which it is critical
    (count_only) or the critical flags of every iteration; `durations` is only read. Follows
    compute_schedule's rules (see the package docstring), each link written by the side it
    bounds: FS bounds ES(j) by EF(i) + lag, SS by ES(i) + lag, FF bounds EF(j) by EF(i) + lag, SF
    by ES(i) + lag; the backward pass mirrors them.
    """
    count, iterations = len(network.ids), durations.shape[1]
    if not count:
        empty = np.zeros((0,), dtype=np.int64) if count_only else np.zeros((0, iterations), dtype=bool)
        return np.zeros(iterations), empty
    early_start = np.empty_like(durations)
    early_finish = np.empty_like(durations)
    scratch = np.empty(iterations)
    bound = np.empty(iterations)

    def shifted(row: np.ndarray, lag: float) -> np.ndarray:
        if not lag:
            return row
        np.add(row, lag, out=scratch)
        return scratch

    for current in network.order:
        start = early_start[current]
        pin = network.fixed_starts[current]
        if pin is not None:
            start.fill(pin)  # whatever the links say, as compute_schedule does
        else:
            start.fill(network.earliest_starts[current])
            for predecessor, from_finish, lag in network.driving_start[current]:
                source = early_finish[predecessor] if from_finish else early_start[predecessor]
                np.maximum(start, shifted(source, lag), out=start)
            finish_links = network.driving_finish[current]
            if finish_links:
                bound.fill(-np.inf)
                for predecessor, from_finish, lag in finish_links:
                    source = early_finish[predecessor] if from_finish else early_start[predecessor]
                    np.maximum(bound, shifted(source, lag), out=bound)
                np.subtract(bound, durations[current], out=bound)
                np.maximum(start, bound, out=start)
        np.add(start, durations[current], out=early_finish[current])
    finishes = early_finish.max(axis=0)

    # Backward: early_finish is no longer needed, so its rows become the late finishes, each
    # written once its activity is final (its successors come earlier in reverse order).
    late_finish = early_finish
    late_start = np.empty_like(durations)

    def lowered(row: np.ndarray, lag: float) -> np.ndarray:
        if not lag:
            return row
        np.subtract(row, lag, out=scratch)
        return scratch

    for current in reversed(network.order):
        finish = late_finish[current]
        deadline = network.deadlines[current]
        if deadline is None:
            finish[:] = finishes
        else:
            np.minimum(finishes, deadline, out=finish)
        for successor, to_finish, lag in network.bounding_finish[current]:
            target = late_finish[successor] if to_finish else late_start[successor]
            np.minimum(finish, lowered(target, lag), out=finish)
        start = late_start[current]
        np.subtract(finish, durations[current], out=start)
        for successor, to_finish, lag in network.bounding_start[current]:
            target = late_finish[successor] if to_finish else late_start[successor]
            np.minimum(start, lowered(target, lag), out=start)
        np.add(start, durations[current], out=finish)
    del late_finish, early_finish

    total_float = late_start
    total_float -= early_start
    del early_start
    critical = total_float <= rounding_tolerance(finishes)
    if count_only:
        return finishes, np.count_nonzero(critical, axis=1)
    return finishes, critical


def rounding_tolerance(finishes: np.ndarray) -> np.ndarray:
    """Per iteration, how far from 0 a float still counts as 0: RELATIVE_TOLERANCE of the finish, at least."""
    return RELATIVE_TOLERANCE * np.maximum(1.0, np.abs(finishes))


def _float_or_none(value: Number | None) -> float | None:
    return None if value is None else float(value)
