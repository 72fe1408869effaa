"""The PMO's health standards: the weight of each health dimension, the RAG thresholds of SPI and CPI and
the bands of the health score (../shared/DOMAIN.md, "Defaults the PMO can change"). Plain data and its
rules, no ORM, so that the health engine (reports.health) and the pages read the same thing.

The rules: every weight a whole number from 0 to 100 and all seven adding up to 100; for SPI and CPI
0 < amber < green <= 2; the bands 1 <= amber < green <= 100.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from types import MappingProxyType

from django.utils.translation import gettext as _

# The health dimensions in the order the pages list them; reports.health.Dimension has the same values.
HEALTH_DIMENSIONS = (
    "schedule",
    "cost",
    "risk_exposure",
    "scope_changes",
    "customer_satisfaction",
    "team_morale",
    "compliance",
)

DEFAULT_HEALTH_WEIGHTS = MappingProxyType(
    {
        "schedule": 25,
        "cost": 25,
        "risk_exposure": 15,
        "scope_changes": 10,
        "customer_satisfaction": 10,
        "team_morale": 10,
        "compliance": 5,
    }
)
WEIGHTS_TOTAL = 100
# The largest threshold an index may have: an SPI or CPI of 2 is twice as fast or as cheap as planned.
MAX_INDEX_THRESHOLD = Decimal(2)


@dataclass(frozen=True)
class HealthStandards:
    """What the health score weighs and where its colours change.

    `weights` maps each of HEALTH_DIMENSIONS to a whole number; an index is green from its green
    threshold up, amber from its amber threshold up, red below; a score likewise with the bands.
    """

    weights: Mapping[str, int]
    spi_green: Decimal = Decimal("0.95")
    spi_amber: Decimal = Decimal("0.85")
    cpi_green: Decimal = Decimal("0.95")
    cpi_amber: Decimal = Decimal("0.85")
    band_green: int = 75
    band_amber: int = 50

    def weight_of(self, dimension: str) -> int:
        return int(self.weights.get(dimension, 0))


DEFAULT_HEALTH_STANDARDS = HealthStandards(weights=DEFAULT_HEALTH_WEIGHTS)


def _as_decimal(value) -> Decimal | None:
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        return None
    return number if number.is_finite() else None


def _whole(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    number = _as_decimal(value)
    if number is None or number != number.to_integral_value():
        return None
    return int(number)


def standards_errors(standards: HealthStandards) -> dict[str, list[str]]:
    """The rules `standards` breaks, as {name: [message, ...]}; empty when they hold.

    Names are those of HealthStandards: "weights", "spi_green", "spi_amber", "cpi_green", "cpi_amber",
    "band_green" and "band_amber".
    """
    errors: dict[str, list[str]] = {}
    weights = dict(standards.weights)
    unknown = sorted(set(weights) - set(HEALTH_DIMENSIONS))
    missing = [name for name in HEALTH_DIMENSIONS if name not in weights]
    if unknown:
        errors.setdefault("weights", []).append(
            _("Unknown dimension: %(names)s.") % {"names": ", ".join(unknown)}
        )
    if missing:
        errors.setdefault("weights", []).append(
            _("A weight is needed for every dimension; missing: %(names)s.") % {"names": ", ".join(missing)}
        )
    values = {name: _whole(weights.get(name)) for name in HEALTH_DIMENSIONS if name in weights}
    out_of_range = [name for name, value in values.items() if value is None or not 0 <= value <= 100]
    if out_of_range:
        errors.setdefault("weights", []).append(
            _("Each weight is a whole number from 0 to 100; not so: %(names)s.")
            % {"names": ", ".join(out_of_range)}
        )
    elif not unknown and not missing and sum(values.values()) != WEIGHTS_TOTAL:
        errors.setdefault("weights", []).append(
            _("The weights add up to %(total)s; they must add up to 100.") % {"total": sum(values.values())}
        )
    for index in ("spi", "cpi"):
        green = _as_decimal(getattr(standards, f"{index}_green"))
        amber = _as_decimal(getattr(standards, f"{index}_amber"))
        if green is None or not 0 < green <= MAX_INDEX_THRESHOLD:
            errors[f"{index}_green"] = [_("Enter a threshold above 0 and at most 2.")]
        if amber is None or amber <= 0:
            errors[f"{index}_amber"] = [_("Enter a threshold above 0.")]
        elif green is not None and amber >= green:
            errors[f"{index}_amber"] = [
                _("The amber threshold must be below the green one (%(green)s).") % {"green": green}
            ]
    band_green, band_amber = _whole(standards.band_green), _whole(standards.band_amber)
    if band_green is None or not 1 <= band_green <= 100:
        errors["band_green"] = [_("Enter a whole number from 1 to 100.")]
    if band_amber is None or not 1 <= band_amber <= 100:
        errors["band_amber"] = [_("Enter a whole number from 1 to 100.")]
    elif band_green is not None and band_amber >= band_green:
        errors["band_amber"] = [
            _("The amber band must start below the green one (%(green)s).") % {"green": band_green}
        ]
    return errors
