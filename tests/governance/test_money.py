"""Conversion at the exchange rate in force (governance/money.py), computed by hand."""

from datetime import date
from decimal import Decimal

from governance.money import Conversion, Rate, RateTable

D = Decimal
JAN, JUL = date(2026, 1, 1), date(2026, 7, 1)
TABLE = RateTable(
    [
        Rate("EUR", "CNY", D("7.90"), JUL),
        Rate("EUR", "CNY", D("7.80"), JAN),
        Rate("USD", "CNY", D("7.123456"), JAN),
    ]
)


def test_the_rate_in_force_is_the_latest_on_or_before_the_day():
    assert TABLE.convert(D(100), from_currency="EUR", to_currency="CNY", on=date(2026, 6, 30)) == Conversion(
        D("780.00"), D("7.80"), JAN
    )
    assert TABLE.convert(D(100), from_currency="EUR", to_currency="CNY", on=JUL) == Conversion(
        D("790.00"), D("7.90"), JUL
    )


def test_before_the_first_rate_nothing_is_converted():
    assert TABLE.convert(D(100), from_currency="EUR", to_currency="CNY", on=date(2025, 12, 31)) is None


def test_the_opposite_rate_is_inverted_when_only_it_is_stored():
    # 790 CNY / 7.90 = 100 EUR; the rate reported is 1 / 7.90 to eight places.
    assert TABLE.convert(D(790), from_currency="CNY", to_currency="EUR", on=date(2026, 8, 1)) == Conversion(
        D("100.00"), D("0.12658228"), JUL
    )


def test_a_direct_rate_wins_over_an_inverted_one():
    table = RateTable([Rate("EUR", "CNY", D("7.80"), JAN), Rate("CNY", "EUR", D("0.125"), date(2026, 3, 1))])
    assert table.convert(D(1), from_currency="EUR", to_currency="CNY", on=date(2026, 4, 1)).rate == D("7.80")
    assert table.convert(D(8), from_currency="CNY", to_currency="EUR", on=date(2026, 4, 1)).amount == D(
        "1.00"
    )


def test_no_rate_is_guessed_nor_chained_through_a_third_currency():
    assert TABLE.convert(D(1), from_currency="USD", to_currency="EUR", on=JUL) is None
    assert RateTable([]).convert(D(1), from_currency="USD", to_currency="CNY", on=JUL) is None


def test_the_same_currency_converts_at_one_without_a_rate():
    assert TABLE.convert(D("12.345"), from_currency="CNY", to_currency="CNY", on=JUL) == Conversion(
        D("12.35"), D(1), None
    )


def test_money_is_rounded_to_cents_half_up_only_at_the_end():
    # 1.5 USD x 7.123456 = 10.685184 -> 10.69
    assert TABLE.convert(D("1.5"), from_currency="USD", to_currency="CNY", on=JUL).amount == D("10.69")
    # An inverse is exact: 123,456,789 CNY / 7.123456 = 17,331,024.2949 -> 17,331,024.29, where the rounded
    # rate would give 123,456,789 x 0.14038130 = 17,331,024.53.
    conversion = TABLE.convert(D(123456789), from_currency="CNY", to_currency="USD", on=JUL)
    assert (conversion.amount, conversion.rate) == (D("17331024.29"), D("0.14038130"))


def test_the_rates_in_force_on_a_day_one_per_pair():
    assert TABLE.in_force(date(2026, 2, 1)) == [
        Rate("EUR", "CNY", D("7.80"), JAN),
        Rate("USD", "CNY", D("7.123456"), JAN),
    ]
    assert TABLE.in_force(date(2025, 1, 1)) == []
    assert len(TABLE) == 3
