import functools
import hashlib

from django.apps import apps
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from governance.currencies import CURRENCY_CHOICES, validate_currency
from governance.pmo_types import PmoType
from governance.text import validate_name_characters

__all__ = ["ApiToken", "AuditEvent", "AuditKind", "AuditOutcome", "PmoSettings", "PmoType", "Role", "User"]


class Role(models.TextChoices):
    ADMIN = "admin", _("Admin")
    PMO_STAFF = "pmo_staff", _("PMO staff")
    PROJECT_MANAGER = "project_manager", _("Project manager")
    TEAM_MEMBER = "team_member", _("Team member")
    SPONSOR = "sponsor", _("Sponsor")


class User(AbstractUser):
    """A person who signs in; holds any number of roles (admin is Django's superuser flag)."""

    is_pmo_staff = models.BooleanField(_("PMO staff"), default=False)
    is_project_manager = models.BooleanField(_("project manager"), default=False)
    is_team_member = models.BooleanField(_("team member"), default=False)
    is_sponsor = models.BooleanField(_("sponsor"), default=False)
    first_name = models.CharField(
        _("first name"), max_length=150, blank=True, validators=[validate_name_characters]
    )
    last_name = models.CharField(
        _("last name"), max_length=150, blank=True, validators=[validate_name_characters]
    )
    department = models.CharField(
        _("department"), max_length=120, blank=True, validators=[validate_name_characters]
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username

    @property
    def roles(self) -> list[str]:
        flags = [
            (Role.ADMIN, self.is_superuser),
            (Role.PMO_STAFF, self.is_pmo_staff),
            (Role.PROJECT_MANAGER, self.is_project_manager),
            (Role.TEAM_MEMBER, self.is_team_member),
            (Role.SPONSOR, self.is_sponsor),
        ]
        return [role for role, held in flags if held]


class PmoSettings(models.Model):
    """The installation's PMO rulebook; one row, edited by admins."""

    SINGLETON_ID = 1

    pmo_type = models.CharField(
        _("PMO type"), max_length=20, choices=PmoType.choices, default=PmoType.SUPPORTIVE
    )
    default_currency = models.CharField(
        _("default currency"), max_length=3, choices=CURRENCY_CHOICES, default="CNY"
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("PMO settings")
        verbose_name_plural = _("PMO settings")
        constraints = [
            models.CheckConstraint(condition=models.Q(id=1), name="pmo_settings_single_row"),
            models.CheckConstraint(
                condition=models.Q(pmo_type__in=PmoType.values), name="pmo_settings_pmo_type_valid"
            ),
        ]

    def __str__(self):
        return str(_("PMO settings"))

    def clean(self):
        try:
            validate_currency(self.default_currency)
        except ValidationError as error:
            raise ValidationError({"default_currency": error.messages}) from error

    @classmethod
    def load(cls) -> "PmoSettings":
        settings_row, _created = cls.objects.get_or_create(id=cls.SINGLETON_ID)
        return settings_row


class ApiToken(models.Model):
    """A key that signs API requests as its owner until it expires or is revoked.

    Only the key's SHA-256 is stored: the key itself is shown once, when it is made. The token also
    keeps a fingerprint of its owner's password hash, so any change of password (the form, the admin,
    `set_password` anywhere) leaves every earlier token unusable, as Django does with sessions.
    """

    user = models.ForeignKey(
        "governance.User", on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    name = models.CharField(_("name"), max_length=100)
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True, editable=False)
    # The first characters of the key, so that its owner can tell their tokens apart.
    key_prefix = models.CharField(_("key starts with"), max_length=8, editable=False)
    password_fingerprint = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    expires_at = models.DateTimeField(_("expires"))
    # Made by POST /api/auth/token/ rather than named on the tokens page or API: those take turns.
    made_by_sign_in = models.BooleanField(_("made by signing in"), default=False, editable=False)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("created_at")),
                name="api_token_expires_after_creation",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.key_prefix}…)"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @staticmethod
    def hash_key(key: str) -> str:
        """The stored form of a key; keys are long random strings, so a plain digest cannot be reversed."""
        return hashlib.sha256(key.encode()).hexdigest()

    @staticmethod
    def password_fingerprint_of(user) -> str:
        """A keyed digest of the user's password hash: it changes whenever the password does."""
        return salted_hmac("governance.ApiToken.password", user.password, algorithm="sha256").hexdigest()


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
