"""The post-project evaluation (项目后评估) of a closed project: its figures against the baseline and the
PM's and PMO's assessment, frozen once submitted."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from governance.text import validate_text_characters
from projects.models.projects import Project

MIN_RATING = 1
MAX_RATING = 5


class ObjectivesMet(models.TextChoices):
    YES = "yes", _("Yes")
    PARTLY = "partly", _("Partly")
    NO = "no", _("No")


class EvaluationState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


def _money(label):
    return models.DecimalField(label, max_digits=16, decimal_places=2, null=True, blank=True)


class PostProjectEvaluation(models.Model):
    """One per closed project. The figures (baseline against actual dates, budget against actual cost,
    approved changes) are copied from the source rows on every save of the draft and kept as they were
    at submission; None means the source had nothing to give (no baseline, no cost booked)."""

    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, related_name="evaluation", verbose_name=_("project")
    )
    state = models.CharField(
        _("state"), max_length=10, choices=EvaluationState.choices, default=EvaluationState.DRAFT
    )
    objectives_met = models.CharField(
        _("objectives met"), max_length=10, choices=ObjectivesMet.choices, blank=True
    )
    went_well = models.TextField(_("what went well"), blank=True, validators=[validate_text_characters])
    went_badly = models.TextField(
        _("what did not go well"), blank=True, validators=[validate_text_characters]
    )
    rating = models.PositiveSmallIntegerField(
        _("rating (1-5)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(MIN_RATING), MaxValueValidator(MAX_RATING)],
    )
    recommendations = models.TextField(
        _("recommendations"), blank=True, validators=[validate_text_characters]
    )

    # The figures, from the source rows (projects.selectors.evaluations.evaluation_figures).
    baseline_name = models.CharField(_("baseline"), max_length=100, blank=True)
    baseline_start = models.DateField(_("baseline start"), null=True, blank=True)
    baseline_finish = models.DateField(_("baseline finish"), null=True, blank=True)
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_finish = models.DateField(_("actual finish"), null=True, blank=True)
    tasks_without_actual_finish = models.PositiveIntegerField(_("tasks without an actual finish"), default=0)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    budget = _money(_("budget"))
    actual_cost = _money(_("actual cost"))
    approved_changes = models.PositiveIntegerField(_("approved change requests"), default=0)
    approved_changes_cost = _money(_("cost impact of the approved changes"))
    approved_changes_days = models.IntegerField(
        _("schedule impact of the approved changes (working days)"), default=0
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("started by"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("submitted by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("post-project evaluation")
        verbose_name_plural = _("post-project evaluations")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="evaluation_rating_1_to_5",
                violation_error_message=_("The rating is a whole number from 1 to 5."),
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=EvaluationState.values), name="evaluation_state_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(objectives_met__in=["", *ObjectivesMet.values]),
                name="evaluation_objectives_met_valid",
            ),
        ]

    def __str__(self):
        return f"{self.project_id} {self.get_state_display()}"

    @property
    def is_submitted(self) -> bool:
        return self.state == EvaluationState.SUBMITTED

    @property
    def finish_variance_days(self) -> int | None:
        """Calendar days the actual finish came after the baseline finish (negative: earlier)."""
        if self.actual_finish is None or self.baseline_finish is None:
            return None
        return (self.actual_finish - self.baseline_finish).days

    @property
    def start_variance_days(self) -> int | None:
        if self.actual_start is None or self.baseline_start is None:
            return None
        return (self.actual_start - self.baseline_start).days

    @property
    def cost_variance(self):
        """Actual cost minus budget, in the project's currency (positive: over budget)."""
        if self.actual_cost is None or self.budget is None:
            return None
        return self.actual_cost - self.budget
