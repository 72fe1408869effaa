"""Dated exchange rates the PMO keeps, so that portfolio totals can add projects of different currencies."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from governance.currencies import CURRENCY_CHOICES
from governance.models.users import User
from governance.money import Rate


class ExchangeRate(models.Model):
    """1 from_currency = rate to_currency from valid_from until the pair's next rate (governance.money)."""

    from_currency = models.CharField(_("from currency"), max_length=3, choices=CURRENCY_CHOICES)
    to_currency = models.CharField(_("to currency"), max_length=3, choices=CURRENCY_CHOICES)
    rate = models.DecimalField(
        _("rate"),
        max_digits=20,
        decimal_places=8,
        help_text=_("How many units of the second currency one unit of the first is worth."),
    )
    valid_from = models.DateField(_("valid from"))
    created_by = models.ForeignKey(
        User,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        ordering = ["from_currency", "to_currency", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["from_currency", "to_currency", "valid_from"],
                name="exchange_rate_one_per_pair_and_day",
                violation_error_message=_("This pair already has a rate from that day."),
            ),
            models.CheckConstraint(
                condition=models.Q(rate__gt=0),
                name="exchange_rate_positive",
                violation_error_message=_("A rate is above 0."),
            ),
            models.CheckConstraint(
                condition=~models.Q(from_currency=models.F("to_currency")),
                name="exchange_rate_two_currencies",
                violation_error_message=_("A rate converts between two different currencies."),
            ),
        ]

    def __str__(self):
        return f"1 {self.from_currency} = {self.rate.normalize():f} {self.to_currency} ({self.valid_from})"

    def clean(self):
        # The constraints' rules, said on the field at fault (the constraints only name the row).
        errors = {}
        if isinstance(self.rate, Decimal | int) and self.rate <= 0:
            errors["rate"] = _("A rate is above 0.")
        if self.from_currency and self.from_currency == self.to_currency:
            errors["to_currency"] = _("A rate converts between two different currencies.")
        if errors:
            raise ValidationError(errors)

    def as_rate(self) -> Rate:
        return Rate(self.from_currency, self.to_currency, self.rate, self.valid_from)
