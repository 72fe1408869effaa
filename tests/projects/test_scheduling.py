"""The critical-path engine against worked examples computed by hand (no database needed).

Periods are whole working days from 0; an activity with ES = 3 and duration 2 works in
periods 3 and 4 and has EF = 5.
"""

from __future__ import annotations

import gc
import json
import random
from decimal import Decimal
from fractions import Fraction

import pytest

from projects.scheduling import (
    Activity,
    ActivitySchedule,
    CycleError,
    Link,
    LinkType,
    SchedulingError,
    compute_schedule,
    parse_network,
    schedule_to_dict,
)


def fs(*predecessors: str) -> tuple[Link, ...]:
    return tuple(Link(predecessor_id=predecessor) for predecessor in predecessors)


# A textbook finish-to-start network, computed by hand:
#   forward:  A 0-3, B 3-7, C 3-5, D 7-12, E 5-6, F 5-7, G max(12, 6) = 12-16, H max(7, 16) = 16-19
#   backward: H 16-19, G 12-16, F LF = LS(H) = 16, E LF = LS(G) = 12, D LF = 12,
#             C LF = min(LS(E) 11, LS(F) 14) = 11, B LF = LS(D) = 7, A LF = min(LS(B) 3, LS(C) 9) = 3
#   total float = LS - ES: C 6, E 6, F 9, the others 0 -> critical path A, B, D, G, H
#   free float: C's successors E and F start as soon as C finishes, so C has 6 total but 0 free
#   float; E can slip 12 - 6 = 6 before G, F 16 - 7 = 9 before H.
TEXTBOOK = [
    Activity(id="A", duration=3),
    Activity(id="B", duration=4, predecessors=fs("A")),
    Activity(id="C", duration=2, predecessors=fs("A")),
    Activity(id="D", duration=5, predecessors=fs("B")),
    Activity(id="E", duration=1, predecessors=fs("C")),
    Activity(id="F", duration=2, predecessors=fs("C")),
    Activity(id="G", duration=4, predecessors=fs("D", "E")),
    Activity(id="H", duration=3, predecessors=fs("F", "G")),
]
TEXTBOOK_EXPECTED = {
    #    ES  EF  LS  LF  TF  FF
    "A": (0, 3, 0, 3, 0, 0),
    "B": (3, 7, 3, 7, 0, 0),
    "C": (3, 5, 9, 11, 6, 0),
    "D": (7, 12, 7, 12, 0, 0),
    "E": (5, 6, 11, 12, 6, 6),
    "F": (5, 7, 14, 16, 9, 9),
    "G": (12, 16, 12, 16, 0, 0),
    "H": (16, 19, 16, 19, 0, 0),
}


def figures(schedule, activity_id):
    result = schedule.activities[activity_id]
    return (
        result.early_start,
        result.early_finish,
        result.late_start,
        result.late_finish,
        result.total_float,
        result.free_float,
    )


def test_textbook_finish_to_start_network_matches_hand_computation():
    schedule = compute_schedule(TEXTBOOK)

    assert schedule.project_duration == 19
    assert {
        activity_id: figures(schedule, activity_id) for activity_id in TEXTBOOK_EXPECTED
    } == TEXTBOOK_EXPECTED
    assert schedule.critical_path == ["A", "B", "D", "G", "H"]
    assert [activity_id for activity_id, result in schedule.activities.items() if result.critical] == [
        "A",
        "B",
        "D",
        "G",
        "H",
    ]


def test_free_float_differs_from_total_float_when_the_slack_is_shared_down_the_chain():
    schedule = compute_schedule(TEXTBOOK)
    # C can slip 6 days without delaying the project, but not one without delaying E and F.
    assert schedule.activities["C"].total_float == 6
    assert schedule.activities["C"].free_float == 0


def test_result_is_independent_of_input_order():
    shuffled = list(reversed(TEXTBOOK))
    schedule = compute_schedule(shuffled)
    assert {
        activity_id: figures(schedule, activity_id) for activity_id in TEXTBOOK_EXPECTED
    } == TEXTBOOK_EXPECTED
    assert schedule.critical_path == ["A", "B", "D", "G", "H"]
    assert list(schedule.activities) == [activity.id for activity in shuffled]


