"""Site-wide views: the home page (the portfolio dashboard, or the person's own work), the 403 and 404."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views import defaults

from pmo_portal.signals import request_refused
from projects.selectors.my_work import my_work


def reads_the_portfolio(user) -> bool:
    """PMO staff, admins and sponsors start from the portfolio; a sponsor who also manages or works on
    projects starts, like every PM and team member, from their own work."""
    if user.is_superuser or user.is_pmo_staff:
        return True
    return user.is_sponsor and not (user.is_project_manager or user.is_team_member)


def portfolio_dashboard_url() -> str:
    """The portfolio dashboard (reports:dashboard), or the project list until it is installed."""
    try:
        return reverse("reports:dashboard")
    except NoReverseMatch:
        return reverse("projects:list")


@login_required
def home(request):
    """The portfolio dashboard for PMO staff, admins and sponsors; "my projects and my tasks" for the
    others. login_required sends people not signed in to sign in."""
    if reads_the_portfolio(request.user):
        return redirect(portfolio_dashboard_url())
    return render(request, "home.html", {"work": my_work(user=request.user, today=timezone.localdate())})


def _view_kwargs(request) -> dict:
    match = getattr(request, "resolver_match", None)
    return dict(match.kwargs) if match is not None else {}


def permission_denied(request, exception):
    """Django's 403 page (templates/403.html), the refusal announced to the audit log first."""
    request_refused.send(
        sender=permission_denied,
        request=request,
        status=403,
        error=exception,
        view_kwargs=_view_kwargs(request),
    )
    return defaults.permission_denied(request, exception)


def page_not_found(request, exception):
    """Django's 404 page (templates/404.html); a refused object look-up is announced to the audit log.

    An object look-up is a 404 raised while handling the DoesNotExist of a visibility-filtered query
    (`raise Http404(...) from error`, get_object_or_404); an address that names no page is not one.
    """
    lookup = exception.__cause__ or exception.__context__
    if isinstance(lookup, ObjectDoesNotExist):
        request_refused.send(
            sender=page_not_found,
            request=request,
            status=404,
            error=lookup,
            view_kwargs=_view_kwargs(request),
        )
    return defaults.page_not_found(request, exception)
