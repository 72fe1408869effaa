"""The risk register: a project's threats and opportunities, how they are rated, answered and followed.

Ratings are whole numbers on the PMO's scale (governance.risk_standards): the database holds every scale
the PMO may set (1-10), the services hold a risk to the scale in force. The score is probability x impact,
kept by the database in step with its factors; the level is the score's band under the standards in
force, so it is read through the standards (risks.selectors), never stored where a band change would
leave it stale. The cost impact is in the project's currency.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from governance.risk_standards import MAX_SCALE_SIZE, RISK_LEVEL_LABELS, RISK_LEVELS, RiskStandards
from governance.text import validate_name_characters, validate_text_characters
from projects.models import Project, Task


class RiskKind(models.TextChoices):
    THREAT = "threat", _("Threat")
    OPPORTUNITY = "opportunity", _("Opportunity")


class RiskStatus(models.TextChoices):
    IDENTIFIED = "identified", _("Identified")
    ASSESSED = "assessed", _("Assessed")
    RESPONSE_PLANNED = "response_planned", _("Response planned")
    MONITORING = "monitoring", _("Monitoring")
    CLOSED = "closed", _("Closed")
    OCCURRED = "occurred", _("Occurred")


# A closed risk no longer threatens, an occurred one is an issue now: neither is open.
OPEN_RISK_STATUSES = (
    RiskStatus.IDENTIFIED,
    RiskStatus.ASSESSED,
    RiskStatus.RESPONSE_PLANNED,
    RiskStatus.MONITORING,
)


class RiskLevel(models.TextChoices):
    LOW = RISK_LEVELS[0], RISK_LEVEL_LABELS["low"]
    MEDIUM = RISK_LEVELS[1], RISK_LEVEL_LABELS["medium"]
    HIGH = RISK_LEVELS[2], RISK_LEVEL_LABELS["high"]
    CRITICAL = RISK_LEVELS[3], RISK_LEVEL_LABELS["critical"]


class ResponseStrategy(models.TextChoices):
    # In a context: "Accept" and "Share" mean other things elsewhere (a deliverable is accepted).
    AVOID = "avoid", pgettext_lazy("risk response strategy", "Avoid")
    MITIGATE = "mitigate", pgettext_lazy("risk response strategy", "Mitigate")
    TRANSFER = "transfer", pgettext_lazy("risk response strategy", "Transfer")
    ESCALATE = "escalate", pgettext_lazy("risk response strategy", "Escalate")
    EXPLOIT = "exploit", pgettext_lazy("risk response strategy", "Exploit")
    ENHANCE = "enhance", pgettext_lazy("risk response strategy", "Enhance")
    SHARE = "share", pgettext_lazy("risk response strategy", "Share")
    ACCEPT = "accept", pgettext_lazy("risk response strategy", "Accept")


# The strategies each kind of risk may be answered with (PMBOK: threats and opportunities differ).
STRATEGIES_OF_KIND = {
    RiskKind.THREAT: (
        ResponseStrategy.AVOID,
        ResponseStrategy.MITIGATE,
        ResponseStrategy.TRANSFER,
        ResponseStrategy.ACCEPT,
        ResponseStrategy.ESCALATE,
    ),
    RiskKind.OPPORTUNITY: (
        ResponseStrategy.EXPLOIT,
        ResponseStrategy.ENHANCE,
        ResponseStrategy.SHARE,
        ResponseStrategy.ACCEPT,
    ),
}


def _rating_field(label, *, null: bool = False) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(label, null=null, blank=null)


def _on_any_scale(field: str) -> models.Q:
    return models.Q(**{f"{field}__gte": 1, f"{field}__lte": MAX_SCALE_SIZE})


class Risk(models.Model):
    """One threat or opportunity of a project: what may happen, how likely and how bad, and the answer."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="risks", verbose_name=_("project")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=RiskKind.choices, default=RiskKind.THREAT)
    title = models.CharField(_("title"), max_length=200, validators=[validate_name_characters])
    cause = models.TextField(_("cause"), blank=True, validators=[validate_text_characters])
    event = models.TextField(_("event"), blank=True, validators=[validate_text_characters])
    effect = models.TextField(_("effect"), blank=True, validators=[validate_text_characters])
    # One of the PMO's risk categories at the time it was chosen; blank until assessed.
    category = models.CharField(
        _("category"), max_length=40, blank=True, validators=[validate_name_characters]
    )
    probability = _rating_field(_("probability"))
    impact = _rating_field(_("impact"))
    score = models.PositiveSmallIntegerField(_("score"), editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="owned_risks",
        verbose_name=_("owner"),
    )
    strategy = models.CharField(
        _("response strategy"), max_length=20, choices=ResponseStrategy.choices, blank=True
    )
    response_plan = models.TextField(_("response plan"), blank=True, validators=[validate_text_characters])
    trigger = models.TextField(
        _("trigger"),
        blank=True,
        validators=[validate_text_characters],
        help_text=_("The warning sign that the risk is about to happen."),
    )
    review_date = models.DateField(_("review date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=RiskStatus.choices, default=RiskStatus.IDENTIFIED
    )
    residual_probability = _rating_field(_("residual probability"), null=True)
    residual_impact = _rating_field(_("residual impact"), null=True)
    residual_reason = models.TextField(
        _("why the residual score is higher"),
        blank=True,
        validators=[validate_text_characters],
        help_text=_("Needed when the response leaves the risk worse than it was."),
    )
    cost_impact = models.DecimalField(
        _("cost impact"),
        max_digits=16,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("What the risk would cost (or, for an opportunity, save) in the project's currency."),
    )
    linked_tasks = models.ManyToManyField(
        Task, related_name="risks", blank=True, verbose_name=_("linked tasks")
    )
    escalated = models.BooleanField(_("escalated to the portfolio"), default=False)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    response_signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("response signed off by"),
    )
    response_signed_off_at = models.DateTimeField(_("response signed off at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("raised by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("risk")
        verbose_name_plural = _("risks")
        ordering = ["project", "-score", "id"]
        indexes = [
            models.Index(fields=["project", "status"], name="risk_project_status"),
            models.Index(fields=["escalated", "status"], name="risk_escalated_status"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=RiskKind.values), name="risk_kind_valid"),
            models.CheckConstraint(
                condition=models.Q(status__in=RiskStatus.values), name="risk_status_valid"
            ),
            models.CheckConstraint(
                condition=_on_any_scale("probability") & _on_any_scale("impact"),
                name="risk_rating_on_a_scale",
                violation_error_message=_("Probability and impact must be on the PMO's scale."),
            ),
            models.CheckConstraint(
                condition=models.Q(score=models.F("probability") * models.F("impact")),
                name="risk_score_is_probability_times_impact",
            ),
            models.CheckConstraint(
                condition=models.Q(residual_probability__isnull=True, residual_impact__isnull=True)
                # NULL passes a CHECK, so the second branch says "both given" outright.
                | (
                    models.Q(residual_probability__isnull=False, residual_impact__isnull=False)
                    & _on_any_scale("residual_probability")
                    & _on_any_scale("residual_impact")
                ),
                name="risk_residual_rating_complete",
                violation_error_message=_("Give both the residual probability and impact, or neither."),
            ),
            models.CheckConstraint(
                condition=models.Q(cost_impact__gte=0),
                name="risk_cost_impact_not_negative",
                violation_error_message=_("The cost impact cannot be negative."),
            ),
            models.CheckConstraint(
                condition=models.Q(strategy="")
                | models.Q(
                    kind=RiskKind.THREAT, strategy__in=[str(s) for s in STRATEGIES_OF_KIND[RiskKind.THREAT]]
                )
                | models.Q(
                    kind=RiskKind.OPPORTUNITY,
                    strategy__in=[str(s) for s in STRATEGIES_OF_KIND[RiskKind.OPPORTUNITY]],
                ),
                name="risk_strategy_fits_kind",
                violation_error_message=_("This response strategy does not fit this kind of risk."),
            ),
            models.CheckConstraint(
                condition=models.Q(escalated=False, escalated_at__isnull=True)
                | models.Q(escalated=True, escalated_at__isnull=False),
                name="risk_escalation_dated",
            ),
        ]

    def __str__(self):
        return f"R-{self.pk}: {self.title}" if self.pk else self.title

    def clean(self):
        errors = {}
        if isinstance(self.probability, int) and isinstance(self.impact, int):
            # The database keeps the score in step; the row carries it before it is saved too.
            self.score = self.probability * self.impact
        if self.strategy and self.strategy not in STRATEGIES_OF_KIND.get(self.kind, ()):
            allowed = ", ".join(str(strategy.label) for strategy in STRATEGIES_OF_KIND.get(self.kind, ()))
            errors["strategy"] = _("A %(kind)s is answered with one of: %(allowed)s.") % {
                "kind": self.get_kind_display().lower(),
                "allowed": allowed,
            }
        residual = (self.residual_probability, self.residual_impact)
        if (residual[0] is None) != (residual[1] is None):
            missing = "residual_impact" if residual[1] is None else "residual_probability"
            errors[missing] = _("Give both the residual probability and impact, or neither.")
        elif self.residual_score is not None and self.score is not None:
            if self.residual_score > self.score and not self.residual_reason.strip():
                errors["residual_reason"] = _(
                    "The residual score (%(residual)d) is above the score before the response "
                    "(%(score)d): say why."
                ) % {"residual": self.residual_score, "score": self.score}
        if errors:
            raise ValidationError(errors)

    @property
    def residual_score(self) -> int | None:
        if self.residual_probability is None or self.residual_impact is None:
            return None
        return self.residual_probability * self.residual_impact

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_RISK_STATUSES

    def level_under(self, standards: RiskStandards) -> str:
        """The level of the risk's score under the PMO's standards in force."""
        return standards.level_of(self.score)

    def expected_monetary_value(self, standards: RiskStandards) -> Decimal:
        """Probability share x cost impact to the cent, in the project's currency (risk_standards)."""
        return standards.expected_monetary_value(probability=self.probability, cost_impact=self.cost_impact)

    @property
    def response_signed_off(self) -> bool:
        return self.response_signed_off_at is not None


class RiskAction(models.Model):
    """One step of a risk's response: what is done, by whom, by when, and when it was done."""

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="actions", verbose_name=_("risk"))
    description = models.TextField(_("action"), validators=[validate_text_characters])
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="risk_actions",
        verbose_name=_("owner"),
    )
    due_date = models.DateField(_("due date"))
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("risk response action")
        verbose_name_plural = _("risk response actions")
        ordering = ["risk", "due_date", "id"]

    def __str__(self):
        return self.description[:80]

    @property
    def is_done(self) -> bool:
        return self.done_at is not None
