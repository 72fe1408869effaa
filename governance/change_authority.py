"""Tiered change authority: who must approve a change request, in order (pure Python, no ORM).

The tiers are a PMO standard (governance.models.ChangeAuthorityTier, defaults from DOMAIN.md "change
authority"): the PM decides a change under `pm_cost_percent` of the budget and under `pm_delay_days`
working days; the PMO one up to `pmo_cost_percent` and up to `pmo_delay_days`; anything larger needs the
PMO and then the sponsor. How the PMO type bends that (DOMAIN.md "change requests"):

- supportive: the PM decides within their own authority and the PMO is only informed; a supportive PMO
  approves nothing, so a change beyond the PM's authority goes to the sponsor, who owns the budget.
- controlling: within the PM's authority the PM decides; above it the PMO, and above the PMO's
  authority the PMO and then the sponsor.
- directive: the PMO decides every change, however small; above the PMO's own authority the sponsor
  still signs after the PMO, since the budget is the sponsor's.

A change with a cost but no budget to measure it against (budget 0) is above every tier.
"""

from dataclasses import dataclass
from decimal import Decimal

from governance.pmo_types import PmoType

PM = "pm"
PMO = "pmo"
SPONSOR = "sponsor"


@dataclass(frozen=True)
class Tiers:
    """The limits of the PM's and the PMO's authority: percent of the budget, working days of delay."""

    pm_cost_percent: Decimal = Decimal("5")
    pm_delay_days: int = 10
    pmo_cost_percent: Decimal = Decimal("15")
    pmo_delay_days: int = 30


DEFAULT_TIERS = Tiers()


def cost_share_percent(*, cost: Decimal, budget: Decimal) -> Decimal | None:
    """The cost of a change as a percentage of the budget (a saving counts by its size); None when the
    budget is 0 and the cost is not, so that no share can be stated."""
    size = abs(cost)
    if size == 0:
        return Decimal("0")
    if budget <= 0:
        return None
    return size * 100 / budget


def tier_of(*, cost_share: Decimal | None, delay_days: int, tiers: Tiers) -> str:
    """PM, PMO or SPONSOR: the smallest authority whose limits hold the change."""
    if cost_share is not None and cost_share < tiers.pm_cost_percent and delay_days < tiers.pm_delay_days:
        return PM
    if cost_share is not None and cost_share <= tiers.pmo_cost_percent and delay_days <= tiers.pmo_delay_days:
        return PMO
    return SPONSOR


def route(*, cost_share: Decimal | None, delay_days: int, pmo_type: str, tiers: Tiers) -> tuple[str, ...]:
    """The approval steps of a change, in the order they are decided (PM, PMO, SPONSOR).

    See the module's rules; an unknown PMO type is treated as controlling.
    """
    tier = tier_of(cost_share=cost_share, delay_days=delay_days, tiers=tiers)
    if pmo_type == PmoType.SUPPORTIVE:
        return (PM,) if tier == PM else (SPONSOR,)
    if pmo_type == PmoType.DIRECTIVE:
        return (PMO, SPONSOR) if tier == SPONSOR else (PMO,)
    return {PM: (PM,), PMO: (PMO,), SPONSOR: (PMO, SPONSOR)}[tier]


def pmo_informed(pmo_type: str) -> bool:
    """Under a supportive PMO the PMO decides no change but is informed of each one decided."""
    return pmo_type == PmoType.SUPPORTIVE
