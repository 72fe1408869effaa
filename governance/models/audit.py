"""The audit log of security events."""

import functools

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _

from governance.models.users import User


class AuditKind(models.TextChoices):
    """What an audit event records."""

    SIGN_IN = "sign_in", _("Sign-in")
    SIGN_IN_FAILED = "sign_in_failed", _("Failed sign-in")
    SIGN_OUT = "sign_out", _("Sign-out")
    LOCKOUT = "lockout", _("Lockout")
    ACCESS_DENIED = "access_denied", _("Access denied")
    OBJECT_HIDDEN = "object_hidden", _("Hidden or unknown object")
    ROLE_CHANGE = "role_change", _("Role change")
    PMO_TYPE_CHANGE = "pmo_type_change", _("PMO type change")
    PLAN_EXPORT = "plan_export", _("Plan export")
    PLAN_IMPORT = "plan_import", _("Plan import")
    PMO_STANDARDS_CHANGE = "pmo_standards_change", _("PMO standards change")
    EXCHANGE_RATE_CHANGE = "exchange_rate_change", _("Exchange rate change")


class AuditOutcome(models.TextChoices):
    """How an audited attempt ended."""

    SUCCESS = "success", _("Success")
    FAILURE = "failure", _("Failure")
    DENIED = "denied", _("Denied")


class AuditEvent(models.Model):
    """One security event: who did what to which object, when, from where, and how it ended.

    Append-only: written by governance.services.audit_record alone, never changed or deleted in the
    portal. `details` holds a few plain facts (counts, field changes), never a secret.
    """

    USER_AGENT_LENGTH = 255

    occurred_at = models.DateTimeField(_("when"), auto_now_add=True)
    kind = models.CharField(_("event"), max_length=32, choices=AuditKind.choices)
    outcome = models.CharField(_("outcome"), max_length=16, choices=AuditOutcome.choices)
    user = models.ForeignKey(
        User,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_events",
    )
    # What was typed at sign-in, or the user's name at the time: it stays when the account goes.
    username = models.CharField(_("username"), max_length=150, blank=True)
    object_type = models.CharField(_("object type"), max_length=64, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=USER_AGENT_LENGTH, blank=True)
    path = models.CharField(_("address requested"), max_length=255, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["-occurred_at", "-id"], name="audit_newest_first"),
            models.Index(fields=["kind", "-occurred_at"], name="audit_kind_newest_first"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=AuditKind.values), name="audit_event_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(outcome__in=AuditOutcome.values), name="audit_event_outcome_valid"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.username or '—'} · {self.get_outcome_display()}"

    @property
    def object_type_label(self) -> str:
        """The object type in the active language ("项目" for project), or as recorded when unknown."""
        model = _models_by_name().get(self.object_type)
        return str(model._meta.verbose_name) if model is not None else self.object_type


@functools.cache
def _models_by_name() -> dict[str, type[models.Model]]:
    return {model._meta.model_name: model for model in apps.get_models()}
