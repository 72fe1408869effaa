"""Critical-path scheduling by the precedence diagramming method (pure Python, no ORM).

Time is counted in working periods (working days on the project calendar) from the project
start at period 0. An activity with early start ES and duration d occupies ES .. ES + d and
has early finish EF = ES + d, so a milestone (d = 0) has ES == EF. Plans use whole periods,
which `projects.workcalendar.WorkCalendar` maps to calendar dates; textbook networks and
three-point (PERT) estimates may use fractions: durations, lags and constraints are any
finite numbers (int, float, Decimal, Fraction; not bool), durations >= 0.

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

How it stays linear and fast (bench/bench_scheduling.py records the figures): activities
become integer positions and their fields flat lists, each read by one C-level map; the links
are read in one Python walk that checks them, turns each into its gap and files it in one flat
list per predecessor, successor and gap side by side, so no object is created per link and
both passes only index lists; free float is capped inside the backward sweep; the results are
assembled by C-level maps; and the cyclic garbage collector is paused for the duration of the
call (nothing built here is cyclic, yet each collection would re-scan every live object, the
caller's too, which made the cost per activity grow with the network). Checks that need a
message (a duplicate id, a bad number or link) find the fault cheaply and leave it to
`_first_problem` to name it in input order. What still grows with the size is the memory:
past about 10,000 activities the lists and the input objects no longer fit in the processor's
caches, and every pass follows links to positions anywhere in them. The bench shows it: the
same network listed in topological order (as plans list their tasks) costs per activity far
less at 100,000 than listed shuffled, and merely reading the input once grows as much.

Fractions are computed exactly: when any number is not a whole int, every number is
scaled by the least common denominator of their decimal values (0.1 counts as 1/10, not as
its binary approximation), the integer passes run, and the figures are divided back. So
0.1 + 0.2 is 0.3, ties are exact (a tie on the critical path is not lost to rounding), and a
whole figure comes back as an int.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from functools import partial
from itertools import chain, compress, repeat
from operator import add, attrgetter, not_, sub
from typing import Any, NamedTuple

ActivityId = Hashable
# What the engine takes for durations, lags and constraints, and gives back as figures
# (Decimal and Fraction are accepted too; figures are int when whole, else float).
Number = int | float

# How many cycle members a message names before it abbreviates; keeps the message one short line.
_CYCLE_NAMES_SHOWN = 10
# The largest size of a number `parse_network` accepts: far past any network, yet a million activities
# of it add up to figures well inside a float (a fractional figure past 1.8e308 cannot be written back).
_LARGEST_NUMBER = 10**15


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


# C-level readers of one field, for map().
_ID = attrgetter("id")
_DURATION = attrgetter("duration")
_PREDECESSORS = attrgetter("predecessors")
_START_NO_EARLIER = attrgetter("start_no_earlier_than")
_FINISH_NO_LATER = attrgetter("finish_no_later_than")
_FIXED_START = attrgetter("fixed_start")
_NEW_ACTIVITY_SCHEDULE = partial(tuple.__new__, ActivitySchedule)
_WHOLE = {int}
_WHOLE_OR_NONE = {int, type(None)}


class _NotWhole(Exception):  # noqa: N818 - a signal between two functions, not an error
    """A number of the network is not an int: `_exact_schedule` takes over."""


def _quote(activity_id: ActivityId) -> str:
    return f'"{activity_id}"'


def _is_number(value: object) -> bool:
    """True for a finite int, float, Decimal or Fraction; bool is not a number here."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int | Fraction):
        return True
    if isinstance(value, float):
        return math.isfinite(value)
    return isinstance(value, Decimal) and value.is_finite()


def _is_link_type(value: object) -> bool:
    try:
        return value in _LINK_SIDES
    except TypeError:  # unhashable
        return False


