"""Governance of one project: the deliverables its methodology requires, the waivers the PMO grants,
the gate reviews that close its phases, and the follow-up items their conditions leave.

A deliverable row exists once someone works on it; a required deliverable without a row reads as
missing (projects.selectors.gates), so reading a project never writes. A waiver counts while its
expiry date has not passed, computed on read: no job has to end it.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.lifecycle import LifecyclePhase
from governance.models.methodologies import DeliverableKind
from governance.text import validate_text_characters
from projects.models.projects import Project


class DeliverableState(models.TextChoices):
    MISSING = "missing", _("Missing")
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    WAIVED = "waived", _("Waived")


def deliverable_upload_path(instance: "Deliverable", filename: str) -> str:
    """Files of a project stay under its own folder, never in a place served as public media."""
    return f"projects/{instance.project_id}/deliverables/{instance.kind}/{filename}"


class Deliverable(models.Model):
    """What a project produced for one required deliverable kind: a file or an https link, and its review."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="deliverables", verbose_name=_("project")
    )
    kind = models.CharField(_("deliverable"), max_length=30, choices=DeliverableKind.choices)
    # A stored row is never "waived" nor "missing": waivers are read beside it.
    state = models.CharField(
        _("state"), max_length=20, choices=DeliverableState.choices, default=DeliverableState.DRAFT
    )
    file = models.FileField(_("file"), upload_to=deliverable_upload_path, max_length=300, blank=True)
    link = models.URLField(_("link"), max_length=500, blank=True)
    note = models.TextField(_("note"), blank=True, validators=[validate_text_characters])
    review_comment = models.TextField(_("review comment"), blank=True, validators=[validate_text_characters])
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("deliverable")
        verbose_name_plural = _("deliverables")
        ordering = ["project", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["project", "kind"], name="deliverable_unique_per_project"),
            models.CheckConstraint(
                condition=models.Q(kind__in=DeliverableKind.values), name="deliverable_kind"
            ),
            models.CheckConstraint(
                condition=models.Q(
                    state__in=[DeliverableState.DRAFT, DeliverableState.SUBMITTED, DeliverableState.ACCEPTED]
                ),
                name="deliverable_stored_state",
            ),
        ]

    def __str__(self):
        return f"{self.project.code} · {self.get_kind_display()}"

    def clean(self):
        if self.link and not self.link.lower().startswith("https://"):
            raise ValidationError({"link": _("Enter an https:// address.")})


