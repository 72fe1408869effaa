"""Money across currencies: dated exchange rates and the conversion at the rate in force on a day.

Plain data, no ORM (governance.selectors.rate_table() loads the stored rates). A rate says
1 from_currency = rate to_currency from its valid_from day until the next rate of the same pair.
The rule of `RateTable.convert`:
- the same currency converts at 1, and the conversion names no rate (valid_from None);
- otherwise the stored rate of the pair in force on the day (the latest valid_from on or before it);
- without one, the inverse of the opposite pair's rate in force on the day (1 / rate);
- without either, None: an amount is never converted at a guessed rate, nor through a third currency.
The amount is computed exactly and rounded to cents (half up) only at the end; the rate reported for
an inverse is 1 / rate rounded to RATE_PLACES.
"""

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

CENT = Decimal("0.01")
RATE_PLACES = Decimal("0.00000001")


@dataclass(frozen=True)
class Rate:
    """1 from_currency = rate to_currency, from valid_from on."""

    from_currency: str
    to_currency: str
    rate: Decimal
    valid_from: date


@dataclass(frozen=True)
class Conversion:
    """An amount converted, with the rate used and the day that rate took effect (None: same currency)."""

    amount: Decimal
    rate: Decimal
    valid_from: date | None


def _cents(value: Fraction) -> Decimal:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    # Decimal's context keeps 28 digits, plenty for money; the quantize decides the cents.
    return exact.quantize(CENT, rounding=ROUND_HALF_UP)


class RateTable:
    """Every known rate, by pair and date, answering which one is in force on a day."""

    def __init__(self, rates: Iterable[Rate]):
        by_pair: dict[tuple[str, str], list[Rate]] = defaultdict(list)
        for rate in rates:
            by_pair[(rate.from_currency, rate.to_currency)].append(rate)
        self._rates = {
            pair: sorted(found, key=lambda rate: rate.valid_from) for pair, found in by_pair.items()
        }
        self._days = {pair: [rate.valid_from for rate in found] for pair, found in self._rates.items()}

    def __len__(self) -> int:
        return sum(len(found) for found in self._rates.values())

    def pairs(self) -> list[tuple[str, str]]:
        """The pairs with a stored rate, sorted."""
        return sorted(self._rates)

    def stored_rate(self, *, from_currency: str, to_currency: str, on: date) -> Rate | None:
        """The stored rate of exactly this pair in force on `on`, or None (the inverse is not tried)."""
        days = self._days.get((from_currency, to_currency))
        if not days:
            return None
        position = bisect_right(days, on)
        return self._rates[(from_currency, to_currency)][position - 1] if position else None

    def in_force(self, on: date) -> list[Rate]:
        """For each stored pair, the rate in force on `on`; pairs whose first rate is later are left out."""
        found = (
            self.stored_rate(from_currency=from_currency, to_currency=to_currency, on=on)
            for from_currency, to_currency in self.pairs()
        )
        return [rate for rate in found if rate is not None]

    def convert(
        self, amount: Decimal, *, from_currency: str, to_currency: str, on: date
    ) -> Conversion | None:
        """`amount` of from_currency in to_currency at the rate in force on `on`; None when none is known."""
        exact = Fraction(amount)
        if from_currency == to_currency:
            return Conversion(amount=_cents(exact), rate=Decimal(1), valid_from=None)
        direct = self.stored_rate(from_currency=from_currency, to_currency=to_currency, on=on)
        if direct is not None:
            return Conversion(
                amount=_cents(exact * Fraction(direct.rate)), rate=direct.rate, valid_from=direct.valid_from
            )
        opposite = self.stored_rate(from_currency=to_currency, to_currency=from_currency, on=on)
        if opposite is None or opposite.rate <= 0:
            return None
        inverse = 1 / Fraction(opposite.rate)
        return Conversion(
            amount=_cents(exact * inverse),
            rate=_rate_rounded(inverse),
            valid_from=opposite.valid_from,
        )


def _rate_rounded(value: Fraction) -> Decimal:
    """A rate as a Decimal of RATE_PLACES places (half up)."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(RATE_PLACES, rounding=ROUND_HALF_UP)
