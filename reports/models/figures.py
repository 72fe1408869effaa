"""The figures a rollup and a snapshot share, declared once."""

from django.db import models
from django.utils.translation import gettext_lazy as _


def money_field(label):
    return models.DecimalField(label, max_digits=16, decimal_places=2, null=True, blank=True)


def index_field(label):
    return models.DecimalField(label, max_digits=12, decimal_places=4, null=True, blank=True)


class RolledUpFigures(models.Model):
    """Earned value, progress, health and compliance of a project as of a status date.

    None means "not defined" or "not yet measured", never zero: no PV before a baseline, no CPI before
    the first actual cost, no health before any dimension is measured.
    """

    status_date = models.DateField(_("status date"))
    currency = models.CharField(_("currency"), max_length=3)
    budget_at_completion = money_field(_("budget at completion (BAC)"))
    planned_value = money_field(_("planned value (PV)"))
    earned_value = money_field(_("earned value (EV)"))
    actual_cost = money_field(_("actual cost (AC)"))
    estimate_at_completion = money_field(_("estimate at completion (EAC)"))
    schedule_performance_index = index_field(_("schedule performance index (SPI)"))
    cost_performance_index = index_field(_("cost performance index (CPI)"))
    percent_complete = models.DecimalField(
        _("% complete"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    health_score = models.PositiveSmallIntegerField(_("health score"), null=True, blank=True)
    health_band = models.CharField(_("health band"), max_length=5, blank=True)
    compliance_score = models.PositiveSmallIntegerField(_("compliance score"), null=True, blank=True)
    planned_finish = models.DateField(_("planned finish"), null=True, blank=True)
    baseline_finish = models.DateField(_("baseline finish"), null=True, blank=True)

    class Meta:
        abstract = True