# X (3 days) -> P (4 days, so ES 3, EF 7) -> S (2 days) by the link under test.
# Expected: S's early start and finish, the project duration, S's total float, P's total float.
@pytest.mark.parametrize(
    ("link_type", "lag", "expected"),
    [
        # FS: ES(S) >= EF(P) + lag = 7 + 2 -> S 9-11, everything critical.
        (LinkType.FS, 2, (9, 11, 11, 0, 0)),
        # FS lead: ES(S) >= 7 - 1 -> S 6-8, overlapping P by a day; still one chain.
        (LinkType.FS, -1, (6, 8, 8, 0, 0)),
        # SS: ES(S) >= ES(P) + 1 = 4 -> S 4-6; the project ends with P at 7, so S has 1 day.
        (LinkType.SS, 1, (4, 6, 7, 1, 0)),
        # SS lead: ES(S) >= 3 - 1 = 2 -> S 2-4, LS(S) = 7 - 2 = 5: 3 days of float.
        (LinkType.SS, -1, (2, 4, 7, 3, 0)),
        # FF: EF(S) >= EF(P) + 1 = 8 -> S 6-8, critical.
        (LinkType.FF, 1, (6, 8, 8, 0, 0)),
        # FF lead: EF(S) >= 7 - 1 = 6 -> S 4-6, LF(S) = 7: 1 day of float.
        (LinkType.FF, -1, (4, 6, 7, 1, 0)),
        # SF: EF(S) >= ES(P) + 6 = 9 -> S 7-9, critical; LF(P) = LF(S) - 6 + 4 = 7.
        (LinkType.SF, 6, (7, 9, 9, 0, 0)),
        # SF lead: EF(S) >= 3 - 1 = 2 -> S 0-2 (the project start binds), LS(S) = 5.
        (LinkType.SF, -1, (0, 2, 7, 5, 0)),
    ],
)
# The engine tells the members apart by identity and plain text ("FF") by a slower branch: both
# must give the same figures.
@pytest.mark.parametrize("as_text", [False, True], ids=["member", "plain text"])
def test_each_link_type_with_lag_and_lead(link_type, lag, expected, as_text):
    given_type = str.__str__(link_type) if as_text else link_type
    assert (type(given_type) is str) == as_text
    network = [
        Activity(id="X", duration=3),
        Activity(id="P", duration=4, predecessors=fs("X")),
        Activity(id="S", duration=2, predecessors=(Link(predecessor_id="P", type=given_type, lag=lag),)),
    ]

    schedule = compute_schedule(network)

    successor = schedule.activities["S"]
    assert (
        successor.early_start,
        successor.early_finish,
        schedule.project_duration,
        successor.total_float,
        schedule.activities["P"].total_float,
    ) == expected
    assert successor.late_start - successor.early_start == successor.total_float


def test_link_types_accept_plain_strings():
    network = [Activity(id="P", duration=4), Activity(id="S", duration=2, predecessors=(Link("P", "SS", 1),))]
    assert compute_schedule(network).activities["S"].early_start == 1


def test_start_no_earlier_than_delays_the_activity_and_gives_its_predecessor_float():
    # B waits for period 5 although A finishes at 2: A may slip 3 days (LF(A) = LS(B) = 5).
    network = [
        Activity(id="A", duration=2),
        Activity(id="B", duration=3, predecessors=fs("A"), start_no_earlier_than=5),
        Activity(id="C", duration=1, start_no_earlier_than=0),
    ]

    schedule = compute_schedule(network)

    assert figures(schedule, "B") == (5, 8, 5, 8, 0, 0)
    assert figures(schedule, "A") == (0, 2, 3, 5, 3, 3)
    assert schedule.critical_path == ["B"]


def test_start_no_earlier_than_before_the_logic_changes_nothing():
    network = [
        Activity(id="A", duration=2),
        Activity(id="B", duration=3, predecessors=fs("A"), start_no_earlier_than=1),
    ]
    assert compute_schedule(network).activities["B"].early_start == 2


