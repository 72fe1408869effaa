"""Properties of the scheduling engine over generated networks (hypothesis), not hand-picked ones.

Every well-typed network gets a schedule or a SchedulingError naming what is wrong, never another
exception; and on acyclic networks: EF = ES + duration, LF = LS + duration, total float is never
negative without constraints, and the project duration is the longest path, worked out here by a
separate dynamic programme over the links in index order.
"""

from decimal import Decimal
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from projects.scheduling import Activity, Link, LinkType, SchedulingError, compute_schedule

# Enough cases to find an edge (an empty network, a lead past the project start, a milestone chain),
# few enough to keep the suite quick; derandomized so a failure here fails every run alike.
PROPERTY_SETTINGS = settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

durations = st.integers(min_value=0, max_value=30)
lags = st.integers(min_value=-10, max_value=15)
link_types = st.sampled_from(list(LinkType))
# Fractional figures as PERT estimates give them: exact Fractions, Decimals with one place, floats.
fractional_numbers = st.one_of(
    st.fractions(min_value=0, max_value=30, max_denominator=6),
    st.decimals(min_value=0, max_value=30, places=1, allow_nan=False, allow_infinity=False),
    st.floats(min_value=0, max_value=30, allow_nan=False, allow_infinity=False).map(lambda x: round(x, 2)),
)


@st.composite
def acyclic_networks(draw, numbers=durations, with_constraints=False):
    """Activities whose links only run from a lower to a higher index, so no loop can form."""
    count = draw(st.integers(min_value=0, max_value=25))
    activities = []
    for index in range(count):
        links = ()
        if index:
            predecessors = draw(
                st.lists(st.integers(min_value=0, max_value=index - 1), unique=True, max_size=4)
            )
            links = tuple(Link(f"A{p}", draw(link_types), draw(lags)) for p in predecessors)
        constraints = {}
        if with_constraints:
            constraints = {
                "start_no_earlier_than": draw(st.none() | st.integers(0, 40)),
                "finish_no_later_than": draw(st.none() | st.integers(0, 80)),
                "fixed_start": draw(st.none() | st.integers(0, 40)),
            }
        activities.append(Activity(f"A{index}", draw(numbers), links, **constraints))
    return activities


@st.composite
def any_networks(draw):
    """Well-typed networks that may be wrong: loops, self links, unknown or repeated ids and links."""
    count = draw(st.integers(min_value=0, max_value=12))
    ids = [f"T{draw(st.integers(0, count + 1))}" for _ in range(count)]
    activities = []
    for activity_id in ids:
        links = draw(
            st.lists(
                st.builds(
                    Link, st.sampled_from([*ids, "ghost"]), link_types, st.one_of(lags, fractional_numbers)
                ),
                max_size=3,
            )
        )
        activities.append(
            Activity(
                activity_id,
                draw(st.one_of(durations, fractional_numbers, st.integers(-3, -1))),
                tuple(links),
                start_no_earlier_than=draw(st.none() | st.integers(0, 40)),
                finish_no_later_than=draw(st.none() | st.integers(-5, 80)),
                fixed_start=draw(st.none() | st.integers(0, 40)),
            )
        )
    return activities


def longest_path(activities: list[Activity]) -> Fraction:
    """The project duration by dynamic programming: each start is the largest gap its links demand."""
    start: dict[str, Fraction] = {}
    duration = {activity.id: Fraction(activity.duration) for activity in activities}
    for activity in activities:  # predecessors come first: links run from lower indices only
        earliest = Fraction(0)
        for link in activity.predecessors:
            before, lag = start[link.predecessor_id], Fraction(link.lag)
            own, theirs = duration[activity.id], duration[link.predecessor_id]
            earliest = max(
                earliest,
                {
                    LinkType.FS: before + theirs + lag,
                    LinkType.SS: before + lag,
                    LinkType.FF: before + theirs + lag - own,
                    LinkType.SF: before + lag - own,
                }[LinkType(link.type)],
            )
        start[activity.id] = earliest
    return max((start[a.id] + duration[a.id] for a in activities), default=Fraction(0))


@PROPERTY_SETTINGS
@given(any_networks())
def test_any_well_typed_network_gets_a_schedule_or_a_scheduling_error(activities):
    try:
        schedule = compute_schedule(activities)
    except SchedulingError as error:
        assert str(error)  # a message the user can act on
    else:
        assert list(schedule.activities) == [activity.id for activity in activities]


@PROPERTY_SETTINGS
@given(acyclic_networks(with_constraints=True))
def test_finish_is_start_plus_duration_early_and_late(activities):
    schedule = compute_schedule(activities)

    for activity in activities:
        figures = schedule.activities[activity.id]
        assert figures.early_finish == figures.early_start + activity.duration
        assert figures.late_finish == figures.late_start + activity.duration
        assert figures.total_float == figures.late_start - figures.early_start
        assert figures.critical == (figures.total_float <= 0)


@PROPERTY_SETTINGS
@given(acyclic_networks())
def test_without_constraints_no_float_is_negative_and_something_is_critical(activities):
    schedule = compute_schedule(activities)

    for figures in schedule.activities.values():
        assert figures.total_float >= 0
        assert 0 <= figures.free_float <= figures.total_float
    if activities:
        assert schedule.critical_path
        assert (
            max(schedule.activities[i].early_finish for i in schedule.critical_path)
            == schedule.project_duration
        )


@PROPERTY_SETTINGS
@given(acyclic_networks())
def test_project_duration_is_the_longest_path(activities):
    assert compute_schedule(activities).project_duration == longest_path(activities)


@PROPERTY_SETTINGS
@given(acyclic_networks(numbers=fractional_numbers))
def test_project_duration_is_the_longest_path_exactly_with_fractional_durations(activities):
    exact = [
        Activity(
            a.id,
            Fraction(Decimal(str(a.duration))) if isinstance(a.duration, float) else a.duration,
            a.predecessors,
        )
        for a in activities
    ]
    duration = compute_schedule(activities).project_duration

    expected = longest_path(exact)
    # Exact inside; out comes an int where whole, else the float nearest the exact figure.
    assert duration == (int(expected) if expected.denominator == 1 else float(expected))
    assert isinstance(duration, int) == (expected.denominator == 1)
