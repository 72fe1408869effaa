import hashlib

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from governance.currencies import CURRENCY_CHOICES, validate_currency
from governance.pmo_types import PmoType
from governance.text import validate_name_characters

__all__ = ["ApiToken", "PmoSettings", "PmoType", "Role", "User"]


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
