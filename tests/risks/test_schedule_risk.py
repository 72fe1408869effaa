"""The schedule-risk engine (risks.schedule_risk): Monte Carlo over the critical-path passes, no database.

Statistical checks compare against figures known in closed form, with a tolerance of five standard
errors of the estimate worked out from the same distribution: a correct engine fails one of them
far less than once in a million runs, and every run uses a fixed seed anyway, so a pass is a pass.
"""

from __future__ import annotations

import math
import random

import numpy as np
import pytest

from projects.scheduling import Activity, CycleError, Link, LinkType, SchedulingError, compute_schedule
from risks.schedule_risk import (
    MAXIMUM_ITERATIONS,
    S_CURVE_POINTS,
    ScheduleRiskError,
    ThreePointEstimate,
    draw_durations,
    schedule_iterations,
    schedule_risk_to_dict,
    simulate_schedule_risk,
)

FS, SS, FF, SF = LinkType.FS, LinkType.SS, LinkType.FF, LinkType.SF


def triangular_standard_deviation(a: float, m: float, b: float) -> float:
    return math.sqrt((a * a + m * m + b * b - a * m - a * b - m * b) / 18)


def triangular_median(a: float, m: float, b: float) -> float:
    if (m - a) / (b - a) >= 0.5:
        return a + math.sqrt((b - a) * (m - a) / 2)
    return b - math.sqrt((b - a) * (b - m) / 2)


def triangular_density(x: float, a: float, m: float, b: float) -> float:
    if x <= m:
        return 2 * (x - a) / ((b - a) * (m - a))
    return 2 * (b - x) / ((b - a) * (b - m))


def mixed_network() -> list[Activity]:
    """Every link type, a lead, a lag and all three constraints, with two tied paths.

    Planned: A 0-4; B (SS +1 from A) 1-4; C (FS -1 from A, a lead) 3-8; D (FF +2 from B: EF >= 6)
    3-6, pushed to its start-no-earlier-than 5: 5-8, so it ties with C; E (FS from C and D,
    finish-no-later-than 12) 8-10; F (FS from A) pinned at 2: 2-3; H (SF +2 from B: EF >= 3) 2-3;
    G (FS from E, F and H) 10-11. Finish 11; critical A, C, D, E, G.
    """
    return [
        Activity("A", 4),
        Activity("B", 3, (Link("A", SS, 1),)),
        Activity("C", 5, (Link("A", FS, -1),)),
        Activity("D", 3, (Link("B", FF, 2),), start_no_earlier_than=5),
        Activity("E", 2, (Link("C", FS, 0), Link("D", FS, 0)), finish_no_later_than=12),
        Activity("F", 1, (Link("A", FS, 0),), fixed_start=2),
        Activity("H", 1, (Link("B", SF, 2),)),
        Activity("G", 1, (Link("E", FS, 0), Link("F", FS, 0), Link("H", FS, 0))),
    ]


def test_fixed_estimates_reproduce_compute_schedule_in_every_iteration():
    activities = mixed_network()
    planned = compute_schedule(activities)
    estimates = {
        activity.id: ThreePointEstimate(activity.duration, activity.duration, activity.duration)
        for activity in activities
    }

    result = simulate_schedule_risk(activities, estimates, iterations=500, seed=7)

    assert planned.project_duration == 11
    assert (result.finishes == 11).all()
    assert result.planned_finish == result.target_finish == 11
    assert result.p50 == result.p80 == result.p90 == result.mean == result.minimum == result.maximum == 11
    assert result.standard_deviation == 0
    assert result.probability_on_time == 1.0
    assert result.criticality == {
        activity_id: 1.0 if figures.critical else 0.0 for activity_id, figures in planned.activities.items()
    }
    assert {activity_id for activity_id, share in result.criticality.items() if share} == {
        "A",
        "C",
        "D",
        "E",
        "G",
    }
    # Nothing varies, so no correlation is defined; the charts show one spike.
    assert set(result.sensitivity.values()) == {None}
    assert result.tornado == ()
    assert result.histogram.counts == (500,)
    assert result.s_curve == ((11.0, 1.0),)


def test_activities_without_estimates_keep_their_planned_duration():
    activities = mixed_network()

    durations = draw_durations(activities, {"C": ThreePointEstimate(2, 5, 9)}, iterations=200, seed=1)

    assert durations.shape == (8, 200)
    for position, activity in enumerate(activities):
        if activity.id != "C":
            assert (durations[position] == activity.duration).all()
    drawn = durations[2]
    assert 2 <= drawn.min() < drawn.max() <= 9
    assert len(set(drawn)) == 200


