"""Change requests: a proposed change to a project's scope, schedule and cost, and its approval steps.

A request is drafted, then submitted, which routes it through the PMO's change authority
(governance.change_authority.route) into approval steps decided in order; the last approval applies
it to the project (projects.services.changes). Money is in the project's currency.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from governance.change_authority import PM, PMO, SPONSOR
from governance.currencies import CURRENCY_CHOICES
from governance.pmo_types import PmoType
from governance.text import validate_name_characters, validate_text_characters
from projects.models.projects import Project


class ChangeRequestState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ApprovalRole(models.TextChoices):
    PM = PM, _("Project manager")
    PMO = PMO, _("PMO")
    SPONSOR = SPONSOR, _("Sponsor")


class ApprovalDecision(models.TextChoices):
    PENDING = "", _("Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class ChangeRequest(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="change_requests", verbose_name=_("project")
    )
    title = models.CharField(_("title"), max_length=200, validators=[validate_name_characters])
    description = models.TextField(_("description"), blank=True, validators=[validate_text_characters])
    reason = models.TextField(_("reason"), blank=True, validators=[validate_text_characters])
    scope_impact = models.TextField(_("impact on scope"), blank=True, validators=[validate_text_characters])
    schedule_impact_days = models.IntegerField(
        _("impact on schedule (working days)"),
        default=0,
        help_text=_("How many working days the finish date moves later; 0 for none."),
    )
    cost_impact = models.DecimalField(
        _("impact on cost"),
        max_digits=16,
        decimal_places=2,
        default=Decimal("0"),
        help_text=_("Added to the budget when approved; negative for a saving."),
    )
    currency = models.CharField(_("currency"), max_length=3, choices=CURRENCY_CHOICES)
    save_baseline = models.BooleanField(_("save a new baseline when approved"), default=False)
    state = models.CharField(
        _("state"), max_length=20, choices=ChangeRequestState.choices, default=ChangeRequestState.DRAFT
    )
    # Set at submission: the PMO type and the budget the request was routed under.
    pmo_type = models.CharField(_("PMO type"), max_length=20, choices=PmoType.choices, blank=True)
    budget_at_submission = models.DecimalField(
        _("budget at submission"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    pmo_informed = models.BooleanField(_("PMO informed"), default=False)
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
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("change request")
        verbose_name_plural = _("change requests")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["project", "state"], name="change_request_project_state")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(schedule_impact_days__gte=0),
                name="change_request_delay_not_negative",
                violation_error_message=_("The impact on schedule cannot be negative."),
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=ChangeRequestState.values), name="change_request_state_valid"
            ),
        ]

    def __str__(self):
        return f"CR-{self.pk}: {self.title}" if self.pk else self.title

    def clean(self):
        errors = {}
        if self.schedule_impact_days is not None and self.schedule_impact_days < 0:
            errors["schedule_impact_days"] = _(
                "The impact on schedule cannot be negative: enter the working days the finish moves later."
            )
        if self.project_id and self.currency and self.currency != self.project.currency:
            errors["currency"] = _("The cost must be in the project's currency, %(currency)s.") % {
                "currency": self.project.currency
            }
        if errors:
            raise ValidationError(errors)

    @property
    def is_open(self) -> bool:
        return self.state in (ChangeRequestState.DRAFT, ChangeRequestState.SUBMITTED)

    @property
    def awaiting_step(self) -> "ChangeApproval | None":
        """The first undecided step of a submitted request (read from its steps, prefetched by the
        selectors), else None."""
        if self.state != ChangeRequestState.SUBMITTED:
            return None
        return next((step for step in self.approvals.all() if step.is_pending), None)


class ChangeApproval(models.Model):
    """One approval step of a change request: whose it is, in which order, and how it was decided."""

    change_request = models.ForeignKey(
        ChangeRequest, on_delete=models.CASCADE, related_name="approvals", verbose_name=_("change request")
    )
    order = models.PositiveSmallIntegerField(_("order"))
    role = models.CharField(_("approver"), max_length=20, choices=ApprovalRole.choices)
    decision = models.CharField(
        _("decision"), max_length=20, choices=ApprovalDecision.choices, blank=True, default=""
    )
    comment = models.TextField(_("comment"), blank=True, validators=[validate_text_characters])
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("change approval step")
        verbose_name_plural = _("change approval steps")
        ordering = ["change_request", "order"]
        constraints = [
            models.UniqueConstraint(fields=["change_request", "order"], name="change_approval_order_unique"),
            models.CheckConstraint(
                condition=models.Q(role__in=ApprovalRole.values), name="change_approval_role_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(decision__in=ApprovalDecision.values),
                name="change_approval_decision_valid",
            ),
        ]

    def __str__(self):
        return f"{self.change_request_id} #{self.order} {self.get_role_display()}"

    @property
    def is_pending(self) -> bool:
        return self.decision == ApprovalDecision.PENDING
