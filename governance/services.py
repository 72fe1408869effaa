"""Writes of the PMO rulebook and of people's API tokens."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _

from governance import policy
from governance.models import ApiToken, PmoSettings, User

# 160 random bits written as 40 hex digits, the shape of the keys clients already hold.
API_TOKEN_KEY_BYTES = 20
# How many live tokens one person holds: named ones are refused beyond the limit; those made by
# signing in replace the oldest of their kind, as a script that signs in on every run would
# otherwise pile them up.
NAMED_API_TOKENS_PER_PERSON = 100
SIGN_IN_API_TOKENS_PER_PERSON = 20


@transaction.atomic
def pmo_settings_update(*, actor: User, pmo_type: str, default_currency: str) -> PmoSettings:
    """Set the installation's PMO type and default currency; admins only."""
    if not policy.may_configure_pmo(actor):
        raise PermissionDenied(_("Only an admin may change the PMO settings."))
    settings_row = PmoSettings.objects.select_for_update().get(pk=PmoSettings.load().pk)
    settings_row.pmo_type = pmo_type
    settings_row.default_currency = default_currency
    settings_row.full_clean()
    settings_row.save()
    return settings_row


@transaction.atomic
def api_token_create(
    *, user: User, name: str, by_sign_in: bool = False, lifetime: timedelta | None = None
) -> tuple[ApiToken, str]:
    """Make a token for `user` and return it with its key, which is stored only as a hash.

    The key cannot be read back later: the caller shows it once. The token lives API_TOKEN_LIFETIME
    unless `lifetime` says otherwise. A person holds at most NAMED_API_TOKENS_PER_PERSON named tokens
    (more are refused) and SIGN_IN_API_TOKENS_PER_PERSON made `by_sign_in` (the oldest give way).
    """
    if not user.is_active:
        raise PermissionDenied(_("An inactive account cannot hold API tokens."))
    # One creation at a time per person, so that the limits hold under concurrent requests.
    User.objects.select_for_update().filter(pk=user.pk).exists()
    now = timezone.now()
    live = ApiToken.objects.filter(user=user, made_by_sign_in=by_sign_in, expires_at__gt=now)
    if by_sign_in:
        oldest = live.order_by("-created_at", "-id").values_list("pk", flat=True)[
            SIGN_IN_API_TOKENS_PER_PERSON - 1 :
        ]
        ApiToken.objects.filter(pk__in=list(oldest)).delete()
    elif live.count() >= NAMED_API_TOKENS_PER_PERSON:
        raise ValidationError(
            _("You already have %(count)s API tokens: revoke one before making another.")
            % {"count": NAMED_API_TOKENS_PER_PERSON}
        )
    key = secrets.token_hex(API_TOKEN_KEY_BYTES)
    token = ApiToken(
        user=user,
        name=name.strip(),
        key_hash=ApiToken.hash_key(key),
        key_prefix=key[:8],
        password_fingerprint=ApiToken.password_fingerprint_of(user),
        created_at=now,
        expires_at=now + (lifetime if lifetime is not None else settings.API_TOKEN_LIFETIME),
        made_by_sign_in=by_sign_in,
    )
    token.full_clean()
    token.save()
    return token, key


@transaction.atomic
def api_token_revoke(*, actor: User, token: ApiToken) -> None:
    """Delete one of the actor's own tokens; requests signed with it are refused from now on."""
    if token.user_id != actor.pk:
        raise PermissionDenied(_("Only its owner may revoke an API token."))
    token.delete()


@transaction.atomic
def api_tokens_revoke_all(*, user: User) -> int:
    """Delete every token of `user` (a deactivated account); return how many there were."""
    deleted, _by_model = ApiToken.objects.filter(user=user).delete()
    return deleted


def api_token_authenticate(*, key: str) -> ApiToken | None:
    """The live token with this key (its user loaded), or None; records when it was last used.

    A token is dead once expired, once its owner's password has changed since it was made, or while
    its owner is inactive; dead tokens met here are deleted (all of an inactive owner's).
    """
    token = ApiToken.objects.select_related("user").filter(key_hash=ApiToken.hash_key(key)).first()
    if token is None:
        return None
    user = token.user
    if not user.is_active:
        api_tokens_revoke_all(user=user)
        return None
    fingerprint_holds = constant_time_compare(
        token.password_fingerprint, ApiToken.password_fingerprint_of(user)
    )
    if token.is_expired or not fingerprint_holds:
        token.delete()
        return None
    now = timezone.now()
    # Written at most once a resolution, so that reading the API does not write on every request.
    if token.last_used_at is None or now - token.last_used_at >= settings.ACTIVITY_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def api_tokens_purge() -> int:
    """Delete every dead token (expired, its owner inactive or their password changed); return how many.

    Idempotent housekeeping: dead tokens already authenticate nobody, this only frees their rows.
    """
    deleted, _by_model = ApiToken.objects.filter(expires_at__lte=timezone.now()).delete()
    deleted += ApiToken.objects.filter(user__is_active=False).delete()[0]
    owners = User.objects.filter(api_tokens__isnull=False).distinct().only("id", "password")
    for owner in owners.iterator():
        stale = ApiToken.objects.filter(user=owner).exclude(
            password_fingerprint=ApiToken.password_fingerprint_of(owner)
        )
        deleted += stale.delete()[0]
    return deleted
