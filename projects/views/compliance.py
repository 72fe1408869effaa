"""The PMO's compliance view across projects."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _

from governance import policy
from projects.forms.compliance import ComplianceFilterForm
from projects.selectors.compliance import compliance_overview

COMPLIANCE_PAGE_SIZE = 50


@login_required
def compliance_list(request):
    """Open projects by compliance score, lowest first; filters: portfolio, PMO type, score band."""
    if not policy.may_view_compliance_overview(request.user):
        raise PermissionDenied(_("Only PMO staff and admins see compliance across projects."))
    form = ComplianceFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    portfolio = filters.get("portfolio")
    rows = compliance_overview(
        user=request.user,
        portfolio_id=portfolio.pk if portfolio else None,
        pmo_type=filters.get("pmo_type", ""),
        band=filters.get("band", ""),
    )
    page = Paginator(rows, COMPLIANCE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "projects/compliance_list.html",
        {"form": form, "page_obj": page, "rows": page.object_list},
        status=200 if form.is_valid() or not request.GET else 400,
    )
