"""Pages of the PMO's health and risk standards, the reporting currency and the exchange rates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from governance import policy, selectors, services
from governance.forms import ExchangeRateForm, HealthStandardsForm, ReportingCurrencyForm, RiskStandardsForm
from governance.health_standards import HEALTH_DIMENSIONS, worked_example
from governance.models import ExchangeRate
from governance.risk_standards import level_bands, probability_shares

EXCHANGE_RATE_PAGE_SIZE = 50


def add_service_errors(form, error: ValidationError, *, elsewhere: str | None = None) -> None:
    """Put a service's errors on the form's fields of the same name, the others above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, field_errors in error.error_dict.items():
        form.add_error(name if name in form.fields else elsewhere, field_errors)


@login_required
@never_cache
def health_standards_edit(request):
    """The health standards and how a score follows from them: admins change them, PMO staff read them."""
    if not policy.may_view_pmo_settings(request.user):
        raise PermissionDenied(_("Only admins and PMO staff may see the health standards."))
    may_change = policy.may_configure_pmo(request.user)
    if request.method == "POST" and not may_change:
        raise PermissionDenied(_("Only an admin may change the health standards."))
    standards = selectors.health_standards()
    form = HealthStandardsForm(request.POST or None, standards=standards, read_only=not may_change)
    if request.method == "POST" and form.is_valid():
        try:
            services.health_standards_update(actor=request.user, **form.service_arguments())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Health standards saved."))
            return redirect("governance:health_standards")
    example = worked_example(standards)
    return render(
        request,
        "governance/health_standards.html",
        {
            "form": form,
            "may_change": may_change,
            "standards": standards,
            "example": example,
            "dimension_count": len(HEALTH_DIMENSIONS),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@never_cache
def risk_standards_edit(request):
    """The risk standards, the bands they give and the EMV rule: admins change them, PMO staff read them."""
    if not policy.may_view_pmo_settings(request.user):
        raise PermissionDenied(_("Only admins and PMO staff may see the risk standards."))
    may_change = policy.may_configure_pmo(request.user)
    if request.method == "POST" and not may_change:
        raise PermissionDenied(_("Only an admin may change the risk standards."))
    standards = selectors.risk_standards()
    form = RiskStandardsForm(request.POST or None, standards=standards, read_only=not may_change)
    if request.method == "POST" and form.is_valid():
        try:
            services.risk_standards_update(actor=request.user, **form.service_arguments())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Risk standards saved."))
            return redirect("governance:risk_standards")
    return render(
        request,
        "governance/risk_standards.html",
        {
            "form": form,
            "may_change": may_change,
            "standards": standards,
            "bands": level_bands(standards),
            "shares": probability_shares(standards),
            "categories": [(name, standards.category_label(name)) for name in standards.categories],
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@never_cache
def exchange_rates(request):
    """The reporting currency, the rates in force today and every stored rate; admins and PMO staff set
    the currency and add rates (the `action` posted says which), everyone signed in reads them."""
    may_change = policy.may_keep_exchange_rates(request.user)
    if request.method == "POST" and not may_change:
        raise PermissionDenied(_("Only admins and PMO staff may keep the exchange rates."))
    action = request.POST.get("action") if request.method == "POST" else None
    settings_row = selectors.pmo_settings()
    currency_form = ReportingCurrencyForm(
        request.POST if action == "currency" else None,
        initial={"reporting_currency": settings_row.reporting_currency},
    )
    rate_form = ExchangeRateForm(
        request.POST if action == "rate" else None,
        initial={"to_currency": settings_row.reporting_currency, "valid_from": timezone.localdate()},
    )
    if action == "currency" and currency_form.is_valid():
        try:
            services.reporting_currency_update(actor=request.user, **currency_form.cleaned_data)
        except ValidationError as error:
            add_service_errors(currency_form, error)
        else:
            messages.success(request, _("Reporting currency saved."))
            return redirect("governance:exchange_rates")
    if action == "rate" and rate_form.is_valid():
        try:
            rate = services.exchange_rate_create(actor=request.user, **rate_form.cleaned_data)
        except ValidationError as error:
            add_service_errors(rate_form, error)
        else:
            messages.success(request, _("Exchange rate %(rate)s added.") % {"rate": rate})
            return redirect("governance:exchange_rates")
    today = timezone.localdate()
    paginator = Paginator(selectors.exchange_rate_list(), EXCHANGE_RATE_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "governance/exchange_rates.html",
        {
            "settings_row": settings_row,
            "currency_form": currency_form,
            "rate_form": rate_form,
            "may_change": may_change,
            "today": today,
            "in_force": selectors.rate_table().in_force(today),
            "page_obj": page,
            "page_range": page.paginator.get_elided_page_range(page.number),
            "rates": page.object_list,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def exchange_rate_delete(request, rate_id: int):
    """Delete one exchange rate (admins and PMO staff); the pair's earlier rate is in force again."""
    if not policy.may_keep_exchange_rates(request.user):
        raise PermissionDenied(_("Only admins and PMO staff may keep the exchange rates."))
    exchange_rate = get_object_or_404(ExchangeRate, pk=rate_id)
    services.exchange_rate_delete(actor=request.user, exchange_rate=exchange_rate)
    messages.success(request, _("Exchange rate %(rate)s deleted.") % {"rate": exchange_rate})
    return redirect("governance:exchange_rates")
