"""The PMO's reporting currency and exchange rates, as governance keeps them, behind one small reader.

Portfolio totals convert each project's amounts to the reporting currency at the rate in force on the
project's status date, and never add amounts of different currencies; a project whose rate is missing
is left out of the totals and listed.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Protocol

from governance import selectors as governance_selectors

# Until the PMO sets one, totals are in the currency the demo and most Chinese PMOs report in.
DEFAULT_REPORTING_CURRENCY = "CNY"


class Conversion(Protocol):
    amount: Decimal
    rate: Decimal
    valid_from: date


class RateTable(Protocol):
    def convert(
        self, amount: Decimal, *, from_currency: str, to_currency: str, on: date
    ) -> Conversion | None: ...


class _NoRates:
    """Before governance keeps dated rates: only amounts already in the reporting currency add up."""

    def convert(self, amount, *, from_currency, to_currency, on):
        return None


@dataclass(frozen=True)
class ReportingMoney:
    currency: str
    rates: RateTable


def reporting_money() -> ReportingMoney:
    """The reporting currency and governance's rate table, read once per page (one or two queries).

    Governance's `rate_table()` and `PmoSettings.reporting_currency` arrive with the money branch of
    issue 10; until then no rate is known and the default currency is used.
    """
    settings_row = governance_selectors.pmo_settings()
    currency = getattr(settings_row, "reporting_currency", "") or DEFAULT_REPORTING_CURRENCY
    rate_table = getattr(governance_selectors, "rate_table", None)
    return ReportingMoney(currency=currency, rates=rate_table() if rate_table else _NoRates())