def test_fixed_start_pins_the_activity_before_its_predecessor_finishes():
    # A 0-5 -> B pinned at 2 (3 days, 2-5) -> C 5-6; the pin beats both the link and B's
    # start-no-earlier-than 4. Backward as usual: LF(C) = 6, LS(C) = 5; LF(B) = 5, LS(B) = 2;
    # LF(A) = LS(B) = 2, LS(A) = -3: A is 3 days late for B (TF -3), and the broken link's
    # slack ES(B) - EF(A) = 2 - 5 = -3 is A's free float.
    network = [
        Activity(id="A", duration=5),
        Activity(id="B", duration=3, predecessors=fs("A"), start_no_earlier_than=4, fixed_start=2),
        Activity(id="C", duration=1, predecessors=fs("B")),
    ]

    schedule = compute_schedule(network)

    assert schedule.project_duration == 6
    assert figures(schedule, "B") == (2, 5, 2, 5, 0, 0)
    assert figures(schedule, "C") == (5, 6, 5, 6, 0, 0)
    assert figures(schedule, "A") == (0, 5, -3, 2, -3, -3)
    assert schedule.critical_path == ["A", "B", "C"]


def test_fixed_start_past_its_late_start_gives_negative_float():
    # A 0-2 -> B pinned at 6 (6-9) -> C 9-10, which must finish by 8: LF(C) = 8, LS(C) = 7,
    # TF(C) = 7 - 9 = -2; LF(B) = 7, LS(B) = 4, TF(B) = 4 - 6 = -2. A: LF = LS(B) = 4, LS 2,
    # TF 2; its free float ES(B) - EF(A) = 4 is capped by the total float 2. D runs 0-12.
    network = [
        Activity(id="A", duration=2),
        Activity(id="B", duration=3, predecessors=fs("A"), fixed_start=6),
        Activity(id="C", duration=1, predecessors=fs("B"), finish_no_later_than=8),
        Activity(id="D", duration=12),
    ]

    schedule = compute_schedule(network)

    assert schedule.project_duration == 12
    assert figures(schedule, "B") == (6, 9, 4, 7, -2, -2)
    assert figures(schedule, "C") == (9, 10, 7, 8, -2, -2)
    assert figures(schedule, "A") == (0, 2, 2, 4, 2, 2)
    assert schedule.critical_path == ["D", "B", "C"]


def test_unmeetable_finish_no_later_than_gives_negative_float_along_the_chain():
    # A 0-3 -> B 3-7, but B must finish by 5: LF(B) = 5, LS(B) = 1 -> total float -2, which
    # the backward pass carries to A (LF(A) = 1, LS(A) = -2). C is unrelated and keeps 6.
    network = [
        Activity(id="A", duration=3),
        Activity(id="B", duration=4, predecessors=fs("A"), finish_no_later_than=5),
        Activity(id="C", duration=1),
    ]

    schedule = compute_schedule(network)

    assert schedule.project_duration == 7
    assert figures(schedule, "B") == (3, 7, 1, 5, -2, -2)
    assert figures(schedule, "A") == (0, 3, -2, 1, -2, -2)
    assert schedule.activities["C"].total_float == 6
    assert schedule.activities["C"].free_float == 6
    assert schedule.critical_path == ["A", "B"]


def test_finish_no_later_than_after_the_project_finish_changes_nothing():
    network = [Activity(id="A", duration=3, finish_no_later_than=10)]
    assert figures(compute_schedule(network), "A") == (0, 3, 0, 3, 0, 0)


def test_finish_no_later_than_with_room_reduces_float_without_making_it_negative():
    # A alone would have 6 days of float (B runs to 10); its deadline 6 leaves it 3.
    network = [Activity(id="A", duration=3, finish_no_later_than=6), Activity(id="B", duration=10)]
    assert figures(compute_schedule(network), "A") == (0, 3, 3, 6, 3, 3)


