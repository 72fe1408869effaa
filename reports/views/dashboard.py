"""The portfolio dashboard: the figures of the projects the person sees, filtered and grouped."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _

from governance import policy
from reports import charts
from reports.forms.dashboard import DashboardFilterForm
from reports.selectors.dashboard import groups_of, portfolio_dashboard


@login_required
def portfolio_dashboard_page(request):
    """PMO staff, admins, sponsors and PMs: counts, charts, slipped milestones and the projects shown."""
    if not policy.may_view_portfolio_dashboard(request.user):
        raise PermissionDenied(_("The portfolio dashboard is for PMO staff, sponsors and project managers."))
    form = DashboardFilterForm(request.GET)
    form.is_valid()
    number, size = form.page_wanted()
    dashboard = portfolio_dashboard(user=request.user, filters=form.filters(), page=number, page_size=size)
    form.offer(dashboard.choices)
    context = {
        "form": form,
        "dashboard": dashboard,
        "groups": groups_of(dashboard.page.object_list, dashboard.filters.group_by),
        "page_obj": dashboard.page,
        "page_range": dashboard.page.paginator.get_elided_page_range(dashboard.page.number),
        "charts": {
            "scatter": charts.spi_cpi_scatter(dashboard),
            "budget": charts.budget_bars(dashboard),
            "bands": charts.health_band_weeks(dashboard),
            "trend": charts.index_trend(dashboard),
        },
    }
    return render(request, "reports/portfolio_dashboard.html", context)
