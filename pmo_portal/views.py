"""Site-wide views: the home page sends signed-in people to their projects."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect


@login_required
def home(request):
    """Send signed-in people to the project list; login_required sends the others to sign in."""
    return redirect("projects:list")
