"""The change authority's routing: who approves a change, in order, under each PMO type (no database)."""

from decimal import Decimal

import pytest

from governance.change_authority import (
    DEFAULT_TIERS,
    PM,
    PMO,
    SPONSOR,
    Tiers,
    cost_share_percent,
    pmo_informed,
    route,
    tier_of,
)
from governance.pmo_types import PmoType

SMALL = {"cost_share": Decimal("4.99"), "delay_days": 9}  # within the PM's authority
MEDIUM = {"cost_share": Decimal("15"), "delay_days": 30}  # within the PMO's
LARGE = {"cost_share": Decimal("15.01"), "delay_days": 0}  # beyond the PMO's

# The change requests row of DOMAIN.md's matrix, one line per PMO type and size.
ROUTES = [
    (PmoType.SUPPORTIVE, SMALL, (PM,)),
    (PmoType.SUPPORTIVE, MEDIUM, (SPONSOR,)),
    (PmoType.SUPPORTIVE, LARGE, (SPONSOR,)),
    (PmoType.CONTROLLING, SMALL, (PM,)),
    (PmoType.CONTROLLING, MEDIUM, (PMO,)),
    (PmoType.CONTROLLING, LARGE, (PMO, SPONSOR)),
    (PmoType.DIRECTIVE, SMALL, (PMO,)),
    (PmoType.DIRECTIVE, MEDIUM, (PMO,)),
    (PmoType.DIRECTIVE, LARGE, (PMO, SPONSOR)),
]


@pytest.mark.parametrize(("pmo_type", "size", "steps"), ROUTES)
def test_a_change_is_routed_to_the_authorities_the_pmo_type_names(pmo_type, size, steps):
    assert route(pmo_type=pmo_type, tiers=DEFAULT_TIERS, **size) == steps


@pytest.mark.parametrize(
    ("cost_share", "delay_days", "tier"),
    [
        (Decimal("0"), 0, PM),
        (Decimal("5"), 0, PMO),  # "under 5 %": 5 % itself is the PMO's
        (Decimal("1"), 10, PMO),  # "under 10 working days": 10 days is the PMO's
        (Decimal("15"), 30, PMO),  # "up to 15 % or 30 days": both included
        (Decimal("1"), 31, SPONSOR),
        (None, 0, SPONSOR),  # a cost with no budget to measure it against
    ],
)
def test_the_tiers_follow_the_defaults_of_the_domain(cost_share, delay_days, tier):
    assert tier_of(cost_share=cost_share, delay_days=delay_days, tiers=DEFAULT_TIERS) == tier


def test_the_pmo_sets_its_own_tiers():
    strict = Tiers(
        pm_cost_percent=Decimal("1"), pm_delay_days=2, pmo_cost_percent=Decimal("3"), pmo_delay_days=5
    )
    assert route(cost_share=Decimal("2"), delay_days=0, pmo_type=PmoType.CONTROLLING, tiers=strict) == (PMO,)
    assert route(cost_share=Decimal("4"), delay_days=0, pmo_type=PmoType.CONTROLLING, tiers=strict) == (
        PMO,
        SPONSOR,
    )


def test_the_cost_share_is_the_size_of_the_change_against_the_budget():
    assert cost_share_percent(cost=Decimal("5000"), budget=Decimal("100000")) == Decimal("5")
    assert cost_share_percent(cost=Decimal("-5000"), budget=Decimal("100000")) == Decimal("5")
    assert cost_share_percent(cost=Decimal("0"), budget=Decimal("0")) == Decimal("0")
    assert cost_share_percent(cost=Decimal("1"), budget=Decimal("0")) is None


def test_only_a_supportive_pmo_is_merely_informed():
    assert pmo_informed(PmoType.SUPPORTIVE)
    assert not pmo_informed(PmoType.CONTROLLING)
    assert not pmo_informed(PmoType.DIRECTIVE)