def test_milestones_have_zero_duration_and_sit_on_the_path():
    # Kick-off (0) -> A 0-3 -> Gate (3) -> B 3-5 -> Done (5); a side task C 0-1 feeds the gate.
    network = [
        Activity(id="Kickoff", duration=0),
        Activity(id="A", duration=3, predecessors=fs("Kickoff")),
        Activity(id="C", duration=1, predecessors=fs("Kickoff")),
        Activity(id="Gate", duration=0, predecessors=fs("A", "C")),
        Activity(id="B", duration=2, predecessors=fs("Gate")),
        Activity(id="Done", duration=0, predecessors=fs("B")),
    ]

    schedule = compute_schedule(network)

    assert schedule.project_duration == 5
    assert figures(schedule, "Gate") == (3, 3, 3, 3, 0, 0)
    assert figures(schedule, "Done") == (5, 5, 5, 5, 0, 0)
    assert figures(schedule, "C") == (0, 1, 2, 3, 2, 2)
    # Ordered by (ES, EF, input order): Kickoff (0, 0) before A (0, 3), Gate (3, 3) before B (3, 5).
    assert schedule.critical_path == ["Kickoff", "A", "Gate", "B", "Done"]


def test_critical_path_orders_ties_by_input_order():
    network = [Activity(id="second", duration=3), Activity(id="first", duration=3)]
    assert compute_schedule(network).critical_path == ["second", "first"]


def test_free_float_counts_the_slack_to_the_project_finish_too():
    # P (5) has an SF successor S (1) whose link would allow a day of slip, but P itself ends
    # the project, so its free float is min(1, 5 - 5) = 0 and never exceeds its total float.
    network = [
        Activity(id="P", duration=5),
        Activity(id="S", duration=1, predecessors=(Link("P", LinkType.SF, 0),)),
    ]
    schedule = compute_schedule(network)
    assert schedule.activities["P"].total_float == 0
    assert schedule.activities["P"].free_float == 0


def test_empty_network_has_zero_duration():
    schedule = compute_schedule([])
    assert (schedule.project_duration, schedule.critical_path, schedule.activities) == (0, [], {})


def test_cycle_is_refused_with_the_activities_named_in_link_order():
    network = [
        Activity(id="Start", duration=1),
        Activity(id="A", duration=1, predecessors=fs("Start", "C")),
        Activity(id="B", duration=1, predecessors=fs("A")),
        Activity(id="C", duration=1, predecessors=fs("B")),
        Activity(id="Other", duration=1),
    ]

    with pytest.raises(CycleError) as caught:
        compute_schedule(network)

    assert str(caught.value) == "Dependency cycle: A -> B -> C -> A"
    assert caught.value.cycle == ("A", "B", "C")
    assert isinstance(caught.value, SchedulingError)


def test_cycle_through_start_links_is_refused_even_if_lags_could_be_met():
    network = [
        Activity(id="A", duration=1, predecessors=(Link("B", LinkType.SS, -5),)),
        Activity(id="B", duration=1, predecessors=(Link("A", LinkType.SS, 0),)),
    ]
    with pytest.raises(CycleError, match=r"^Dependency cycle: A -> B -> A$"):
        compute_schedule(network)


def test_long_cycle_message_stays_one_short_line():
    size = 500
    network = [Activity(id=f"T{n}", duration=1, predecessors=fs(f"T{(n - 1) % size}")) for n in range(size)]
    with pytest.raises(CycleError) as caught:
        compute_schedule(network)
    message = str(caught.value)
    assert message.startswith("Dependency cycle: T0 -> T1 -> ")
    assert message.endswith("-> ... -> T0 (500 activities)")
    assert "\n" not in message
    assert len(caught.value.cycle) == size


