"""The installation's PMO settings: its PMO type and default currency."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from governance.currencies import CURRENCY_CHOICES, validate_currency
from governance.pmo_types import PmoType


class PmoSettings(models.Model):
    """The installation's PMO rulebook; one row, edited by admins."""

    SINGLETON_ID = 1

    pmo_type = models.CharField(
        _("PMO type"), max_length=20, choices=PmoType.choices, default=PmoType.SUPPORTIVE
    )
    default_currency = models.CharField(
        _("default currency"), max_length=3, choices=CURRENCY_CHOICES, default="CNY"
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("PMO settings")
        verbose_name_plural = _("PMO settings")
        constraints = [
            models.CheckConstraint(condition=models.Q(id=1), name="pmo_settings_single_row"),
            models.CheckConstraint(
                condition=models.Q(pmo_type__in=PmoType.values), name="pmo_settings_pmo_type_valid"
            ),
        ]

    def __str__(self):
        return str(_("PMO settings"))

    def clean(self):
        try:
            validate_currency(self.default_currency)
        except ValidationError as error:
            raise ValidationError({"default_currency": error.messages}) from error

    @classmethod
    def load(cls) -> "PmoSettings":
        settings_row, _created = cls.objects.get_or_create(id=cls.SINGLETON_ID)
        return settings_row
