"""The PMO type matrix of ../shared/DOMAIN.md, in force: one scenario per concern, run under each PMO
type, must show the behaviour the matrix states. The table below is the specification, readable in one
place; each scenario drives the real services, as a page or an API call would.

The cells this covers (MATRIX below, concern -> supportive / controlling / directive):
- methodology templates: optional / mandatory / mandatory;
- stage gates: advisory, the PM moves on anyway / PMO approval before the next phase / the PMO decides
  and moves the project;
- change requests: a small one the PM's / the PM's / the PMO's; a large one the sponsor's (PMO informed)
  / PMO then sponsor / PMO then sponsor;
- PMO staff on a project: read and comment / read, approve, comment / full edit;
- status reports: the PM writes them under every type / PMO staff may write them only under directive;
- compliance: informational / scored / scored.
"""

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from governance.models import PmoType
from projects.models import GateReview, Project
from projects.selectors.compliance import project_compliance
from projects.services.changes import change_request_create, change_request_submit
from projects.services.gates import GateRefused, gate_review_decide, gate_review_request, project_phase_move
from projects.services.knowledge import comment_post
from projects.services.projects import project_create, project_update
from projects.services.status_reports import status_report_create
from tests.factories import PortfolioFactory, ProjectFactory, UserFactory, set_pmo_type
from tests.factories.gates import gated_methodology_version

pytestmark = pytest.mark.django_db

SUPPORTIVE, CONTROLLING, DIRECTIVE = PmoType.SUPPORTIVE, PmoType.CONTROLLING, PmoType.DIRECTIVE

# concern -> what each PMO type must show, in the words the scenarios report.
MATRIX = {
    "methodology templates": {SUPPORTIVE: "optional", CONTROLLING: "mandatory", DIRECTIVE: "mandatory"},
    "stage gates": {
        SUPPORTIVE: "the PM moves on without approval",
        CONTROLLING: "the PM moves on after the PMO approved",
        DIRECTIVE: "the PMO's approval moves the project; the PM cannot",
    },
    "small change": {SUPPORTIVE: ("pm",), CONTROLLING: ("pm",), DIRECTIVE: ("pmo",)},
    "large change": {
        SUPPORTIVE: ("sponsor",),
        CONTROLLING: ("pmo", "sponsor"),
        DIRECTIVE: ("pmo", "sponsor"),
    },
    "PMO staff edit a project": {SUPPORTIVE: "refused", CONTROLLING: "refused", DIRECTIVE: "allowed"},
    "PMO staff comment": {SUPPORTIVE: "allowed", CONTROLLING: "allowed", DIRECTIVE: "allowed"},
    "PM writes status reports": {SUPPORTIVE: "allowed", CONTROLLING: "allowed", DIRECTIVE: "allowed"},
    "PMO staff write status reports": {SUPPORTIVE: "refused", CONTROLLING: "refused", DIRECTIVE: "allowed"},
    "compliance": {SUPPORTIVE: "informational", CONTROLLING: "scored", DIRECTIVE: "scored"},
}


class People:
    def __init__(self):
        self.admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
        self.pm = UserFactory(username="pm", is_project_manager=True)
        self.pmo = UserFactory(username="pmo", is_pmo_staff=True)
        self.sponsor = UserFactory(username="sponsor", is_sponsor=True)


def gated_project(people: People, **fields) -> Project:
    return ProjectFactory(
        project_manager=people.pm,
        sponsor=people.sponsor,
        methodology_version=gated_methodology_version(),
        budget=Decimal("100000"),
        **fields,
    )


def methodology_templates(people: People) -> str:
    try:
        project_create(
            actor=people.pm,
            code="NEW-1",
            name="No methodology",
            portfolio=PortfolioFactory(),
            project_manager=people.pm,
        )
    except ValidationError as error:
        assert "methodology" in error.message_dict
        return "mandatory"
    return "optional"