class Waiver(models.Model):
    """The PMO lets one project go without a required deliverable, or one checklist item of a gate."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="waivers", verbose_name=_("project")
    )
    deliverable_kind = models.CharField(
        _("deliverable"), max_length=30, choices=DeliverableKind.choices, blank=True
    )
    gate_phase = models.CharField(_("gate"), max_length=20, choices=LifecyclePhase.choices, blank=True)
    checklist_item = models.CharField(_("checklist item"), max_length=300, blank=True)
    reason = models.TextField(_("reason"), validators=[validate_text_characters])
    expires_on = models.DateField(_("expires on"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("granted by")
    )
    created_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("waiver")
        verbose_name_plural = _("waivers")
        ordering = ["project", "-created_at", "-id"]
        constraints = [
            # Either a deliverable or a gate's checklist item, never both nor neither.
            models.CheckConstraint(
                condition=(~models.Q(deliverable_kind="") & models.Q(checklist_item=""))
                | (models.Q(deliverable_kind="") & ~models.Q(checklist_item="") & ~models.Q(gate_phase="")),
                name="waiver_one_target",
            ),
        ]

    def __str__(self):
        return f"{self.project.code} · {self.subject}"

    @property
    def subject(self) -> str:
        if self.deliverable_kind:
            return str(self.get_deliverable_kind_display())
        return f"{self.get_gate_phase_display()}: {self.checklist_item}"

    def in_force(self, today: date | None = None) -> bool:
        """Whether the waiver still counts: until the end of its expiry day."""
        return self.expires_on >= (today or timezone.localdate())

    def clean(self):
        errors = {}
        if not (self.reason or "").strip():
            errors["reason"] = _("Give the reason for the waiver.")
        if self.expires_on and self._state.adding and self.expires_on < timezone.localdate():
            errors["expires_on"] = _("The expiry date cannot be in the past.")
        if not self.deliverable_kind and not self.checklist_item:
            errors["deliverable_kind"] = _("Choose a deliverable or a checklist item to waive.")
        if self.deliverable_kind and self.checklist_item:
            errors["checklist_item"] = _("Waive a deliverable or a checklist item, not both.")
        if self.checklist_item and not self.gate_phase:
            errors["gate_phase"] = _("Choose the gate whose checklist item is waived.")
        if errors:
            raise ValidationError(errors)


class GateDecision(models.TextChoices):
    APPROVED = "approved", _("Approve")
    APPROVED_WITH_CONDITIONS = "approved_with_conditions", _("Approve with conditions")
    REJECTED = "rejected", _("Reject")
    DEFERRED = "deferred", _("Defer")


class GateReviewState(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    APPROVED_WITH_CONDITIONS = "approved_with_conditions", _("Approved with conditions")
    REJECTED = "rejected", _("Rejected")
    DEFERRED = "deferred", _("Deferred")


PASSING_STATES = (GateReviewState.APPROVED, GateReviewState.APPROVED_WITH_CONDITIONS)


class ChecklistAnswer(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    NOT_APPLICABLE = "n/a", _("Not applicable")


class GateReview(models.Model):
    """A review of the gate closing one phase of a project: requested by the PM, decided by reviewers."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="gate_reviews", verbose_name=_("project")
    )
    phase = models.CharField(_("phase"), max_length=20, choices=LifecyclePhase.choices)
    gate_name = models.CharField(_("gate"), max_length=120)
    # The questions as the methodology asked them when the review was requested.
    checklist = models.JSONField(_("review checklist"), default=list, blank=True)
    # [{"question", "answer": yes/no/n/a or "waived", "note"}], filled by the decision.
    answers = models.JSONField(_("answers"), default=list, blank=True)
    state = models.CharField(
        _("state"), max_length=30, choices=GateReviewState.choices, default=GateReviewState.PENDING
    )
    # Under a supportive PMO a review advises; the PMO type at the request is kept with it.
    advisory = models.BooleanField(_("advisory"), default=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("requested by")
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    note = models.TextField(_("note"), blank=True, validators=[validate_text_characters])
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True, validators=[validate_text_characters])

    class Meta:
        verbose_name = _("gate review")
        verbose_name_plural = _("gate reviews")
        ordering = ["project", "-requested_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=GateReviewState.values), name="gate_review_state"
            ),
            # One open request per gate of a project.
            models.UniqueConstraint(
                fields=["project", "phase"],
                condition=models.Q(state="pending"),
                name="gate_review_one_pending",
                violation_error_message=_("A review of this gate is already pending."),
            ),
        ]

    def __str__(self):
        return f"{self.project.code} · {self.gate_name}"

    @property
    def is_pending(self) -> bool:
        return self.state == GateReviewState.PENDING

    @property
    def passed(self) -> bool:
        return self.state in PASSING_STATES


class FollowUp(models.Model):
    """A condition of an approval, to be done by a project member by a date."""

    review = models.ForeignKey(
        GateReview, on_delete=models.CASCADE, related_name="follow_ups", verbose_name=_("gate review")
    )
    description = models.TextField(_("description"), validators=[validate_text_characters])
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("owner")
    )
    due_on = models.DateField(_("due on"))
    done = models.BooleanField(_("done"), default=False)

    class Meta:
        verbose_name = _("follow-up item")
        verbose_name_plural = _("follow-up items")
        ordering = ["review", "due_on", "id"]

    def __str__(self):
        return self.description[:60]
