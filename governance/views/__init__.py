"""Governance pages: the installation's PMO settings, the methodologies, a person's own API tokens, the
audit log, and the page of a sign-in refused by the lockout."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from governance import lockouts, policy, selectors, services
from governance.forms import (
    ApiTokenForm,
    AuditFilterForm,
    ChangeAuthorityForm,
    ComplianceWeightsForm,
    MethodologyCreateForm,
    MethodologyDraftForm,
    PhaseFormSet,
    PmoSettingsForm,
    StandardRiskFormSet,
    chosen_phases,
    chosen_risks,
    phase_initial,
)
from governance.models import Methodology

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


METHODOLOGY_PAGE_SIZE = 50


@login_required
def methodology_list(request):
    """Every methodology with its published version; PMO staff and admins may create and edit them."""
    page = Paginator(selectors.methodology_list(), METHODOLOGY_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "governance/methodology_list.html",
        {
            "page_obj": page,
            "methodologies": page.object_list,
            "may_edit": policy.may_edit_methodologies(request.user),
        },
    )


def _methodology_or_404(methodology_id: int) -> Methodology:
    try:
        return selectors.methodology_detail(methodology_id=methodology_id)
    except Methodology.DoesNotExist as error:
        raise Http404(_("No such methodology.")) from error


def _require_editor(user) -> None:
    if not policy.may_edit_methodologies(user):
        raise PermissionDenied(_("Only PMO staff and admins may change methodologies."))


@login_required
def methodology_detail(request, methodology_id: int):
    """One methodology and every version it had, newest first, each with its phases and gates."""
    methodology = _methodology_or_404(methodology_id)
    versions = list(methodology.versions.all())
    return render(
        request,
        "governance/methodology_detail.html",
        {
            "methodology": methodology,
            "versions": versions,
            "draft": versions[0] if versions and not versions[0].is_published else None,
            "may_edit": policy.may_edit_methodologies(request.user),
        },
    )


@login_required
def methodology_create(request):
    """Create a methodology (PMO staff and admins); its draft version 1 opens in the editor."""
    _require_editor(request.user)
    form = MethodologyCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            methodology = services.methodology_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Methodology “%(name)s” created.") % {"name": methodology.name})
            return redirect("governance:methodology_edit", methodology_id=methodology.pk)
    return render(request, "governance/methodology_create.html", {"form": form})


@login_required
@require_POST
def methodology_draft(request, methodology_id: int):
    """Open the methodology's draft, starting one copied from the newest version if all are published."""
    _require_editor(request.user)
    methodology = _methodology_or_404(methodology_id)
    services.methodology_draft_start(actor=request.user, methodology=methodology)
    return redirect("governance:methodology_edit", methodology_id=methodology.pk)


def _editor_forms(request, methodology: Methodology, draft):
    data = request.POST if request.method == "POST" else None
    form = MethodologyDraftForm(
        data,
        initial={
            "name": methodology.name,
            "description": methodology.description,
            "report_cadence": draft.report_cadence,
            "change_notes": draft.change_notes,
        },
    )
    phases = PhaseFormSet(data, initial=phase_initial(draft), prefix="phases")
    risks = StandardRiskFormSet(data, initial=draft.standard_risks, prefix="risks")
    return form, phases, risks


def _service_errors(error: ValidationError, form) -> list[str]:
    """Put the errors the form can show on it; return the others (phases, risks) for the page."""
    if not hasattr(error, "error_dict"):
        return error.messages
    others = []
    for field_name, field_errors in error.error_dict.items():
        if field_name in form.fields:
            form.add_error(field_name, field_errors)
        else:
            others.extend(message for field_error in field_errors for message in field_error.messages)
    return others


