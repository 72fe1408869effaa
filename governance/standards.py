"""The vocabulary of the PMO's standards: what a gate may require, who reviews it, how often status is
reported. Plain choices, no tables, so that the pure modules (compliance) may use them too."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DeliverableKind(models.TextChoices):
    """What a gate may require a project to have produced."""

    BUSINESS_CASE = "business_case", _("Business case")
    CHARTER = "charter", _("Project charter")
    STAKEHOLDER_REGISTER = "stakeholder_register", _("Stakeholder register")
    PROJECT_PLAN = "project_plan", _("Project management plan")
    BASELINE = "baseline", _("Schedule and cost baseline")
    RISK_REGISTER = "risk_register", _("Risk register")
    REQUIREMENTS = "requirements", _("Requirements")
    PRODUCT_BACKLOG = "product_backlog", _("Product backlog")
    RELEASE_PLAN = "release_plan", _("Release plan")
    STAGE_PLAN = "stage_plan", _("Stage plan")
    END_STAGE_REPORT = "end_stage_report", _("End stage report")
    TEST_REPORT = "test_report", _("Test report")
    ACCEPTANCE = "acceptance", _("Customer acceptance")
    CLOSURE_REPORT = "closure_report", _("Closure report")
    LESSONS_LEARNED = "lessons_learned", _("Lessons learned")


class GateReviewer(models.TextChoices):
    """Who decides a gate review besides the PMO type's own rule."""

    PMO = "pmo", _("PMO")
    SPONSOR = "sponsor", _("Sponsor")


class ReportCadence(models.TextChoices):
    WEEKLY = "weekly", _("Weekly")
    BIWEEKLY = "biweekly", _("Every two weeks")
    MONTHLY = "monthly", _("Monthly")
