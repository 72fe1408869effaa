"""Progress recorded over time: the daily burndown points of a project."""

from django.db import models
from django.utils.translation import gettext_lazy as _

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
