"""The issue log: what went wrong on a project and is being dealt with, raised directly or by a risk that
occurred (one issue per occurred risk, linked back to it)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.risk_standards import RISK_LEVEL_LABELS
from governance.text import validate_name_characters, validate_text_characters
from projects.models import Project
from risks.models.risks import Risk


class IssueSeverity(models.TextChoices):
    LOW = "low", RISK_LEVEL_LABELS["low"]
    MEDIUM = "medium", RISK_LEVEL_LABELS["medium"]
    HIGH = "high", RISK_LEVEL_LABELS["high"]
    CRITICAL = "critical", RISK_LEVEL_LABELS["critical"]


class IssueStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")


OPEN_ISSUE_STATUSES = (IssueStatus.OPEN, IssueStatus.IN_PROGRESS)


class Issue(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="issues", verbose_name=_("project")
    )
    title = models.CharField(_("title"), max_length=200, validators=[validate_name_characters])
    description = models.TextField(_("description"), blank=True, validators=[validate_text_characters])
    severity = models.CharField(
        _("severity"), max_length=20, choices=IssueSeverity.choices, default=IssueSeverity.MEDIUM
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="owned_issues",
        verbose_name=_("owner"),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=IssueStatus.choices, default=IssueStatus.OPEN
    )
    resolution = models.TextField(_("resolution"), blank=True, validators=[validate_text_characters])
    # RESTRICT, not PROTECT: deleting the project deletes its issues with its risks.
    risk = models.ForeignKey(
        Risk,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="issues",
        verbose_name=_("from risk"),
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("raised by"),
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("issue")
        verbose_name_plural = _("issues")
        ordering = ["project", "-created_at", "-id"]
        indexes = [models.Index(fields=["project", "status"], name="issue_project_status")]
        constraints = [
            models.UniqueConstraint(
                fields=["risk"],
                condition=models.Q(risk__isnull=False),
                name="issue_one_per_risk",
                violation_error_message=_("This risk has already become an issue."),
            ),
            models.CheckConstraint(
                condition=models.Q(severity__in=IssueSeverity.values), name="issue_severity_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=IssueStatus.values), name="issue_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=OPEN_ISSUE_STATUSES) | ~models.Q(resolution=""),
                name="issue_resolution_when_resolved",
                violation_error_message=_("Say how the issue was resolved."),
            ),
        ]

    def __str__(self):
        return f"I-{self.pk}: {self.title}" if self.pk else self.title

    def clean(self):
        if self.status not in OPEN_ISSUE_STATUSES and not self.resolution.strip():
            raise ValidationError({"resolution": _("Say how the issue was resolved.")})
        if self.risk_id and self.project_id and self.risk.project_id != self.project_id:
            raise ValidationError({"risk": _("The risk belongs to another project.")})

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_ISSUE_STATUSES