def random_network(generator: random.Random) -> tuple[list[Activity], dict[str, ThreePointEstimate]]:
    """30 to 60 activities, links of every type with lags from -3 to 4, a few constraints, shuffled."""
    count = generator.randint(30, 60)
    activities, estimates = [], {}
    for index in range(count):
        predecessors = generator.sample(range(max(0, index - 8), index), min(index, generator.randint(0, 3)))
        links = tuple(
            Link(f"T{p}", generator.choice(list(LinkType)), generator.randint(-3, 4)) for p in predecessors
        )
        constraints = {}
        roll = generator.random()
        if roll < 0.08:
            constraints["start_no_earlier_than"] = generator.randint(0, 30)
        elif roll < 0.14:
            constraints["finish_no_later_than"] = generator.randint(10, 60)
        elif roll < 0.18:
            constraints["fixed_start"] = generator.randint(0, 30)
        elif not links and roll < 0.5:
            constraints["start_no_earlier_than"] = generator.randint(-4, -1)  # counts as the start, 0
        duration = generator.randint(0, 8)
        activities.append(Activity(f"T{index}", duration, links, **constraints))
        if generator.random() < 0.85:
            low = max(0, duration - generator.randint(0, 3))
            estimates[f"T{index}"] = ThreePointEstimate(low, duration, duration + generator.randint(0, 6))
    generator.shuffle(activities)
    return activities, estimates


def with_durations(activities: list[Activity], durations) -> list[Activity]:
    return [
        Activity(
            activity.id,
            duration,
            activity.predecessors,
            activity.start_no_earlier_than,
            activity.finish_no_later_than,
            activity.fixed_start,
        )
        for activity, duration in zip(activities, durations, strict=True)
    ]


@pytest.mark.parametrize("whole_durations", [False, True], ids=["drawn durations", "rounded to whole days"])
@pytest.mark.parametrize("network_seed", range(12))
def test_every_iteration_is_the_schedule_compute_schedule_gives_for_its_durations(
    network_seed, whole_durations
):
    """Whole durations make ties on the critical path, which float rounding must not break."""
    generator = random.Random(network_seed)
    activities, estimates = random_network(generator)
    distribution = "pert" if network_seed % 2 else "triangular"
    durations = draw_durations(
        activities, estimates, iterations=300, seed=network_seed, distribution=distribution
    )
    if whole_durations:
        durations = np.round(durations)

    simulated = schedule_iterations(activities, durations)

    for iteration in generator.sample(range(300), 15):
        column = [int(value) if whole_durations else float(value) for value in durations[:, iteration]]
        expected = compute_schedule(with_durations(activities, column))
        assert simulated.finishes[iteration] == pytest.approx(expected.project_duration, rel=1e-12, abs=1e-12)
        critical = {activities[position].id for position in np.flatnonzero(simulated.critical[:, iteration])}
        assert critical == set(expected.critical_path)


def test_the_simulation_schedules_the_durations_it_draws():
    activities, estimates = random_network(random.Random(99))

    result = simulate_schedule_risk(activities, estimates, iterations=400, seed=5)

    durations = draw_durations(activities, estimates, iterations=400, seed=5)
    simulated = schedule_iterations(activities, durations)
    assert np.array_equal(result.finishes, simulated.finishes)
    assert result.criticality == {
        activity.id: float(share)
        for activity, share in zip(activities, simulated.critical.mean(axis=1), strict=True)
    }


def test_a_single_triangular_task_has_the_known_mean_and_median():
    a, m, b = 2.0, 5.0, 14.0
    iterations = MAXIMUM_ITERATIONS

    result = simulate_schedule_risk(
        [Activity("A", 5)], {"A": ThreePointEstimate(a, m, b)}, iterations=iterations, seed=11
    )

    mean_error = triangular_standard_deviation(a, m, b) / math.sqrt(iterations)
    assert result.mean == pytest.approx((a + m + b) / 3, abs=5 * mean_error)
    median = triangular_median(a, m, b)
    median_error = 1 / (2 * triangular_density(median, a, m, b) * math.sqrt(iterations))
    assert result.p50 == pytest.approx(median, abs=5 * median_error)
    assert result.standard_deviation == pytest.approx(triangular_standard_deviation(a, m, b), rel=0.02)
    assert a <= result.minimum < result.maximum <= b