def compute_schedule(activities: Iterable[Activity]) -> Schedule:
    """Return early/late dates, floats and the critical path of the network.

    Rules: ES >= 0 and ES >= start_no_earlier_than; every link is honoured in the forward
    pass, except by an activity with a fixed_start, whose ES is exactly fixed_start (its
    successors are driven from there as usual). The backward pass starts from the project
    finish (max EF) for every activity, lowered to finish_no_later_than where given, so an
    unmeetable deadline shows as negative total float along the chain that feeds it. It
    ignores pins, so a pinned activity sitting past its late start gets negative total float,
    and a link a pin breaks gives its predecessor negative free float. Total float = LS - ES;
    critical means total float <= 0; the critical path lists critical activities by (ES, EF,
    input order).

    Free float = min(slack of each successor link, project finish - EF, total float), where
    the slack of a link is how far it is from binding (FS: ES(j) - EF(i) - lag, SS: ES(j) -
    ES(i) - lag, FF: EF(j) - EF(i) - lag, SF: EF(j) - ES(i) - lag). Without pins the early
    schedule honours every link, so the first two terms are never negative and free float is
    >= 0 whenever total float is. The total-float cap keeps free float <= total float; when a
    deadline makes total float negative, free float equals it: the activity is already late
    and has no room to slip.

    Figures are ints when the input numbers are all ints, and otherwise exact (see the
    module docstring): an int where whole, else the nearest float.

    Raises SchedulingError for duplicate ids, negative durations, values that are not finite
    numbers, unknown predecessors, self links and duplicate links, and CycleError (naming
    the activities on the loop) when the dependencies are cyclic.
    """
    activities = list(activities)
    collecting = gc.isenabled()
    # The passes build lists and ints only, never a reference cycle, so a collection would find
    # nothing; yet one is triggered every few hundred allocations and walks every tracked object
    # (the caller's too), which made a 50,000-activity schedule spend a third of its time there.
    gc.disable()
    try:
        try:
            return _schedule(activities)
        except _NotWhole:
            return _exact_schedule(activities)
    finally:
        if collecting:
            gc.enable()


