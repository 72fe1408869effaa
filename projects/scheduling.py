"""Critical-path scheduling by the precedence diagramming method (pure Python, no ORM).

Time is counted in whole working periods (working days on the project calendar) from the
project start at period 0. An activity with early start ES and duration d occupies periods
ES .. ES + d - 1 and has early finish EF = ES + d, so a milestone (d = 0) has ES == EF.
`projects.workcalendar.WorkCalendar` maps these integer periods to calendar dates.

A link from predecessor i to successor j with lag L (negative L is a lead) requires:

- FS: ES(j) >= EF(i) + L
- SS: ES(j) >= ES(i) + L
- FF: EF(j) >= EF(i) + L
- SF: EF(j) >= ES(i) + L

Writing EF = ES + d, every link is one difference constraint between start times,
ES(j) - ES(i) >= gap, where gap is the lag, plus d(i) when the predecessor's finish drives
(FS, FF), minus d(j) when the successor's finish is driven (FF, SF). The forward pass takes the
largest ES(i) + gap in Kahn topological order, the backward pass the smallest LS(j) - gap in
reverse order: linear in activities + links, and nothing recurses (20,000-long chains are fine).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, NamedTuple

ActivityId = Hashable

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
_LINK_SIDES: dict[str, tuple[bool, bool]] = {
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


@dataclass(frozen=True, slots=True)
class Link:
    """A dependency on `predecessor_id`, held by the successor activity."""

    predecessor_id: ActivityId
    type: LinkType = LinkType.FS
    lag: int = 0


@dataclass(frozen=True, slots=True)
class Activity:
    """A schedulable leaf task: duration in working periods, its predecessor links, constraints."""

    id: ActivityId
    duration: int
    predecessors: tuple[Link, ...] = ()
    start_no_earlier_than: int | None = None
    finish_no_later_than: int | None = None
    # Pins the early start here whatever the predecessors and start_no_earlier_than say: a
    # manually scheduled task, or a started task's actual start (as MS Project does).
    fixed_start: int | None = None


class ActivitySchedule(NamedTuple):
    """Computed dates (as period numbers) and floats of one activity.

    A NamedTuple rather than a frozen dataclass: one is built per activity and a frozen
    dataclass costs about four times as much to construct, which was a quarter of the time
    of a 10,000-activity schedule. It is just as immutable.
    """

    early_start: int
    early_finish: int
    late_start: int
    late_finish: int
    total_float: int
    free_float: int
    critical: bool


@dataclass(frozen=True, slots=True)
class Schedule:
    """The result of `compute_schedule`; `activities` keeps the input order."""

    project_duration: int
    critical_path: list[ActivityId]
    activities: dict[ActivityId, ActivitySchedule]


def _quote(activity_id: ActivityId) -> str:
    return f'"{activity_id}"'


def _whole_number(value: object, where: str, *, optional: bool = False) -> Any:
    """Return `value` if it is an int (None too when optional), else raise SchedulingError."""
    # bool is a subclass of int, but True is not a duration.
    if type(value) is int or (optional and value is None):
        return value
    raise SchedulingError(f"{where} must be a whole number, got {type(value).__name__} {value!r}")


def compute_schedule(activities: Iterable[Activity]) -> Schedule:
    """Return early/late dates, floats and the critical path of the network.

    Rules: ES >= 0 and ES >= start_no_earlier_than; every link is honoured in the forward
    pass, except by an activity with a fixed_start, whose ES is exactly fixed_start (its
    successors are driven from there as usual). The backward pass starts from the project
    finish (max EF) for every activity, lowered to finish_no_later_than where given, so an
    unmeetable deadline shows as negative total float along the chain that feeds it. It
    ignores pins, so a pinned activity sitting past its late start gets negative total float,
    and a link a pin breaks gives its predecessor negative free float. Total float = LS - ES; critical means
    total float <= 0; the critical path lists critical activities by (ES, EF, input order).

    Free float = min(slack of each successor link, project finish - EF, total float), where
    the slack of a link is how far it is from binding (FS: ES(j) - EF(i) - lag, SS: ES(j) -
    ES(i) - lag, FF: EF(j) - EF(i) - lag, SF: EF(j) - ES(i) - lag). Without pins the early
    schedule honours every link, so the first two terms are never negative and free float is >= 0 whenever
    total float is. The total-float cap keeps free float <= total float; when a deadline
    makes total float negative, free float equals it: the activity is already late and has
    no room to slip.

    Raises SchedulingError for duplicate ids, negative or non-integer durations, unknown
    predecessors, self links and duplicate links, and CycleError (naming the activities on
    the loop) when the dependencies are cyclic.
    """
    activities = list(activities)
    count = len(activities)
    durations = [activity.duration for activity in activities]
    incoming, successors = _index_links(activities, durations)

    # Forward pass fused with Kahn's algorithm: an activity is scheduled when its last
    # predecessor has been, so every predecessor's early start is final when it is read.
    early_start = [0] * count
    waiting_on = [len(links) for links in incoming]
    ready = deque(position for position in range(count) if waiting_on[position] == 0)
    order: list[int] = []
    while ready:
        current = ready.popleft()
        order.append(current)
        activity = activities[current]
        start = activity.fixed_start
        if start is None:
            start = activity.start_no_earlier_than or 0
            if start < 0:
                start = 0
            for predecessor, gap in incoming[current]:
                candidate = early_start[predecessor] + gap
                if candidate > start:
                    start = candidate
        early_start[current] = start
        for successor in successors[current]:
            waiting_on[successor] -= 1
            if waiting_on[successor] == 0:
                ready.append(successor)
    if len(order) < count:
        raise CycleError([activities[i].id for i in _find_cycle(waiting_on, incoming)])
    early_finish = [start + duration for start, duration in zip(early_start, durations, strict=True)]
    project_duration = max(early_finish, default=0)

    # Backward pass in reverse topological order, pushing from each successor to its
    # predecessors: every successor of an activity is final before the activity is reached.
    # Free float is gathered in the same sweep, from the early dates.
    late_start = []
    for activity, duration in zip(activities, durations, strict=True):
        deadline = activity.finish_no_later_than
        finish = project_duration if deadline is None or deadline > project_duration else deadline
        late_start.append(finish - duration)
    free_float = [project_duration - finish for finish in early_finish]
    for current in reversed(order):
        current_late_start = late_start[current]
        current_early_start = early_start[current]
        for predecessor, gap in incoming[current]:
            candidate = current_late_start - gap
            if candidate < late_start[predecessor]:
                late_start[predecessor] = candidate
            slack = current_early_start - early_start[predecessor] - gap
            if slack < free_float[predecessor]:
                free_float[predecessor] = slack

    results: dict[ActivityId, ActivitySchedule] = {}
    critical_positions: list[int] = []
    for position, activity in enumerate(activities):
        total_float = late_start[position] - early_start[position]
        if total_float <= 0:
            critical_positions.append(position)
        results[activity.id] = ActivitySchedule(
            early_start[position],
            early_finish[position],
            late_start[position],
            late_start[position] + durations[position],
            total_float,
            min(free_float[position], total_float),
            total_float <= 0,
        )
    critical_positions.sort(key=lambda i: (early_start[i], early_finish[i], i))
    return Schedule(
        project_duration=project_duration,
        critical_path=[activities[i].id for i in critical_positions],
        activities=results,
    )


def _index_links(
    activities: list[Activity], durations: list[int]
) -> tuple[list[list[tuple[int, int]]], list[list[int]]]:
    """Return (incoming, successors) by position: incoming[j] = [(i, gap)], successors[i] = [j].

    Validates ids, durations and links on the way (see `compute_schedule`).
    """
    index_of: dict[ActivityId, int] = {}
    for position, activity in enumerate(activities):
        if activity.id in index_of:
            raise SchedulingError(f"Duplicate activity id {_quote(activity.id)}")
        index_of[activity.id] = position
        duration = activity.duration
        if type(duration) is not int or duration < 0:  # bool is an int subclass, but not a duration
            raise SchedulingError(
                f"Activity {_quote(activity.id)}: duration must be a whole number >= 0, got {duration!r}"
            )
        fixed_start = activity.fixed_start
        if fixed_start is not None and type(fixed_start) is not int:
            raise SchedulingError(
                f"Activity {_quote(activity.id)}: fixed_start must be a whole number, got {fixed_start!r}"
            )
    incoming: list[list[tuple[int, int]]] = []
    successors: list[list[int]] = [[] for _ in activities]
    # last_successor_of[i] = the latest successor seen linked from i: a repeated pair shows up
    # without building a set per activity.
    last_successor_of = [-1] * len(activities)
    for successor, activity in enumerate(activities):
        links: list[tuple[int, int]] = []
        for link in activity.predecessors:
            predecessor = index_of.get(link.predecessor_id)
            if predecessor is None or predecessor == successor or last_successor_of[predecessor] == successor:
                raise SchedulingError(_link_problem(activity, link, predecessor, successor))
            last_successor_of[predecessor] = successor
            sides = _LINK_SIDES.get(link.type)
            lag = link.lag
            if sides is None or type(lag) is not int:
                raise SchedulingError(_link_problem(activity, link, predecessor, successor))
            gap = lag
            if sides[0]:
                gap += durations[predecessor]
            if sides[1]:
                gap -= durations[successor]
            links.append((predecessor, gap))
            successors[predecessor].append(successor)
        incoming.append(links)
    return incoming, successors


def _link_problem(activity: Activity, link: Link, predecessor: int | None, successor: int) -> str:
    """Return the one-line message for a link `_index_links` refused."""
    name, other = _quote(activity.id), _quote(link.predecessor_id)
    if predecessor is None:
        return f"Activity {name} lists unknown predecessor {other}"
    if predecessor == successor:
        return f"Activity {name} is linked to itself"
    if link.type not in _LINK_SIDES:
        return f"Activity {name}: link type {link.type!r} from {other} is not one of FS, SS, FF, SF"
    if type(link.lag) is not int:
        return f"Activity {name}: lag from {other} must be a whole number, got {link.lag!r}"
    return f"Activity {name} lists predecessor {other} more than once"


def _find_cycle(waiting_on: list[int], incoming: list[list[tuple[int, int]]]) -> list[int]:
    """Return one cycle among the activities Kahn's algorithm could not order, in link order.

    Each such activity still waits on at least one predecessor that is also unordered, so
    walking backwards along those predecessors must revisit an activity; the walk between
    the two visits is a cycle.
    """
    current = next(position for position, waiting in enumerate(waiting_on) if waiting > 0)
    visited_at: dict[int, int] = {}
    walk: list[int] = []
    while current not in visited_at:
        visited_at[current] = len(walk)
        walk.append(current)
        current = next(predecessor for predecessor, _gap in incoming[current] if waiting_on[predecessor] > 0)
    cycle = walk[visited_at[current] :]
    cycle.reverse()  # the walk followed links backwards
    first = cycle.index(min(cycle))  # start at the earliest activity in input order
    return cycle[first:] + cycle[:first]


_ACTIVITY_FIELDS = {"id", "duration", "predecessors", "start_no_earlier_than", "finish_no_later_than"}
_LINK_FIELDS = {"id", "type", "lag"}


def parse_network(data: Any) -> list[Activity]:
    """Return the activities described by a decoded JSON network, validating its shape.

    Shape: {"activities": [{"id": "A", "duration": 3, "predecessors": [{"id": "B",
    "type": "FS", "lag": 0}], "start_no_earlier_than": 2, "finish_no_later_than": 9}]}.
    Link "type" defaults to FS and "lag" to 0; the two constraints are optional (null is
    allowed). Ids may be strings or whole numbers and are normalised to strings. Unknown
    fields are refused so that a misspelt constraint is not silently ignored. Raises
    SchedulingError with a one-line message naming the activity and field at fault.
    Graph rules (unknown or duplicate ids, cycles) are checked by `compute_schedule`.
    """
    if not isinstance(data, dict) or not isinstance(data.get("activities"), list) or len(data) != 1:
        raise SchedulingError('The network must be an object with only an "activities" list')
    return [
        _parse_activity(item, f"activities[{position}]") for position, item in enumerate(data["activities"])
    ]


def _parse_activity(item: object, where: str) -> Activity:
    if not isinstance(item, dict):
        raise SchedulingError(f"{where} must be an object, got {type(item).__name__}")
    if "id" not in item:
        raise SchedulingError(f'{where}: missing "id"')
    activity_id = _parse_id(item["id"], where)
    where = f"activity {_quote(activity_id)}"
    _check_fields(item, where, _ACTIVITY_FIELDS, required="duration")
    duration = _whole_number(item["duration"], f"{where}: duration")
    if duration < 0:
        raise SchedulingError(f"{where}: duration must not be negative, got {duration}")
    raw_links = item.get("predecessors", [])
    if not isinstance(raw_links, list):
        raise SchedulingError(f"{where}: predecessors must be a list, got {type(raw_links).__name__}")
    links = [
        _parse_link(link, f"{where}: predecessors[{position}]") for position, link in enumerate(raw_links)
    ]
    constraints = {
        name: _whole_number(item.get(name), f"{where}: {name}", optional=True)
        for name in ("start_no_earlier_than", "finish_no_later_than")
    }
    return Activity(id=activity_id, duration=duration, predecessors=tuple(links), **constraints)


def _parse_link(raw_link: object, where: str) -> Link:
    if not isinstance(raw_link, dict):
        raise SchedulingError(f"{where} must be an object, got {type(raw_link).__name__}")
    _check_fields(raw_link, where, _LINK_FIELDS, required="id")
    link_type = raw_link.get("type", "FS")
    if not isinstance(link_type, str) or link_type not in _LINK_SIDES:
        raise SchedulingError(f"{where}: type must be one of FS, SS, FF, SF, got {link_type!r}")
    return Link(
        predecessor_id=_parse_id(raw_link["id"], where),
        type=LinkType(link_type),
        lag=_whole_number(raw_link.get("lag", 0), f"{where}: lag"),
    )


def _check_fields(item: dict[str, Any], where: str, allowed: set[str], *, required: str) -> None:
    if required not in item:
        raise SchedulingError(f'{where}: missing "{required}"')
    unknown = sorted(set(item) - allowed)
    if unknown:
        raise SchedulingError(
            f"{where}: unknown field {unknown[0]!r} (allowed: {', '.join(sorted(allowed))})"
        )


def _parse_id(value: object, where: str) -> str:
    if type(value) is int:
        return str(value)
    if isinstance(value, str) and value.strip():
        return value
    raise SchedulingError(f"{where}: id must be a non-empty string or a whole number, got {value!r}")


def schedule_to_dict(schedule: Schedule) -> dict[str, Any]:
    """Return the schedule as JSON-ready data: duration, critical path and per-activity figures.

    Ids are written as strings (JSON object keys are strings anyway); activities keep the
    input order.
    """
    return {
        "project_duration": schedule.project_duration,
        "critical_path": [str(activity_id) for activity_id in schedule.critical_path],
        "activities": {
            str(activity_id): figures._asdict() for activity_id, figures in schedule.activities.items()
        },
    }
