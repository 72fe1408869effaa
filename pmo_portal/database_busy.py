"""A database too busy to take a write in time answers 503 with Retry-After, never a bare 500.

On the embedded SQLite default one writer holds the lock at a time; the settings make the others wait
(the busy timeout). A change still waiting when the timeout runs out is refused with a message that
says to try again, and nothing of it was saved: the transaction never began.
"""

from django.db import OperationalError
from django.shortcuts import render
from django.utils.translation import gettext as _

RETRY_AFTER_SECONDS = 5

# What SQLite says when its lock could not be had in time; PostgreSQL waits instead.
_BUSY_MESSAGES = ("database is locked", "database table is locked")


def is_database_busy(error: BaseException) -> bool:
    return isinstance(error, OperationalError) and any(text in str(error) for text in _BUSY_MESSAGES)


def busy_message() -> str:
    return _(
        "Someone else is saving a change at this moment. Nothing of yours was saved; "
        "try again in a few seconds."
    )


class DatabaseBusyMiddleware:
    """Pages: the 503 page instead of the 500 page when the database was too busy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_busy(exception):
            return None
        response = render(request, "503.html", {"message": busy_message()}, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
