"""Reads of the PMO rulebook and of people's API tokens; they never write, so reading creates no row."""

from django.db.models import QuerySet
from django.utils import timezone

from governance.models import ApiToken, PmoSettings, User


def pmo_settings() -> PmoSettings:
    """The installation's PMO settings as stored; before an admin first saves them, the defaults (unsaved)."""
    stored = PmoSettings.objects.filter(pk=PmoSettings.SINGLETON_ID).first()
    return stored if stored is not None else PmoSettings(pk=PmoSettings.SINGLETON_ID)


def installation_pmo_type() -> str:
    """The PMO type the admin set for the whole installation."""
    return pmo_settings().pmo_type


def api_tokens_of(*, user: User) -> QuerySet[ApiToken]:
    """The live tokens of `user`, newest first: neither expired nor made before a password change."""
    return ApiToken.objects.filter(
        user=user,
        expires_at__gt=timezone.now(),
        password_fingerprint=ApiToken.password_fingerprint_of(user),
    ).order_by("-created_at", "-id")
