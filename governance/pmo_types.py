"""The three PMO types: how much power the PMO has, as an admin configures it (../shared/DOMAIN.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PmoType(models.TextChoices):
    """Supportive advises, controlling approves and checks compliance, directive manages projects."""

    SUPPORTIVE = "supportive", _("Supportive")
    CONTROLLING = "controlling", _("Controlling")
    DIRECTIVE = "directive", _("Directive")
