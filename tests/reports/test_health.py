"""The health score engine against worked examples computed by hand (reports/health.py's rule)."""

import json
from decimal import Decimal
from types import MappingProxyType

import pytest

from governance.health_standards import DEFAULT_HEALTH_STANDARDS, HEALTH_DIMENSIONS, HealthStandards
from reports.health import (
    Dimension,
    HealthInputs,
    band_of,
    health_score,
    index_points,
    index_rag,
)

D = Decimal


def row(result, dimension):
    return next(item for item in result.dimensions if item.dimension == dimension)


def test_the_dimensions_are_the_ones_the_standards_weigh():
    assert tuple(Dimension) == HEALTH_DIMENSIONS
    assert sum(DEFAULT_HEALTH_STANDARDS.weights.values()) == 100


@pytest.mark.parametrize(
    ("index", "points"),
    [
        ("1.20", 100),
        ("1.00", 100),
        ("0.975", D("87.5")),  # halfway between green (75) and 1.00 (100)
        ("0.95", 75),  # the green threshold exactly
        ("0.90", D("62.5")),
        ("0.85", 50),  # the amber threshold exactly
        ("0.675", 25),  # halfway between amber - 0.35 (0) and amber (50)
        ("0.50", 0),  # amber - 0.35
        ("0.10", 0),
        ("0", 0),
    ],
)
def test_an_index_scores_on_the_line_through_its_thresholds(index, points):
    exact = index_points(D(index), green=D("0.95"), amber=D("0.85"))
    assert D(exact.numerator) / D(exact.denominator) == D(points)


def test_a_green_threshold_of_one_or_more_reaches_full_points_just_above_it():
    assert index_points(D("1.00"), green=D("1.00"), amber=D("0.90")) == 75
    assert index_points(D("1.025"), green=D("1.00"), amber=D("0.90")) == D("87.5")
    assert index_points(D("1.05"), green=D("1.00"), amber=D("0.90")) == 100


@pytest.mark.parametrize(
    ("value", "rag"),
    [
        ("1.10", "green"),
        ("0.95", "green"),
        ("0.9499", "amber"),
        ("0.85", "amber"),
        ("0.8499", "red"),
        (None, None),
    ],
)
def test_index_rag_is_green_from_the_threshold_up_and_amber_from_amber_up(value, rag):
    assert index_rag(None if value is None else D(value), green=D("0.95"), amber=D("0.85")) == rag


@pytest.mark.parametrize(
    ("score", "band"),
    [(100, "green"), (75, "green"), (74, "amber"), (50, "amber"), (49, "red"), (0, "red"), (None, None)],
)
def test_the_bands_of_the_defaults(score, band):
    assert band_of(score, DEFAULT_HEALTH_STANDARDS) == band


def test_every_dimension_measured_weighs_as_the_defaults_say():
    # 100 x 25 + 75 x 25 + 60 x 15 + 100 x 10 + 100 x 10 + 0 x 10 + 80 x 5 = 7675; / 100 = 76.75 -> 77
    result = health_score(
        HealthInputs(
            spi=D("1.00"),
            cpi=D("0.95"),
            risk_exposure=D(40),
            scope_changes=0,
            customer_satisfaction=5,
            team_morale=1,
            compliance_score=80,
        )
    )
    assert result.score == 77
    assert result.band == "green"
    assert result.left_out == ()
    assert not result.renormalised
    assert [item.points for item in result.dimensions] == [100, 75, 60, 100, 100, 0, 80]
    assert [item.effective_weight for item in result.dimensions] == [
        D(w) for w in (25, 25, 15, 10, 10, 10, 5)
    ]
    assert row(result, Dimension.TEAM_MORALE).rag == "red"
    assert row(result, Dimension.RISK_EXPOSURE).rag == "amber"


def test_a_missing_dimension_is_left_out_with_its_reason_and_the_rest_renormalised():
    # Risk exposure is left out: 25 + 25 + 10 + 10 + 10 + 5 = 85 weighed.
    # 62.5 x 25 + 100 x 25 + 80 x 10 + 75 x 10 + 50 x 10 + 90 x 5 = 6562.5; / 85 = 77.2 -> 77
    result = health_score(
        HealthInputs(
            spi=D("0.90"),
            cpi=D("1.05"),
            scope_changes=1,
            customer_satisfaction=4,
            team_morale=3,
            compliance_score=90,
        )
    )
    assert result.score == 77
    assert result.left_out == (Dimension.RISK_EXPOSURE,)
    assert result.renormalised
    risk = row(result, Dimension.RISK_EXPOSURE)
    assert (risk.effective_weight, risk.points, risk.rag) == (None, None, None)
    assert risk.left_out_reason == "not yet rolled up from the risk register"
    assert row(result, Dimension.SCHEDULE).effective_weight == D("29.41")  # 25 / 85
    assert row(result, Dimension.COMPLIANCE).effective_weight == D("5.88")  # 5 / 85
    assert row(result, Dimension.SCHEDULE).points == 63  # 62.5, rounded half up for display


def test_the_score_is_rounded_only_at_the_end():
    # 60.4 x 30 + 60.4 x 30 + 60.7 x 30 = 5445; / 90 = 60.5 -> 61 (rounded points would give 60.33 -> 60)
    standards = HealthStandards(
        weights={
            "schedule": 30,
            "cost": 30,
            "risk_exposure": 30,
            "scope_changes": 10,
            "customer_satisfaction": 0,
            "team_morale": 0,
            "compliance": 0,
        }
    )
    result = health_score(HealthInputs(spi=D("0.8916"), cpi=D("0.8916"), risk_exposure=D("39.3")), standards)
    assert [row(result, d).points for d in (Dimension.SCHEDULE, Dimension.COST, Dimension.RISK_EXPOSURE)] == [
        60,
        60,
        61,
    ]
    assert result.score == 61


