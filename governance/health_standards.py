"""The PMO's health standards: the weight of each health dimension, the RAG thresholds of SPI and CPI and
the bands of the health score (../shared/DOMAIN.md, "Defaults the PMO can change"), and how they score.
Plain data and its rules, no ORM, so that the health engine (reports.health), the standards page and its
worked example apply one rule.

What the PMO may set: every weight a whole number from 0 to 100 and all seven adding up to 100; for SPI
and CPI 0 < amber < green <= 2; the bands 1 <= amber < green <= 100.

How a dimension scores, 0-100 (exact fractions; rounding is the caller's, at the end):
- schedule (SPI) and cost (CPI): piecewise linear through 0 at amber - 0.35 and below, 50 at the amber
  threshold, 75 at the green threshold and 100 at 1.00 and above (when the green threshold is 1.00 or
  more, 100 is reached at green + 0.05 instead, so that the line keeps rising);
- risk exposure (0-100, the share of the worst possible exposure): 100 - exposure;
- scope changes (approved, with a scope impact, in the last 90 days): 100 - 20 per change, at least 0;
- customer satisfaction and team morale (1-5): (rating - 1) / 4 x 100;
- compliance (0-100): the score itself.
The score is sum(points x weight) / sum(weights) over the measured dimensions only: the weights of those
left out are shared out by renormalising the rest to 100. Nothing measured with a weight: no score.
RAG: SPI and CPI by their thresholds (green from green up, amber from amber up, red below); the other
dimensions and the score by the bands.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from types import MappingProxyType

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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

HEALTH_DIMENSION_LABELS = MappingProxyType(
    {
        "schedule": gettext_lazy("Schedule (SPI)"),
        "cost": gettext_lazy("Cost (CPI)"),
        "risk_exposure": gettext_lazy("Risk exposure"),
        "scope_changes": gettext_lazy("Scope changes"),
        "customer_satisfaction": gettext_lazy("Customer satisfaction"),
        "team_morale": gettext_lazy("Team morale"),
        "compliance": gettext_lazy("Compliance"),
    }
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


# Below amber - ZERO_BELOW_AMBER an index scores nothing.
ZERO_BELOW_AMBER = Fraction(35, 100)
# Where 100 points are reached when the green threshold is at or above 1.00.
TOP_ABOVE_GREEN = Fraction(5, 100)
POINTS_PER_SCOPE_CHANGE = 20


def rounded(value: Fraction, places: Decimal = Decimal(1)) -> Decimal:
    """`value` rounded half up to `places` (whole numbers unless told)."""
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(places, rounding=ROUND_HALF_UP)


def index_rag(value: Decimal | None, *, green: Decimal, amber: Decimal) -> str | None:
    """ "green" from the green threshold up, "amber" from the amber one, "red" below; None when unmeasured."""
    if value is None:
        return None
    if value >= green:
        return "green"
    if value >= amber:
        return "amber"
    return "red"


def band_of(score: int | Fraction | None, standards: HealthStandards) -> str | None:
    """The health band of a score (or of a dimension's points): green, amber, red; None without one."""
    if score is None:
        return None
    if score >= standards.band_green:
        return "green"
    if score >= standards.band_amber:
        return "amber"
    return "red"


def index_top(green: Decimal) -> Fraction:
    """The index at which an SPI or CPI earns 100 points: 1.00, or just above a green threshold of 1.00+."""
    green_exact = Fraction(green)
    return Fraction(1) if green_exact < 1 else green_exact + TOP_ABOVE_GREEN


def index_points(value: Decimal, *, green: Decimal, amber: Decimal) -> Fraction:
    """The points (0-100, exact) of an SPI or CPI on the piecewise line of the module's rule."""
    index, green_exact, amber_exact = Fraction(value), Fraction(green), Fraction(amber)
    top = index_top(green)
    zero = amber_exact - ZERO_BELOW_AMBER
    if index >= top:
        return Fraction(100)
    if index >= green_exact:
        return 75 + 25 * (index - green_exact) / (top - green_exact)
    if index >= amber_exact:
        return 50 + 25 * (index - amber_exact) / (green_exact - amber_exact)
    if index > zero:
        return 50 * (index - zero) / ZERO_BELOW_AMBER
    return Fraction(0)


def _clamp(value: Fraction, low: int = 0, high: int = 100) -> Fraction:
    return max(Fraction(low), min(Fraction(high), value))


def dimension_points(dimension: str, value, standards: HealthStandards) -> Fraction:
    """The points (0-100, exact) of one dimension's figure under `standards` (the module's rule)."""
    if dimension == "schedule":
        return index_points(value, green=standards.spi_green, amber=standards.spi_amber)
    if dimension == "cost":
        return index_points(value, green=standards.cpi_green, amber=standards.cpi_amber)
    if dimension == "risk_exposure":
        return 100 - _clamp(Fraction(value))
    if dimension == "scope_changes":
        return _clamp(Fraction(100 - POINTS_PER_SCOPE_CHANGE * max(0, int(value))))
    if dimension in ("customer_satisfaction", "team_morale"):
        return (_clamp(Fraction(value), 1, 5) - 1) / 4 * 100
    if dimension == "compliance":
        return _clamp(Fraction(value))
    raise ValueError(f"unknown health dimension {dimension!r}")


def dimension_rag(dimension: str, value, points: Fraction | None, standards: HealthStandards) -> str | None:
    """SPI and CPI by their thresholds, the other dimensions by the bands of their points."""
    if dimension == "schedule":
        return index_rag(value, green=standards.spi_green, amber=standards.spi_amber)
    if dimension == "cost":
        return index_rag(value, green=standards.cpi_green, amber=standards.cpi_amber)
    return band_of(points, standards)


def measured_weight(measured: Iterable[str], standards: HealthStandards) -> int:
    """The sum of the weights of the measured dimensions, which their weights are renormalised over."""
    return sum(standards.weight_of(dimension) for dimension in measured)


def weighted_score(points: Mapping[str, Fraction], standards: HealthStandards) -> Fraction | None:
    """sum(points x weight) / sum(weights) over the dimensions in `points` (the measured ones), exact;
    None when their weights add up to 0."""
    total = measured_weight(points, standards)
    if not total:
        return None
    return sum((value * standards.weight_of(name) for name, value in points.items()), Fraction(0)) / total


@dataclass(frozen=True)
class ExampleRow:
    dimension: str
    value: Decimal | int | None
    points: Decimal | None
    weight: int
    effective_weight: Decimal | None

    @property
    def label(self) -> str:
        return str(HEALTH_DIMENSION_LABELS[self.dimension])


@dataclass(frozen=True)
class WorkedExample:
    rows: tuple[ExampleRow, ...]
    measured_weight: int
    score: int | None
    band: str | None

    @property
    def terms(self) -> str:
        """The sum written out: "62.5 × 25 + 100 × 25 + ..." over the measured dimensions."""
        return " + ".join(f"{row.points} × {row.weight}" for row in self.rows if row.points is not None)

    @property
    def weights_terms(self) -> str:
        """The divisor written out: "25 + 25 + 10 + ..." over the measured dimensions."""
        return " + ".join(str(row.weight) for row in self.rows if row.points is not None)


# A project with SPI 0.90, CPI 1.05, no risk register yet, one scope change, satisfaction 4, morale 3
# and a compliance score of 90: the standards page works it out under the standards in force.
EXAMPLE_FIGURES = MappingProxyType(
    {
        "schedule": Decimal("0.90"),
        "cost": Decimal("1.05"),
        "risk_exposure": None,
        "scope_changes": 1,
        "customer_satisfaction": 4,
        "team_morale": 3,
        "compliance": 90,
    }
)


def worked_example(standards: HealthStandards, figures: Mapping = EXAMPLE_FIGURES) -> WorkedExample:
    """EXAMPLE_FIGURES scored under `standards`: points to one decimal place, effective weights to two."""
    points = {
        name: dimension_points(name, value, standards) for name, value in figures.items() if value is not None
    }
    total = measured_weight(points, standards)
    rows = tuple(
        ExampleRow(
            dimension=name,
            value=value,
            points=None if name not in points else rounded(points[name], Decimal("0.1")),
            weight=standards.weight_of(name),
            effective_weight=(
                rounded(Fraction(standards.weight_of(name) * 100, total), Decimal("0.01"))
                if name in points and total
                else None
            ),
        )
        for name, value in figures.items()
    )
    score = weighted_score(points, standards)
    whole = None if score is None else int(rounded(score))
    return WorkedExample(rows=rows, measured_weight=total, score=whole, band=band_of(whole, standards))
