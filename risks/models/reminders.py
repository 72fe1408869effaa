"""In-app reminders of overdue register items: a risk past its review date, an action past its due date.

One reminder per owner, item and day (the unique constraint), so the daily task may run again safely.
Email and chat delivery come with the notifications issue; this table is what they will read.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from risks.models.risks import Risk, RiskAction


class ReminderKind(models.TextChoices):
    RISK_REVIEW_OVERDUE = "risk_review_overdue", _("Risk review overdue")
    ACTION_OVERDUE = "action_overdue", _("Response action overdue")
    # To PMO staff: a risk reached the escalation threshold (under a supportive PMO this notice is all
    # the escalation does).
    RISK_ESCALATED = "risk_escalated", _("Risk escalated to the portfolio")


class Reminder(models.Model):
    """One day's reminder to one person about one overdue risk review or response action, or a notice to
    PMO staff that a risk escalated."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="risk_reminders",
        verbose_name=_("person"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=ReminderKind.choices)
    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("risk"))
    action = models.ForeignKey(
        RiskAction,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reminders",
        verbose_name=_("response action"),
    )
    day = models.DateField(_("day"))
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-day", "-id"]
        constraints = [
            # Two partial constraints rather than one over a nullable action: NULLs never clash in a
            # unique index, and a risk's reminder has no action. Together: once per (user, kind, risk,
            # action, day).
            models.UniqueConstraint(
                fields=["user", "kind", "risk", "day"],
                condition=Q(action__isnull=True),
                name="risks_reminder_risk_once_a_day",
            ),
            models.UniqueConstraint(
                fields=["user", "kind", "risk", "action", "day"],
                condition=Q(action__isnull=False),
                name="risks_reminder_action_once_a_day",
            ),
            models.CheckConstraint(
                condition=Q(kind="action_overdue", action__isnull=False)
                | Q(kind__in=("risk_review_overdue", "risk_escalated"), action__isnull=True),
                name="risks_reminder_action_matches_kind",
            ),
        ]
        indexes = [models.Index(fields=["user", "-day"], name="risks_reminder_user_day")]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.day}"
