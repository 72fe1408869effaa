"""Reads of a project's governance: its gates in order, the deliverables they require and their state,
the waivers in force, the gate reviews and the follow-up items; each in a fixed number of queries."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.lifecycle import LIFECYCLE_ORDER, LifecyclePhase
from governance.models import DeliverableKind, MethodologyPhase
from projects.models import Deliverable, DeliverableState, FollowUp, GateReview, Project, Waiver
from projects.selectors.projects import Viewer, project_visibility_filter


@dataclass(frozen=True)
class Gate:
    """The gate closing one phase of a project, as its methodology (or the plain lifecycle) has it."""

    phase: str
    name: str
    gate_name: str
    checklist: tuple[str, ...] = ()
    required_deliverables: tuple[str, ...] = ()
    reviewers: tuple[str, ...] = ()

    @property
    def has_gate(self) -> bool:
        return bool(self.gate_name)


@dataclass
class DeliverableRow:
    """A required deliverable of a project: its stored row (None while missing) and its state as read."""

    kind: str
    phase: str
    row: Deliverable | None
    waiver: Waiver | None = None

    @property
    def label(self) -> str:
        return str(DeliverableKind(self.kind).label)

    @property
    def state(self) -> str:
        if self.waiver is not None and (self.row is None or self.row.state != DeliverableState.ACCEPTED):
            return DeliverableState.WAIVED
        return self.row.state if self.row is not None else DeliverableState.MISSING

    @property
    def id(self) -> int | None:
        return self.row.pk if self.row else None

    @property
    def link(self) -> str:
        return self.row.link if self.row else ""

    @property
    def submitted_by(self):
        return self.row.submitted_by if self.row else None

    @property
    def accepted_by(self):
        return self.row.accepted_by if self.row else None

    @property
    def accepted_at(self):
        return self.row.accepted_at if self.row else None

    @property
    def phase_label(self) -> str:
        return str(LifecyclePhase(self.phase).label)

    @property
    def state_label(self) -> str:
        return str(DeliverableState(self.state).label)


@dataclass
class Governance:
    """What the project page's governance section shows."""

    gates: list[Gate]
    current: Gate | None
    next_phase: str | None
    deliverables: list[DeliverableRow]
    reviews: list[GateReview]
    waivers: list[Waiver] = field(default_factory=list)

    @property
    def pending_reviews(self) -> list[GateReview]:
        return [review for review in self.reviews if review.is_pending]

    @property
    def current_review(self) -> GateReview | None:
        """The newest review of the current gate."""
        if self.current is None:
            return None
        return next((review for review in self.reviews if review.phase == self.current.phase), None)


def lifecycle_gates() -> list[Gate]:
    return [
        Gate(phase=value, name=str(label), gate_name=_("Phase gate"))
        for value, label in LifecyclePhase.choices
        if value != LifecyclePhase.CLOSING
    ] + [Gate(phase=LifecyclePhase.CLOSING, name=str(LifecyclePhase.CLOSING.label), gate_name="")]


def project_gates(project: Project) -> list[Gate]:
    """The project's phases in order with their gates: its methodology version's, else the lifecycle's
    with the generic phase gate (no checklist, no required deliverables) closing every phase but the last."""
    if project.methodology_version_id is None:
        return lifecycle_gates()
    phases = MethodologyPhase.objects.filter(version_id=project.methodology_version_id).order_by("order")
    return [
        Gate(
            phase=phase.lifecycle_phase,
            name=phase.name,
            gate_name=phase.gate_name,
            checklist=tuple(phase.checklist),
            required_deliverables=tuple(phase.required_deliverables),
            reviewers=tuple(phase.reviewers),
        )
        for phase in phases
    ]


def gate_of_phase(gates: list[Gate], phase: str) -> Gate | None:
    return next((gate for gate in gates if gate.phase == phase), None)


