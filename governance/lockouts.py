"""Reads of django-axes' sign-in counts: how long a locked-out person waits, and how to say it.

The portal's lockout answers (the page in pmo_portal, 429 on the API) ask here, so both show the same
wait in the same words.
"""

import math
from datetime import timedelta

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off, get_failure_limit
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import ngettext

# Never tell a locked-out person to retry in 0 minutes.
SHORTEST_WAIT = timedelta(seconds=1)


def lockout_remaining(request, username: str | None) -> timedelta:
    """How long until the request's address and `username` may try to sign in again.

    An upper bound: each count (the account's, the address's) that reached the limit ends a cool-off
    after its latest failure, and the wait is the longest of them.
    """
    cool_off = get_cool_off(request) or timedelta(0)
    credentials = {"username": username}
    handler = AxesProxyHandler.get_implementation()
    limit = get_failure_limit(request, credentials)
    ends = []
    for attempts in handler.get_user_attempts(request, credentials):
        totals = attempts.aggregate(failures=Sum("failures_since_start"), latest=Max("attempt_time"))
        if (totals["failures"] or 0) >= limit and totals["latest"] is not None:
            ends.append(totals["latest"] + cool_off)
    end = max(ends, default=timezone.now() + cool_off)
    return max(end - timezone.now(), SHORTEST_WAIT)


def wait_seconds(remaining: timedelta) -> int:
    """Whole seconds to wait, rounded up, for a Retry-After header."""
    return max(1, math.ceil(remaining.total_seconds()))


def lockout_message(remaining: timedelta) -> str:
    """The one message of a lockout, for unknown and known accounts alike, with the wait in minutes."""
    minutes = max(1, math.ceil(remaining.total_seconds() / 60))
    return ngettext(
        "Too many failed sign-in attempts. Signing in is paused; try again in %(minutes)d minute.",
        "Too many failed sign-in attempts. Signing in is paused; try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}
