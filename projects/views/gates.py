"""Governance pages of a project: its section on the project page, the gate review page, the phase
move, a deliverable's form and file, and the waivers. Adapters only: services decide."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance import policy
from governance.models import DeliverableKind, PmoType
from projects.forms.errors import add_service_error
from projects.forms.gates import DeliverableForm, GateDecisionForm, WaiverForm
from projects.models import Deliverable, GateReview, Project
from projects.selectors import projects as project_selectors
from projects.selectors.gates import (
    deliverable_detail,
    gate_review_detail,
    project_deliverables,
    project_gates,
    project_governance,
    project_waiver_list,
)
from projects.selectors.memberships import assignee_candidates
from projects.services import deliverables as deliverable_services
from projects.services import gates as gate_services


def _visible_project_or_404(user, project_id: int) -> Project:
    try:
        return project_selectors.project_detail(user=user, project_id=project_id)
    except Project.DoesNotExist as error:
        raise Http404(_("No such project.")) from error


def _governance_url(project: Project) -> str:
    return reverse("projects:detail", args=[project.pk]) + "#governance"


def governance_context(user, project: Project) -> dict:
    """What the project page's governance section needs, in a fixed number of queries."""
    pmo_type = project_selectors.project_pmo_type(project)
    governance = project_governance(project)
    current_review = governance.current_review
    return {
        "governance": governance,
        "governance_pmo_type": PmoType(pmo_type).label,
        # No second request while the current gate's review is pending.
        "may_request_gate": policy.may_request_gate_review(
            user, project_manager_id=project.project_manager_id
        )
        and not (current_review is not None and current_review.is_pending),
        "may_review_deliverables": policy.may_accept_deliverable(
            user, pmo_type=pmo_type, project_manager_id=project.project_manager_id
        ),
        "may_grant_waiver": policy.may_grant_waiver(user),
        "phase_refusal": gate_services.phase_move_refusal(actor=user, project=project),
        "gate_advisory": policy.gate_review_is_advisory(pmo_type),
    }


def _service_refusal(request, error) -> None:
    if isinstance(error, gate_services.GateRefused):
        messages.error(request, error.message)
    elif isinstance(error, ValidationError):
        messages.error(request, " ".join(error.messages))
    else:
        raise error


@login_required
@require_POST
def gate_review_request(request, project_id: int):
    """The PM asks for the review of the current phase's gate."""
    project = _visible_project_or_404(request.user, project_id)
    try:
        gate_services.gate_review_request(
            actor=request.user, project=project, note=request.POST.get("note", "")
        )
    except (gate_services.GateRefused, ValidationError) as error:
        _service_refusal(request, error)
    else:
        messages.success(request, _("Gate review requested."))
    return redirect(_governance_url(project))


@login_required
@require_POST
def phase_move(request, project_id: int):
    """Move the project to its next phase, where the PMO type allows it now."""
    project = _visible_project_or_404(request.user, project_id)
    try:
        moved = gate_services.project_phase_move(
            actor=request.user, project=project, phase=request.POST.get("phase", "")
        )
    except gate_services.GateRefused as error:
        # The page offers no move it would refuse; a stale page gets the reason (the API answers 409).
        raise PermissionDenied(error.message) from error
    except ValidationError as error:
        _service_refusal(request, error)
    else:
        messages.success(request, _("The project moved to %(phase)s.") % {"phase": moved.get_phase_display()})
    return redirect(_governance_url(project))


@login_required
def gate_review(request, project_id: int, review_id: int):
    """A gate review: the checklist, the deliverables, and the decision form for its reviewers."""
    project = _visible_project_or_404(request.user, project_id)
    try:
        review = gate_review_detail(user=request.user, review_id=review_id)
    except GateReview.DoesNotExist as error:
        raise Http404(_("No such gate review.")) from error
    if review.project_id != project.pk:
        raise Http404(_("No such gate review."))
    form = GateDecisionForm(
        request.POST or None, checklist=review.checklist, members=assignee_candidates(project=project)
    )
    if request.method == "POST" and form.is_valid():
        try:
            gate_services.gate_review_decide(actor=request.user, review=review, **form.service_input())
        except gate_services.GateRefused as error:
            form.add_error(None, error.message)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Decision recorded."))
            return redirect(_governance_url(project))
    context = {
        "project": project,
        "review": review,
        "form": form,
        "deliverables": project_deliverables(project),
        "may_decide": review.is_pending
        and policy.may_decide_gate(
            request.user,
            pmo_type=project_selectors.project_pmo_type(project),
            reviewers=next(
                (list(gate.reviewers) for gate in project_gates(project) if gate.phase == review.phase), []
            ),
            is_sponsor=project.sponsor_id == request.user.pk,
        ),
    }
    return render(request, "projects/gate_review.html", context, status=400 if form.errors else 200)


