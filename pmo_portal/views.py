"""Site-wide views: the home page sends signed-in people to their projects; the 403 and 404 pages."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist
from django.shortcuts import redirect
from django.views import defaults

from pmo_portal.signals import request_refused


@login_required
def home(request):
    """Send signed-in people to the project list; login_required sends the others to sign in."""
    return redirect("projects:list")


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
