"""The milestones each rollup found slipped, one row apiece, so the dashboard lists the worst first."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from projects.models import Project, Task


class SlippedMilestone(models.Model):
    """A milestone past its baseline date as the project's last rollup saw it; replaced by every rollup.

    The rollup's `milestones_slipped` counts these rows. They live in a table rather than in the
    rollup's details so that the portfolio dashboard reads the 50 earliest across 2,000 projects
    through an index instead of opening every project's plan.
    """

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="+", verbose_name=_("project")
    )
    task = models.OneToOneField(Task, on_delete=models.CASCADE, related_name="+", verbose_name=_("milestone"))
    baseline_finish = models.DateField(_("baseline date"))
    planned_finish = models.DateField(_("planned date"), null=True, blank=True)
    actual_finish = models.DateField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("slipped milestone")
        verbose_name_plural = _("slipped milestones")
        ordering = ["baseline_finish", "task"]
        indexes = [models.Index(fields=["baseline_finish", "task"], name="slipped_milestone_worst_first")]

    def __str__(self):
        return f"{self.task_id} {self.baseline_finish}"
