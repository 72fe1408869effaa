"""Browser sessions end: SESSION_IDLE_TIMEOUT after the last request, SESSION_ABSOLUTE_TIMEOUT after sign-in.

The session records when it began (at sign-in) and when it was last used (at most once per
ACTIVITY_RESOLUTION, so that reading a page does not also write the session). An expired
session is ended and its person sent to sign in with a message; an htmx request gets HX-Redirect, as a
redirect would only swap the login page into a fragment. API clients signed in by session simply
stop being signed in (401/403), like any signed-out client.
"""

import time
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

STARTED_KEY = "_session_started"
LAST_ACTIVITY_KEY = "_session_last_activity"


@receiver(user_logged_in, dispatch_uid="pmo_portal.session_expiry.stamp")
def stamp_session_start(sender, request, user, **kwargs):
    """A new sign-in starts the clock of its session (the form, the admin and force_login alike)."""
    session = getattr(request, "session", None)
    if session is not None:
        now = time.time()
        session[STARTED_KEY] = now
        session[LAST_ACTIVITY_KEY] = now


def session_expired(session, now: float) -> bool:
    """Whether a session with these stamps has outlived the idle or the absolute timeout."""
    started = session.get(STARTED_KEY)
    last_activity = session.get(LAST_ACTIVITY_KEY, started)
    if started is None:
        return False
    idle = settings.SESSION_IDLE_TIMEOUT.total_seconds()
    absolute = settings.SESSION_ABSOLUTE_TIMEOUT.total_seconds()
    return now - last_activity > idle or now - started > absolute


class SessionExpiryMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and hasattr(request, "session"):
            response = self.check(request)
            if response is not None:
                return response
        return self.get_response(request)

    def check(self, request):
        session = request.session
        now = time.time()
        if STARTED_KEY not in session:
            # Signed in before sessions were stamped: its clock starts now.
            session[STARTED_KEY] = session[LAST_ACTIVITY_KEY] = now
            return None
        if not session_expired(session, now):
            if now - session.get(LAST_ACTIVITY_KEY, 0) >= settings.ACTIVITY_RESOLUTION.total_seconds():
                session[LAST_ACTIVITY_KEY] = now
            return None
        logout(request)
        messages.warning(request, _("Your session has expired. Please sign in again."))
        if getattr(request, "htmx", False):
            # The page the person is on, not the fragment it asked for.
            current = urlsplit(request.htmx.current_url or "")
            next_path = current.path + (f"?{current.query}" if current.query else "")
            next_path = next_path or request.get_full_path()
            return HttpResponseClientRedirect(redirect_to_login(next_path).url)
        # Pages that need a signed-in person send them to sign in with the page they wanted; the
        # login page shows the message; the API answers as to anyone signed out.
        return None