@login_required
def deliverable_edit(request, project_id: int, kind: str):
    """The form of a required deliverable: upload a file or give an https link."""
    project = _visible_project_or_404(request.user, project_id)
    if not project_selectors.user_may_edit_project(user=request.user, project=project):
        raise PermissionDenied(_("You are not allowed to edit this project."))
    if kind not in DeliverableKind.values:
        raise Http404(_("No such deliverable."))
    form = DeliverableForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            deliverable_services.deliverable_save(
                actor=request.user,
                project=project,
                kind=kind,
                file=form.cleaned_data["file"],
                link=form.cleaned_data["link"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Deliverable saved as a draft."))
            return redirect(_governance_url(project))
    context = {"project": project, "form": form, "kind_label": DeliverableKind(kind).label}
    return render(request, "projects/deliverable_form.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def deliverable_action(request, project_id: int, deliverable_id: int):
    """Submit, accept or return a deliverable (the `action` field says which)."""
    project = _visible_project_or_404(request.user, project_id)
    try:
        deliverable = deliverable_detail(user=request.user, deliverable_id=deliverable_id)
    except Deliverable.DoesNotExist as error:
        raise Http404(_("No such deliverable.")) from error
    if deliverable.project_id != project.pk:
        raise Http404(_("No such deliverable."))
    action = request.POST.get("action", "")
    comment = request.POST.get("comment", "")
    try:
        if action == "submit":
            deliverable_services.deliverable_submit(actor=request.user, deliverable=deliverable)
        elif action == "accept":
            deliverable_services.deliverable_accept(
                actor=request.user, deliverable=deliverable, comment=comment
            )
        elif action == "return":
            deliverable_services.deliverable_return(
                actor=request.user, deliverable=deliverable, comment=comment
            )
        else:
            raise ValidationError({"action": _("Choose submit, accept or return.")})
    except ValidationError as error:
        _service_refusal(request, error)
    else:
        messages.success(request, _("Deliverable updated."))
    return redirect(_governance_url(project))


@login_required
def deliverable_file(request, project_id: int, deliverable_id: int):
    """A deliverable's file, to people who may see the project only (never a public media address)."""
    project = _visible_project_or_404(request.user, project_id)
    try:
        deliverable = deliverable_detail(user=request.user, deliverable_id=deliverable_id)
    except Deliverable.DoesNotExist as error:
        raise Http404(_("No such deliverable.")) from error
    if deliverable.project_id != project.pk or not deliverable.file:
        raise Http404(_("No such file."))
    name = deliverable.file.name.rsplit("/", 1)[-1]
    return FileResponse(deliverable.file.open("rb"), as_attachment=True, filename=name)


@login_required
def waivers(request, project_id: int):
    """The project's waivers; PMO staff grant one here."""
    project = _visible_project_or_404(request.user, project_id)
    may_grant = policy.may_grant_waiver(request.user)
    if request.method == "POST" and not may_grant:
        raise PermissionDenied(_("Only PMO staff grant waivers."))
    gates = project_gates(project)
    form = WaiverForm(request.POST or None, gates=gates)
    if request.method == "POST" and form.is_valid():
        try:
            gate_services.waiver_grant(actor=request.user, project=project, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Waiver granted."))
            return redirect("projects:waivers", project_id=project.pk)
    context = {
        "project": project,
        "waivers": project_waiver_list(project),
        "form": form,
        "may_grant": may_grant,
    }
    return render(request, "projects/waivers.html", context, status=400 if form.errors else 200)