@pytest.mark.parametrize(
    ("network", "message"),
    [
        (
            [Activity(id="A", duration=1, predecessors=fs("Z"))],
            'Activity "A" lists unknown predecessor "Z"',
        ),
        ([Activity(id="A", duration=1, predecessors=fs("A"))], 'Activity "A" is linked to itself'),
        (
            [
                Activity(id="A", duration=1),
                Activity(id="B", duration=1, predecessors=(Link("A"), Link("A", "SS"))),
            ],
            'Activity "B" lists predecessor "A" more than once',
        ),
        ([Activity(id="A", duration=-1)], 'Activity "A": duration must be a number >= 0, got -1'),
        ([Activity(id="A", duration=-0.5)], 'Activity "A": duration must be a number >= 0, got -0.5'),
        (
            [Activity(id="A", duration=float("nan"))],
            'Activity "A": duration must be a number >= 0, got nan',
        ),
        (
            [Activity(id="A", duration=float("inf"))],
            'Activity "A": duration must be a number >= 0, got inf',
        ),
        ([Activity(id="A", duration=None)], 'Activity "A": duration must be a number >= 0, got None'),
        ([Activity(id="A", duration=1), Activity(id="A", duration=2)], 'Duplicate activity id "A"'),
        (
            [Activity(id="A", duration=1, fixed_start="3")],
            "Activity \"A\": fixed_start must be a number, got '3'",
        ),
        (
            [Activity(id="A", duration=1, start_no_earlier_than=True)],
            'Activity "A": start_no_earlier_than must be a number, got True',
        ),
        (
            [Activity(id="A", duration=1.5, finish_no_later_than=float("-inf"))],
            'Activity "A": finish_no_later_than must be a number, got -inf',
        ),
        ([Activity(id="A", duration=True)], 'Activity "A": duration must be a number >= 0, got True'),
        ([Activity(id="A", duration="3")], "Activity \"A\": duration must be a number >= 0, got '3'"),
        (
            [Activity(id="A", duration=1), Activity(id="B", duration=1, predecessors=(Link("A", "XX"),))],
            'Activity "B": link type \'XX\' from "A" is not one of FS, SS, FF, SF',
        ),
        (
            [
                Activity(id="A", duration=1),
                Activity(id="B", duration=1, predecessors=(Link("A", "FS", "1"),)),
            ],
            'Activity "B": lag from "A" must be a number, got \'1\'',
        ),
        (
            [
                Activity(id="A", duration=1),
                Activity(id="B", duration=1, predecessors=(Link("A", "FS", float("nan")),)),
            ],
            'Activity "B": lag from "A" must be a number, got nan',
        ),
    ],
)
def test_invalid_networks_are_refused_with_a_clear_message(network, message):
    with pytest.raises(SchedulingError) as caught:
        compute_schedule(network)
    assert str(caught.value) == message
    assert not isinstance(caught.value, CycleError)


def test_a_repeated_link_is_refused_even_with_another_link_between_the_two():
    network = [
        Activity(id="A", duration=1),
        Activity(id="B", duration=1),
        Activity(id="C", duration=1, predecessors=(Link("A"), Link("B"), Link("A", "FF"))),
    ]
    with pytest.raises(SchedulingError, match='^Activity "C" lists predecessor "A" more than once$'):
        compute_schedule(network)


def test_a_self_link_is_named_as_such_and_not_as_a_cycle():
    network = [
        Activity(id="A", duration=1, predecessors=fs("B")),
        Activity(id="B", duration=1, predecessors=fs("A")),
        Activity(id="C", duration=1, predecessors=fs("C")),
    ]
    with pytest.raises(SchedulingError) as caught:
        compute_schedule(network)
    assert str(caught.value) == 'Activity "C" is linked to itself'
    assert not isinstance(caught.value, CycleError)


@pytest.mark.parametrize("collecting", [True, False])
def test_the_garbage_collector_is_left_as_it_was_found_even_after_an_error(collecting):
    was_enabled = gc.isenabled()
    try:
        gc.enable() if collecting else gc.disable()
        compute_schedule(TEXTBOOK)
        assert gc.isenabled() is collecting
        with pytest.raises(CycleError):
            compute_schedule([Activity("A", 1, fs("B")), Activity("B", 1, fs("A"))])
        assert gc.isenabled() is collecting
    finally:
        gc.enable() if was_enabled else gc.disable()


def test_twenty_thousand_long_chain_needs_no_recursion():
    size = 20_000
    network = [Activity(id=n, duration=1, predecessors=fs(n - 1) if n else ()) for n in range(size)]
    network.reverse()  # the sort, not the input order, must find the chain

    schedule = compute_schedule(network)

    assert schedule.project_duration == size
    assert schedule.critical_path == list(range(size))
    assert schedule.activities[size - 1] == ActivitySchedule(size - 1, size, size - 1, size, 0, 0, True)


