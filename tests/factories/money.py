"""Factories of the PMO's exchange rates."""

from datetime import date, timedelta
from decimal import Decimal

import factory

from governance.models import ExchangeRate


class ExchangeRateFactory(factory.django.DjangoModelFactory):
    """EUR -> CNY rates on successive days from 2026-01-01, unless told otherwise."""

    class Meta:
        model = ExchangeRate

    from_currency = "EUR"
    to_currency = "CNY"
    rate = Decimal("7.80")
    valid_from = factory.Sequence(lambda n: date(2026, 1, 1) + timedelta(days=n))