@login_required
def methodology_edit(request, methodology_id: int):
    """Edit the methodology's draft: phases in order, gates, checklists, deliverables, reviewers, cadence
    and standard risks. Without a draft the page offers to start one."""
    _require_editor(request.user)
    methodology = _methodology_or_404(methodology_id)
    versions = list(methodology.versions.all())
    draft = versions[0] if versions and not versions[0].is_published else None
    if draft is None:
        return render(
            request, "governance/methodology_edit.html", {"methodology": methodology, "draft": None}
        )
    form, phases, risks = _editor_forms(request, methodology, draft)
    errors = []
    if request.method == "POST" and all([form.is_valid(), phases.is_valid(), risks.is_valid()]):
        try:
            services.methodology_version_update(
                actor=request.user,
                version=draft,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                report_cadence=form.cleaned_data["report_cadence"],
                change_notes=form.cleaned_data["change_notes"],
                phases=chosen_phases(phases),
                standard_risks=chosen_risks(risks),
            )
        except ValidationError as error:
            errors = _service_errors(error, form)
        else:
            messages.success(request, _("Draft version %(number)s saved.") % {"number": draft.number})
            return redirect("governance:methodology_edit", methodology_id=methodology.pk)
    return render(
        request,
        "governance/methodology_edit.html",
        {
            "methodology": methodology,
            "draft": draft,
            "form": form,
            "phases": phases,
            "risks": risks,
            "errors": errors,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def methodology_publish(request, methodology_id: int):
    """Publish the methodology's draft: new projects follow it from now on and it never changes again."""
    _require_editor(request.user)
    methodology = _methodology_or_404(methodology_id)
    versions = list(methodology.versions.all())
    if not versions or versions[0].is_published:
        messages.error(request, _("There is no draft to publish."))
        return redirect("governance:methodology_detail", methodology_id=methodology.pk)
    try:
        version = services.methodology_version_publish(actor=request.user, version=versions[0])
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("governance:methodology_edit", methodology_id=methodology.pk)
    messages.success(request, _("Version %(number)s published.") % {"number": version.number})
    return redirect("governance:methodology_detail", methodology_id=methodology.pk)


@login_required
@require_POST
def methodology_retire(request, methodology_id: int):
    """Stop offering the methodology to new projects; those following it keep it."""
    _require_editor(request.user)
    methodology = services.methodology_retire(
        actor=request.user, methodology=_methodology_or_404(methodology_id)
    )
    messages.success(
        request, _("“%(name)s” is no longer offered to new projects.") % {"name": methodology.name}
    )
    return redirect("governance:methodology_detail", methodology_id=methodology.pk)


@login_required
@require_POST
def methodology_reactivate(request, methodology_id: int):
    """Offer a retired methodology to new projects again."""
    _require_editor(request.user)
    methodology = services.methodology_reactivate(
        actor=request.user, methodology=_methodology_or_404(methodology_id)
    )
    messages.success(request, _("“%(name)s” is offered to new projects again.") % {"name": methodology.name})
    return redirect("governance:methodology_detail", methodology_id=methodology.pk)


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


@login_required
@never_cache
def compliance_weights_edit(request):
    """What each compliance finding takes off a score: admins change them, PMO staff read them."""
    if not policy.may_view_pmo_settings(request.user):
        raise PermissionDenied(_("Only admins and PMO staff may see the compliance weights."))
    may_change = policy.may_configure_pmo(request.user)
    if request.method == "POST" and not may_change:
        raise PermissionDenied(_("Only an admin may change the compliance weights."))
    form = ComplianceWeightsForm(
        request.POST or None, instance=selectors.pmo_settings(), read_only=not may_change
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.compliance_weights_update(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Compliance weights saved."))
            return redirect("governance:compliance_weights")
    status = 400 if request.method == "POST" else 200
    return render(
        request, "governance/compliance_weights.html", {"form": form, "may_change": may_change}, status=status
    )


# The standards pages live in their own module; the URLs name them from here as any other view.
from governance.views.standards import (  # noqa: E402
    exchange_rate_delete,
    exchange_rates,
    health_standards_edit,
    risk_standards_edit,
)

__all__ = [
    "api_token_revoke",
    "api_tokens",
    "audit_log",
    "change_authority_edit",
    "compliance_weights_edit",
    "exchange_rate_delete",
    "exchange_rates",
    "health_standards_edit",
    "risk_standards_edit",
    "methodology_create",
    "methodology_detail",
    "methodology_draft",
    "methodology_edit",
    "methodology_list",
    "methodology_publish",
    "methodology_reactivate",
    "methodology_retire",
    "pmo_settings_edit",
    "sign_in_locked_out",
]
