"""Governance pages: the installation's PMO settings and the audit log."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from governance import policy, selectors, services
from governance.forms import AuditFilterForm, PmoSettingsForm

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
