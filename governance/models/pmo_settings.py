"""The installation's PMO settings: its PMO type, default and reporting currencies, the weights of compliance
findings, the health standards (weights of the health dimensions, RAG thresholds of SPI and CPI, bands)
and the risk standards (rating scale, level bands, escalation threshold, categories)."""

from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _

from governance.compliance import DEFAULT_WEIGHTS, Rule
from governance.currencies import CURRENCY_CHOICES, validate_currency
from governance.health_standards import (
    DEFAULT_HEALTH_STANDARDS,
    DEFAULT_HEALTH_WEIGHTS,
    HEALTH_DIMENSIONS,
    MAX_INDEX_THRESHOLD,
    HealthStandards,
    standards_errors,
)
from governance.pmo_types import PmoType
from governance.risk_standards import (
    DEFAULT_RISK_STANDARDS,
    MAX_SCALE_SIZE,
    MIN_SCALE_SIZE,
    RiskStandards,
    risk_standards_errors,
)

# The PmoSettings field holding the weight of each compliance rule.
WEIGHT_FIELDS = {
    Rule.DELIVERABLE_MISSING: "weight_deliverable_missing",
    Rule.GATE_WITHOUT_APPROVAL: "weight_gate_without_approval",
    Rule.REPORT_LATE: "weight_report_late",
    Rule.REPORT_MISSING: "weight_report_missing",
    Rule.CHANGE_ABOVE_AUTHORITY: "weight_change_above_authority",
}
# The PmoSettings field holding the weight of each health dimension, and of the other health standards
# (the names of HealthStandards).
HEALTH_WEIGHT_FIELDS = {dimension: f"health_weight_{dimension}" for dimension in HEALTH_DIMENSIONS}
HEALTH_STANDARD_FIELDS = {
    "spi_green": "spi_green",
    "spi_amber": "spi_amber",
    "cpi_green": "cpi_green",
    "cpi_amber": "cpi_amber",
    "band_green": "health_band_green",
    "band_amber": "health_band_amber",
}
# The PmoSettings field holding each risk standard (the names of RiskStandards).
RISK_STANDARD_FIELDS = {
    "scale_size": "risk_scale_size",
    "medium_from": "risk_medium_from",
    "high_from": "risk_high_from",
    "critical_from": "risk_critical_from",
    "escalation_threshold": "risk_escalation_threshold",
    "categories": "risk_categories",
}
HEALTH_WEIGHT_LABELS = {
    "schedule": _("weight of schedule (SPI)"),
    "cost": _("weight of cost (CPI)"),
    "risk_exposure": _("weight of risk exposure"),
    "scope_changes": _("weight of scope changes"),
    "customer_satisfaction": _("weight of customer satisfaction"),
    "team_morale": _("weight of team morale"),
    "compliance": _("weight of compliance"),
}


def _health_weight_field(dimension: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        HEALTH_WEIGHT_LABELS[dimension],
        default=DEFAULT_HEALTH_WEIGHTS[dimension],
        validators=[MaxValueValidator(100)],
    )


def _index_threshold_field(label, default: Decimal) -> models.DecimalField:
    return models.DecimalField(
        label,
        max_digits=4,
        decimal_places=3,
        default=default,
        validators=[MinValueValidator(Decimal("0.001")), MaxValueValidator(MAX_INDEX_THRESHOLD)],
    )


def _band_field(label, default: int) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        label, default=default, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )


def _risk_score_field(label, default: int) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        label,
        default=default,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_SCALE_SIZE * MAX_SCALE_SIZE)],
    )


def default_risk_categories() -> list[str]:
    return list(DEFAULT_RISK_STANDARDS.categories)