def _relaxation_oracle(network):
    """Early and late starts by naive repeated relaxation: slow, but shares no code with the engine."""
    duration = {activity.id: activity.duration for activity in network}
    gaps = []
    for activity in network:
        for link in activity.predecessors:
            source = 0 if link.type in ("SS", "SF") else duration[link.predecessor_id]
            target = duration[activity.id] if link.type in ("FF", "SF") else 0
            gaps.append((link.predecessor_id, activity.id, source + link.lag - target))
    early = {activity.id: 0 for activity in network}
    for _ in range(len(network) + 1):
        for predecessor, successor, gap in gaps:
            early[successor] = max(early[successor], early[predecessor] + gap)
    finish = max((early[key] + duration[key] for key in early), default=0)
    late = {key: finish - duration[key] for key in early}
    for _ in range(len(network) + 1):
        for predecessor, successor, gap in gaps:
            late[predecessor] = min(late[predecessor], late[successor] - gap)
    return finish, early, late


def test_random_mixed_networks_agree_with_a_naive_relaxation():
    generator = random.Random(7)
    for _ in range(200):
        size = generator.randint(1, 12)
        network = []
        for index in range(size):
            candidates = generator.sample(range(index), k=min(index, generator.randint(0, 3)))
            links = tuple(
                Link(f"N{p}", generator.choice(list(LinkType)), generator.randint(-3, 3)) for p in candidates
            )
            network.append(Activity(id=f"N{index}", duration=generator.randint(0, 6), predecessors=links))
        generator.shuffle(network)

        schedule = compute_schedule(network)
        finish, early, late = _relaxation_oracle(network)

        assert schedule.project_duration == finish
        for activity in network:
            result = schedule.activities[activity.id]
            assert (result.early_start, result.late_start) == (early[activity.id], late[activity.id])
            assert 0 <= result.free_float <= result.total_float


def test_fractional_durations_are_exact_so_a_tie_stays_critical():
    # Two paths to D: A 0.1 then B 0.2 (in floats 0.1 + 0.2 = 0.30000000000000004), and C 0.3.
    # Both reach 0.3 exactly, so all four activities are critical with zero float.
    network = [
        Activity(id="A", duration=0.1),
        Activity(id="B", duration=0.2, predecessors=fs("A")),
        Activity(id="C", duration=0.3),
        Activity(id="D", duration=1, predecessors=fs("B", "C")),
    ]

    schedule = compute_schedule(network)

    assert schedule.project_duration == 1.3
    assert schedule.activities["B"].early_finish == 0.3
    assert figures(schedule, "C") == (0, 0.3, 0, 0.3, 0, 0)
    assert schedule.critical_path == ["A", "C", "B", "D"]


def test_whole_floats_decimals_and_fractions_give_int_figures_where_whole():
    network = [
        Activity(id="A", duration=4.0),
        Activity(id="B", duration=Decimal("2.5"), predecessors=(Link("A", LinkType.FS, Fraction(1, 2)),)),
        Activity(id="C", duration=Fraction(1, 3), predecessors=fs("A")),
    ]

    schedule = compute_schedule(network)

    # B: 4 + 0.5 = 4.5 .. 7; C: 4 .. 4 1/3, late 6 2/3 .. 7.
    assert figures(schedule, "A") == (0, 4, 0, 4, 0, 0)
    assert all(type(value) is int for value in figures(schedule, "A"))
    assert figures(schedule, "B") == (4.5, 7, 4.5, 7, 0, 0)
    assert type(schedule.project_duration) is int
    assert schedule.activities["C"].late_start == 20 / 3
    assert schedule.activities["C"].total_float == 8 / 3