def test_nothing_measured_gives_no_score_and_every_reason():
    result = health_score(HealthInputs())
    assert result.score is None
    assert result.band is None
    assert not result.renormalised
    assert result.left_out == tuple(Dimension)
    reasons = {item.dimension: item.left_out_reason for item in result.dimensions}
    assert reasons == {
        Dimension.SCHEDULE: "not yet measured: no baseline",
        Dimension.COST: "not yet measured: no baseline",
        Dimension.RISK_EXPOSURE: "not yet rolled up from the risk register",
        Dimension.SCOPE_CHANGES: "not yet measured",
        Dimension.CUSTOMER_SATISFACTION: "no status report with a rating yet",
        Dimension.TEAM_MORALE: "no status report with a rating yet",
        Dimension.COMPLIANCE: "compliance is informational under a supportive PMO",
    }


def test_a_caller_may_give_its_own_reason():
    result = health_score(HealthInputs(left_out_reasons={"compliance": "no methodology"}))
    assert row(result, Dimension.COMPLIANCE).left_out_reason == "no methodology"


ZERO_HEAVY = HealthStandards(
    weights=MappingProxyType(
        {
            "schedule": 50,
            "cost": 50,
            "risk_exposure": 0,
            "scope_changes": 0,
            "customer_satisfaction": 0,
            "team_morale": 0,
            "compliance": 0,
        }
    )
)


def test_a_measured_dimension_of_weight_zero_is_shown_but_weighs_nothing():
    # (50 x 50 + 100 x 50 + 0 x 0) / 100 = 75
    result = health_score(HealthInputs(spi=D("0.85"), cpi=D("1.00"), team_morale=1), ZERO_HEAVY)
    assert result.score == 75
    assert result.band == "green"
    morale = row(result, Dimension.TEAM_MORALE)
    assert (morale.weight, morale.effective_weight, morale.points) == (0, D("0.00"), 0)


def test_only_dimensions_of_weight_zero_measured_gives_no_score():
    result = health_score(HealthInputs(team_morale=4, compliance_score=100), ZERO_HEAVY)
    assert result.score is None
    assert result.band is None
    assert row(result, Dimension.TEAM_MORALE).points == 75


@pytest.mark.parametrize(("changes", "points"), [(0, 100), (1, 80), (4, 20), (5, 0), (9, 0)])
def test_each_scope_change_takes_twenty_points_down_to_zero(changes, points):
    assert row(health_score(HealthInputs(scope_changes=changes)), Dimension.SCOPE_CHANGES).points == points


@pytest.mark.parametrize(("rating", "points"), [(1, 0), (2, 25), (3, 50), (4, 75), (5, 100)])
def test_ratings_score_a_quarter_per_step(rating, points):
    result = health_score(HealthInputs(customer_satisfaction=rating, team_morale=rating))
    assert row(result, Dimension.CUSTOMER_SATISFACTION).points == points
    assert result.score == points


def test_the_advice_says_how_much_value_to_earn_for_green():
    # SPI: 0.95 x 10,000 (PV) - 9,000 (EV) = 500; CPI 0.80: 0.95 x 11,250 (AC) - 9,000 = 1,687.50
    result = health_score(
        HealthInputs(
            spi=D("0.90"),
            cpi=D("0.80"),
            planned_value=D(10000),
            earned_value=D(9000),
            actual_cost=D(11250),
            currency="EUR",
        )
    )
    schedule = row(result, Dimension.SCHEDULE).advice
    assert "500.00 EUR" in schedule and "9,500.00 EUR" in schedule and "0.95" in schedule
    cost = row(result, Dimension.COST).advice
    assert "1,687.50 EUR" in cost and "10,687.50 EUR" in cost and "11,250.00 EUR" in cost


def test_an_index_at_full_points_is_told_to_keep_the_pace():
    result = health_score(HealthInputs(spi=D("1.02"), cpi=D("1.00")))
    assert "keep" in row(result, Dimension.SCHEDULE).advice
    assert "keep" in row(result, Dimension.COST).advice


def test_custom_thresholds_and_bands_move_the_colours():
    standards = HealthStandards(
        weights=DEFAULT_HEALTH_STANDARDS.weights,
        spi_green=D("0.90"),
        spi_amber=D("0.80"),
        band_green=60,
        band_amber=40,
    )
    result = health_score(HealthInputs(spi=D("0.90")), standards)
    assert row(result, Dimension.SCHEDULE).rag == "green"
    assert result.score == 75
    assert result.band == "green"
    assert band_of(59, standards) == "amber"


def test_the_dict_is_json_ready_with_documented_types():
    # (62.5 x 25 + 50 x 10) / 35 = 2062.5 / 35 = 58.9 -> 59
    data = health_score(HealthInputs(spi=D("0.90"), team_morale=3)).as_dict()
    assert json.loads(json.dumps(data)) == data
    assert (data["score"], data["band"], data["renormalised"]) == (59, "amber", True)
    schedule, *_rest, morale, _compliance = data["dimensions"]
    assert schedule == {
        "dimension": "schedule",
        "weight": 25,
        "effective_weight": "71.43",
        "value": "0.90",
        "points": 63,
        "rag": "amber",
        "advice": schedule["advice"],
        "left_out_reason": "",
    }
    assert (morale["value"], morale["effective_weight"], morale["points"]) == (3, "28.57", 50)
    assert data["left_out"] == [
        "cost",
        "risk_exposure",
        "scope_changes",
        "customer_satisfaction",
        "compliance",
    ]
