"""Who is behind a plan write: the actor a plan service named in this transaction, else the request's user."""

import dataclasses
from contextvars import ContextVar
from dataclasses import dataclass

from django.db import transaction
from simple_history.models import HistoricalRecords

from governance.models import User


@dataclass
class _PlanWrite:
    """The plan write under way: its transaction block, its actor, and the entries it recorded."""

    block: object
    actor: User
    event_ids: list[int] = dataclasses.field(default_factory=list)


_plan_write: ContextVar[_PlanWrite | None] = ContextVar("plan_write", default=None)


def remember_plan_actor(actor: User) -> None:
    """Name the person behind the plan write under way, for the rows its transaction saves.

    The name is tied to the innermost open transaction block (Django's connection.atomic_blocks), so
    it is never lent to a later write of the same thread or worker once that block has closed.
    """
    blocks = transaction.get_connection().atomic_blocks
    _plan_write.set(_PlanWrite(block=blocks[-1], actor=actor) if blocks else None)


def current_plan_write() -> _PlanWrite | None:
    """The plan write under way in the open transaction, if a plan service named its actor."""
    write = _plan_write.get()
    # Valid only while the transaction block of the service that named it is still open.
    if write is None or not any(block is write.block for block in transaction.get_connection().atomic_blocks):
        return None
    return write


def _remembered_actor() -> User | None:
    write = current_plan_write()
    return write.actor if write else None


def _request_user() -> User | None:
    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def plan_actor_for(instance=None) -> User | None:
    """Who saved `instance`: the user it names, else the plan write's actor, else the request's user."""
    named = getattr(instance, "_history_user", None)
    return named or _remembered_actor() or _request_user()
