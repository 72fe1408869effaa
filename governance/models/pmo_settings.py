"""The installation's PMO settings: its PMO type, default currency and the weights of compliance findings."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from governance.compliance import DEFAULT_WEIGHTS, Rule
from governance.currencies import CURRENCY_CHOICES, validate_currency
from governance.pmo_types import PmoType

# The PmoSettings field holding the weight of each compliance rule.
WEIGHT_FIELDS = {
    Rule.DELIVERABLE_MISSING: "weight_deliverable_missing",
    Rule.GATE_WITHOUT_APPROVAL: "weight_gate_without_approval",
    Rule.REPORT_LATE: "weight_report_late",
    Rule.REPORT_MISSING: "weight_report_missing",
    Rule.CHANGE_ABOVE_AUTHORITY: "weight_change_above_authority",
}


class PmoSettings(models.Model):
    """The installation's PMO rulebook; one row, edited by admins."""

    SINGLETON_ID = 1

    pmo_type = models.CharField(
        _("PMO type"), max_length=20, choices=PmoType.choices, default=PmoType.SUPPORTIVE
    )
    default_currency = models.CharField(
        _("default currency"), max_length=3, choices=CURRENCY_CHOICES, default="CNY"
    )
    # What one finding of each compliance rule takes off a project's score (../shared/DOMAIN.md defaults).
    weight_deliverable_missing = models.PositiveSmallIntegerField(
        _("missing deliverable at a passed gate"),
        default=DEFAULT_WEIGHTS[Rule.DELIVERABLE_MISSING],
        validators=[MaxValueValidator(100)],
    )
    weight_gate_without_approval = models.PositiveSmallIntegerField(
        _("gate passed without the required approval"),
        default=DEFAULT_WEIGHTS[Rule.GATE_WITHOUT_APPROVAL],
        validators=[MaxValueValidator(100)],
    )
    weight_report_late = models.PositiveSmallIntegerField(
        _("late status report"),
        default=DEFAULT_WEIGHTS[Rule.REPORT_LATE],
        validators=[MaxValueValidator(100)],
    )
    weight_report_missing = models.PositiveSmallIntegerField(
        _("missing status report"),
        default=DEFAULT_WEIGHTS[Rule.REPORT_MISSING],
        validators=[MaxValueValidator(100)],
    )
    weight_change_above_authority = models.PositiveSmallIntegerField(
        _("change decided above one's authority"),
        default=DEFAULT_WEIGHTS[Rule.CHANGE_ABOVE_AUTHORITY],
        validators=[MaxValueValidator(100)],
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

    def compliance_weights(self) -> dict[Rule, int]:
        return {rule: getattr(self, field_name) for rule, field_name in WEIGHT_FIELDS.items()}

    @classmethod
    def load(cls) -> "PmoSettings":
        settings_row, _created = cls.objects.get_or_create(id=cls.SINGLETON_ID)
        return settings_row
