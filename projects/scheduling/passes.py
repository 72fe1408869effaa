"""The forward and backward passes over a network, in whole numbers, and exactly for fractions.

The method and why it is written this way: the package's docstring (projects.scheduling).
"""

from __future__ import annotations

import gc
import math
from collections.abc import Iterable
from fractions import Fraction
from functools import partial
from itertools import chain, compress, repeat
from operator import add, attrgetter, not_, sub
from typing import Any

from projects.scheduling.network import (
    LINK_SIDES,
    Activity,
    ActivityId,
    ActivitySchedule,
    CycleError,
    Link,
    LinkType,
    Number,
    Schedule,
    SchedulingError,
    is_link_type,
    is_number,
    quote,
)

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
                elif is_link_type(link_type):
                    predecessor_finish_drives, successor_finish_driven = LINK_SIDES[link_type]
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
        name = quote(activity.id)
        if activity.id in index_of:
            return f"Duplicate activity id {name}"
        index_of[activity.id] = position
        duration = activity.duration
        if not is_number(duration) or duration < 0:
            return f"Activity {name}: duration must be a number >= 0, got {duration!r}"
        for field in ("start_no_earlier_than", "finish_no_later_than", "fixed_start"):
            value = getattr(activity, field)
            if value is not None and not is_number(value):
                return f"Activity {name}: {field} must be a number, got {value!r}"
    # last_successor_of[i] = the latest successor seen linked from i: a repeated pair shows up
    # without building a set per activity.
    last_successor_of = [-1] * len(activities)
    for successor, activity in enumerate(activities):
        name = quote(activity.id)
        for link in activity.predecessors:
            predecessor = index_of.get(link.predecessor_id)
            other = quote(link.predecessor_id)
            if predecessor is None:
                return f"Activity {name} lists unknown predecessor {other}"
            if predecessor == successor:
                return f"Activity {name} is linked to itself"
            if last_successor_of[predecessor] == successor:
                return f"Activity {name} lists predecessor {other} more than once"
            last_successor_of[predecessor] = successor
            if not is_link_type(link.type):
                return f"Activity {name}: link type {link.type!r} from {other} is not one of FS, SS, FF, SF"
            if not is_number(link.lag):
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
