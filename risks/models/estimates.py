"""Three-point duration estimates of a project's tasks, the inputs of its schedule-risk simulation."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from projects.models import Task


def _duration_field(label) -> models.DecimalField:
    # Working days like Task.duration_days, with halves and quarters: estimates are rarely whole days.
    return models.DecimalField(
        label, max_digits=7, decimal_places=2, validators=[MinValueValidator(Decimal(0))]
    )


class TaskEstimate(models.Model):
    """Optimistic, most likely and pessimistic durations of one task, in working days (a <= m <= b)."""

    task = models.OneToOneField(
        Task, on_delete=models.CASCADE, related_name="risk_estimate", verbose_name=_("task")
    )
    optimistic = _duration_field(_("optimistic (working days)"))
    most_likely = _duration_field(_("most likely (working days)"))
    pessimistic = _duration_field(_("pessimistic (working days)"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("three-point estimate")
        verbose_name_plural = _("three-point estimates")
        constraints = [
            models.CheckConstraint(
                condition=Q(optimistic__gte=0)
                & Q(most_likely__gte=F("optimistic"))
                & Q(pessimistic__gte=F("most_likely")),
                name="risks_task_estimate_in_order",
            )
        ]

    def __str__(self):
        return f"{self.optimistic} / {self.most_likely} / {self.pessimistic}"

    def clean(self):
        errors = {}
        if None not in (self.optimistic, self.most_likely) and self.most_likely < self.optimistic:
            errors["most_likely"] = _("The most likely duration cannot be shorter than the optimistic one.")
        if None not in (self.most_likely, self.pessimistic) and self.pessimistic < self.most_likely:
            errors["pessimistic"] = _("The pessimistic duration cannot be shorter than the most likely one.")
        if errors:
            raise ValidationError(errors)