def test_a_single_pert_task_has_the_mean_a_plus_four_m_plus_b_over_six():
    a, m, b = 2.0, 5.0, 14.0
    iterations = MAXIMUM_ITERATIONS

    result = simulate_schedule_risk(
        [Activity("A", 5)],
        {"A": ThreePointEstimate(a, m, b)},
        iterations=iterations,
        seed=12,
        distribution="pert",
    )

    mean = (a + 4 * m + b) / 6
    # PERT-beta has alpha + beta = 6, so its variance is (mean - a)(b - mean) / 7.
    standard_deviation = math.sqrt((mean - a) * (b - mean) / 7)
    assert result.mean == pytest.approx(mean, abs=5 * standard_deviation / math.sqrt(iterations))
    assert result.standard_deviation == pytest.approx(standard_deviation, rel=0.02)
    # Narrower than the triangular of the same estimate, which weighs the tails more.
    assert result.standard_deviation < triangular_standard_deviation(a, m, b)


def test_the_probability_of_a_date_is_the_share_of_iterations_finishing_by_it():
    """Triangular(0, 10, 10) has F(t) = t^2 / 100; two in parallel finish by t with F(t)^2."""
    iterations = 40_000
    activities = [Activity("A", 10), Activity("B", 10), Activity("End", 0, (Link("A"), Link("B")))]
    estimates = {"A": ThreePointEstimate(0, 10, 10), "B": ThreePointEstimate(0, 10, 10)}

    result = simulate_schedule_risk(activities, estimates, iterations=iterations, seed=3, target_finish=8)

    expected = (8**2 / 100) ** 2  # 0.4096
    assert result.target_finish == 8
    assert result.planned_finish == 10
    assert result.probability_on_time == pytest.approx(
        expected, abs=5 * math.sqrt(expected * (1 - expected) / iterations)
    )
    assert result.probability_on_time == np.mean(result.finishes <= 8)
    # The planned finish is the latest possible one here: every iteration meets it.
    assert simulate_schedule_risk(activities, estimates, iterations=1000, seed=3).probability_on_time == 1.0


def test_two_identical_parallel_branches_are_each_critical_about_half_the_time():
    iterations = 20_000
    activities = [
        Activity("Start", 0),
        Activity("Left", 6, (Link("Start"),)),
        Activity("Right", 6, (Link("Start"),)),
        Activity("End", 0, (Link("Left"), Link("Right"))),
    ]
    estimates = {"Left": ThreePointEstimate(3, 6, 12), "Right": ThreePointEstimate(3, 6, 12)}

    result = simulate_schedule_risk(activities, estimates, iterations=iterations, seed=21)

    tolerance = 5 * 0.5 / math.sqrt(iterations)
    assert result.criticality["Left"] == pytest.approx(0.5, abs=tolerance)
    assert result.criticality["Right"] == pytest.approx(0.5, abs=tolerance)
    # With continuous durations a tie has probability 0: exactly one branch is critical each time.
    assert result.criticality["Left"] + result.criticality["Right"] == pytest.approx(1.0)
    assert result.criticality["Start"] == result.criticality["End"] == 1.0


def test_the_task_that_drives_the_finish_tops_the_tornado():
    activities = [
        Activity("Design", 10),
        Activity("Build", 20, (Link("Design"),)),
        Activity("Test", 5, (Link("Build"),)),
        Activity("Manual", 3, (Link("Design"),)),
    ]
    estimates = {
        "Design": ThreePointEstimate(9, 10, 12),
        "Build": ThreePointEstimate(10, 20, 60),  # wide: it decides the finish
        "Test": ThreePointEstimate(4, 5, 7),
        "Manual": ThreePointEstimate(1, 3, 20),  # wide but far off the critical path
    }

    result = simulate_schedule_risk(activities, estimates, iterations=5000, seed=8)

    assert [bar.activity_id for bar in result.tornado][:1] == ["Build"]
    assert result.sensitivity["Build"] > 0.9
    assert abs(result.sensitivity["Manual"]) < 0.1
    assert result.criticality["Manual"] == 0.0
    assert [abs(bar.sensitivity) for bar in result.tornado] == sorted(
        (abs(bar.sensitivity) for bar in result.tornado), reverse=True
    )


def test_the_tornado_shows_at_most_ten_bars():
    activities = [Activity(f"T{index}", 5) for index in range(15)]
    estimates = {f"T{index}": ThreePointEstimate(1, 5, 9 + index) for index in range(15)}

    result = simulate_schedule_risk(activities, estimates, iterations=2000, seed=2)

    assert len(result.tornado) == 10
    assert len(result.sensitivity) == 15


