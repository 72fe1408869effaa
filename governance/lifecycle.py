"""The project lifecycle's phases (../shared/DOMAIN.md), in order: methodologies name their own phases
after them and projects move through them, gate by gate."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LifecyclePhase(models.TextChoices):
    INITIATING = "initiating", _("Initiating")
    PLANNING = "planning", _("Planning")
    EXECUTING = "executing", _("Executing")
    MONITORING = "monitoring", _("Monitoring & controlling")
    CLOSING = "closing", _("Closing")


LIFECYCLE_ORDER = tuple(LifecyclePhase.values)
