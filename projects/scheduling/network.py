"""The engine's vocabulary: activities, links and their types, the schedule it returns, its errors."""

from __future__ import annotations

import math
from collections.abc import Hashable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import NamedTuple

ActivityId = Hashable
# What the engine takes for durations, lags and constraints, and gives back as figures
# (Decimal and Fraction are accepted too; figures are int when whole, else float).
Number = int | float

# How many cycle members a message names before it abbreviates; keeps the message one short line.
_CYCLE_NAMES_SHOWN = 10


class LinkType(StrEnum):
    """The four precedence relations; the value is the usual two-letter code."""

    FS = "FS"
    SS = "SS"
    FF = "FF"
    SF = "SF"


# For each link type: (does the predecessor's finish drive?, is the successor's finish driven?).
# FS = the predecessor's finish drives the successor's start.
LINK_SIDES: dict[str, tuple[bool, bool]] = {
    LinkType.FS: (True, False),
    LinkType.SS: (False, False),
    LinkType.FF: (True, True),
    LinkType.SF: (False, True),
}


class SchedulingError(ValueError):
    """The network cannot be scheduled; the message says which activity or field is wrong."""


class CycleError(SchedulingError):
    """The dependencies loop back on themselves; `cycle` lists the activities in link order."""

    def __init__(self, cycle: list[ActivityId]) -> None:
        self.cycle = tuple(cycle)
        names = [str(activity_id) for activity_id in cycle]
        if len(names) > _CYCLE_NAMES_SHOWN:
            shown = " -> ".join(names[:_CYCLE_NAMES_SHOWN])
            text = f"{shown} -> ... -> {names[0]} ({len(names)} activities)"
        else:
            text = " -> ".join([*names, names[0]])
        super().__init__(f"Dependency cycle: {text}")


# Link and Activity are built by the caller once per row, so their construction is part of what
# a schedule costs: a frozen dataclass assigns each field through object.__setattr__ and took
# three times as long to build (1.7 against 0.6 us per activity with two links), half the cost
# of a 10,000-activity schedule. So they are plain slotted dataclasses, hashable by value like
# the frozen ones were; the engine copies every field at the start and never writes to them.
@dataclass(slots=True, unsafe_hash=True)
class Link:
    """A dependency on `predecessor_id`, held by the successor activity."""

    predecessor_id: ActivityId
    type: LinkType = LinkType.FS
    lag: Number = 0


@dataclass(slots=True, unsafe_hash=True)
class Activity:
    """A schedulable leaf task: duration in working periods, its predecessor links, constraints."""

    id: ActivityId
    duration: Number
    predecessors: tuple[Link, ...] = ()
    start_no_earlier_than: Number | None = None
    finish_no_later_than: Number | None = None
    # Pins the early start here whatever the predecessors and start_no_earlier_than say: a
    # manually scheduled task, or a started task's actual start (as MS Project does).
    fixed_start: Number | None = None


class ActivitySchedule(NamedTuple):
    """Computed dates (as period numbers) and floats of one activity.

    A NamedTuple rather than a frozen dataclass: one is built per activity and a frozen
    dataclass costs about four times as much to construct, which was a quarter of the time
    of a 10,000-activity schedule. It is just as immutable.
    """

    early_start: Number
    early_finish: Number
    late_start: Number
    late_finish: Number
    total_float: Number
    free_float: Number
    critical: bool


@dataclass(frozen=True, slots=True)
class Schedule:
    """The result of `compute_schedule`; `activities` keeps the input order."""

    project_duration: Number
    critical_path: list[ActivityId]
    activities: dict[ActivityId, ActivitySchedule]


def quote(activity_id: ActivityId) -> str:
    return f'"{activity_id}"'


def is_number(value: object) -> bool:
    """True for a finite int, float, Decimal or Fraction; bool is not a number here."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int | Fraction):
        return True
    if isinstance(value, float):
        return math.isfinite(value)
    return isinstance(value, Decimal) and value.is_finite()


def is_link_type(value: object) -> bool:
    try:
        return value in LINK_SIDES
    except TypeError:  # unhashable
        return False