def test_the_same_seed_gives_the_same_result_and_another_seed_another():
    activities, estimates = random_network(random.Random(4))

    first = simulate_schedule_risk(activities, estimates, iterations=1000, seed=42)
    again = simulate_schedule_risk(activities, estimates, iterations=1000, seed=42)
    other = simulate_schedule_risk(activities, estimates, iterations=1000, seed=43)

    assert first == again
    assert np.array_equal(first.finishes, again.finishes)
    assert schedule_risk_to_dict(first, charts=True) == schedule_risk_to_dict(again, charts=True)
    assert not np.array_equal(first.finishes, other.finishes)
    assert first.mean != other.mean


def test_without_a_seed_the_result_reports_the_one_it_drew_and_that_reproduces_it():
    activities, estimates = random_network(random.Random(5))

    result = simulate_schedule_risk(activities, estimates, iterations=300)

    assert isinstance(result.seed, int)
    replay = simulate_schedule_risk(activities, estimates, iterations=300, seed=result.seed)
    assert np.array_equal(replay.finishes, result.finishes)


def test_the_histogram_and_s_curve_describe_the_finishes():
    activities, estimates = random_network(random.Random(6))

    result = simulate_schedule_risk(activities, estimates, iterations=5000, seed=6)

    edges, counts = result.histogram
    assert len(counts) == 30 and len(edges) == 31
    assert sum(counts) == 5000
    assert edges[0] == result.minimum and edges[-1] == result.maximum
    finishes = [point.finish for point in result.s_curve]
    shares = [point.probability for point in result.s_curve]
    assert len(result.s_curve) <= S_CURVE_POINTS
    assert finishes == sorted(set(finishes)) and shares == sorted(shares)
    assert result.s_curve[0] == (result.minimum, 1 / 5000)
    assert result.s_curve[-1] == (result.maximum, 1.0)
    for finish, share in result.s_curve[::20]:
        assert share == np.mean(result.finishes <= finish)
    # P80 sits where the S-curve crosses 0.8.
    below = max(point for point in result.s_curve if point.probability <= 0.8)
    above = min(point for point in result.s_curve if point.probability >= 0.8)
    assert below.finish <= result.p80 <= above.finish


def test_few_distinct_finishes_get_one_bin_each():
    activities = [Activity("A", 1), Activity("B", 2, (Link("A"),))]

    result = simulate_schedule_risk(
        activities,
        {"A": ThreePointEstimate(1, 1, 1), "B": ThreePointEstimate(2, 2, 2)},
        iterations=50,
        seed=1,
    )

    assert result.histogram.counts == (50,)


def test_percentiles_interpolate_linearly_between_ranks():
    activities = [Activity("A", 5)]

    result = simulate_schedule_risk(activities, {"A": ThreePointEstimate(1, 2, 9)}, iterations=7, seed=9)

    ordered = np.sort(result.finishes)
    assert result.p50 == ordered[3]
    assert result.p80 == pytest.approx(ordered[4] + 0.8 * (ordered[5] - ordered[4]))
    assert result.p90 == pytest.approx(ordered[5] + 0.4 * (ordered[6] - ordered[5]))


def test_a_deadline_before_the_finish_makes_its_chain_critical_in_every_iteration():
    activities = [
        Activity("A", 3),
        Activity("B", 2, (Link("A"),), finish_no_later_than=4),
        Activity("C", 9),
    ]

    result = simulate_schedule_risk(activities, {"A": ThreePointEstimate(2, 3, 4)}, iterations=500, seed=1)

    assert result.criticality == {"A": 1.0, "B": 1.0, "C": 1.0}


def test_an_empty_network_finishes_at_the_start():
    result = simulate_schedule_risk([], {}, iterations=10, seed=1)

    assert result.p90 == result.planned_finish == 0
    assert result.criticality == {}


def test_one_hundred_thousand_iterations_are_accepted():
    result = simulate_schedule_risk(
        [Activity("A", 2)], {"A": ThreePointEstimate(1, 2, 3)}, iterations=100_000, seed=1
    )

    assert result.iterations == len(result.finishes) == 100_000


