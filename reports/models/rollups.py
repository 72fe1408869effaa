"""One row per project: its figures as the last rollup computed them from the source rows."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from projects.models import Baseline, Project
from reports.models.figures import RolledUpFigures
from risks.models import Risk


class ProjectRollup(RolledUpFigures):
    """The dashboards' copy of a project's figures, recomputed (never incremented) after each edit.

    `details` keeps what the project dashboard and the API show beyond the columns: every EVM metric,
    the health breakdown, the weekly PV curve and the milestone counts.
    """

    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, primary_key=True, related_name="rollup", verbose_name=_("project")
    )
    baseline = models.ForeignKey(
        Baseline,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("baseline the figures are measured against"),
    )
    # The overall RAG the PM gave in the latest submitted status report; blank before the first one.
    reported_rag = models.CharField(_("reported RAG"), max_length=5, blank=True)
    schedule_rag = models.CharField(_("schedule RAG"), max_length=5, blank=True)
    cost_rag = models.CharField(_("cost RAG"), max_length=5, blank=True)
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    finish_slip_days = models.IntegerField(_("finish slip against the baseline (working days)"), null=True)
    milestones_total = models.PositiveIntegerField(_("milestones"), default=0)
    milestones_done = models.PositiveIntegerField(_("milestones done"), default=0)
    milestones_due = models.PositiveIntegerField(_("milestones due in the next 30 days"), default=0)
    milestones_slipped = models.PositiveIntegerField(_("milestones slipped"), default=0)
    scope_changes = models.PositiveIntegerField(_("approved scope changes in the last 90 days"), default=0)
    # The register as the rollup saw it: exposure for the health score (governance.risk_standards), the
    # open risks, and the worst open one, so the portfolio dashboard lists top risks from its rows.
    risk_exposure = models.DecimalField(
        _("risk exposure (0-100)"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    risks_open = models.PositiveIntegerField(_("open risks"), default=0)
    risks_escalated = models.PositiveIntegerField(_("open risks escalated"), default=0)
    contingency_reserve = models.DecimalField(
        _("contingency reserve (EMV of open threats)"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    top_risk = models.ForeignKey(
        Risk,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("worst open risk"),
    )
    top_risk_score = models.PositiveSmallIntegerField(
        _("score of the worst open risk"), null=True, blank=True
    )
    details = models.JSONField(_("details"), default=dict)
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        verbose_name = _("project rollup")
        verbose_name_plural = _("project rollups")
        ordering = ["project"]

    def __str__(self):
        return f"{self.project_id} @ {self.computed_at:%Y-%m-%d %H:%M}"
