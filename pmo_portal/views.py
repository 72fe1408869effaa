"""Site-wide views: the home page sends signed-in people to their projects; the sign-in lockout page."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from governance import lockouts


@login_required
def home(request):
    """Send signed-in people to the project list; login_required sends the others to sign in."""
    return redirect("projects:list")


def sign_in_locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a refused sign-in (AXES_LOCKOUT_CALLABLE): 429, the wait, a way back.

    The same page for known and unknown usernames, so it tells nothing about which accounts exist.
    """
    username = (credentials or {}).get("username")
    remaining = lockouts.lockout_remaining(request, username)
    response = render(
        request,
        "registration/locked_out.html",
        {"message": lockouts.lockout_message(remaining)},
        status=429,
    )
    response["Retry-After"] = str(lockouts.wait_seconds(remaining))
    return response