def _schedule(activities: list[Activity]) -> Schedule:
    """`compute_schedule` over int numbers; raises _NotWhole on meeting any other number."""
    count = len(activities)
    if not count:
        return Schedule(project_duration=0, critical_path=[], activities={})
    # One C-level map per field: transposing per-activity tuples (zip(*rows)) made a tuple per
    # activity and cost five times as much per activity at 100,000 as at 10,000.
    ids = list(map(_ID, activities))
    durations = list(map(_DURATION, activities))
    link_lists = list(map(_PREDECESSORS, activities))
    starts_no_earlier = list(map(_START_NO_EARLIER, activities))
    finishes_no_later = list(map(_FINISH_NO_LATER, activities))
    fixed_starts = list(map(_FIXED_START, activities))
    index_of = dict(zip(ids, range(count), strict=True))
    if len(index_of) != count:
        raise SchedulingError(_first_problem(activities))
    if not set(map(type, durations)) <= _WHOLE:
        raise _NotWhole
    if min(durations) < 0:
        raise SchedulingError(_first_problem(activities))
    constrained = starts_no_earlier.count(None) < count
    deadlines = finishes_no_later.count(None) < count
    pinned = fixed_starts.count(None) < count
    for present, values in (
        (constrained, starts_no_earlier),
        (deadlines, finishes_no_later),
        (pinned, fixed_starts),
    ):
        if present and not set(map(type, values)) <= _WHOLE_OR_NONE:
            raise _NotWhole

    # One walk over the links, grouped by successor as given: look the predecessor up, check
    # the link, turn it into its gap (see the module docstring) and file it under the
    # predecessor, as successor and gap side by side in one flat list per activity (no object
    # per link). Successors are walked in input order, so each list is sorted by successor and
    # a repeated pair shows as the last successor filed. Plain attribute reads, which the
    # interpreter specialises, beat attrgetter here.
    incoming_counts = list(map(len, link_lists))
    next_of: list[list[int]] = [[] for _ in range(count)]
    FS, SS, FF, SF = LinkType.FS, LinkType.SS, LinkType.FF, LinkType.SF  # noqa: N806 - local names read faster
    try:  # an unknown predecessor is a KeyError: a subscript is cheaper than a call to get()
        for successor, successor_links, successor_duration in zip(range(count), link_lists, durations):  # noqa: B905
            for link in successor_links:
                predecessor = index_of[link.predecessor_id]
                following = next_of[predecessor]
                # A self link is left to the cycle check: the activity waits on itself.
                if following and following[-2] == successor:
                    raise SchedulingError(_first_problem(activities))
                lag = link.lag
                if type(lag) is not int:
                    raise _NotWhole
                # Identity with the members first: `==` on a str subclass is not specialised by
                # the interpreter and cost a tenth of the walk; plain text such as "FS" is still
                # accepted, by the slower branch.
                link_type = link.type
                if link_type is FS:
                    gap = lag + durations[predecessor]
                elif link_type is SS:
                    gap = lag
                elif link_type is FF:
                    gap = lag + durations[predecessor] - successor_duration
                elif link_type is SF:
                    gap = lag - successor_duration
                elif _is_link_type(link_type):
                    predecessor_finish_drives, successor_finish_driven = _LINK_SIDES[link_type]
                    gap = lag
                    if predecessor_finish_drives:
                        gap += durations[predecessor]
                    if successor_finish_driven:
                        gap -= successor_duration
                else:
                    raise SchedulingError(_first_problem(activities))
                following.append(successor)
                following.append(gap)
    except KeyError:
        raise SchedulingError(_first_problem(activities)) from None

    # Forward pass fused with Kahn's algorithm: an activity's early start is final once its
    # last predecessor has pushed to it, which is when it joins `order`; it then pushes on.
    # `order` grows while it is walked, standing in for a queue.
    if constrained:
        early_start = [0 if start is None or start < 0 else start for start in starts_no_earlier]
    else:
        early_start = [0] * count
    order = list(compress(range(count), map(not_, incoming_counts)))
    waiting_on = incoming_counts
    ready = order.append
    for current in order:
        if pinned:
            pin = fixed_starts[current]
            if pin is not None:
                early_start[current] = pin
        following = next_of[current]
        if following:
            start = early_start[current]
            pairs = iter(following)
            # No strict=: a keyword costs zip a tenth of a microsecond per call, here once per activity.
            for successor, gap in zip(pairs, pairs):  # noqa: B905
                candidate = start + gap
                if candidate > early_start[successor]:
                    early_start[successor] = candidate
                waiting = waiting_on[successor] - 1
                waiting_on[successor] = waiting
                if not waiting:
                    ready(successor)
    if len(order) < count:
        problem = _first_problem(activities)  # a self link, named as such
        if problem:
            raise SchedulingError(problem)
        cycle = _find_cycle(waiting_on, link_lists, index_of)
        raise CycleError([ids[position] for position in cycle])
    early_finish = list(map(add, early_start, durations))
    project_duration = max(early_finish)

    # Backward pass in reverse topological order, each activity pulling from its successors,
    # which are all final by then. Free float is gathered in the same sweep, from the early
    # dates: `free_until` is the earliest ES(j) - gap over the successors, capped by the late
    # start (the latest start that finishes by the project finish or the deadline), so free
    # float = free_until - ES is already min(slack, room to the finish, total float): starting
    # it at the initial late start, which is never past project finish - duration, and taking
    # the final late start at the end caps it in the sweep, with no min() per activity after.
    if deadlines:
        late_start = [
            (project_duration if deadline is None or deadline > project_duration else deadline) - duration
            for deadline, duration in zip(finishes_no_later, durations, strict=True)
        ]
    else:
        late_start = list(map(sub, repeat(project_duration), durations))
    free_until = late_start.copy()
    for current in reversed(order):
        following = next_of[current]
        if following:
            latest = late_start[current]
            free = free_until[current]
            pairs = iter(following)
            for successor, gap in zip(pairs, pairs):  # noqa: B905
                candidate = late_start[successor] - gap
                if candidate < latest:
                    latest = candidate
                candidate = early_start[successor] - gap
                if candidate < free:
                    free = candidate
            late_start[current] = latest
            free_until[current] = free if free < latest else latest

    total_float = list(map(sub, late_start, early_start))
    critical = list(map((0).__ge__, total_float))
    critical_positions = list(compress(range(count), critical))
    # Stable: ties in (ES, EF) keep the input order.
    critical_positions.sort(key=lambda position: (early_start[position], early_finish[position]))
    rows = map(
        _NEW_ACTIVITY_SCHEDULE,
        zip(
            early_start,
            early_finish,
            late_start,
            map(add, late_start, durations),
            total_float,
            map(sub, free_until, early_start),
            critical,
            strict=True,
        ),
    )
    return Schedule(
        project_duration=project_duration,
        critical_path=list(map(ids.__getitem__, critical_positions)),
        activities=dict(zip(ids, rows, strict=True)),
    )