def _plain(value):
    """A stored threshold without its column's trailing zeros (0.950 -> 0.95, 1.000 -> 1.00)."""
    if not isinstance(value, Decimal) or not value.is_finite():
        return value
    cents = value.quantize(Decimal("0.01"))
    return cents if cents == value else value.normalize()


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
    # Portfolio totals convert every project's figures into this currency (governance.money).
    reporting_currency = models.CharField(
        _("reporting currency"), max_length=3, choices=CURRENCY_CHOICES, default="CNY"
    )
    # The health standards (governance.health_standards; ../shared/DOMAIN.md defaults).
    health_weight_schedule = _health_weight_field("schedule")
    health_weight_cost = _health_weight_field("cost")
    health_weight_risk_exposure = _health_weight_field("risk_exposure")
    health_weight_scope_changes = _health_weight_field("scope_changes")
    health_weight_customer_satisfaction = _health_weight_field("customer_satisfaction")
    health_weight_team_morale = _health_weight_field("team_morale")
    health_weight_compliance = _health_weight_field("compliance")
    spi_green = _index_threshold_field(_("SPI green from"), DEFAULT_HEALTH_STANDARDS.spi_green)
    spi_amber = _index_threshold_field(_("SPI amber from"), DEFAULT_HEALTH_STANDARDS.spi_amber)
    cpi_green = _index_threshold_field(_("CPI green from"), DEFAULT_HEALTH_STANDARDS.cpi_green)
    cpi_amber = _index_threshold_field(_("CPI amber from"), DEFAULT_HEALTH_STANDARDS.cpi_amber)
    health_band_green = _band_field(_("health green from"), DEFAULT_HEALTH_STANDARDS.band_green)
    health_band_amber = _band_field(_("health amber from"), DEFAULT_HEALTH_STANDARDS.band_amber)
    # The risk standards (governance.risk_standards; ../shared/DOMAIN.md defaults).
    risk_scale_size = models.PositiveSmallIntegerField(
        _("steps of the probability and impact scales"),
        default=DEFAULT_RISK_STANDARDS.scale_size,
        validators=[MinValueValidator(MIN_SCALE_SIZE), MaxValueValidator(MAX_SCALE_SIZE)],
    )
    risk_medium_from = _risk_score_field(_("risk medium from score"), DEFAULT_RISK_STANDARDS.medium_from)
    risk_high_from = _risk_score_field(_("risk high from score"), DEFAULT_RISK_STANDARDS.high_from)
    risk_critical_from = _risk_score_field(
        _("risk critical from score"), DEFAULT_RISK_STANDARDS.critical_from
    )
    risk_escalation_threshold = _risk_score_field(
        _("risks escalate from score"), DEFAULT_RISK_STANDARDS.escalation_threshold
    )
    risk_categories = models.JSONField(_("risk categories"), default=default_risk_categories)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("PMO settings")
        verbose_name_plural = _("PMO settings")
        constraints = [
            models.CheckConstraint(condition=models.Q(id=1), name="pmo_settings_single_row"),
            models.CheckConstraint(
                condition=models.Q(pmo_type__in=PmoType.values), name="pmo_settings_pmo_type_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(
                    health_weight_schedule__lte=100,
                    health_weight_cost__lte=100,
                    health_weight_risk_exposure__lte=100,
                    health_weight_scope_changes__lte=100,
                    health_weight_customer_satisfaction__lte=100,
                    health_weight_team_morale__lte=100,
                    health_weight_compliance__lte=100,
                ),
                name="pmo_settings_health_weights_at_most_100",
            ),
            models.CheckConstraint(
                condition=Exact(
                    models.F("health_weight_schedule")
                    + models.F("health_weight_cost")
                    + models.F("health_weight_risk_exposure")
                    + models.F("health_weight_scope_changes")
                    + models.F("health_weight_customer_satisfaction")
                    + models.F("health_weight_team_morale")
                    + models.F("health_weight_compliance"),
                    100,
                ),
                name="pmo_settings_health_weights_sum_100",
            ),
            models.CheckConstraint(
                condition=models.Q(spi_amber__gt=0, spi_amber__lt=models.F("spi_green"), spi_green__lte=2)
                & models.Q(cpi_amber__gt=0, cpi_amber__lt=models.F("cpi_green"), cpi_green__lte=2),
                name="pmo_settings_index_thresholds_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    health_band_amber__gte=1,
                    health_band_amber__lt=models.F("health_band_green"),
                    health_band_green__lte=100,
                ),
                name="pmo_settings_health_bands_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    risk_scale_size__gte=MIN_SCALE_SIZE,
                    risk_scale_size__lte=MAX_SCALE_SIZE,
                    risk_medium_from__gt=1,
                    risk_high_from__gt=models.F("risk_medium_from"),
                    risk_critical_from__gt=models.F("risk_high_from"),
                    risk_critical_from__lte=models.F("risk_scale_size") * models.F("risk_scale_size"),
                    risk_escalation_threshold__gte=1,
                    risk_escalation_threshold__lte=models.F("risk_scale_size") * models.F("risk_scale_size"),
                ),
                name="pmo_settings_risk_standards_ordered",
            ),
        ]

    def __str__(self):
        return str(_("PMO settings"))

    def clean(self):
        errors = {}
        for name in ("default_currency", "reporting_currency"):
            try:
                validate_currency(getattr(self, name))
            except ValidationError as error:
                errors[name] = error.messages
        # The weights' sum is no one field's: the admin and the model show it above the form.
        for name, messages in standards_errors(self.health_standards()).items():
            errors[HEALTH_STANDARD_FIELDS.get(name, NON_FIELD_ERRORS)] = messages
        for name, messages in risk_standards_errors(self.risk_standards()).items():
            errors[RISK_STANDARD_FIELDS[name]] = messages
        if errors:
            raise ValidationError(errors)

    def health_standards(self) -> HealthStandards:
        """The health standards these settings hold (unsaved defaults give the defaults)."""
        return HealthStandards(
            weights={dimension: getattr(self, field) for dimension, field in HEALTH_WEIGHT_FIELDS.items()},
            **{name: _plain(getattr(self, field)) for name, field in HEALTH_STANDARD_FIELDS.items()},
        )

    def risk_standards(self) -> RiskStandards:
        """The risk standards these settings hold (unsaved defaults give the defaults)."""
        values = {name: getattr(self, field) for name, field in RISK_STANDARD_FIELDS.items()}
        categories = values["categories"]
        values["categories"] = tuple(categories) if isinstance(categories, list | tuple) else categories
        return RiskStandards(**values)

    def compliance_weights(self) -> dict[Rule, int]:
        return {rule: getattr(self, field_name) for rule, field_name in WEIGHT_FIELDS.items()}

    @classmethod
    def load(cls) -> "PmoSettings":
        settings_row, _created = cls.objects.get_or_create(id=cls.SINGLETON_ID)
        return settings_row
