"""The PMO's own performance page."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _

from governance import policy
from reports.forms.performance import PerformanceFilterForm
from reports.selectors.performance import DEFAULT_QUARTERS, pmo_performance


@login_required
def pmo_performance_page(request):
    """On-time delivery, on-budget rate and the actives' averages by quarter and by portfolio."""
    if not policy.may_view_pmo_performance(request.user):
        raise PermissionDenied(_("Only PMO staff and admins see the PMO's own performance."))
    form = PerformanceFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    portfolio = filters.get("portfolio")
    performance = pmo_performance(
        quarters=filters.get("quarters") or DEFAULT_QUARTERS, portfolio_id=portfolio.pk if portfolio else None
    )
    table = performance.table
    portfolios = [
        {"portfolio": portfolio, "rows": table.by_portfolio[portfolio.pk]}
        for portfolio in performance.portfolios
    ]
    return render(
        request,
        "reports/pmo_performance.html",
        {"form": form, "performance": performance, "table": table, "portfolios": portfolios},
        status=200 if form.is_valid() or not request.GET else 400,
    )