def stage_gates(people: People) -> str:
    project = gated_project(people)
    try:
        project_phase_move(actor=people.pm, project=project, phase="planning")
        return "the PM moves on without approval"
    except (GateRefused, PermissionDenied, ValidationError):
        pass
    review = gate_review_request(actor=people.pm, project=Project.objects.get(pk=project.pk))
    gate_review_decide(
        actor=people.pmo,
        review=review,
        decision="approved",
        comment="Charter and business case are fine.",
        checklist=[{"answer": "yes", "note": ""}, {"answer": "yes", "note": ""}],
    )
    assert GateReview.objects.get(pk=review.pk).state == "approved"
    if Project.objects.get(pk=project.pk).phase == "planning":
        try:
            project_phase_move(actor=people.pm, project=Project.objects.get(pk=project.pk), phase="executing")
        except (GateRefused, PermissionDenied, ValidationError):
            return "the PMO's approval moves the project; the PM cannot"
        return "the PM moved without the next gate's approval"
    project_phase_move(actor=people.pm, project=Project.objects.get(pk=project.pk), phase="planning")
    return "the PM moves on after the PMO approved"


def routed_roles(people: People, cost: str) -> tuple[str, ...]:
    project = gated_project(people)
    change = change_request_create(
        actor=people.pm if project.project_manager_id == people.pm.pk else people.pmo,
        project=project,
        title="Change",
        cost_impact=Decimal(cost),
        currency=project.currency,
    )
    submitted = change_request_submit(actor=people.pm, change_request=change)
    return tuple(step.role for step in submitted.approvals.order_by("order"))


def small_change(people: People) -> tuple[str, ...]:
    return routed_roles(people, "1000")  # 1 % of the budget, no delay


def large_change(people: People) -> tuple[str, ...]:
    return routed_roles(people, "20000")  # 20 % of the budget


def pmo_staff_edit(people: People) -> str:
    project = gated_project(people)
    try:
        project_update(actor=people.pmo, project=project, changes={"description": "Edited by the PMO"})
    except PermissionDenied:
        return "refused"
    return "allowed"


def pmo_staff_comment(people: People) -> str:
    project = gated_project(people)
    try:
        comment_post(actor=people.pmo, project=project, text="请补充风险登记册")
    except PermissionDenied:
        return "refused"
    return "allowed"


def writes_status_report(person) -> Callable[[People], str]:
    def scenario(people: People) -> str:
        project = gated_project(people, status="active")
        try:
            status_report_create(actor=getattr(people, person), project=project)
        except PermissionDenied:
            return "refused"
        return "allowed"

    return scenario


def compliance(people: People) -> str:
    project = gated_project(people, phase="planning")
    return "scored" if project_compliance(project).result.counts else "informational"


SCENARIOS = {
    "methodology templates": methodology_templates,
    "stage gates": stage_gates,
    "small change": small_change,
    "large change": large_change,
    "PMO staff edit a project": pmo_staff_edit,
    "PMO staff comment": pmo_staff_comment,
    "PM writes status reports": writes_status_report("pm"),
    "PMO staff write status reports": writes_status_report("pmo"),
    "compliance": compliance,
}


@pytest.mark.parametrize("pmo_type", [SUPPORTIVE, CONTROLLING, DIRECTIVE])
@pytest.mark.parametrize("concern", list(MATRIX))
def test_each_pmo_type_behaves_as_the_matrix_states(concern, pmo_type):
    set_pmo_type(pmo_type)

    observed = SCENARIOS[concern](People())

    assert observed == MATRIX[concern][pmo_type]


def test_a_portfolio_override_applies_to_its_projects():
    set_pmo_type(SUPPORTIVE)
    people = People()
    project = gated_project(people, portfolio=PortfolioFactory(pmo_type_override=DIRECTIVE))

    project_update(actor=people.pmo, project=project, changes={"description": "Edited by the PMO"})

    assert project_compliance(Project.objects.get(pk=project.pk)).result.counts
