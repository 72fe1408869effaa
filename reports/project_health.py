"""A project's health from the figures a rollup stores: the inputs kept as JSON, the score computed again
wherever it is shown, so its advice and reasons come out in the reader's language.

The rollup keeps `details["health_inputs"]`: every input of reports.health.HealthInputs as a JSON value
(Decimals as strings) and, for a dimension left out for a project-specific reason, a reason code.
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from governance.health_standards import HealthStandards
from reports.health import Dimension, HealthInputs, HealthResult, health_score, score_and_band

NO_BASELINE = "no_baseline"
NOTHING_PLANNED_YET = "nothing_planned_yet"
NO_ACTUAL_COST = "no_actual_cost"


def _reason_texts() -> dict[str, str]:
    return {
        NO_BASELINE: _("not yet measured: the project has no baseline"),
        NOTHING_PLANNED_YET: _("not yet measured: no work was planned by the status date"),
        NO_ACTUAL_COST: _("not yet measured: no actual cost is booked yet"),
    }


def stored_health_inputs(
    *,
    metrics: dict[str, Decimal | None],
    currency: str,
    has_baseline: bool,
    scope_changes: int | None,
    risk_exposure: Decimal | None,
    customer_satisfaction: int | None,
    team_morale: int | None,
    compliance_score: int | None,
) -> dict:
    """The JSON a rollup keeps to recompute the health."""
    reasons = {}
    if metrics["spi"] is None:
        reasons[Dimension.SCHEDULE.value] = NO_BASELINE if not has_baseline else NOTHING_PLANNED_YET
    if metrics["cpi"] is None:
        reasons[Dimension.COST.value] = NO_ACTUAL_COST
    # Scope changes count against a baselined scope: before the first baseline there is nothing to change.
    if not has_baseline:
        scope_changes = None
        reasons[Dimension.SCOPE_CHANGES.value] = NO_BASELINE
    return {
        "spi": _text(metrics["spi"]),
        "cpi": _text(metrics["cpi"]),
        "planned_value": _text(metrics["pv"]),
        "earned_value": _text(metrics["ev"]),
        "actual_cost": _text(metrics["ac"]),
        "risk_exposure": _text(risk_exposure),
        "scope_changes": scope_changes,
        "customer_satisfaction": customer_satisfaction,
        "team_morale": team_morale,
        "compliance_score": compliance_score,
        "currency": currency,
        "left_out": reasons,
    }


def health_from_stored(stored: dict | None, standards: HealthStandards) -> HealthResult:
    """The health of the stored inputs under the standards in force, texts in the active language."""
    return health_score(_inputs_of(stored, with_reasons=True), standards)


def score_and_band_from_stored(
    stored: dict | None, standards: HealthStandards
) -> tuple[int | None, str | None]:
    """`health_from_stored`'s score and band alone, for the rollup (which keeps no text)."""
    return score_and_band(_inputs_of(stored, with_reasons=False), standards)


def _inputs_of(stored: dict | None, *, with_reasons: bool) -> HealthInputs:
    stored = stored or {}
    texts = _reason_texts() if with_reasons else {}
    codes = stored.get("left_out") or {}
    return HealthInputs(
        spi=_decimal(stored.get("spi")),
        cpi=_decimal(stored.get("cpi")),
        planned_value=_decimal(stored.get("planned_value")),
        earned_value=_decimal(stored.get("earned_value")),
        actual_cost=_decimal(stored.get("actual_cost")),
        risk_exposure=_decimal(stored.get("risk_exposure")),
        scope_changes=stored.get("scope_changes"),
        customer_satisfaction=stored.get("customer_satisfaction"),
        team_morale=stored.get("team_morale"),
        compliance_score=stored.get("compliance_score"),
        currency=stored.get("currency", ""),
        left_out_reasons={dimension: texts[code] for dimension, code in codes.items() if code in texts},
    )


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)
