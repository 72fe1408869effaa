"""The risk pages across projects: the PMO's risk queue (escalated risks, signed off under a controlling
PMO) and the portfolio risk view (heat maps, the worst risks, what is overdue, contingency reserves).

Who may open them is policy.may_view_portfolio_risks; what each person sees is the projects' visibility
(risks.selectors). Amounts stay in their project's currency, shown beside each figure.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance import policy
from governance.risk_standards import RISK_LEVEL_LABELS, RiskStandards
from governance.selectors import installation_pmo_type, risk_standards
from risks.forms.portfolio import PortfolioRiskForm, RiskQueueForm
from risks.models import Risk
from risks.selectors.portfolio import (
    contingency_reserves,
    heat_cell_risks,
    open_risks,
    overdue_response_actions,
    overdue_reviews,
    risk_heat_maps,
    risk_queue,
    top_threats_by_emv,
)
from risks.selectors.risks import risk_list
from risks.services import risk_sign_off_response

QUEUE_PAGE_SIZE = 50
TOP_COUNT = 10
# The overdue lists and a heat-map cell show this many rows, and say how many there are in all.
LIST_LIMIT = 25


def _require_viewer(user) -> None:
    if not policy.may_view_portfolio_risks(user):
        raise PermissionDenied(
            _("The risk pages across projects are for PMO staff, sponsors and project managers.")
        )


def _described(risks, standards: RiskStandards, today=None) -> list[Risk]:
    """The risks with what their row shows in the reader's words: category, EMV, days overdue."""
    described = list(risks)
    for risk in described:
        risk.category_text = standards.category_label(risk.category) if risk.category else ""
        risk.emv = risk.expected_monetary_value(standards)
        if today is not None and risk.review_date is not None:
            risk.days_overdue = (today - risk.review_date).days
    return described


@login_required
def portfolio_risks_page(request):
    """The open risks of the projects the user sees, by portfolio and program: both heat maps, a cell's
    risks when one is clicked, the ten worst by score and by EMV, overdue reviews and actions, and each
    project's contingency reserve."""
    _require_viewer(request.user)
    standards = risk_standards()
    form = PortfolioRiskForm(request.GET or None, user=request.user, standards=standards)
    scope = form.scope()
    today = timezone.localdate()
    risks = open_risks(user=request.user, scope=scope, standards=standards)
    cell = form.chosen_cell()
    context = {"form": form, "standards": standards, "cell": cell, "list_limit": LIST_LIMIT}
    if cell is not None:
        side, probability, impact = cell
        in_cell = heat_cell_risks(risks, side=side, probability=probability, impact=impact)
        context["cell_risks"] = _described(in_cell[:LIST_LIMIT], standards)
        context["cell_count"] = in_cell.count()
        context.update(
            cell_side=side,
            cell_probability=probability,
            cell_impact=impact,
            cell_level=standards.level_of(probability * impact),
            cell_level_label=RISK_LEVEL_LABELS[standards.level_of(probability * impact)],
        )
    if request.htmx and request.htmx.target == "cell-risks" and not request.htmx.history_restore_request:
        response = render(request, "risks/_partials/heat_cell_risks.html", context)
        patch_vary_headers(response, ["HX-Request"])
        return response
    actions = overdue_response_actions(user=request.user, scope=scope, today=today)
    overdue = overdue_reviews(risks, today=today)
    context.update(
        heat_maps=risk_heat_maps(user=request.user, scope=scope, standards=standards),
        top_by_score=_described(risks[:TOP_COUNT], standards),
        top_by_emv=_described(top_threats_by_emv(risks)[:TOP_COUNT], standards),
        overdue_reviews=_described(overdue[:LIST_LIMIT], standards, today),
        overdue_review_count=overdue.count(),
        overdue_actions=[(action, (today - action.due_date).days) for action in actions[:LIST_LIMIT]],
        overdue_action_count=actions.count(),
        reserves=contingency_reserves(user=request.user, scope=scope, standards=standards),
    )
    response = render(request, "risks/portfolio_risks.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _queue_row_context(request, risk: Risk, *, pmo_type_of_installation: str, error: str = "") -> dict:
    pmo_type = policy.effective_pmo_type(
        portfolio_override=risk.project.portfolio.pmo_type_override,
        installation_type=pmo_type_of_installation,
    )
    return {
        "risk": risk,
        "needs_sign_off": policy.risk_response_needs_sign_off(pmo_type),
        "pmo_owns": policy.pmo_takes_escalated_risks(pmo_type),
        "may_sign_off": policy.may_sign_off_risk_response(request.user),
        "error": error,
    }


@login_required
def risk_queue_page(request):
    """The PMO's queue: the open escalated risks the user sees, worst first, filtered by portfolio,
    project, category and level; under a controlling PMO PMO staff sign off their responses here."""
    _require_viewer(request.user)
    standards = risk_standards()
    form = RiskQueueForm(request.GET or None, user=request.user, standards=standards)
    risks = risk_queue(
        user=request.user,
        scope=form.scope(),
        category=form.chosen_category(),
        level=form.chosen_level(),
        standards=standards,
    )
    page = Paginator(risks, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    installation_type = installation_pmo_type()
    rows = [
        _queue_row_context(request, risk, pmo_type_of_installation=installation_type)
        for risk in _described(page.object_list, standards)
    ]
    context = {
        "form": form,
        "rows": rows,
        "page_obj": page,
        "page_range": page.paginator.get_elided_page_range(page.number),
    }
    return render(request, "risks/risk_queue.html", context)


@login_required
@require_POST
def risk_sign_off(request, risk_id: int):
    """Sign off the response of an escalated risk (PMO staff and admins); an htmx request gets its
    queue row back, signed off or with the reason it was refused."""
    standards = risk_standards()
    visible = risk_list(user=request.user, standards=standards).prefetch_related(None)
    try:
        risk = visible.get(pk=risk_id)
    except Risk.DoesNotExist as missing:
        raise Http404(_("No such risk.")) from missing
    error = ""
    try:
        risk_sign_off_response(actor=request.user, risk=risk)
    except PermissionDenied as refusal:
        if not request.htmx:
            raise
        error = str(refusal) or _("You may not sign off this response.")
    except ValidationError as refusal:
        error = " ".join(refusal.messages)
    if not request.htmx:
        if error:
            messages.error(request, error)
        else:
            messages.success(request, _("The response of “%(risk)s” is signed off.") % {"risk": risk})
        return redirect("risk_portfolio:queue")
    risk = _described([visible.get(pk=risk_id)], standards)[0]
    context = _queue_row_context(request, risk, pmo_type_of_installation=installation_pmo_type(), error=error)
    return render(request, "risks/_partials/queue_row.html", context)
