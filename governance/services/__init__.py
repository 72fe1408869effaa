"""Writes of the PMO rulebook and of people's API tokens; the audit log's one writer (services.audit), the
methodologies (services.methodologies) and the health and risk standards, reporting currency and exchange
rates (services.standards) re-exported here."""

import secrets
from collections.abc import Mapping
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _

from governance import policy
from governance.addresses import client_address
from governance.announcements import announce_pmo_standards_changed
from governance.models import (
    ApiToken,
    AuditKind,
    AuditOutcome,
    ChangeAuthorityTier,
    PmoSettings,
    User,
)
from governance.services.audit import REDACTED, SECRET_KEY_PARTS, audit_record

# 160 random bits written as 40 hex digits, the shape of the keys clients already hold.
API_TOKEN_KEY_BYTES = 20
# How many live tokens one person holds: named ones are refused beyond the limit; those made by
# signing in replace the oldest of their kind, as a script that signs in on every run would
# otherwise pile them up.
NAMED_API_TOKENS_PER_PERSON = 100
SIGN_IN_API_TOKENS_PER_PERSON = 20

# The fields of a person that make up what they may do: changing one is a role change.
ROLE_FIELDS = (
    "is_active",
    "is_staff",
    "is_superuser",
    "is_pmo_staff",
    "is_project_manager",
    "is_team_member",
    "is_sponsor",
)


def role_changes(before: Mapping, after: Mapping) -> dict[str, list]:
    """{field: [old, new]} of the role fields (and groups or permissions, as sorted names) that differ."""
    changes = {}
    for name in (*ROLE_FIELDS, "groups", "user_permissions"):
        if name in before and name in after and before[name] != after[name]:
            changes[name] = [before[name], after[name]]
    return changes


def user_roles_audit(*, actor: User, user: User, before: Mapping, after: Mapping, request=None) -> None:
    """Record a role change of `user` by `actor` when the role fields differ between before and after."""
    changes = role_changes(before, after)
    if changes:
        audit_record(
            kind=AuditKind.ROLE_CHANGE,
            outcome=AuditOutcome.SUCCESS,
            request=request,
            user=actor,
            target=user,
            details={"changes": changes},
        )


def pmo_type_change_audit(*, actor: User, target: models.Model, old: str, new: str, request=None) -> None:
    """Record that the PMO type of `target` (the installation's settings or a portfolio) changed."""
    if old != new:
        audit_record(
            kind=AuditKind.PMO_TYPE_CHANGE,
            outcome=AuditOutcome.SUCCESS,
            request=request,
            user=actor,
            target=target,
            details={"from": old, "to": new},
        )


@transaction.atomic
def pmo_settings_update(*, actor: User, pmo_type: str, default_currency: str) -> PmoSettings:
    """Set the installation's PMO type and default currency; admins only. A new PMO type is audited."""
    if not policy.may_configure_pmo(actor):
        raise PermissionDenied(_("Only an admin may change the PMO settings."))
    settings_row = PmoSettings.objects.select_for_update().get(pk=PmoSettings.load().pk)
    previous_type = settings_row.pmo_type
    settings_row.pmo_type = pmo_type
    settings_row.default_currency = default_currency
    settings_row.full_clean()
    settings_row.save()
    pmo_type_change_audit(actor=actor, target=settings_row, old=previous_type, new=pmo_type)
    if previous_type != pmo_type:
        announce_pmo_standards_changed()
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


# Methodologies live in their own module; callers import them from here as from any service.
from governance.services.methodologies import (  # noqa: E402
    methodologies_install_defaults,
    methodology_create,
    methodology_draft_start,
    methodology_published_version,
    methodology_reactivate,
    methodology_retire,
    methodology_update,
    methodology_version_publish,
    methodology_version_update,
)
from governance.services.standards import (  # noqa: E402
    exchange_rate_create,
    exchange_rate_delete,
    health_standards_update,
    reporting_currency_update,
    risk_standards_update,
)

__all__ = [
    "methodologies_install_defaults",
    "API_TOKEN_KEY_BYTES",
    "NAMED_API_TOKENS_PER_PERSON",
    "REDACTED",
    "ROLE_FIELDS",
    "SECRET_KEY_PARTS",
    "SIGN_IN_API_TOKENS_PER_PERSON",
    "api_token_authenticate",
    "api_token_create",
    "api_token_revoke",
    "api_tokens_purge",
    "api_tokens_revoke_all",
    "audit_record",
    "client_address",
    "exchange_rate_create",
    "exchange_rate_delete",
    "health_standards_update",
    "risk_standards_update",
    "methodology_create",
    "methodology_draft_start",
    "methodology_published_version",
    "methodology_reactivate",
    "methodology_retire",
    "methodology_update",
    "methodology_version_publish",
    "methodology_version_update",
    "pmo_settings_update",
    "pmo_type_change_audit",
    "reporting_currency_update",
    "role_changes",
    "user_roles_audit",
]


COMPLIANCE_WEIGHT_FIELDS = (
    "weight_deliverable_missing",
    "weight_gate_without_approval",
    "weight_report_late",
    "weight_report_missing",
    "weight_change_above_authority",
)


@transaction.atomic
def compliance_weights_update(*, actor: User, **weights: int) -> PmoSettings:
    """Set what each compliance finding takes off a score; admins only. Every score reads them at once."""
    if not policy.may_configure_pmo(actor):
        raise PermissionDenied(_("Only an admin may change the compliance weights."))
    unknown = set(weights) - set(COMPLIANCE_WEIGHT_FIELDS)
    if unknown:
        raise ValidationError({name: _("Unknown weight.") for name in sorted(unknown)})
    settings_row = PmoSettings.objects.select_for_update().filter(pk=PmoSettings.SINGLETON_ID).first()
    settings_row = settings_row or PmoSettings(pk=PmoSettings.SINGLETON_ID)
    for name, value in weights.items():
        setattr(settings_row, name, value)
    settings_row.full_clean()
    settings_row.save()
    announce_pmo_standards_changed()
    return settings_row


@transaction.atomic
def change_authority_update(
    *,
    actor: User,
    pmo_type: str,
    pm_cost_percent,
    pm_delay_days: int,
    pmo_cost_percent,
    pmo_delay_days: int,
) -> ChangeAuthorityTier:
    """Set the change authority tiers of one PMO type; admins only. Change requests submitted from now
    on are routed by them; those already routed keep their steps."""
    if not policy.may_configure_change_authority(actor):
        raise PermissionDenied(_("Only an admin may change the change authority."))
    row = ChangeAuthorityTier.objects.select_for_update().filter(pmo_type=pmo_type).first()
    row = row or ChangeAuthorityTier(pmo_type=pmo_type)
    row.pm_cost_percent = pm_cost_percent
    row.pm_delay_days = pm_delay_days
    row.pmo_cost_percent = pmo_cost_percent
    row.pmo_delay_days = pmo_delay_days
    row.full_clean()
    row.save()
    return row