@pytest.mark.parametrize(
    ("estimate", "field", "message"),
    [
        (
            ThreePointEstimate(5, 5, 4),
            "pessimistic",
            'Activity "A": pessimistic (4) must not be below optimistic (5)',
        ),
        (
            ThreePointEstimate(2, 7, 6),
            "most_likely",
            'Activity "A": most_likely (7) must lie between optimistic (2) and pessimistic (6)',
        ),
        (
            ThreePointEstimate(2, 1, 6),
            "most_likely",
            'Activity "A": most_likely (1) must lie between optimistic (2) and pessimistic (6)',
        ),
        (ThreePointEstimate(-1, 1, 6), "optimistic", 'Activity "A": optimistic must not be negative, got -1'),
        (
            ThreePointEstimate(1, math.nan, 6),
            "most_likely",
            'Activity "A": most_likely must be a finite number',
        ),
        (
            ThreePointEstimate(1, 2, math.inf),
            "pessimistic",
            'Activity "A": pessimistic must be a finite number',
        ),
        (
            ThreePointEstimate(1, 2, 10**400),
            "pessimistic",
            'Activity "A": pessimistic must be a finite number',
        ),
        (ThreePointEstimate(True, 2, 3), "optimistic", 'Activity "A": optimistic must be a finite number'),
        (ThreePointEstimate("1", 2, 3), "optimistic", 'Activity "A": optimistic must be a finite number'),
    ],
)
def test_bad_estimates_are_refused_naming_the_activity_and_field(estimate, field, message):
    with pytest.raises(ScheduleRiskError) as caught:
        simulate_schedule_risk([Activity("A", 2)], {"A": estimate}, iterations=10, seed=1)

    assert str(caught.value).startswith(message)
    assert caught.value.field == field
    assert caught.value.activity_id == "A"
    assert isinstance(caught.value, SchedulingError)


@pytest.mark.parametrize(
    ("arguments", "field", "message"),
    [
        ({"iterations": 0}, "iterations", "iterations must be a whole number from 1 to 100,000, got 0"),
        (
            {"iterations": 100_001},
            "iterations",
            "iterations must be a whole number from 1 to 100,000, got 100001",
        ),
        ({"iterations": 10.0}, "iterations", "iterations must be a whole number"),
        ({"iterations": True}, "iterations", "iterations must be a whole number"),
        ({"seed": -1}, "seed", "seed must be a whole number >= 0, got -1"),
        ({"seed": "7"}, "seed", "seed must be a whole number >= 0, got '7'"),
        (
            {"distribution": "normal"},
            "distribution",
            "distribution must be one of triangular, pert, got 'normal'",
        ),
        ({"target_finish": math.nan}, "target_finish", "target_finish must be a finite number, got nan"),
    ],
)
def test_bad_arguments_are_refused_naming_the_field(arguments, field, message):
    with pytest.raises(ScheduleRiskError) as caught:
        simulate_schedule_risk(
            [Activity("A", 2)],
            {"A": ThreePointEstimate(1, 2, 3)},
            **{"iterations": 10, "seed": 1, **arguments},
        )

    assert str(caught.value) == message or str(caught.value).startswith(message)
    assert caught.value.field == field
    assert caught.value.activity_id is None


def test_an_estimate_for_an_unknown_activity_is_refused():
    with pytest.raises(ScheduleRiskError, match='^Estimate for unknown activity "Z"$') as caught:
        simulate_schedule_risk([Activity("A", 2)], {"Z": ThreePointEstimate(1, 2, 3)}, iterations=10, seed=1)

    assert caught.value.field == "estimates"


def test_the_network_is_checked_by_the_critical_path_engine():
    looping = [Activity("A", 1, (Link("B"),)), Activity("B", 1, (Link("A"),))]

    with pytest.raises(CycleError, match="^Dependency cycle: A -> B -> A$"):
        simulate_schedule_risk(looping, {}, iterations=10, seed=1)
    with pytest.raises(SchedulingError, match='^Activity "A" lists unknown predecessor "Q"$'):
        simulate_schedule_risk([Activity("A", 1, (Link("Q"),))], {}, iterations=10, seed=1)


def test_schedule_iterations_wants_one_row_of_durations_per_activity():
    with pytest.raises(ScheduleRiskError, match=r"one row per activity \(2\), got shape \(3, 4\)"):
        schedule_iterations([Activity("A", 1), Activity("B", 1)], np.ones((3, 4)))
    with pytest.raises(ScheduleRiskError, match="finite numbers >= 0"):
        schedule_iterations([Activity("A", 1)], np.array([[1.0, -1.0]]))
