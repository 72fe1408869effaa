"""The audit log's one writer: audit_record, which keeps secrets out of what it stores."""

from collections.abc import Mapping

from django.db import models
from simple_history.models import HistoricalRecords

from governance.addresses import client_address
from governance.models import AuditEvent, User

# Keys of `details` that could carry a secret; their values never reach the log, at any depth.
SECRET_KEY_PARTS = ("password", "token", "secret", "key", "session", "cookie", "csrf", "authorization")
REDACTED = "[removed]"


def _current_request():
    """The request being served, as simple_history's middleware keeps it, or None (a worker, a shell)."""
    return getattr(HistoricalRecords.context, "request", None)


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
