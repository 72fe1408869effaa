"""Baselines: named, frozen copies of a plan's dates and costs to measure variance against."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from governance.text import validate_name_characters
from projects.models.plans import Task
from projects.models.projects import Project


class Baseline(models.Model):
    """A named, frozen copy of a plan's dates and costs to measure variance against."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="baselines", verbose_name=_("project")
    )
    name = models.CharField(_("name"), max_length=100, validators=[validate_name_characters])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("baseline")
        verbose_name_plural = _("baselines")
        ordering = ["project", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "name"],
                name="baseline_name_unique_per_project",
                violation_error_message=_("This project already has a baseline with this name."),
            ),
        ]

    def __str__(self):
        return self.name


class BaselineTask(models.Model):
    """One task as it stood when the baseline was saved; survives the task's deletion."""

    baseline = models.ForeignKey(
        Baseline, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("baseline")
    )
    task = models.ForeignKey(
        Task,
        on_delete=models.SET_NULL,
        related_name="baseline_rows",
        null=True,
        blank=True,
        verbose_name=_("task"),
    )
    task_name = models.CharField(_("task name"), max_length=200)
    wbs_code = models.CharField(_("WBS code"), max_length=100, blank=True)
    start = models.DateField(_("start"), null=True, blank=True)
    finish = models.DateField(_("finish"), null=True, blank=True)
    duration_days = models.PositiveIntegerField(_("duration (working days)"), default=0)
    planned_cost = models.DecimalField(
        _("planned cost"), max_digits=14, decimal_places=2, default=Decimal("0")
    )

    class Meta:
        verbose_name = _("baseline task")
        verbose_name_plural = _("baseline tasks")
        ordering = ["baseline", "id"]
        constraints = [
            models.UniqueConstraint(fields=["baseline", "task"], name="baseline_task_unique"),
        ]

    def __str__(self):
        return f"{self.wbs_code} {self.task_name}".strip()
