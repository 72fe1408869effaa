"""Site-wide views: the home page sends signed-in people to their projects."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect


@login_required
def home(request):
    return redirect("projects:list")
