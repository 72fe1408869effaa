"""A project's figures kept once a week, so trends over a year can be drawn and the PMO judged."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from projects.models import Portfolio, Project
from reports.models.figures import RolledUpFigures


class WeeklySnapshot(RolledUpFigures):
    """The project's figures at the end of the ISO week starting `week` (a Monday); one per project and week.

    Taken nightly as an upsert, so a week's row holds its last state; the portfolio and status are kept
    as they were, so a trend by portfolio does not move when a project moves later.
    """

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="weekly_snapshots", verbose_name=_("project")
    )
    week = models.DateField(_("week (Monday)"))
    portfolio = models.ForeignKey(
        Portfolio, on_delete=models.CASCADE, related_name="+", verbose_name=_("portfolio")
    )
    project_status = models.CharField(_("project status"), max_length=20)
    taken_at = models.DateTimeField(_("taken at"))

    class Meta:
        verbose_name = _("weekly snapshot")
        verbose_name_plural = _("weekly snapshots")
        ordering = ["project", "week"]
        constraints = [
            models.UniqueConstraint(fields=["project", "week"], name="weekly_snapshot_unique_per_week"),
        ]
        indexes = [models.Index(fields=["week", "portfolio"], name="weekly_snapshot_week_portfolio")]

    def __str__(self):
        return f"{self.project_id} {self.week}"
