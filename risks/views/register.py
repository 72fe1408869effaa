"""The project's risk register page: the filtered, sorted, paged list beside the heat maps, and the row
edits made in place with htmx (probability, impact, a workflow move, occurring). Adapters only: the
selectors read, the services decide and write."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance.risk_standards import RiskStandards
from governance.selectors import risk_standards
from risks.forms.risks import OccurForm, RatingForm, RegisterFilterForm, rating_choices
from risks.models import Risk, RiskStatus
from risks.selectors import register as register_selectors
from risks.selectors.register import RegisterRights, register_rights
from risks.services import risk_occur, risk_transition, risk_update
from risks.services.risks import NEXT_STATUSES
from risks.views.access import error_lines, project_or_404, risk_or_404

PAGE_SIZE = 25
RATED_FIELDS = ("probability", "impact")


@dataclass(frozen=True)
class RiskRow:
    """One risk as its register row shows it, with what the reader may do to it there."""

    risk: Risk
    level: str
    category_label: str
    emv: Decimal
    residual_score: int | None
    residual_level: str
    review_overdue: bool
    may_edit: bool
    moves: list[tuple[str, str]]


def row_of(risk: Risk, *, standards: RiskStandards, rights: RegisterRights, today: datetime.date) -> RiskRow:
    """The row of `risk`, computed from the row alone (no query)."""
    residual_score = risk.residual_score
    may_edit = rights.may_edit(risk) and risk.is_open
    labels = dict(RiskStatus.choices)
    moves = [(str(status), labels[status]) for status in NEXT_STATUSES.get(risk.status, ())]
    if risk.is_open:
        moves.append((RiskStatus.OCCURRED.value, _("It happened")))
    return RiskRow(
        risk=risk,
        level=standards.level_of(risk.score),
        category_label=standards.category_label(risk.category) if risk.category else "",
        emv=risk.expected_monetary_value(standards),
        residual_score=residual_score,
        residual_level=standards.level_of(residual_score) if residual_score is not None else "",
        review_overdue=bool(risk.is_open and risk.review_date and risk.review_date < today),
        may_edit=may_edit,
        moves=moves if may_edit else [],
    )


@login_required
def risk_register(request, project_id: int):
    """The project's risks, filtered, sorted and a page at a time, beside the inherent and residual heat
    maps of its open risks; each row edits its ratings and status in place."""
    project = project_or_404(request.user, project_id)
    standards = risk_standards()
    today = timezone.localdate()
    filter_form = RegisterFilterForm(request.GET, project=project, standards=standards)
    filters = filter_form.filters()
    risks = register_selectors.risk_register(
        user=request.user, project_id=project.pk, standards=standards, today=today, **filters
    )
    page = Paginator(risks, PAGE_SIZE).get_page(request.GET.get("page"))
    rights = register_rights(user=request.user, project=project)
    inherent, residual = register_selectors.risk_heat_maps(
        user=request.user, project_id=project.pk, standards=standards
    )
    return render(
        request,
        "risks/register.html",
        {
            "project": project,
            "filter_form": filter_form,
            "page_obj": page,
            "rows": [row_of(risk, standards=standards, rights=rights, today=today) for risk in page],
            "rights": rights,
            "ratings": rating_choices(standards),
            "heat_maps": [(_("Inherent risk"), inherent, ""), (_("Residual risk"), residual, "residual_")],
            "standards": standards,
        },
    )


def _row_answer(request, project, risk_id: int, *, errors=None, occur_form=None, changed=False, status=200):
    """The risk's row re-read and rendered (htmx swaps it in place), or back to the register."""
    if not request.htmx:
        for line in errors or []:
            messages.error(request, line)
        return redirect("risks:register", project_id=project.pk)
    standards = risk_standards()
    risk = risk_or_404(request.user, project, risk_id, standards)
    rights = register_rights(user=request.user, project=project)
    response = render(
        request,
        "risks/_partials/risk_row.html",
        {
            "project": project,
            "row": row_of(risk, standards=standards, rights=rights, today=timezone.localdate()),
            "ratings": rating_choices(standards),
            "row_errors": errors or [],
            "occur_form": occur_form,
        },
        # htmx swaps only a success: a refusal is shown in the row it concerns.
        status=status,
    )
    if changed:
        # The heat maps beside the list count the new ratings and statuses.
        response["HX-Trigger"] = "riskChanged"
    return response


def _editable_risk(request, project, risk_id: int) -> Risk:
    risk = risk_or_404(request.user, project, risk_id, risk_standards())
    if not register_rights(user=request.user, project=project).may_edit(risk):
        if risk.escalated:
            raise PermissionDenied(_("This risk has escalated: under a directive PMO only the PMO edits it."))
        raise PermissionDenied(_("You are not allowed to edit the risks and issues of this project."))
    return risk


@login_required
def risk_row(request, project_id: int, risk_id: int):
    """One register row as it stands (htmx puts it back when an occurring is cancelled)."""
    project = project_or_404(request.user, project_id)
    risk_or_404(request.user, project, risk_id, risk_standards())
    return _row_answer(request, project, risk_id)


@login_required
@require_POST
def risk_rate(request, project_id: int, risk_id: int):
    """Change the probability or the impact of a risk from its row; the row comes back with its new
    score and level, or with the refusal naming the field and nothing saved."""
    project = project_or_404(request.user, project_id)
    risk = _editable_risk(request, project, risk_id)
    field = next((name for name in RATED_FIELDS if name in request.POST), None)
    if field is None:
        return _row_answer(request, project, risk.pk, errors=[_("Choose a probability or an impact.")])
    form = RatingForm(request.POST, field=field, standards=risk_standards())
    if not form.is_valid():
        label = form.fields[field].label
        lines = [f"{label}: {message}" for message in form.errors[field]]
        return _row_answer(request, project, risk.pk, errors=lines)
    try:
        risk_update(actor=request.user, risk=risk, changes={field: form.cleaned_data[field]})
    except ValidationError as error:
        return _row_answer(request, project, risk.pk, errors=error_lines(Risk, error))
    return _row_answer(request, project, risk.pk, changed=True)


@login_required
@require_POST
def risk_move(request, project_id: int, risk_id: int):
    """Move a risk on in its workflow from its row. "It happened" first asks for the issue's fields in
    the row, then opens the issue with the risk occurred, both or neither."""
    project = project_or_404(request.user, project_id)
    risk = _editable_risk(request, project, risk_id)
    to_status = request.POST.get("status", "")
    try:
        if to_status == RiskStatus.OCCURRED:
            occur_form = OccurForm(request.POST, project=project)
            if "confirm" not in request.POST:
                return _row_answer(request, project, risk.pk, occur_form=OccurForm(project=project))
            if not occur_form.is_valid():
                return _row_answer(
                    request,
                    project,
                    risk.pk,
                    occur_form=occur_form,
                    errors=[_("The issue was not opened: correct the fields marked.")],
                )
            data = {name: value for name, value in occur_form.cleaned_data.items() if value}
            issue = risk_occur(actor=request.user, risk=risk, **data)
            messages.success(
                request, _("The risk became issue I-%(number)d in the issue log.") % {"number": issue.pk}
            )
        else:
            risk_transition(actor=request.user, risk=risk, to_status=to_status)
    except ValidationError as error:
        return _row_answer(request, project, risk.pk, errors=error_lines(Risk, error))
    return _row_answer(request, project, risk.pk, changed=True)
