"""Reads of change requests: a project's list, one request with its steps, the pending ones of a project
page, and what the person asking may do with a request."""

from dataclasses import dataclass

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery

from governance import policy
from projects.models import (
    ApprovalDecision,
    ApprovalRole,
    ChangeApproval,
    ChangeRequest,
    ChangeRequestState,
    Project,
)
from projects.selectors.projects import Viewer, project_pmo_type, project_visibility_filter


def _with_steps(requests: QuerySet[ChangeRequest]) -> QuerySet[ChangeRequest]:
    return requests.select_related("created_by").prefetch_related(
        Prefetch("approvals", queryset=ChangeApproval.objects.select_related("decided_by").order_by("order"))
    )


def change_request_list(*, project: Project) -> QuerySet[ChangeRequest]:
    """The change requests of a (visible) project, newest first, with their steps and people joined."""
    return _with_steps(ChangeRequest.objects.filter(project=project)).order_by("-created_at", "-id")


def change_requests_pending(*, project: Project) -> QuerySet[ChangeRequest]:
    """The project's submitted change requests, oldest first: what still awaits a decision."""
    return _with_steps(
        ChangeRequest.objects.filter(project=project, state=ChangeRequestState.SUBMITTED)
    ).order_by("submitted_at", "id")


def change_request_detail(*, user: Viewer, change_request_id: int) -> ChangeRequest:
    """One change request of a project the user may see, its project and people joined, steps prefetched;
    ChangeRequest.DoesNotExist when unknown or hidden."""
    visible = Project.objects.filter(project_visibility_filter(user))
    return (
        _with_steps(ChangeRequest.objects.filter(project__in=visible))
        .select_related("project__portfolio", "project__project_manager", "project__sponsor")
        .get(pk=change_request_id)
    )


def next_step(change_request: ChangeRequest) -> ChangeApproval | None:
    """The first undecided step of a submitted request (from its prefetched steps), else None."""
    return change_request.awaiting_step


@dataclass(frozen=True)
class ChangeRequestActions:
    """What the person asking may do with one change request now."""

    edit: bool
    submit: bool
    withdraw: bool
    decide: bool


def change_request_actions(*, user: Viewer, change_request: ChangeRequest) -> ChangeRequestActions:
    """Which of edit, submit, withdraw and decide the user may do now, by the PMO's policy."""
    project = change_request.project
    raiser = policy.may_raise_change(
        user, project_manager_id=project.project_manager_id, pmo_type=project_pmo_type(project)
    )
    step = next_step(change_request)
    draft = change_request.state == ChangeRequestState.DRAFT
    return ChangeRequestActions(
        edit=raiser and draft,
        submit=raiser and draft,
        withdraw=raiser and change_request.is_open,
        decide=step is not None
        and policy.may_decide_change_step(
            user, role=step.role, project_manager_id=project.project_manager_id, sponsor_id=project.sponsor_id
        ),
    )


def may_raise_change(*, user: Viewer, project: Project) -> bool:
    """Whether the user may draft change requests on the project."""
    return policy.may_raise_change(
        user, project_manager_id=project.project_manager_id, pmo_type=project_pmo_type(project)
    )


def change_requests_awaiting(*, user: Viewer) -> QuerySet[ChangeRequest]:
    """Submitted change requests, across the projects the user sees, whose step awaiting a decision is
    theirs: a PMO step for PMO staff, a PM or sponsor step on the projects they manage or sponsor.
    Oldest first, with the project, the author and the steps joined."""
    if not user.is_authenticated:
        return ChangeRequest.objects.none()
    awaiting_role = Subquery(
        ChangeApproval.objects.filter(change_request=OuterRef("pk"), decision=ApprovalDecision.PENDING)
        .order_by("order")
        .values("role")[:1]
    )
    turn = Q(awaiting_role=ApprovalRole.PM, project__project_manager_id=user.pk) | Q(
        awaiting_role=ApprovalRole.SPONSOR, project__sponsor_id=user.pk
    )
    if user.is_pmo_staff:
        turn |= Q(awaiting_role=ApprovalRole.PMO)
    visible = Project.objects.filter(project_visibility_filter(user))
    requests = (
        ChangeRequest.objects.filter(state=ChangeRequestState.SUBMITTED, project__in=visible)
        .annotate(awaiting_role=awaiting_role)
        .filter(turn)
        .select_related("project")
    )
    return _with_steps(requests).order_by("submitted_at", "id")
