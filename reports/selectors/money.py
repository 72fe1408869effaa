"""The PMO's reporting currency and exchange rates, as governance keeps them, behind one small reader.

Portfolio totals convert each project's amounts to the reporting currency at the rate in force on the
project's status date, and never add amounts of different currencies; a project whose rate is missing
is left out of the totals and listed.
"""

from dataclasses import dataclass

from governance.models import PmoSettings
from governance.money import RateTable
from governance.selectors import rate_table


@dataclass(frozen=True)
class ReportingMoney:
    currency: str
    rates: RateTable


def reporting_money(settings_row: PmoSettings) -> ReportingMoney:
    """The reporting currency (of the settings row the caller read) and every dated rate (one query)."""
    return ReportingMoney(currency=settings_row.reporting_currency, rates=rate_table())