def _exact_schedule(activities: list[Activity]) -> Schedule:
    """`compute_schedule` for a network with numbers other than ints: exact, by scaling to ints.

    Every number is multiplied by the least common denominator of them all, read as the
    decimals they print as, the int passes run, and the figures are divided back.
    """
    problem = _first_problem(activities)
    if problem:
        raise SchedulingError(problem)
    # A network repeats few distinct numbers (three-point estimates, a handful of lags), and
    # reading a float as its decimal costs microseconds: each distinct number is read once.
    exact_of: dict[Any, Fraction] = {}
    for value in chain.from_iterable(
        (
            activity.duration,
            activity.start_no_earlier_than,
            activity.finish_no_later_than,
            activity.fixed_start,
            *(link.lag for link in activity.predecessors),
        )
        for activity in activities
    ):
        if value is not None and type(value) is not int and value not in exact_of:
            exact_of[value] = _exact(value)
    scale = math.lcm(*{fraction.denominator for fraction in exact_of.values()})
    scaled_of = {value: (fraction * scale).numerator for value, fraction in exact_of.items()}

    def scaled(value: Any) -> int | None:
        if value is None or type(value) is int:
            return value if value is None else value * scale
        return scaled_of[value]

    scaled_activities = [
        Activity(
            id=activity.id,
            duration=scaled(activity.duration),
            predecessors=tuple(
                [Link(link.predecessor_id, link.type, scaled(link.lag)) for link in activity.predecessors]
            ),
            start_no_earlier_than=scaled(activity.start_no_earlier_than),
            finish_no_later_than=scaled(activity.finish_no_later_than),
            fixed_start=scaled(activity.fixed_start),
        )
        for activity in activities
    ]
    schedule = _schedule(scaled_activities)
    if scale == 1:  # whole numbers written as 4.0 or Decimal("4")
        return schedule
    unscale = partial(_unscaled, scale)
    return Schedule(
        project_duration=unscale(schedule.project_duration),
        critical_path=schedule.critical_path,
        activities={
            activity_id: _NEW_ACTIVITY_SCHEDULE((*map(unscale, figures[:6]), figures.critical))
            for activity_id, figures in schedule.activities.items()
        },
    )


def _first_problem(activities: list[Activity]) -> str | None:
    """Return the message for the first fault in input order (see `compute_schedule`), if any."""
    index_of: dict[ActivityId, int] = {}
    for position, activity in enumerate(activities):
        name = _quote(activity.id)
        if activity.id in index_of:
            return f"Duplicate activity id {name}"
        index_of[activity.id] = position
        duration = activity.duration
        if not _is_number(duration) or duration < 0:
            return f"Activity {name}: duration must be a number >= 0, got {duration!r}"
        for field in ("start_no_earlier_than", "finish_no_later_than", "fixed_start"):
            value = getattr(activity, field)
            if value is not None and not _is_number(value):
                return f"Activity {name}: {field} must be a number, got {value!r}"
    # last_successor_of[i] = the latest successor seen linked from i: a repeated pair shows up
    # without building a set per activity.
    last_successor_of = [-1] * len(activities)
    for successor, activity in enumerate(activities):
        name = _quote(activity.id)
        for link in activity.predecessors:
            predecessor = index_of.get(link.predecessor_id)
            other = _quote(link.predecessor_id)
            if predecessor is None:
                return f"Activity {name} lists unknown predecessor {other}"
            if predecessor == successor:
                return f"Activity {name} is linked to itself"
            if last_successor_of[predecessor] == successor:
                return f"Activity {name} lists predecessor {other} more than once"
            last_successor_of[predecessor] = successor
            if not _is_link_type(link.type):
                return f"Activity {name}: link type {link.type!r} from {other} is not one of FS, SS, FF, SF"
            if not _is_number(link.lag):
                return f"Activity {name}: lag from {other} must be a number, got {link.lag!r}"
    return None


