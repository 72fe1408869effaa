"""The change authority as a PMO standard: the limits of the PM's and the PMO's approval, per PMO type."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from governance.change_authority import DEFAULT_TIERS, Tiers
from governance.pmo_types import PmoType


def _percent(verbose_name, default):
    return models.DecimalField(
        verbose_name,
        max_digits=5,
        decimal_places=2,
        default=default,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )


def _days(verbose_name, default):
    return models.PositiveIntegerField(verbose_name, default=default, validators=[MaxValueValidator(10000)])


class ChangeAuthorityTier(models.Model):
    """Up to what size of change the PM, then the PMO, decides alone, under one PMO type.

    The PM decides a change under both of its limits; the PMO one within both of its own; anything
    larger needs the sponsor too (governance.change_authority.route). A PMO type without a row uses
    the defaults of DOMAIN.md.
    """

    pmo_type = models.CharField(_("PMO type"), max_length=20, choices=PmoType.choices, unique=True)
    pm_cost_percent = _percent(_("PM: cost under (percent of budget)"), DEFAULT_TIERS.pm_cost_percent)
    pm_delay_days = _days(_("PM: delay under (working days)"), DEFAULT_TIERS.pm_delay_days)
    pmo_cost_percent = _percent(_("PMO: cost up to (percent of budget)"), DEFAULT_TIERS.pmo_cost_percent)
    pmo_delay_days = _days(_("PMO: delay up to (working days)"), DEFAULT_TIERS.pmo_delay_days)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("change authority")
        verbose_name_plural = _("change authority")
        ordering = ["pmo_type"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pmo_type__in=PmoType.values), name="change_authority_pmo_type_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(pmo_cost_percent__gte=models.F("pm_cost_percent"))
                & models.Q(pmo_delay_days__gte=models.F("pm_delay_days")),
                name="change_authority_pmo_above_pm",
                violation_error_message=_("The PMO's limits cannot be below the PM's."),
            ),
        ]

    def __str__(self):
        return f"{self.get_pmo_type_display()}: {_('change authority')}"

    def clean(self):
        errors = {}
        if (
            self.pmo_cost_percent is not None
            and self.pm_cost_percent is not None
            and self.pmo_cost_percent < self.pm_cost_percent
        ):
            errors["pmo_cost_percent"] = _("The PMO's cost limit cannot be below the PM's.")
        if (
            self.pmo_delay_days is not None
            and self.pm_delay_days is not None
            and self.pmo_delay_days < self.pm_delay_days
        ):
            errors["pmo_delay_days"] = _("The PMO's delay limit cannot be below the PM's.")
        if errors:
            raise ValidationError(errors)

    @property
    def tiers(self) -> Tiers:
        return Tiers(
            pm_cost_percent=self.pm_cost_percent,
            pm_delay_days=self.pm_delay_days,
            pmo_cost_percent=self.pmo_cost_percent,
            pmo_delay_days=self.pmo_delay_days,
        )
