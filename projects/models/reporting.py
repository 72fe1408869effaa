"""Progress recorded over time: the daily burndown points of a project, its stale rollup mark, and its
status reports."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from governance.text import validate_text_characters
from projects.models.projects import Project


class BurndownPoint(models.Model):
    """Remaining work of a project on one day, recorded daily from progress."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="burndown_points", verbose_name=_("project")
    )
    date = models.DateField(_("date"))
    remaining_work_days = models.DecimalField(
        _("remaining work (working days)"), max_digits=14, decimal_places=2
    )
    planned_remaining_work_days = models.DecimalField(
        _("planned remaining work (working days)"), max_digits=14, decimal_places=2
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        verbose_name = _("burndown point")
        verbose_name_plural = _("burndown points")
        ordering = ["project", "date"]
        constraints = [
            models.UniqueConstraint(fields=["project", "date"], name="burndown_point_unique_per_day"),
        ]

    def __str__(self):
        return f"{self.date}: {self.remaining_work_days}"


class RollupMark(models.Model):
    """A project whose rolled-up figures are out of date: written in the same transaction as the edit.

    The reports app drains the marks (recomputing each project from its source rows) and deletes a
    mark only if its generation is still the one it read, so an edit during a recompute is not lost.
    """

    project = models.OneToOneField(
        Project,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="rollup_mark",
        verbose_name=_("project"),
    )
    generation = models.PositiveBigIntegerField(_("generation"), default=1)
    marked_at = models.DateTimeField(_("marked at"))

    class Meta:
        verbose_name = _("stale rollup mark")
        verbose_name_plural = _("stale rollup marks")
        ordering = ["marked_at"]

    def __str__(self):
        return f"{self.project_id} #{self.generation}"


class StatusReportState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class Rag(models.TextChoices):
    """Red, amber, green: how a project or one of its dimensions stands."""

    GREEN = "green", _("Green")
    AMBER = "amber", _("Amber")
    RED = "red", _("Red")


# The dimensions a status report rates besides the overall status, in the order a report shows them.
RAG_DIMENSIONS = ("scope", "schedule", "cost", "risk", "quality")
RAG_FIELDS = ("overall_rag", *(f"{dimension}_rag" for dimension in RAG_DIMENSIONS))
SCALE_FIELDS = ("customer_satisfaction", "team_morale")


def _rag_field(label):
    # Blank while a draft has not rated it yet; submitting needs every rating.
    return models.CharField(label, max_length=5, choices=Rag.choices, blank=True, default="")


def _scale_field(label):
    return models.PositiveSmallIntegerField(
        label,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("1 (very low) to 5 (very high); leave empty when not asked."),
    )


class StatusReport(models.Model):
    """A project's status for one reporting period on its methodology's cadence (weekly by default).

    A draft is prefilled with the period's figures (`figures`); submitting freezes it for good.
    """

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="status_reports", verbose_name=_("project")
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    state = models.CharField(
        _("state"), max_length=10, choices=StatusReportState.choices, default=StatusReportState.DRAFT
    )
    overall_rag = _rag_field(_("overall status"))
    scope_rag = _rag_field(_("scope"))
    schedule_rag = _rag_field(_("schedule"))
    cost_rag = _rag_field(_("cost"))
    risk_rag = _rag_field(_("risk"))
    quality_rag = _rag_field(_("quality"))
    narrative = models.TextField(_("summary"), blank=True, validators=[validate_text_characters])
    achievements = models.TextField(
        _("achievements this period"), blank=True, validators=[validate_text_characters]
    )
    next_steps = models.TextField(_("next steps"), blank=True, validators=[validate_text_characters])
    decisions_needed = models.TextField(
        _("decisions needed"), blank=True, validators=[validate_text_characters]
    )
    customer_satisfaction = _scale_field(_("customer satisfaction"))
    team_morale = _scale_field(_("team morale"))
    # The period's figures the draft was prefilled with (SPI, CPI, milestones hit and slipped, new
    # risks); a figure not measured yet is null.
    figures = models.JSONField(_("figures"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("status report")
        verbose_name_plural = _("status reports")
        ordering = ["project", "-period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "period_start"],
                name="status_report_unique_per_period",
                violation_error_message=_("This project already has a status report for this period."),
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="status_report_period_in_order",
                violation_error_message=_("The period cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=StatusReportState.values), name="status_report_state_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(state=StatusReportState.DRAFT) | models.Q(submitted_at__isnull=False),
                name="status_report_submitted_has_time",
            ),
            *(
                models.CheckConstraint(
                    condition=models.Q(**{f"{name}__in": ["", *Rag.values]}),
                    name=f"status_report_{name}_valid",
                )
                for name in RAG_FIELDS
            ),
            *(
                models.CheckConstraint(
                    condition=models.Q(**{f"{name}__isnull": True})
                    | models.Q(**{f"{name}__gte": 1, f"{name}__lte": 5}),
                    name=f"status_report_{name}_1_to_5",
                    violation_error_message=_("Give a value from 1 to 5."),
                )
                for name in SCALE_FIELDS
            ),
        ]

    def __str__(self):
        return f"{self.project_id} {self.period_start}–{self.period_end}"

    @property
    def is_submitted(self) -> bool:
        return self.state == StatusReportState.SUBMITTED

    def rag_dimensions(self) -> list[tuple[str, str, str]]:
        """(field name, label, value) of the overall status and each dimension, in report order."""
        return [(name, self._meta.get_field(name).verbose_name, getattr(self, name)) for name in RAG_FIELDS]