def test_random_fractional_networks_agree_with_an_exact_relaxation():
    generator = random.Random(11)
    for _ in range(100):
        size = generator.randint(1, 10)
        network = []
        for index in range(size):
            candidates = generator.sample(range(index), k=min(index, generator.randint(0, 3)))
            links = tuple(
                Link(f"N{p}", generator.choice(list(LinkType)), generator.randint(-30, 30) / 10)
                for p in candidates
            )
            duration = generator.randint(0, 600) / 100
            network.append(Activity(id=f"N{index}", duration=duration, predecessors=links))
        generator.shuffle(network)
        exact = [
            Activity(
                id=activity.id,
                duration=Fraction(str(activity.duration)),
                predecessors=tuple(
                    Link(link.predecessor_id, link.type, Fraction(str(link.lag)))
                    for link in activity.predecessors
                ),
            )
            for activity in network
        ]

        schedule = compute_schedule(network)
        finish, early, late = _relaxation_oracle(exact)

        assert schedule.project_duration == float(finish)
        for activity in network:
            result = schedule.activities[activity.id]
            assert (result.early_start, result.late_start) == (
                float(early[activity.id]),
                float(late[activity.id]),
            )
            assert result.critical == (late[activity.id] <= early[activity.id])


def test_parse_network_reads_the_documented_shape():
    data = {
        "activities": [
            {"id": "B", "duration": 3, "fixed_start": 1.5},
            {
                "id": 7,
                "duration": 0,
                "predecessors": [{"id": "B", "type": "SS", "lag": -1}, {"id": "C"}],
                "start_no_earlier_than": 2,
                "finish_no_later_than": None,
            },
            {"id": "C", "duration": 1, "predecessors": []},
        ]
    }

    activities = parse_network(data)

    assert activities[1] == Activity(
        id="7",
        duration=0,
        predecessors=(Link("B", LinkType.SS, -1), Link("C", LinkType.FS, 0)),
        start_no_earlier_than=2,
        finish_no_later_than=None,
    )
    assert activities[0] == Activity(id="B", duration=3, fixed_start=1.5)
    assert [activity.id for activity in activities] == ["B", "7", "C"]


