"""The ISO 4217 currencies the portal accepts for budgets and costs."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Active ISO 4217 codes of the currencies organisations budget projects in.
CURRENCY_CODES = (
    "AED", "ARS", "AUD", "BRL", "CAD", "CHF", "CLP", "CNY", "COP", "CZK", "DKK", "EGP", "EUR",
    "GBP", "HKD", "HUF", "IDR", "ILS", "INR", "JPY", "KRW", "KZT", "MOP", "MXN", "MYR", "NGN",
    "NOK", "NZD", "PEN", "PHP", "PKR", "PLN", "QAR", "RON", "RUB", "SAR", "SEK", "SGD", "THB",
    "TRY", "TWD", "UAH", "USD", "VND", "ZAR",
)  # fmt: skip

CURRENCY_CHOICES = [(code, code) for code in CURRENCY_CODES]


def validate_currency(value: str) -> None:
    if value not in CURRENCY_CODES:
        raise ValidationError(
            _("Unknown currency “%(value)s”: use an ISO 4217 code such as CNY, USD or EUR."),
            code="unknown_currency",
            params={"value": value},
        )
