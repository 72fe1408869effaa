"""The reminders page: the signed-in person's in-app reminders of overdue reviews and actions."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from risks.selectors.reminders import reminder_list

REMINDERS_PAGE_SIZE = 50


@login_required
def reminders(request):
    """The user's reminders, newest first, each linking to its risk."""
    page = Paginator(reminder_list(user=request.user), REMINDERS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "risks/reminders.html", {"page": page, "total": page.paginator.count})
