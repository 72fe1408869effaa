"""Projects and the people on them: charter, lifecycle phase, status, budget, team memberships."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.currencies import CURRENCY_CHOICES, validate_currency
from governance.lifecycle import LifecyclePhase as Phase
from governance.text import validate_name_characters, validate_text_characters
from projects.models.portfolios import Portfolio, Program, code_validator


class Status(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACTIVE = "active", _("Active")
    ON_HOLD = "on_hold", _("On hold")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


class Priority(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    CRITICAL = "critical", _("Critical")


class Project(models.Model):
    code = models.CharField(_("code"), max_length=20, validators=[code_validator])
    name = models.CharField(_("name"), max_length=200, validators=[validate_name_characters])
    description = models.TextField(_("description"), blank=True, validators=[validate_text_characters])
    portfolio = models.ForeignKey(
        Portfolio, on_delete=models.PROTECT, related_name="projects", verbose_name=_("portfolio")
    )
    program = models.ForeignKey(
        Program,
        on_delete=models.PROTECT,
        related_name="projects",
        null=True,
        blank=True,
        verbose_name=_("program"),
    )
    department = models.CharField(
        _("department"), max_length=120, blank=True, validators=[validate_name_characters]
    )
    sponsor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="sponsored_projects",
        null=True,
        blank=True,
        verbose_name=_("sponsor"),
    )
    project_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="managed_projects",
        verbose_name=_("project manager"),
    )
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices, default=Phase.INITIATING)
    # The methodology version the project follows; it keeps it until the PMO moves it to a newer one.
    methodology_version = models.ForeignKey(
        "governance.MethodologyVersion",
        on_delete=models.PROTECT,
        related_name="projects",
        null=True,
        blank=True,
        verbose_name=_("methodology"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED)
    priority = models.CharField(
        _("priority"), max_length=20, choices=Priority.choices, default=Priority.MEDIUM
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    finish_date = models.DateField(_("finish date"), null=True, blank=True)
    budget = models.DecimalField(
        _("budget"),
        max_digits=16,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    currency = models.CharField(_("currency"), max_length=3, choices=CURRENCY_CHOICES, default="CNY")
    objectives = models.TextField(_("objectives"), blank=True, validators=[validate_text_characters])
    scope_in = models.TextField(_("in scope"), blank=True, validators=[validate_text_characters])
    scope_out = models.TextField(_("out of scope"), blank=True, validators=[validate_text_characters])
    success_criteria = models.TextField(
        _("success criteria"), blank=True, validators=[validate_text_characters]
    )
    assumptions = models.TextField(_("assumptions"), blank=True, validators=[validate_text_characters])
    constraints = models.TextField(_("constraints"), blank=True, validators=[validate_text_characters])
    milestones = models.TextField(
        _("milestones"),
        blank=True,
        validators=[validate_text_characters],
        help_text=_("The major milestones and their target dates, one a line."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Counts the writes of the plan (tasks, links, outline): the plan ETag of structure edits.
    plan_version = models.PositiveIntegerField(_("plan version"), default=0, editable=False)

    # The plan version is bookkeeping of plan writes, raised by an UPDATE that history never sees.
    history = HistoricalRecords(excluded_fields=["plan_version"])

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["code"]
        constraints = [
            # Codes are unique regardless of case, so "crm-1" and "CRM-1" cannot both exist.
            models.UniqueConstraint(
                Lower("code"),
                name="project_code_unique_ci",
                violation_error_message=_("A project with this code already exists."),
            ),
            models.CheckConstraint(
                condition=models.Q(budget__gte=0),
                name="project_budget_not_negative",
                violation_error_message=_("The budget cannot be negative."),
            ),
            models.CheckConstraint(
                condition=models.Q(start_date__isnull=True)
                | models.Q(finish_date__isnull=True)
                | models.Q(finish_date__gte=models.F("start_date")),
                name="project_finish_not_before_start",
                violation_error_message=_("The finish date cannot be before the start date."),
            ),
            models.CheckConstraint(condition=models.Q(phase__in=Phase.values), name="project_phase_valid"),
            models.CheckConstraint(condition=models.Q(status__in=Status.values), name="project_status_valid"),
        ]

    def __str__(self):
        return f"{self.code} · {self.name}"

    def clean(self):
        errors = {}
        if self.start_date and self.finish_date and self.finish_date < self.start_date:
            errors["finish_date"] = _("The finish date cannot be before the start date.")
        if self.program_id and self.portfolio_id and self.program.portfolio_id != self.portfolio_id:
            errors["program"] = _("The program belongs to another portfolio.")
        try:
            validate_currency(self.currency)
        except ValidationError as error:
            errors["currency"] = error.messages
        if errors:
            raise ValidationError(errors)

    @property
    def pmo_type_override(self) -> str:
        return self.portfolio.pmo_type_override


class MembershipRole(models.TextChoices):
    TEAM_MEMBER = "team_member", _("Team member")
    TEAM_LEAD = "team_lead", _("Team lead")
    STAKEHOLDER = "stakeholder", _("Stakeholder")
    OBSERVER = "observer", _("Observer")


class ProjectMembership(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("project")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="project_memberships",
        verbose_name=_("user"),
    )
    role = models.CharField(
        _("role"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.TEAM_MEMBER
    )
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("project membership")
        verbose_name_plural = _("project memberships")
        ordering = ["project", "user__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "user"],
                name="membership_unique_per_project",
                violation_error_message=_("This person is already a member of the project."),
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=MembershipRole.values), name="membership_role_valid"
            ),
        ]

    def __str__(self):
        return f"{self.user} @ {self.project.code}"