def phase_after(gates: list[Gate], phase: str) -> str | None:
    """The phase after `phase`; one the methodology skips is placed by lifecycle order."""
    position = LIFECYCLE_ORDER.index(phase)
    later = [gate.phase for gate in gates if LIFECYCLE_ORDER.index(gate.phase) > position]
    return later[0] if later else None


def waivers_in_force(waivers, today: date | None = None) -> list[Waiver]:
    today = today or timezone.localdate()
    return [waiver for waiver in waivers if waiver.in_force(today)]


def project_waiver_list(project: Project) -> QuerySet[Waiver]:
    """Every waiver of the project, newest first, with who granted it."""
    return Waiver.objects.filter(project=project).select_related("granted_by").order_by("-created_at", "-id")


def deliverable_rows(project: Project, gates: list[Gate], waivers: list[Waiver]) -> list[DeliverableRow]:
    """One row per required deliverable kind, in gate order; stored rows read in one query."""
    stored = {
        row.kind: row
        for row in Deliverable.objects.filter(project=project).select_related("submitted_by", "accepted_by")
    }
    waived = {}
    for waiver in waivers_in_force(waivers):
        if waiver.deliverable_kind:
            waived.setdefault(waiver.deliverable_kind, waiver)
    rows, seen = [], set()
    for gate in gates:
        for kind in gate.required_deliverables:
            if kind in seen:
                continue
            seen.add(kind)
            rows.append(
                DeliverableRow(kind=kind, phase=gate.phase, row=stored.get(kind), waiver=waived.get(kind))
            )
    return rows


def project_deliverables(project: Project) -> list[DeliverableRow]:
    """The project's required deliverables with their state (missing, draft, submitted, accepted, waived)."""
    gates = project_gates(project)
    return deliverable_rows(project, gates, list(project_waiver_list(project)))


def gate_review_list(project: Project) -> QuerySet[GateReview]:
    """The project's gate reviews, newest first, with the people and the follow-up items joined."""
    return (
        GateReview.objects.filter(project=project)
        .select_related("requested_by", "decided_by")
        .prefetch_related(Prefetch("follow_ups", queryset=FollowUp.objects.select_related("owner")))
        .order_by("-requested_at", "-id")
    )


def project_governance(project: Project) -> Governance:
    """Everything the governance section shows, in a fixed number of queries."""
    gates = project_gates(project)
    waivers = list(project_waiver_list(project))
    current = gate_of_phase(gates, project.phase)
    return Governance(
        gates=gates,
        current=current,
        next_phase=phase_after(gates, project.phase),
        deliverables=deliverable_rows(project, gates, waivers),
        reviews=list(gate_review_list(project)),
        waivers=waivers,
    )


def _visible_projects(user: Viewer) -> QuerySet[Project]:
    return Project.objects.filter(project_visibility_filter(user)).values("pk")


def gate_review_detail(*, user: Viewer, review_id: int) -> GateReview:
    """One review of a project the user may see; GateReview.DoesNotExist otherwise."""
    return (
        GateReview.objects.filter(project_id__in=_visible_projects(user))
        .select_related("project__portfolio", "project__project_manager", "requested_by", "decided_by")
        .prefetch_related(Prefetch("follow_ups", queryset=FollowUp.objects.select_related("owner")))
        .get(pk=review_id)
    )


def deliverable_detail(*, user: Viewer, deliverable_id: int) -> Deliverable:
    """One deliverable of a project the user may see; Deliverable.DoesNotExist otherwise."""
    return (
        Deliverable.objects.filter(project_id__in=_visible_projects(user))
        .select_related("project__portfolio", "project__project_manager", "submitted_by", "accepted_by")
        .get(pk=deliverable_id)
    )


def follow_up_detail(*, user: Viewer, follow_up_id: int) -> FollowUp:
    """One follow-up item of a project the user may see; FollowUp.DoesNotExist otherwise."""
    return (
        FollowUp.objects.filter(review__project_id__in=_visible_projects(user))
        .select_related("review__project", "owner")
        .get(pk=follow_up_id)
    )
