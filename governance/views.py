"""Governance pages: the installation's PMO settings, a person's own API tokens, the audit log, and the
page of a sign-in refused by the lockout."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from governance import lockouts, policy, selectors, services
from governance.forms import ApiTokenForm, AuditFilterForm, ChangeAuthorityForm, PmoSettingsForm

AUDIT_PAGE_SIZE = 50


@login_required
def pmo_settings_edit(request):
    """Show the PMO type and default currency to admins and PMO staff; only admins change them.

    PMO staff get the same page read-only (the form disabled, no save button); their POST is refused
    with 403, like anyone else's who may not configure the PMO.
    """
    if not policy.may_view_pmo_settings(request.user):
        raise PermissionDenied(_("Only admins and PMO staff may see the PMO settings."))
    may_change = policy.may_configure_pmo(request.user)
    if request.method == "POST" and not may_change:
        raise PermissionDenied(_("Only an admin may change the PMO settings."))
    current = selectors.pmo_settings()
    form = PmoSettingsForm(
        request.POST or None,
        initial={"pmo_type": current.pmo_type, "default_currency": current.default_currency},
        read_only=not may_change,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.pmo_settings_update(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("PMO settings saved."))
            return redirect("governance:settings")
    return render(
        request,
        "governance/pmo_settings.html",
        {"form": form, "settings_row": current, "may_change": may_change},
    )


# Where a new token's key waits for the one page that shows it (popped there, so shown once).
NEW_TOKEN_SESSION_KEY = "governance_new_api_token"  # noqa: S105 - a session key name, not a secret


@never_cache
@login_required
def api_tokens(request):
    """List the person's live API tokens and make new ones; a new token's key is shown once.

    A creation redirects (so that reloading the page makes no second token) and the key waits in the
    session for that one next page, which removes it.
    """
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            token, key = services.api_token_create(user=request.user, name=form.cleaned_data["name"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            request.session[NEW_TOKEN_SESSION_KEY] = {"id": token.pk, "key": key}
            return redirect("api_tokens")
    tokens = list(selectors.api_tokens_of(user=request.user))
    waiting = request.session.pop(NEW_TOKEN_SESSION_KEY, None)
    created = None
    if waiting is not None:
        token = next((token for token in tokens if token.pk == waiting["id"]), None)
        if token is not None:
            created = {"token": token, "key": waiting["key"]}
    return render(
        request,
        "governance/api_tokens.html",
        {
            "form": form,
            "tokens": tokens,
            "created": created,
            "lifetime_days": settings.API_TOKEN_LIFETIME.days,
        },
    )


@login_required
@require_POST
def api_token_revoke(request, token_id: int):
    """Revoke one of the person's own tokens; another person's is not found."""
    token = get_object_or_404(selectors.api_tokens_of(user=request.user), pk=token_id)
    services.api_token_revoke(actor=request.user, token=token)
    messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return redirect("api_tokens")


@login_required
def audit_log(request):
    """The audit log, newest first, filtered by event, outcome, username and days; admins only."""
    if not policy.may_read_audit_log(request.user):
        raise PermissionDenied(_("Only an admin may read the audit log."))
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    events = selectors.audit_event_list(**{name: value for name, value in filters.items() if value})
    page = Paginator(events, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "governance/audit_log.html",
        {
            "form": form,
            "page_obj": page,
            "page_range": page.paginator.get_elided_page_range(page.number),
            "events": page.object_list,
        },
        status=200 if form.is_valid() or not request.GET else 400,
    )


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


@login_required
def change_authority_edit(request):
    """The change authority tiers of each PMO type: admins change them, PMO staff read them.

    All three PMO types are saved together, or none when any form is wrong.
    """
    if not policy.may_view_pmo_settings(request.user):
        raise PermissionDenied(_("Only admins and PMO staff may see the change authority."))
    may_change = policy.may_configure_change_authority(request.user)
    if request.method == "POST" and not may_change:
        raise PermissionDenied(_("Only an admin may change the change authority."))
    rows = selectors.change_authority_tiers()
    forms = [
        ChangeAuthorityForm(request.POST or None, instance=row, prefix=row.pmo_type, read_only=not may_change)
        for row in rows
    ]
    if request.method == "POST" and all([form.is_valid() for form in forms]):
        try:
            with transaction.atomic():
                for row, form in zip(rows, forms, strict=True):
                    services.change_authority_update(
                        actor=request.user, pmo_type=row.pmo_type, **form.cleaned_data
                    )
        except ValidationError as error:
            forms[0].add_error(None, error)
        else:
            messages.success(request, _("Change authority saved."))
            return redirect("governance:change_authority")
    return render(
        request,
        "governance/change_authority.html",
        {"tiers": list(zip(rows, forms, strict=True)), "may_change": may_change},
    )
