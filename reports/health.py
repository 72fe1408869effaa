"""The health score (../shared/DOMAIN.md, "Health and status"), pure Python over plain figures.

A project's health is a weighted composite, 0-100, of seven dimensions, each scored 0-100 first by the
rule of governance.health_standards, which also holds the PMO's weights, thresholds and bands:
- schedule (SPI) and cost (CPI): piecewise linear through these points: 0 at amber - 0.35 and below,
  50 at the amber threshold, 75 at the green threshold, 100 at 1.00 and above (when the green threshold
  is 1.00 or more, 100 is reached at green + 0.05 instead, so that the line keeps rising);
- risk exposure (0-100, the share of the worst possible exposure): 100 - exposure;
- scope changes (approved with a scope impact in the last 90 days): 100 - 20 per change, at least 0;
- customer satisfaction and team morale (1-5): (rating - 1) / 4 x 100;
- compliance (0-100): the score itself.
A dimension whose figure is missing (None) is left out with the reason, and the weights of the
measured ones are renormalised to 100: score = sum(points x weight) / sum(weights measured). Every
step is exact (fractions); the score and each dimension's points are rounded half up to whole numbers
only at the end. With nothing measured, or only dimensions of weight 0, the score is None.

RAG: SPI and CPI by their own thresholds (green from the green threshold up, amber from the amber one,
red below); the other dimensions and the score by the health bands (green >= band_green, amber >=
band_amber, red below). Texts (advice, reasons) are in the active language: compute where they are shown.

`HealthResult.as_dict()` is JSON-ready: whole numbers as int, Decimals as strings (as the API writes
them; effective weights with two places), missing values as None.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from django.utils.translation import gettext as _

from governance.health_standards import (
    DEFAULT_HEALTH_STANDARDS,
    HEALTH_DIMENSION_LABELS,
    HealthStandards,
    band_of,
    dimension_points,
    dimension_rag,
    index_points,
    index_rag,
    index_top,
    measured_weight,
    rounded,
    weighted_score,
)

CENT = Decimal("0.01")

__all__ = [
    "DEFAULT_HEALTH_STANDARDS",
    "Dimension",
    "DimensionScore",
    "HealthInputs",
    "HealthResult",
    "band_of",
    "health_score",
    "index_points",
    "index_rag",
]


class Dimension(StrEnum):
    SCHEDULE = "schedule"
    COST = "cost"
    RISK_EXPOSURE = "risk_exposure"
    SCOPE_CHANGES = "scope_changes"
    CUSTOMER_SATISFACTION = "customer_satisfaction"
    TEAM_MORALE = "team_morale"
    COMPLIANCE = "compliance"


DIMENSION_LABELS = HEALTH_DIMENSION_LABELS


@dataclass(frozen=True)
class HealthInputs:
    """A project's figures for its health; None where a figure is not measured.

    PV, EV and AC (in `currency`) only phrase the advice. `left_out_reasons` may replace the default
    reason of a dimension left out ({dimension value: text}).
    """

    spi: Decimal | None = None
    cpi: Decimal | None = None
    planned_value: Decimal | None = None
    earned_value: Decimal | None = None
    actual_cost: Decimal | None = None
    risk_exposure: Decimal | None = None
    scope_changes: int | None = None
    customer_satisfaction: int | None = None
    team_morale: int | None = None
    compliance_score: int | None = None
    currency: str = ""
    left_out_reasons: Mapping[str, str] | None = None


@dataclass(frozen=True)
class DimensionScore:
    """One dimension: its weight as set and as renormalised, its figure, points, RAG and advice."""

    dimension: Dimension
    weight: int
    effective_weight: Decimal | None
    value: Decimal | int | None
    points: int | None
    rag: str | None
    advice: str
    left_out_reason: str

    @property
    def label(self) -> str:
        return str(DIMENSION_LABELS[self.dimension])

    @property
    def is_left_out(self) -> bool:
        return self.value is None

    def as_dict(self) -> dict:
        return {
            "dimension": str(self.dimension),
            "weight": self.weight,
            "effective_weight": _json_number(self.effective_weight),
            "value": _json_number(self.value),
            "points": self.points,
            "rag": self.rag,
            "advice": str(self.advice),
            "left_out_reason": str(self.left_out_reason),
        }


@dataclass(frozen=True)
class HealthResult:
    """The score (None when nothing weighted is measured), its band, each dimension, those left out."""

    score: int | None
    band: str | None
    dimensions: tuple[DimensionScore, ...]
    left_out: tuple[Dimension, ...]

    @property
    def renormalised(self) -> bool:
        """True when some dimensions were left out and the weights of the rest were scaled to 100."""
        return bool(self.left_out) and self.score is not None

    @property
    def measured(self) -> tuple[DimensionScore, ...]:
        return tuple(row for row in self.dimensions if not row.is_left_out)

    @property
    def left_out_rows(self) -> tuple[DimensionScore, ...]:
        return tuple(row for row in self.dimensions if row.is_left_out)

    def as_dict(self) -> dict:
        """JSON-ready: whole numbers as int, Decimals as strings, missing values as None."""
        return {
            "score": self.score,
            "band": self.band,
            "renormalised": self.renormalised,
            "dimensions": [row.as_dict() for row in self.dimensions],
            "left_out": [str(dimension) for dimension in self.left_out],
        }


def _json_number(value):
    if value is None or isinstance(value, int):
        return value
    return str(value)


def _whole(value: Fraction) -> int:
    return int(rounded(value))


def _decimal(value: Fraction, places: Decimal = CENT) -> Decimal:
    return rounded(value, places)


def _money(amount: Fraction, currency: str) -> str:
    text = f"{_decimal(amount):,.2f}"
    return f"{text} {currency}" if currency else text


def _schedule_advice(inputs: HealthInputs, standards: HealthStandards) -> str:
    if inputs.spi is None:
        return _("Save a baseline and record progress so that SPI can be measured.")
    top = index_top(standards.spi_green)
    if Fraction(inputs.spi) >= top:
        return _("On or ahead of plan: keep the pace.")
    target_index = Fraction(standards.spi_green) if inputs.spi < standards.spi_green else top
    if inputs.planned_value is not None and inputs.earned_value is not None:
        target = target_index * Fraction(inputs.planned_value)
        needed = target - Fraction(inputs.earned_value)
        if needed > 0:
            return _(
                "Earn %(amount)s more (earned value %(target)s against planned value %(planned)s) "
                "to bring SPI to %(index)s."
            ) % {
                "amount": _money(needed, inputs.currency),
                "target": _money(target, inputs.currency),
                "planned": _money(Fraction(inputs.planned_value), inputs.currency),
                "index": _decimal(target_index),
            }
    return _("Finish the work planned to date to bring SPI to %(index)s.") % {"index": _decimal(target_index)}


def _cost_advice(inputs: HealthInputs, standards: HealthStandards) -> str:
    if inputs.cpi is None:
        return _("Save a baseline and record costs so that CPI can be measured.")
    top = index_top(standards.cpi_green)
    if Fraction(inputs.cpi) >= top:
        return _("On or under budget for the work done: keep it so.")
    target_index = Fraction(standards.cpi_green) if inputs.cpi < standards.cpi_green else top
    if inputs.actual_cost is not None and inputs.earned_value is not None:
        target = target_index * Fraction(inputs.actual_cost)
        needed = target - Fraction(inputs.earned_value)
        if needed > 0:
            return _(
                "Earn %(amount)s more without further cost (earned value %(target)s against actual "
                "cost %(actual)s) to bring CPI to %(index)s."
            ) % {
                "amount": _money(needed, inputs.currency),
                "target": _money(target, inputs.currency),
                "actual": _money(Fraction(inputs.actual_cost), inputs.currency),
                "index": _decimal(target_index),
            }
    return _("Spend less for the work done to bring CPI to %(index)s.") % {"index": _decimal(target_index)}


def _risk_advice(inputs: HealthInputs) -> str:
    if inputs.risk_exposure is None:
        return _("Counts once the project's risk register is rolled up.")
    if inputs.risk_exposure <= 0:
        return _("No risk exposure.")
    return _("Mitigate or close the largest risks: each point of exposure removed adds a point.")


def _scope_advice(inputs: HealthInputs) -> str:
    if inputs.scope_changes is None:
        return _("Counts once change requests are recorded.")
    if inputs.scope_changes <= 0:
        return _("No approved scope changes in the last 90 days.")
    return _(
        "Each approved scope change of the last 90 days takes 20 points; settle the scope before "
        "approving more, and the points return as the changes age."
    )


def _rating_advice(value: int | None, *, missing: str, raise_it: str) -> str:
    if value is None:
        return missing
    if value >= 5:
        return _("At the top of the scale.")
    return raise_it


def _compliance_advice(inputs: HealthInputs) -> str:
    if inputs.compliance_score is None:
        return _("Informational: compliance does not count towards health here.")
    if inputs.compliance_score >= 100:
        return _("No open compliance findings.")
    return _(
        "Close the compliance findings: missing deliverables, gates passed without approval, late or "
        "missing status reports, changes decided above one's authority."
    )


def _default_reasons() -> dict[Dimension, str]:
    return {
        Dimension.SCHEDULE: _("not yet measured: no baseline"),
        Dimension.COST: _("not yet measured: no baseline"),
        Dimension.RISK_EXPOSURE: _("not yet rolled up from the risk register"),
        Dimension.SCOPE_CHANGES: _("not yet measured"),
        Dimension.CUSTOMER_SATISFACTION: _("no status report with a rating yet"),
        Dimension.TEAM_MORALE: _("no status report with a rating yet"),
        Dimension.COMPLIANCE: _("compliance is informational under a supportive PMO"),
    }


def _advice(inputs: HealthInputs, standards: HealthStandards) -> dict[Dimension, str]:
    return {
        Dimension.SCHEDULE: _schedule_advice(inputs, standards),
        Dimension.COST: _cost_advice(inputs, standards),
        Dimension.RISK_EXPOSURE: _risk_advice(inputs),
        Dimension.SCOPE_CHANGES: _scope_advice(inputs),
        Dimension.CUSTOMER_SATISFACTION: _rating_advice(
            inputs.customer_satisfaction,
            missing=_("Ask the customer for a rating in the next status report."),
            raise_it=_("Each step up the 1-5 scale adds 25 points: find out what the customer misses."),
        ),
        Dimension.TEAM_MORALE: _rating_advice(
            inputs.team_morale,
            missing=_("Rate team morale in the next status report."),
            raise_it=_("Each step up the 1-5 scale adds 25 points: ask the team what holds it back."),
        ),
        Dimension.COMPLIANCE: _compliance_advice(inputs),
    }


def _values(inputs: HealthInputs) -> dict[Dimension, Decimal | int | None]:
    return {
        Dimension.SCHEDULE: inputs.spi,
        Dimension.COST: inputs.cpi,
        Dimension.RISK_EXPOSURE: inputs.risk_exposure,
        Dimension.SCOPE_CHANGES: inputs.scope_changes,
        Dimension.CUSTOMER_SATISFACTION: inputs.customer_satisfaction,
        Dimension.TEAM_MORALE: inputs.team_morale,
        Dimension.COMPLIANCE: inputs.compliance_score,
    }


def _points(values: dict[Dimension, Decimal | int | None], standards: HealthStandards) -> dict:
    return {
        dimension: dimension_points(dimension, value, standards)
        for dimension, value in values.items()
        if value is not None
    }


def score_and_band(
    inputs: HealthInputs, standards: HealthStandards = DEFAULT_HEALTH_STANDARDS
) -> tuple[int | None, str | None]:
    """The score and band `health_score` gives, without the explanations (a rollup stores no text)."""
    exact_score = weighted_score(_points(_values(inputs), standards), standards)
    score = None if exact_score is None else _whole(exact_score)
    return score, band_of(score, standards)


def health_score(inputs: HealthInputs, standards: HealthStandards = DEFAULT_HEALTH_STANDARDS) -> HealthResult:
    """The health score of `inputs` under `standards`, each dimension explained (the module's rule)."""
    values = _values(inputs)
    points = _points(values, standards)
    total = measured_weight(points, standards)
    advice = _advice(inputs, standards)
    overrides = dict(inputs.left_out_reasons or {})
    defaults = _default_reasons()
    rows = []
    for dimension in Dimension:
        value, exact = values[dimension], points.get(dimension)
        weight = standards.weight_of(dimension)
        rows.append(
            DimensionScore(
                dimension=dimension,
                weight=weight,
                effective_weight=(
                    _decimal(Fraction(weight * 100, total)) if exact is not None and total else None
                ),
                value=value,
                points=None if exact is None else _whole(exact),
                rag=dimension_rag(dimension, value, exact, standards),
                advice=advice[dimension],
                left_out_reason=(overrides.get(str(dimension)) or defaults[dimension])
                if value is None
                else "",
            )
        )
    exact_score = weighted_score(points, standards)
    score = None if exact_score is None else _whole(exact_score)
    left_out = tuple(dimension for dimension in Dimension if values[dimension] is None)
    return HealthResult(
        score=score, band=band_of(score, standards), dimensions=tuple(rows), left_out=left_out
    )