def test_parse_network_accepts_fractional_durations_lags_and_constraints():
    activities = parse_network(
        {
            "activities": [
                {"id": "A", "duration": 4.0},
                {
                    "id": "B",
                    "duration": 5.333,
                    "predecessors": [{"id": "A", "lag": -0.5}],
                    "start_no_earlier_than": 0.25,
                    "finish_no_later_than": 20.75,
                },
            ]
        }
    )

    assert activities[1] == Activity(
        id="B",
        duration=5.333,
        predecessors=(Link("A", LinkType.FS, -0.5),),
        start_no_earlier_than=0.25,
        finish_no_later_than=20.75,
    )
    assert figures(compute_schedule(activities), "B") == (3.5, 8.833, 3.5, 8.833, 0, 0)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], 'The network must be an object with only an "activities" list'),
        ({"activities": {}}, 'The network must be an object with only an "activities" list'),
        ({"activities": [], "name": "x"}, 'The network must be an object with only an "activities" list'),
        ({"activities": ["A"]}, "activities[0] must be an object, got str"),
        ({"activities": [{"duration": 1}]}, 'activities[0]: missing "id"'),
        ({"activities": [{"id": True, "duration": 1}]}, "activities[0]: id must be a non-empty string"),
        ({"activities": [{"id": " ", "duration": 1}]}, "activities[0]: id must be a non-empty string"),
        ({"activities": [{"id": "A"}]}, 'activity "A": missing "duration"'),
        (
            {"activities": [{"id": "A", "duration": "3"}]},
            "activity \"A\": duration must be a number, got str '3'",
        ),
        (
            {"activities": [{"id": "A", "duration": True}]},
            'activity "A": duration must be a number, got bool True',
        ),
        (
            {"activities": [{"id": "A", "duration": float("nan")}]},
            'activity "A": duration must be a finite number, got nan',
        ),
        (
            {"activities": [{"id": "A", "duration": float("inf")}]},
            'activity "A": duration must be a finite number, got inf',
        ),
        (
            {"activities": [{"id": "A", "duration": -0.5}]},
            'activity "A": duration must not be negative, got -0.5',
        ),
        (
            {"activities": [{"id": "A", "duration": 1e308}]},
            'activity "A": duration must be at most 1e+15 either side of 0, got 1e+308',
        ),
        (
            {"activities": [{"id": "A", "duration": 1, "predecessors": [{"id": "B", "lag": -(10**16)}]}]},
            "predecessors[0]: lag must be at most 1e+15 either side of 0, got -10000000000000000",
        ),
        (
            {"activities": [{"id": "A", "duration": 1, "predecessors": [{"id": "B", "lag": float("-inf")}]}]},
            'activity "A": predecessors[0]: lag must be a finite number, got -inf',
        ),
        (
            {"activities": [{"id": "A", "duration": 1, "fixed_start": "2"}]},
            "activity \"A\": fixed_start must be a number, got str '2'",
        ),
        (
            {"activities": [{"id": "A", "duration": -2}]},
            'activity "A": duration must not be negative, got -2',
        ),
        (
            {"activities": [{"id": "A", "duration": 1, "predecessors": "B"}]},
            'activity "A": predecessors must be a list',
        ),
        (
            {"activities": [{"id": "A", "duration": 1, "predecessors": ["B"]}]},
            "predecessors[0] must be an object",
        ),
        (
            {"activities": [{"id": "A", "duration": 1, "predecessors": [{"type": "FS"}]}]},
            'predecessors[0]: missing "id"',
        ),
        (
            {"activities": [{"id": "A", "duration": 1, "predecessors": [{"id": "B", "type": "fs"}]}]},
            "activity \"A\": predecessors[0]: type must be one of FS, SS, FF, SF, got 'fs'",
        ),
        (
            {"activities": [{"id": "A", "duration": 1, "predecessors": [{"id": "B", "type": None}]}]},
            "type must be one of FS, SS, FF, SF, got None",
        ),
        (
            {"activities": [{"id": "A", "duration": 1, "predecessors": [{"id": "B", "lag": "1"}]}]},
            "activity \"A\": predecessors[0]: lag must be a number, got str '1'",
        ),
        (
            {"activities": [{"id": "A", "duration": 1, "start_no_earlier_than": False}]},
            'activity "A": start_no_earlier_than must be a number, got bool False',
        ),
        (
            {"activities": [{"id": "A", "duration": 1, "finish_no_later_than": "9"}]},
            'activity "A": finish_no_later_than must be a number',
        ),
        (
            {"activities": [{"id": "A", "duration": 1, "start_no_earlier": 3}]},
            "activity \"A\": unknown field 'start_no_earlier'",
        ),
        (
            {"activities": [{"id": "A", "duration": 1, "predecessors": [{"id": "B", "kind": "FS"}]}]},
            "predecessors[0]: unknown field 'kind' (allowed: id, lag, type)",
        ),
    ],
)
def test_parse_network_refuses_wrong_shapes_and_types_with_one_line(data, message):
    with pytest.raises(SchedulingError) as caught:
        parse_network(data)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_schedule_to_dict_gives_the_documented_json():
    schedule = compute_schedule(
        parse_network(
            {
                "activities": [
                    {"id": "A", "duration": 3},
                    {"id": 2, "duration": 1, "predecessors": [{"id": "A"}]},
                ]
            }
        )
    )

    data = schedule_to_dict(schedule)

    assert data == {
        "project_duration": 4,
        "critical_path": ["A", "2"],
        "activities": {
            "A": {
                "early_start": 0,
                "early_finish": 3,
                "late_start": 0,
                "late_finish": 3,
                "total_float": 0,
                "free_float": 0,
                "critical": True,
            },
            "2": {
                "early_start": 3,
                "early_finish": 4,
                "late_start": 3,
                "late_finish": 4,
                "total_float": 0,
                "free_float": 0,
                "critical": True,
            },
        },
    }
    assert '"critical": true' in json.dumps(data)


def test_activities_and_links_compare_and_hash_by_value():
    # They are slotted dataclasses, not frozen ones (cheaper to build), but still values: callers
    # may keep them in sets or as keys.
    first = Activity(id="A", duration=2, predecessors=(Link("B", LinkType.SS, 1),))
    second = Activity(id="A", duration=2, predecessors=(Link("B", LinkType.SS, 1),))
    assert first == second
    assert len({first, second}) == 1
    assert len({Link("B"), Link("B", LinkType.FS, 0), Link("B", LinkType.FF)}) == 2
