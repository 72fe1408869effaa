"""Writes of the PMO rulebook, and the audit log's one writer."""

import ipaddress
from collections.abc import Mapping

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils.translation import gettext as _
from simple_history.models import HistoricalRecords

from governance import policy
from governance.models import AuditEvent, AuditKind, AuditOutcome, PmoSettings, User

# Keys of `details` that could carry a secret; their values never reach the log, at any depth.
SECRET_KEY_PARTS = ("password", "token", "secret", "key", "session", "cookie", "csrf", "authorization")
REDACTED = "[removed]"


def _current_request():
    """The request being served, as simple_history's middleware keeps it, or None (a worker, a shell)."""
    return getattr(HistoricalRecords.context, "request", None)


def client_address(request) -> str | None:
    """The address the request came from: REMOTE_ADDR, or X-Forwarded-For when proxies are trusted.

    With TRUSTED_PROXY_COUNT = n > 0 the n-th address from the right of X-Forwarded-For is taken: what
    the outermost trusted proxy saw. Without it the header is ignored, since any client can send one.
    """
    meta = getattr(request, "META", {})
    candidate = meta.get("REMOTE_ADDR", "")
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies > 0:
        forwarded = [part.strip() for part in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if forwarded:
            candidate = forwarded[-proxies] if len(forwarded) >= proxies else forwarded[0]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None


def _without_secrets(value):
    """`value` with every mapping entry whose key names a secret replaced, recursively."""
    if isinstance(value, Mapping):
        return {
            str(key): REDACTED
            if any(part in str(key).lower() for part in SECRET_KEY_PARTS)
            else _without_secrets(item)
            for key, item in value.items()
        }
    if isinstance(value, list | tuple):
        return [_without_secrets(item) for item in value]
    if value is None or isinstance(value, bool | int | float):
        return value
    return str(value)


def _trimmed(text, length: int) -> str:
    return str(text or "")[:length]


def audit_record(
    *,
    kind: str,
    outcome: str,
    request=None,
    user: User | None = None,
    username: str = "",
    target: models.Model | None = None,
    object_type: str = "",
    object_id: str | int = "",
    object_repr: str = "",
    details: Mapping | None = None,
) -> AuditEvent:
    """Append one event to the audit log and return it.

    The person is `user`, else the request's signed-in user; `username` is what was tried when no
    account matched. Where from: the request's address (client_address) and user agent; without a
    `request` the one being served. `target` names the object (or object_type / object_id /
    object_repr). `details` loses every entry whose key could name a secret (SECRET_KEY_PARTS).
    """
    request = request if request is not None else _current_request()
    if user is None and request is not None:
        candidate = getattr(request, "user", None)
        user = candidate if getattr(candidate, "is_authenticated", False) else None
    if target is not None:
        object_type = object_type or target._meta.model_name
        object_id = object_id or target.pk
        object_repr = object_repr or str(target)
    meta = getattr(request, "META", {}) if request is not None else {}
    event = AuditEvent(
        kind=kind,
        outcome=outcome,
        user=user,
        username=_trimmed(username or (user.get_username() if user is not None else ""), 150),
        object_type=_trimmed(object_type, 64),
        object_id=_trimmed(object_id, 64),
        object_repr=_trimmed(object_repr, 200),
        ip_address=client_address(request) if request is not None else None,
        user_agent=_trimmed(meta.get("HTTP_USER_AGENT", ""), AuditEvent.USER_AGENT_LENGTH),
        path=_trimmed(getattr(request, "path", ""), 255) if request is not None else "",
        details=_without_secrets(dict(details or {})),
    )
    # The user row is the one just read, so its existence is not checked again.
    event.full_clean(exclude=["user"])
    event.save()
    return event


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
    return settings_row