def _exact(value: Any) -> Fraction:
    """The exact value of a number; a float counts as the decimal it prints as (0.1 is 1/10)."""
    if isinstance(value, float):
        return Fraction(repr(value))
    return Fraction(value)


def _unscaled(scale: int, value: int) -> Number:
    whole, remainder = divmod(value, scale)
    # int / int is correctly rounded in CPython: the float nearest the exact figure.
    return value / scale if remainder else whole


def _find_cycle(
    waiting_on: list[int], link_lists: list[tuple[Link, ...]], index_of: dict[ActivityId, int]
) -> list[int]:
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
        current = next(
            predecessor
            for predecessor in (index_of[link.predecessor_id] for link in link_lists[current])
            if waiting_on[predecessor] > 0
        )
    cycle = walk[visited_at[current] :]
    cycle.reverse()  # the walk followed links backwards
    first = cycle.index(min(cycle))  # start at the earliest activity in input order
    return cycle[first:] + cycle[:first]


_ACTIVITY_FIELDS = {
    "id",
    "duration",
    "predecessors",
    "start_no_earlier_than",
    "finish_no_later_than",
    "fixed_start",
}
_LINK_FIELDS = {"id", "type", "lag"}


def parse_network(data: Any) -> list[Activity]:
    """Return the activities described by a decoded JSON network, validating its shape.

    Shape: {"activities": [{"id": "A", "duration": 3, "predecessors": [{"id": "B",
    "type": "FS", "lag": 0}], "start_no_earlier_than": 2, "finish_no_later_than": 9,
    "fixed_start": null}]}. Durations, lags and the three constraints are finite numbers,
    fractions allowed (4.0, a PERT estimate 5.333), at most 1e15 either side of 0; durations
    are >= 0, lags may be negative; bool, NaN, infinity and strings are refused. Link "type"
    defaults to FS and "lag" to 0; the constraints are optional (null is allowed). Ids may be
    strings or whole numbers and are normalised to strings. Unknown fields are refused so that
    a misspelt constraint is not silently ignored. Raises SchedulingError with a one-line
    message naming the activity and field at fault. Graph rules (unknown or duplicate ids,
    cycles) are checked by `compute_schedule`.
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
    duration = _number(item["duration"], f"{where}: duration")
    if duration < 0:
        raise SchedulingError(f"{where}: duration must not be negative, got {duration}")
    raw_links = item.get("predecessors", [])
    if not isinstance(raw_links, list):
        raise SchedulingError(f"{where}: predecessors must be a list, got {type(raw_links).__name__}")
    links = [
        _parse_link(link, f"{where}: predecessors[{position}]") for position, link in enumerate(raw_links)
    ]
    constraints = {
        name: _number(item.get(name), f"{where}: {name}", optional=True)
        for name in ("start_no_earlier_than", "finish_no_later_than", "fixed_start")
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
        lag=_number(raw_link.get("lag", 0), f"{where}: lag"),
    )


def _number(value: object, where: str, *, optional: bool = False) -> Any:
    """Return `value` if it is an int or finite float up to 1e15 either side of 0 (None too when optional).

    Else raise SchedulingError.
    """
    if optional and value is None:
        return value
    # bool is a subclass of int, but True is not a duration.
    if type(value) is int or (type(value) is float and math.isfinite(value)):
        if abs(value) > _LARGEST_NUMBER:
            raise SchedulingError(
                f"{where} must be at most {_LARGEST_NUMBER:.0e} either side of 0, got {value!r}"
            )
        return value
    if type(value) is float:  # NaN or infinity, which Python's JSON reader lets through
        raise SchedulingError(f"{where} must be a finite number, got {value!r}")
    raise SchedulingError(f"{where} must be a number, got {type(value).__name__} {value!r}")


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
