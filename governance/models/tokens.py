"""API tokens: hashed keys that expire and die with a password change."""

import hashlib

from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _


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
