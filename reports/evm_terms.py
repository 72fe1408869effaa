"""What each earned value metric means and how it is computed, in words a sponsor can read (no ORM)."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from reports.evm import MONEY_KEYS

# key: (abbreviation, name, formula and meaning), in the order of reports.evm.OUTPUT_KEYS.
TERMS = {
    "bac": ("BAC", _("Budget at completion"), _("The total planned budget of the work (baseline cost).")),
    "pv": ("PV", _("Planned value"), _("The budgeted cost of the work scheduled up to the status date.")),
    "ev": ("EV", _("Earned value"), _("The budgeted cost of the work done: budget × percent complete.")),
    "ac": ("AC", _("Actual cost"), _("The cost booked for the work done up to the status date.")),
    "cv": ("CV", _("Cost variance"), _("EV − AC: negative is over budget.")),
    "sv": ("SV", _("Schedule variance"), _("EV − PV: negative is behind schedule.")),
    "cpi": (
        "CPI",
        _("Cost performance index"),
        _("EV ÷ AC: below 1 each unit spent earns less than a unit."),
    ),
    "spi": ("SPI", _("Schedule performance index"), _("EV ÷ PV: below 1 the work is behind the plan.")),
    "eac": (
        "EAC",
        _("Estimate at completion (typical)"),
        _("BAC ÷ CPI: the rest costs what the work so far did."),
    ),
    "eac_atypical": (
        "EAC",
        _("Estimate at completion (atypical)"),
        _("AC + (BAC − EV): the rest is done at the planned cost."),
    ),
    "eac_cpi_spi": (
        "EAC",
        _("Estimate at completion (CPI × SPI)"),
        _("AC + (BAC − EV) ÷ (CPI × SPI): cost and schedule performance both weigh on the rest."),
    ),
    "eac_bottom_up": (
        "EAC",
        _("Estimate at completion (bottom-up)"),
        _("AC + ETC, where every task has its own estimate to complete."),
    ),
    "etc": ("ETC", _("Estimate to complete"), _("EAC − AC: what the remaining work is expected to cost.")),
    "vac": ("VAC", _("Variance at completion"), _("BAC − EAC: negative is the expected overrun.")),
    "tcpi_bac": (
        "TCPI",
        _("To-complete performance index (to BAC)"),
        _("(BAC − EV) ÷ (BAC − AC): the CPI the rest needs to finish within the budget."),
    ),
    "tcpi_eac": (
        "TCPI",
        _("To-complete performance index (to EAC)"),
        _("(BAC − EV) ÷ (EAC − AC): the CPI the rest needs to finish at the estimate."),
    ),
    "es": (
        "ES",
        _("Earned schedule"),
        _("The weeks of the plan whose planned value the earned value matches."),
    ),
    "sv_t": ("SV(t)", _("Schedule variance (time)"), _("ES − AT, in weeks: negative is behind.")),
    "spi_t": ("SPI(t)", _("Schedule performance index (time)"), _("ES ÷ AT: below 1 the work is behind.")),
    "ieac_t": (
        "IEAC(t)",
        _("Estimated duration at completion"),
        _("Planned duration ÷ SPI(t), in weeks."),
    ),
}


@dataclass(frozen=True)
class Term:
    key: str
    abbreviation: str
    name: str
    meaning: str
    value: Decimal | None
    is_money: bool
    # "bad" when the figure is worse than the plan (a negative variance, an index below 1).
    tone: str


def _tone(key: str, value: Decimal | None) -> str:
    if value is None:
        return ""
    if key in ("cv", "sv", "vac", "sv_t"):
        return "bad" if value < 0 else "good"
    if key in ("cpi", "spi", "spi_t"):
        return "bad" if value < 1 else "good"
    return ""


def evm_terms(metrics: dict[str, Decimal | None], currency: str) -> list[Term]:
    """Every metric with its name and meaning, None where it is not defined."""
    return [
        Term(
            key=key,
            abbreviation=abbreviation,
            name=str(name),
            meaning=str(meaning),
            value=metrics.get(key),
            is_money=key in MONEY_KEYS,
            tone=_tone(key, metrics.get(key)),
        )
        for key, (abbreviation, name, meaning) in TERMS.items()
    ]
