"""The one access matrix: every route of the URL resolver x every kind of person x every PMO type.

Each route has a row below saying who may use it (a rule from ../shared/DOMAIN.md) and what success
answers; a route without a row, or a row without a route, fails the test, so a new address cannot
arrive unchecked. The people: anonymous, an inactive account, a team member of the project, its PM,
the PM of another project, its sponsor, PMO staff and an admin; the PMO types: supportive, controlling
and directive. Routes of a project all aim at the same project.

The answer must be success exactly when the rule allows; otherwise the sign-in page (pages) or 401
(API) for anyone not signed in, 404 where the project is hidden from the person, 403 where it is
visible but not theirs to change. Each request runs in a savepoint that is rolled back, and the
database must be unchanged after every refusal and after every read, and changed after every
allowed write.
"""

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from governance.models import ApiToken, ExchangeRate, PmoType
from governance.services import api_token_create, methodology_draft_start, methodology_retire
from projects.models import (
    BurndownPoint,
    CalendarHoliday,
    CostEntry,
    Deliverable,
    Dependency,
    FollowUp,
    GateReview,
    ProjectCalendar,
    Task,
)
from projects.services.baselines import baseline_save
from projects.services.changes import change_request_create, change_request_submit
from projects.services.reschedule import project_reschedule
from tests.factories import (
    PASSWORD,
    IssueFactory,
    MembershipFactory,
    PortfolioFactory,
    ProgramFactory,
    ProjectFactory,
    RiskActionFactory,
    RiskFactory,
    UserFactory,
    published_version,
    set_pmo_type,
)
from tests.factories.gates import gated_methodology_version
from tests.factories.plans import PLAN_START
from tests.factories.status_reports import StatusReportFactory, submitted_at

pytestmark = pytest.mark.django_db

PEOPLE = (
    "anonymous",
    "inactive",
    "member",
    "pm_of_project",
    "pm_of_other_project",
    "sponsor",
    "pmo_staff",
    "admin",
)
SIGNED_OUT = {"anonymous", "inactive"}  # an inactive account's session counts for nobody
PMO_TYPES = (PmoType.SUPPORTIVE, PmoType.CONTROLLING, PmoType.DIRECTIVE)
# The tables a request could change; sessions change with every sign-in and are left out, and so does
# the audit log, which records refusals and reads (exports) on purpose.
WATCHED_APPS = ("governance", "projects", "risks", "auth")
UNWATCHED_TABLES = {"governance_auditevent"}


@dataclass
class World:
    """One project seen from every side, with a plan to act on."""

    pmo_type: str
    people: dict
    project: object
    program: object
    other_project: object
    membership: object
    newcomer: object
    tasks: dict
    dependency: object
    baseline: object
    # "followed": v1 and v2 published, v3 a draft, the project on v1; "plain": v1 published; "retired".
    methodologies: dict
    draft_change: object = None
    submitted_change: object = None
    draft_report: object = None
    submitted_report: object = None
    # A closed project with the same people, for the post-project evaluation (only closed ones have one).
    closed_project: object = None
    # The register: an identified risk with an open action, an escalated one ready for sign-off, an open
    # issue and a resolved one.
    risk: object = None
    escalated_risk: object = None
    risk_action: object = None
    issue: object = None
    resolved_issue: object = None

    def sees(self, person: str) -> bool:
        return person in {"member", "pm_of_project", "sponsor", "pmo_staff", "admin"}

    def edits(self, person: str) -> bool:
        """DOMAIN.md: the project's PM and admins edit; PMO staff only under a directive PMO."""
        if person == "pmo_staff":
            return self.pmo_type == PmoType.DIRECTIVE
        return person in {"pm_of_project", "admin"}

    def creates(self, person: str) -> bool:
        if person == "pmo_staff":
            return self.pmo_type == PmoType.DIRECTIVE
        return person in {"pm_of_project", "pm_of_other_project", "admin"}

    def user(self, person: str):
        return self.people.get(person)


def build_world(pmo_type: str) -> World:
    set_pmo_type(pmo_type)
    people = {
        "inactive": UserFactory(username="inactive", is_team_member=True, is_active=False),
        "member": UserFactory(username="member", is_team_member=True),
        "pm_of_project": UserFactory(username="pm", is_project_manager=True),
        "pm_of_other_project": UserFactory(username="other-pm", is_project_manager=True),
        "sponsor": UserFactory(username="sponsor", is_sponsor=True),
        "pmo_staff": UserFactory(username="pmo", is_pmo_staff=True),
        "admin": UserFactory(username="admin", is_superuser=True, is_staff=True),
    }
    portfolio = PortfolioFactory()
    program = ProgramFactory(portfolio=portfolio)
    project = ProjectFactory(
        portfolio=portfolio,
        program=program,
        project_manager=people["pm_of_project"],
        sponsor=people["sponsor"],
        start_date=PLAN_START,
    )
    other_project = ProjectFactory(
        portfolio=PortfolioFactory(), project_manager=people["pm_of_other_project"]
    )
    MembershipFactory(project=project, user=people["member"])
    MembershipFactory(project=project, user=people["inactive"])
    membership = MembershipFactory(project=project, user=UserFactory(username="observer"), role="observer")
    # T1 -> T2 linked; T3 and T4 free (T4 indents under T3); T6 is a subtask of T5 (it outdents).
    tasks = {
        name: Task.objects.create(project=project, name=name, position=position, duration_days=2)
        for position, name in enumerate(["T1", "T2", "T3", "T4", "T5"])
    }
    tasks["T6"] = Task.objects.create(
        project=project, name="T6", parent=tasks["T5"], position=0, duration_days=1
    )
    Task.objects.filter(pk=tasks["T2"].pk).update(assignee=people["member"])
    dependency = Dependency.objects.create(project=project, predecessor=tasks["T1"], successor=tasks["T2"])
    project_reschedule(project=project)
    calendar = ProjectCalendar.objects.create(project=project)
    CalendarHoliday.objects.create(calendar=calendar, date=date(2026, 5, 1), name="Labour Day")
    baseline = baseline_save(actor=people["pm_of_project"], project=project, name="Approved")
    BurndownPoint.objects.create(
        project=project, date=PLAN_START, remaining_work_days=10, planned_remaining_work_days=10
    )
    # Governance: the project follows the waterfall; its first gate is approved, a later one pending,
    # one deliverable submitted with a file, one a draft, and a follow-up item the member owns.
    project.methodology_version = gated_methodology_version()
    project.save()
    GateReview.objects.create(
        project=project,
        phase="initiating",
        gate_name="G1",
        requested_by=people["pm_of_project"],
        state="approved",
    )
    pending = GateReview.objects.create(
        project=project,
        phase="planning",
        gate_name="G2",
        checklist=["Q1", "Q2"],
        requested_by=people["pm_of_project"],
    )
    FollowUp.objects.create(
        review=pending, description="Do it", owner=people["member"], due_on=date(2099, 1, 1)
    )
    charter = Deliverable(project=project, kind="charter", state="submitted")
    charter.file.save("charter.txt", ContentFile(b"charter"), save=False)
    charter.save()
    Deliverable.objects.create(
        project=project, kind="business_case", state="draft", link="https://example.com/b"
    )
    # So that every model the admin lists has a row to open.
    other_task = Task.objects.create(project=other_project, name="Elsewhere", duration_days=1)
    CostEntry.objects.create(task=other_task, date=PLAN_START, amount=100)
    Group.objects.create(name="Auditors")
    ExchangeRate.objects.create(
        from_currency="EUR",
        to_currency="CNY",
        rate="7.8",
        valid_from=date(2026, 1, 1),
        created_by=people["admin"],
    )
    api_token_create(user=membership.user, name="Observer's script")
    # django-axes' records of sign-ins, one of each kind, for its pages in the admin.
    AccessAttempt.objects.create(
        username="someone", ip_address="10.0.0.1", failures_since_start=1, get_data="", post_data=""
    )
    AccessLog.objects.create(username="member", ip_address="10.0.0.2")
    AccessFailureLog.objects.create(username="someone", ip_address="10.0.0.1")
    followed = gated_methodology_version("matrix-followed")  # the waterfall-like gates the rows above need
    published_version(followed.methodology, number=2)
    methodology_draft_start(actor=people["admin"], methodology=followed.methodology)
    project.methodology_version = followed
    project.save(update_fields=["methodology_version"])
    methodologies = {
        "followed": followed.methodology,
        "plain": published_version().methodology,
        "retired": methodology_retire(actor=people["admin"], methodology=published_version().methodology),
    }
    # A small change: the PM's to decide, or the PMO's under a directive PMO (change_decider).
    draft_change = change_request_create(
        actor=people["pm_of_project"], project=project, title="Draft change", cost_impact=1000
    )
    submitted_change = change_request_submit(
        actor=people["pm_of_project"],
        change_request=change_request_create(
            actor=people["pm_of_project"], project=project, title="Submitted change", schedule_impact_days=2
        ),
    )
    # Status reports: the first week's submitted, the current week's a complete draft, ready to submit.
    submitted_report = StatusReportFactory(
        project=project, state="submitted", submitted_at=submitted_at(PLAN_START + timedelta(days=7))
    )
    current_week = timezone.localdate() - timedelta(days=timezone.localdate().weekday())
    draft_report = StatusReportFactory(project=project, period_start=current_week, **REPORT_RATINGS)
    closed_project = ProjectFactory(
        portfolio=portfolio,
        project_manager=people["pm_of_project"],
        sponsor=people["sponsor"],
        status="closed",
        phase="closing",
    )
    MembershipFactory(project=closed_project, user=people["member"])
    risk = RiskFactory(project=project, title="Supplier delivers late", category="schedule")
    escalated_risk = RiskFactory(
        project=project,
        title="Key person leaves",
        probability=5,
        impact=4,
        status="assessed",
        strategy="mitigate",
        response_plan="Pair them up.",
        escalated=True,
        escalated_at=timezone.now(),
    )
    return World(
        risk=risk,
        escalated_risk=escalated_risk,
        risk_action=RiskActionFactory(risk=risk),
        issue=IssueFactory(project=project, title="Test server down"),
        resolved_issue=IssueFactory(project=project, status="resolved", resolution="Restarted."),
        draft_report=draft_report,
        submitted_report=submitted_report,
        closed_project=closed_project,
        draft_change=draft_change,
        submitted_change=submitted_change,
        pmo_type=pmo_type,
        people=people,
        project=project,
        program=program,
        other_project=other_project,
        membership=membership,
        newcomer=UserFactory(username="newcomer"),
        tasks={name: Task.objects.get(pk=task.pk) for name, task in tasks.items()},
        dependency=dependency,
        baseline=baseline,
        methodologies=methodologies,
    )


# --- Who may: the rules of the rows ----------------------------------------------------------------


def everyone(world: World, person: str) -> bool:
    return True


def signed_in(world: World, person: str) -> bool:
    return True  # the signed-out case is answered before any rule


def viewer(world: World, person: str) -> bool:
    return world.sees(person)


def editor(world: World, person: str) -> bool:
    return world.edits(person)


def creator(world: World, person: str) -> bool:
    return world.creates(person)


def portfolio_keeper(world: World, person: str) -> bool:
    return person in {"pmo_staff", "admin"}


def admin_only(world: World, person: str) -> bool:
    return person == "admin"


def dashboard_reader(world: World, person: str) -> bool:
    """The portfolio dashboard: PMO staff, admins and sponsors; PMs over their own projects; not members."""
    return person in {"pm_of_project", "pm_of_other_project", "sponsor", "pmo_staff", "admin"}


def commenter(world: World, person: str) -> bool:
    """DOMAIN.md: PMO staff comment on any project they see, under every PMO type; its PM and team too."""
    return person in {"member", "pm_of_project", "pmo_staff", "admin"}


def lesson_data(world: World, person: str) -> dict:
    return {
        "title": "供应商延期",
        "phase": "initiating",
        "category": "procurement",
        "what_happened": "由于供应商延期交付，集成测试推迟了两周",
        "tags": "供应商",
    }


def risk_editor(world: World, person: str) -> bool:
    """DOMAIN.md: the PM and the team keep the project's risks and issues; PMO staff under a directive PMO."""
    if person == "pmo_staff":
        return world.pmo_type == PmoType.DIRECTIVE
    return person in {"member", "pm_of_project", "admin"}


def risk_signer(world: World, person: str) -> bool:
    """PMO staff (and admins) sign off the response of an escalated risk."""
    return person in {"pmo_staff", "admin"}


def change_decider(world: World, person: str) -> bool:
    """The step of a small change is the PM's; under a directive PMO the PMO decides every change."""
    return person == ("pmo_staff" if world.pmo_type == PmoType.DIRECTIVE else "pm_of_project")


def gate_requester(world: World, person: str) -> bool:
    return person in {"pm_of_project", "admin"}


def gate_decider(world: World, person: str) -> bool:
    """The pending gate names only the PMO as reviewer: PMO staff and admins decide it."""
    return person in {"pmo_staff", "admin"}


def deliverable_reviewer(world: World, person: str) -> bool:
    """PMO staff and admins accept; under a supportive PMO the PM too."""
    return person in {"pmo_staff", "admin"} or (
        person == "pm_of_project" and world.pmo_type == PmoType.SUPPORTIVE
    )


def phase_mover(world: World, person: str) -> bool:
    """The first gate is approved: the PM (or an admin) moves, PMO staff instead under a directive PMO."""
    if world.pmo_type == PmoType.DIRECTIVE:
        return person in {"pmo_staff", "admin"}
    return person in {"pm_of_project", "admin"}


def phase_move_api_expected(world: World, person: str, row) -> int:
    """As phase_mover; the PM under a directive PMO hears 409: the PMO type moves the project, not them."""
    if person in SIGNED_OUT:
        return 401
    if not world.sees(person):
        return 404
    if phase_mover(world, person):
        return row.success
    if person == "pm_of_project" and world.pmo_type == PmoType.DIRECTIVE:
        return 409
    return 403


def follow_up_keeper(world: World, person: str) -> bool:
    return person in {"member", "pm_of_project", "pmo_staff", "admin"}


def deliverable_of(kind: str):
    return lambda world: Deliverable.objects.get(project=world.project, kind=kind)


def _pending_review_kwargs(world: World) -> dict:
    review = GateReview.objects.get(project=world.project, state="pending")
    return {"project_id": world.project.pk, "review_id": review.pk}


def gate_decision_form(world: World, person: str) -> dict:
    return {"answer_0": "yes", "answer_1": "yes", "decision": "approved", "comment": "Fine"}


@dataclass
class Row:
    """One method of one route: who may use it, what success answers, whether it writes.

    `scoped` rows belong to the project: a person who cannot see it gets 404. `hidden_status` is the
    answer to such a person when it is not 404 (an API input that names a hidden project says 400).
    """

    method: str
    allowed: Callable[[World, str], bool]
    success: int
    kwargs: Callable[[World], dict] = lambda world: {}
    data: Callable[[World, str], object] | None = None
    writes: bool = False
    scoped: bool = False
    hidden_status: int = 404
    headers: Callable[[World], dict] = lambda world: {}
    api_format: str | None = "json"


@dataclass
class Route:
    rows: list[Row]
    api: bool = False
    # Pages that answer signed-out people themselves instead of sending them to sign in.
    public: bool = False
    expected: Callable[[World, str, Row], int] | None = None


def project_id(world):
    return {"project_id": world.project.pk}


def task_kwargs(name: str) -> Callable[[World], dict]:
    return lambda world: {"project_id": world.project.pk, "task_id": world.tasks[name].pk}


def api_pk(getter) -> Callable[[World], dict]:
    return lambda world: {"pk": getter(world).pk}


def if_match(name: str) -> Callable[[World], dict]:
    return lambda world: {"HTTP_IF_MATCH": f'"{world.tasks[name].version}"'}


def plan_if_match(world: World) -> dict:
    """The plan's ETag as structure edits (links, indent, outdent, move) must send it."""
    world.project.refresh_from_db(fields=["plan_version"])
    return {"HTTP_IF_MATCH": f'"plan-{world.project.plan_version}"'}


def project_form(world: World, person: str, **overrides) -> dict:
    project = world.project
    data = {
        "code": project.code,
        "name": project.name,
        "portfolio": project.portfolio_id,
        "program": project.program_id or "",
        "project_manager": project.project_manager_id,
        "sponsor": project.sponsor_id or "",
        "status": project.status,
        "priority": project.priority,
        "budget": str(project.budget),
        "currency": project.currency,
    }
    data.update(overrides)
    return data


def new_project_form(world: World, person: str) -> dict:
    own = world.user(person)
    return project_form(
        world,
        person,
        code="MATRIX-1",
        name="新项目",
        project_manager=own.pk if own else "",
        methodology=world.methodologies["plain"].pk,
    )


def methodology_id(name: str) -> Callable[[World], dict]:
    return lambda world: {"methodology_id": world.methodologies[name].pk}


def newer_version_id(world: World) -> dict:
    return {"version_id": world.methodologies["followed"].versions.get(number=2).pk}


def methodology_editor_form(world: World, person: str) -> dict:
    """The draft editor of "followed" with one phase, one standard risk and the cadence changed."""
    return {
        "name": f"Edited by {person}",
        "description": "",
        "report_cadence": "monthly",
        "change_notes": "",
        "phases-TOTAL_FORMS": "1",
        "phases-INITIAL_FORMS": "1",
        "phases-MIN_NUM_FORMS": "0",
        "phases-MAX_NUM_FORMS": "10",
        "phases-0-ORDER": "1",
        "phases-0-lifecycle_phase": "initiating",
        "phases-0-name": "启动",
        "phases-0-gate_name": "立项评审",
        "phases-0-checklist": "Sponsor named?",
        "phases-0-required_deliverables": ["charter"],
        "phases-0-reviewers": ["pmo"],
        "risks-TOTAL_FORMS": "1",
        "risks-INITIAL_FORMS": "0",
        "risks-MIN_NUM_FORMS": "0",
        "risks-MAX_NUM_FORMS": "50",
        "risks-0-title": "供应商延期",
        "risks-0-category": "schedule",
        "risks-0-probability": "2",
        "risks-0-impact": "4",
    }


def charter_form(world: World, person: str) -> dict:
    project = world.project
    return {
        "objectives": project.objectives,
        "scope_in": project.scope_in,
        "scope_out": project.scope_out,
        "success_criteria": project.success_criteria,
        "milestones": f"Agreed by {person}",
        "assumptions": "",
        "constraints": "",
        "sponsor": project.sponsor_id or "",
        "project_manager": project.project_manager_id,
        "budget": str(project.budget),
    }


def task_form(world: World, person: str) -> dict:
    task = world.tasks["T3"]
    return {
        "version": task.version,
        "name": "Renamed",
        "duration_days": task.duration_days,
        "percent_complete": task.percent_complete,
        "planned_cost": str(task.planned_cost),
        "constraint_type": "",
        "notes": "",
    }


def calendar_form(world: World, person: str) -> dict:
    return {
        "working_weekdays": ["0", "1", "2", "3"],
        "holidays-TOTAL_FORMS": "1",
        "holidays-INITIAL_FORMS": "0",
        "holidays-MIN_NUM_FORMS": "0",
        "holidays-MAX_NUM_FORMS": "1000",
        "holidays-0-date": "2026-10-01",
        "holidays-0-name": "National Day",
    }


def plan_file(world: World, person: str) -> dict:
    content = b"WBS,Name,Duration (days)\r\n1,Imported,3\r\n"
    return {"file": SimpleUploadedFile("plan.csv", content, content_type="text/csv"), "replace": "true"}


def risk_page_kwargs(getter) -> Callable[[World], dict]:
    return lambda world: {"project_id": world.project.pk, "risk_id": getter(world).pk}


def risk_action_page_kwargs(world: World) -> dict:
    return {"project_id": world.project.pk, "risk_id": world.risk.pk, "action_id": world.risk_action.pk}


def issue_page_kwargs(getter) -> Callable[[World], dict]:
    return lambda world: {"project_id": world.project.pk, "issue_id": getter(world).pk}


def risk_page_form(world: World, person: str) -> dict:
    return {
        "title": "Matrix risk page",
        "kind": "threat",
        "category": "schedule",
        "probability": "2",
        "impact": "3",
        "owner": str(world.people["pm_of_project"].pk),
        "cost_impact": "1000",
    }


def risk_action_page_form(world: World, person: str) -> dict:
    return {
        "description": "Matrix action",
        "owner": str(world.people["pm_of_project"].pk),
        "due_date": "2026-07-01",
    }


def issue_page_form(world: World, person: str) -> dict:
    return {
        "title": "Matrix issue",
        "severity": "high",
        "owner": str(world.people["pm_of_project"].pk),
        "status": "in_progress",
    }


def change_kwargs(getter) -> Callable[[World], dict]:
    return lambda world: {"project_id": world.project.pk, "change_request_id": getter(world).pk}


def change_request_form(world: World, person: str) -> dict:
    return {
        "title": f"Change by {person}",
        "schedule_impact_days": "1",
        "cost_impact": "10",
        "currency": "CNY",
    }


REPORT_RATINGS = {
    "overall_rag": "green",
    "scope_rag": "green",
    "schedule_rag": "amber",
    "cost_rag": "green",
    "risk_rag": "green",
    "quality_rag": "green",
}


def report_kwargs(getter) -> Callable[[World], dict]:
    return lambda world: {"project_id": world.project.pk, "report_id": getter(world).pk}


def report_api_kwargs(getter) -> Callable[[World], dict]:
    return lambda world: {"project_id": world.project.pk, "pk": getter(world).pk}


def past_period(world: World, person: str) -> dict:
    """The second week of the plan, which has no report yet."""
    return {"period_start": (PLAN_START + timedelta(weeks=1)).isoformat()}


def status_report_form(world: World, person: str) -> dict:
    return {**REPORT_RATINGS, "narrative": f"Written by {person}", "team_morale": "4"}


def compliance_weights_form(world: World, person: str) -> dict:
    return {
        "weight_deliverable_missing": "15",
        "weight_gate_without_approval": "30",
        "weight_report_late": "5",
        "weight_report_missing": "10",
        "weight_change_above_authority": "20",
    }


def health_standards_form(world: World, person: str) -> dict:
    weights = {"schedule": 30, "cost": 20, "risk_exposure": 15, "scope_changes": 10}
    weights.update({"customer_satisfaction": 10, "team_morale": 10, "compliance": 5})
    data = {f"weight_{name}": str(value) for name, value in weights.items()}
    data.update({"spi_green": "0.9", "spi_amber": "0.8", "cpi_green": "0.95", "cpi_amber": "0.85"})
    return {**data, "band_green": "70", "band_amber": "45"}


def risk_standards_form(world: World, person: str) -> dict:
    return {
        "scale_size": "5",
        "medium_from": "4",
        "high_from": "9",
        "critical_from": "16",
        "escalation_threshold": "12",
        "categories": "technical\nschedule\ncost",
    }


RISK_STANDARDS_BODY = {
    "scale_size": 4,
    "medium_from": 3,
    "high_from": 6,
    "critical_from": 12,
    "escalation_threshold": 9,
    "categories": ["technical", "cost"],
}


def exchange_rate_form(world: World, person: str) -> dict:
    return {
        "action": "rate",
        "from_currency": "USD",
        "to_currency": "CNY",
        "rate": "7.1",
        "valid_from": "2026-07-01",
    }


def exchange_rate_kwargs(world: World) -> dict:
    return {"rate_id": ExchangeRate.objects.get(from_currency="EUR").pk}


def change_authority_form(world: World, person: str) -> dict:
    data = {}
    for pmo_type in PMO_TYPES:
        data |= {
            f"{pmo_type}-pm_cost_percent": "4",
            f"{pmo_type}-pm_delay_days": "8",
            f"{pmo_type}-pmo_cost_percent": "12",
            f"{pmo_type}-pmo_delay_days": "25",
        }
    return data


def home_expected(world: World, person: str, row: Row) -> int:
    if person in SIGNED_OUT or person in {"sponsor", "pmo_staff", "admin"}:
        return 302
    return 200


def evaluation_writer(world: World, person: str) -> bool:
    """The project's PM and PMO staff write the post-project evaluation, under every PMO type; admins too."""
    return person in {"pm_of_project", "pmo_staff", "admin"}


def closed_project_id(world: World) -> dict:
    return {"project_id": world.closed_project.pk}


def evaluation_form(world: World, person: str) -> dict:
    return {
        "objectives_met": "partly",
        "rating": "4",
        "went_well": f"评审及时 ({person})",
        "went_badly": "",
        "recommendations": "",
    }


def login_expected(world: World, person: str, row: Row) -> int:
    return 200 if person in SIGNED_OUT else 302


def token_expected(world: World, person: str, row: Row) -> int:
    return 400 if person in SIGNED_OUT else 200


def someone_elses_token(world: World) -> int:
    """The one token of the world, the observer's: nobody else may revoke it, nor learn it exists."""
    return ApiToken.objects.get(user__username="observer").pk


def not_theirs_expected(api: bool) -> Callable[[World, str, Row], int]:
    signed_out = 401 if api else 302
    return lambda world, person, row: signed_out if person in SIGNED_OUT else 404


def own_credentials(world: World, person: str) -> dict:
    user = world.user(person)
    return {"username": user.username, "password": PASSWORD} if user is not None else {}


ROUTES: dict[str, Route] = {
    # Site and accounts
    # PMO staff, admins and sponsors are sent on to the portfolio dashboard; the others see their work.
    "home": Route([Row("get", signed_in, 200)], expected=home_expected),
    "reports:roadmap": Route([Row("get", signed_in, 200)]),
    "login": Route([Row("get", everyone, 200)], public=True, expected=login_expected),
    "logout": Route([Row("post", everyone, 302)], public=True, expected=lambda world, person, row: 302),
    "password_change": Route([Row("get", signed_in, 200)]),
    "password_change_done": Route([Row("get", signed_in, 200)]),
    "api_tokens": Route(
        [
            Row("get", signed_in, 200),
            Row("post", signed_in, 302, data=lambda world, person: {"name": "Matrix"}, writes=True),
        ]
    ),
    "api_token_revoke": Route(
        [Row("post", signed_in, 302, lambda world: {"token_id": someone_elses_token(world)})],
        expected=not_theirs_expected(api=False),
    ),
    "set_language": Route(
        [Row("post", everyone, 302, data=lambda world, person: {"language": "zh-hans"})],
        public=True,
        expected=lambda world, person, row: 302,
    ),
    "governance:settings": Route(
        [
            Row("get", portfolio_keeper, 200),  # PMO staff read them; only admins change them
            Row(
                "post",
                admin_only,
                302,
                data=lambda world, person: {"pmo_type": world.pmo_type, "default_currency": "EUR"},
                writes=True,
            ),
        ]
    ),
    "governance:audit": Route([Row("get", admin_only, 200)]),
    # Methodologies: everyone signed in reads them, PMO staff and admins write them.
    "governance:methodology_list": Route([Row("get", signed_in, 200)]),
    "governance:methodology_create": Route(
        [
            Row("get", portfolio_keeper, 200),
            Row(
                "post",
                portfolio_keeper,
                302,
                data=lambda world, person: {"code": "matrix-new", "name": "Matrix", "description": ""},
                writes=True,
            ),
        ]
    ),
    "governance:methodology_detail": Route([Row("get", signed_in, 200, methodology_id("followed"))]),
    "governance:methodology_draft": Route(
        [Row("post", portfolio_keeper, 302, methodology_id("plain"), writes=True)]
    ),
    "governance:methodology_edit": Route(
        [
            Row("get", portfolio_keeper, 200, methodology_id("followed")),
            Row(
                "post",
                portfolio_keeper,
                302,
                methodology_id("followed"),
                data=methodology_editor_form,
                writes=True,
            ),
        ]
    ),
    "governance:methodology_publish": Route(
        [Row("post", portfolio_keeper, 302, methodology_id("followed"), writes=True)]
    ),
    "governance:methodology_retire": Route(
        [Row("post", portfolio_keeper, 302, methodology_id("plain"), writes=True)]
    ),
    "governance:methodology_reactivate": Route(
        [Row("post", portfolio_keeper, 302, methodology_id("retired"), writes=True)]
    ),
    "governance:compliance_weights": Route(
        [
            Row("get", portfolio_keeper, 200),  # PMO staff read them; only admins change them
            Row("post", admin_only, 302, data=compliance_weights_form, writes=True),
        ]
    ),
    "governance:health_standards": Route(
        [
            Row("get", portfolio_keeper, 200),  # PMO staff read them; only admins change them
            Row("post", admin_only, 302, data=health_standards_form, writes=True),
        ]
    ),
    "governance:risk_standards": Route(
        [
            Row("get", portfolio_keeper, 200),  # PMO staff read them; only admins change them
            Row("post", admin_only, 302, data=risk_standards_form, writes=True),
        ]
    ),
    # Everyone signed in reads the reporting currency and the rates; admins and PMO staff keep them.
    "governance:exchange_rates": Route(
        [
            Row("get", signed_in, 200),
            Row("post", portfolio_keeper, 302, data=exchange_rate_form, writes=True),
        ]
    ),
    "governance:exchange_rate_delete": Route(
        [Row("post", portfolio_keeper, 302, exchange_rate_kwargs, writes=True)]
    ),
    "governance:change_authority": Route(
        [
            Row("get", portfolio_keeper, 200),  # PMO staff read it; only admins change it
            Row("post", admin_only, 302, data=change_authority_form, writes=True),
        ]
    ),
    # Project pages
    "projects:list": Route([Row("get", signed_in, 200)]),
    "projects:create": Route(
        [Row("get", creator, 200), Row("post", creator, 302, data=new_project_form, writes=True)]
    ),
    "projects:detail": Route([Row("get", viewer, 200, project_id, scoped=True)]),
    "projects:history": Route([Row("get", viewer, 200, project_id, scoped=True)]),
    "projects:edit": Route(
        [
            Row("get", editor, 200, project_id, scoped=True),
            Row(
                "post",
                editor,
                302,
                project_id,
                data=lambda world, person: project_form(world, person, name=f"Renamed by {person}"),
                writes=True,
                scoped=True,
            ),
        ]
    ),
    "projects:membership_add": Route(
        [
            Row(
                "post",
                editor,
                302,
                project_id,
                data=lambda world, person: {"user": world.newcomer.pk, "role": "team_member"},
                writes=True,
                scoped=True,
            )
        ]
    ),
    "projects:membership_change": Route(
        [
            Row(
                "post",
                editor,
                302,
                lambda world: {"project_id": world.project.pk, "membership_id": world.membership.pk},
                data=lambda world, person: {"role": "team_lead"},
                writes=True,
                scoped=True,
            )
        ]
    ),
    "projects:membership_remove": Route(
        [
            Row(
                "post",
                editor,
                302,
                lambda world: {"project_id": world.project.pk, "membership_id": world.membership.pk},
                writes=True,
                scoped=True,
            )
        ]
    ),
    # Knowledge pages
    "projects:lessons": Route([Row("get", signed_in, 200)]),
    # Compliance across projects is the PMO's view.
    "projects:compliance": Route([Row("get", portfolio_keeper, 200)]),
    # The PMO's own performance: PMO staff and admins (governance.policy.may_view_pmo_performance).
    "reports:pmo-performance": Route([Row("get", portfolio_keeper, 200)]),
    "projects:lesson_add": Route(
        [Row("post", editor, 302, project_id, data=lesson_data, writes=True, scoped=True)]
    ),
    "projects:comment_add": Route(
        [
            Row(
                "post",
                commenter,
                302,
                project_id,
                data=lambda world, person: {"text": "请补充风险登记册"},
                writes=True,
                scoped=True,
            )
        ]
    ),
    "projects:charter": Route(
        [
            Row("get", editor, 200, project_id, scoped=True),
            Row("post", editor, 302, project_id, data=charter_form, writes=True, scoped=True),
        ]
    ),
    "projects:charter_print": Route([Row("get", viewer, 200, project_id, scoped=True)]),
    "projects:methodology_move": Route(
        [
            Row("get", portfolio_keeper, 200, newer_version_id),
            Row(
                "post",
                portfolio_keeper,
                302,
                newer_version_id,
                data=lambda world, person: {"projects": [str(world.project.pk)]},
                writes=True,
            ),
        ]
    ),
    # Plan pages
    "projects:plan": Route([Row("get", viewer, 200, project_id, scoped=True)]),
    # The dashboards (reports): each reader sees the projects the project list shows them.
    "reports:dashboard": Route([Row("get", dashboard_reader, 200)]),
    "reports:project_dashboard": Route([Row("get", viewer, 200, project_id, scoped=True)]),
    "api:dashboard": Route([Row("get", dashboard_reader, 200)], api=True),
    "api:project-evm": Route([Row("get", viewer, 200, project_id, scoped=True)], api=True),
    "api:project-health": Route([Row("get", viewer, 200, project_id, scoped=True)], api=True),
    "api:snapshot-list": Route([Row("get", signed_in, 200)], api=True),
    "projects:plan_baseline_save": Route(
        [
            Row(
                "post",
                editor,
                302,
                project_id,
                data=lambda world, person: {"name": "Matrix"},
                writes=True,
                scoped=True,
            )
        ]
    ),
    "projects:plan_burndown": Route([Row("get", viewer, 200, project_id, scoped=True)]),
    "projects:plan_calendar": Route(
        [
            Row("get", viewer, 200, project_id, scoped=True),
            Row("post", editor, 302, project_id, data=calendar_form, writes=True, scoped=True),
        ]
    ),
    "projects:plan_import": Route(
        [
            Row("get", viewer, 200, project_id, scoped=True),
            Row("post", editor, 302, project_id, data=plan_file, writes=True, scoped=True),
        ]
    ),
    "projects:plan_task": Route([Row("get", viewer, 200, task_kwargs("T3"), scoped=True)]),
    "projects:plan_task_update": Route(
        [Row("post", editor, 302, task_kwargs("T3"), data=task_form, writes=True, scoped=True)]
    ),
    "projects:plan_cost_entry_add": Route(
        [
            Row(
                "post",
                editor,
                302,
                task_kwargs("T3"),
                data=lambda world, person: {"date": "2026-03-03", "amount": "250.00"},
                writes=True,
                scoped=True,
            )
        ]
    ),
    # Change request pages
    "projects:status_reports_late": Route([Row("get", portfolio_keeper, 200)]),
    "projects:status_reports": Route([Row("get", viewer, 200, project_id, scoped=True)]),
    # The project's risk register and issue log pages: everyone who sees the project reads them, the
    # PM and the team write them (PMO staff under a directive PMO), as the risks API.
    "risks:register": Route([Row("get", viewer, 200, project_id, scoped=True)]),
    "risks:create": Route(
        [
            Row("get", risk_editor, 200, project_id, scoped=True),
            Row("post", risk_editor, 302, project_id, data=risk_page_form, writes=True, scoped=True),
        ]
    ),
    "risks:detail": Route([Row("get", viewer, 200, risk_page_kwargs(lambda world: world.risk), scoped=True)]),
    "risks:edit": Route(
        [
            Row("get", risk_editor, 200, risk_page_kwargs(lambda world: world.risk), scoped=True),
            Row(
                "post",
                risk_editor,
                302,
                risk_page_kwargs(lambda world: world.risk),
                data=risk_page_form,
                writes=True,
                scoped=True,
            ),
        ]
    ),
    # Without htmx the row answers by sending the reader back to the register.
    "risks:row": Route([Row("get", viewer, 302, risk_page_kwargs(lambda world: world.risk), scoped=True)]),
    "risks:rate": Route(
        [
            Row(
                "post",
                risk_editor,
                302,
                risk_page_kwargs(lambda world: world.risk),
                data=lambda world, person: {"impact": "4"},
                writes=True,
                scoped=True,
            )
        ]
    ),
    "risks:move": Route(
        [
            Row(
                "post",
                risk_editor,
                302,
                risk_page_kwargs(lambda world: world.risk),
                data=lambda world, person: {"status": "assessed"},
                writes=True,
                scoped=True,
            )
        ]
    ),
    "risks:action_add": Route(
        [
            Row(
                "post",
                risk_editor,
                302,
                risk_page_kwargs(lambda world: world.risk),
                data=risk_action_page_form,
                writes=True,
                scoped=True,
            )
        ]
    ),
    "risks:action_edit": Route(
        [
            Row("get", risk_editor, 200, risk_action_page_kwargs, scoped=True),
            Row(
                "post",
                risk_editor,
                302,
                risk_action_page_kwargs,
                data=risk_action_page_form,
                writes=True,
                scoped=True,
            ),
        ]
    ),
    "risks:action_done": Route(
        [Row("post", risk_editor, 302, risk_action_page_kwargs, writes=True, scoped=True)]
    ),
    "risks:issues": Route([Row("get", viewer, 200, project_id, scoped=True)]),
    "risks:issue_create": Route(
        [
            Row("get", risk_editor, 200, project_id, scoped=True),
            Row("post", risk_editor, 302, project_id, data=issue_page_form, writes=True, scoped=True),
        ]
    ),
    "risks:issue_edit": Route(
        [
            Row("get", risk_editor, 200, issue_page_kwargs(lambda world: world.issue), scoped=True),
            Row(
                "post",
                risk_editor,
                302,
                issue_page_kwargs(lambda world: world.issue),
                data=issue_page_form,
                writes=True,
                scoped=True,
            ),
        ]
    ),
    "risks:issue_resolve": Route(
        [
            Row("get", risk_editor, 200, issue_page_kwargs(lambda world: world.issue), scoped=True),
            Row(
                "post",
                risk_editor,
                302,
                issue_page_kwargs(lambda world: world.issue),
                data=lambda world, person: {"resolution": "Fixed"},
                writes=True,
                scoped=True,
            ),
        ]
    ),
    "risks:issue_close": Route(
        [
            Row(
                "post",
                risk_editor,
                302,
                issue_page_kwargs(lambda world: world.resolved_issue),
                writes=True,
                scoped=True,
            )
        ]
    ),
    "projects:status_report_create": Route(
        [Row("post", editor, 302, project_id, data=past_period, writes=True, scoped=True)]
    ),
    "projects:status_report": Route(
        [Row("get", viewer, 200, report_kwargs(lambda world: world.submitted_report), scoped=True)]
    ),
    "projects:status_report_edit": Route(
        [
            Row("get", editor, 200, report_kwargs(lambda world: world.draft_report), scoped=True),
            Row(
                "post",
                editor,
                302,
                report_kwargs(lambda world: world.draft_report),
                data=status_report_form,
                writes=True,
                scoped=True,
            ),
        ]
    ),
    "projects:status_report_submit": Route(
        [
            Row("get", editor, 200, report_kwargs(lambda world: world.draft_report), scoped=True),
            Row(
                "post", editor, 302, report_kwargs(lambda world: world.draft_report), writes=True, scoped=True
            ),
        ]
    ),
    "projects:change_requests_awaiting": Route([Row("get", signed_in, 200)]),
    "projects:change_requests": Route([Row("get", viewer, 200, project_id, scoped=True)]),
    "projects:change_request_create": Route(
        [
            Row("get", editor, 200, project_id, scoped=True),
            Row("post", editor, 302, project_id, data=change_request_form, writes=True, scoped=True),
        ]
    ),
    "projects:change_request": Route(
        [Row("get", viewer, 200, change_kwargs(lambda world: world.submitted_change), scoped=True)]
    ),
    "projects:change_request_edit": Route(
        [
            Row("get", editor, 200, change_kwargs(lambda world: world.draft_change), scoped=True),
            Row(
                "post",
                editor,
                302,
                change_kwargs(lambda world: world.draft_change),
                data=change_request_form,
                writes=True,
                scoped=True,
            ),
        ]
    ),
    "projects:change_request_submit": Route(
        [Row("post", editor, 302, change_kwargs(lambda world: world.draft_change), writes=True, scoped=True)]
    ),
    "projects:change_request_withdraw": Route(
        [Row("post", editor, 302, change_kwargs(lambda world: world.draft_change), writes=True, scoped=True)]
    ),
    "projects:change_request_decide": Route(
        [
            Row(
                "post",
                change_decider,
                302,
                change_kwargs(lambda world: world.submitted_change),
                data=lambda world, person: {"decision": "approve", "comment": "Fine", "step": "1"},
                writes=True,
                scoped=True,
            )
        ]
    ),
    # Governance pages
    "projects:gate_review_request": Route(
        [Row("post", gate_requester, 302, project_id, writes=True, scoped=True)]
    ),
    "projects:gate_review": Route(
        [
            Row("get", viewer, 200, lambda world: _pending_review_kwargs(world), scoped=True),
            Row(
                "post",
                gate_decider,
                302,
                lambda world: _pending_review_kwargs(world),
                data=gate_decision_form,
                writes=True,
                scoped=True,
            ),
        ]
    ),
    "projects:phase_move": Route(
        [
            Row(
                "post",
                phase_mover,
                302,
                project_id,
                data=lambda world, person: {"phase": "planning"},
                writes=True,
                scoped=True,
            )
        ]
    ),
    "projects:deliverable_edit": Route(
        [
            Row(
                "get",
                editor,
                200,
                lambda world: {"project_id": world.project.pk, "kind": "charter"},
                scoped=True,
            ),
            Row(
                "post",
                editor,
                302,
                lambda world: {"project_id": world.project.pk, "kind": "charter"},
                data=lambda world, person: {"link": "https://example.com/charter"},
                writes=True,
                scoped=True,
            ),
        ]
    ),
    "projects:deliverable_action": Route(
        [
            Row(
                "post",
                deliverable_reviewer,
                302,
                lambda world: {
                    "project_id": world.project.pk,
                    "deliverable_id": deliverable_of("charter")(world).pk,
                },
                data=lambda world, person: {"action": "accept"},
                writes=True,
                scoped=True,
            )
        ]
    ),
    "projects:deliverable_file": Route(
        [
            Row(
                "get",
                viewer,
                200,
                lambda world: {
                    "project_id": world.project.pk,
                    "deliverable_id": deliverable_of("charter")(world).pk,
                },
                scoped=True,
            )
        ]
    ),
    "projects:evaluation": Route(
        [
            Row("get", viewer, 200, closed_project_id, scoped=True),
            Row(
                "post",
                evaluation_writer,
                302,
                closed_project_id,
                data=evaluation_form,
                writes=True,
                scoped=True,
            ),
        ]
    ),
    "projects:evaluation_submit": Route(
        [
            Row(
                "post",
                evaluation_writer,
                302,
                closed_project_id,
                data=evaluation_form,
                writes=True,
                scoped=True,
            )
        ]
    ),
    "projects:waivers": Route(
        [
            Row("get", viewer, 200, project_id, scoped=True),
            Row(
                "post",
                portfolio_keeper,
                302,
                project_id,
                data=lambda world, person: {
                    "deliverable_kind": "charter",
                    "reason": "r",
                    "expires_on": "2099-01-01",
                },
                writes=True,
                scoped=True,
            ),
        ]
    ),
    # API: governance
    "api:deliverable-list": Route(
        [
            Row("get", viewer, 200, project_id, scoped=True),
            Row(
                "post",
                editor,
                201,
                project_id,
                data=lambda world, person: {"kind": "charter", "link": "https://example.com/c"},
                writes=True,
                scoped=True,
            ),
        ],
        api=True,
    ),
    "api:deliverable-submit": Route(
        [Row("post", editor, 200, api_pk(deliverable_of("business_case")), writes=True, scoped=True)],
        api=True,
    ),
    "api:deliverable-accept": Route(
        [
            Row(
                "post",
                deliverable_reviewer,
                200,
                api_pk(deliverable_of("charter")),
                data=lambda world, person: {},
                writes=True,
                scoped=True,
            )
        ],
        api=True,
    ),
    "api:deliverable-return": Route(
        [
            Row(
                "post",
                deliverable_reviewer,
                200,
                api_pk(deliverable_of("charter")),
                data=lambda world, person: {"comment": "More"},
                writes=True,
                scoped=True,
            )
        ],
        api=True,
    ),
    "api:gate-review-list": Route(
        [
            Row("get", viewer, 200, project_id, scoped=True),
            Row(
                "post",
                gate_requester,
                201,
                project_id,
                data=lambda world, person: {},
                writes=True,
                scoped=True,
            ),
        ],
        api=True,
    ),
    "api:gate-review-decision": Route(
        [
            Row(
                "post",
                gate_decider,
                200,
                api_pk(lambda world: GateReview.objects.get(project=world.project, state="pending")),
                data=lambda world, person: {
                    "decision": "approved",
                    "comment": "Fine",
                    "checklist": [{"answer": "yes"}, {"answer": "yes"}],
                },
                writes=True,
                scoped=True,
            )
        ],
        api=True,
    ),
    "api:project-phase": Route(
        [
            Row(
                "post",
                phase_mover,
                200,
                project_id,
                data=lambda world, person: {"phase": "planning"},
                writes=True,
                scoped=True,
            )
        ],
        api=True,
        expected=phase_move_api_expected,
    ),
    "api:waiver-list": Route(
        [
            Row("get", viewer, 200, project_id, scoped=True),
            Row(
                "post",
                portfolio_keeper,
                201,
                project_id,
                data=lambda world, person: {
                    "deliverable_kind": "charter",
                    "reason": "r",
                    "expires_on": "2099-01-01",
                },
                writes=True,
                scoped=True,
            ),
        ],
        api=True,
    ),
    "api:follow-up-detail": Route(
        [
            Row(
                "patch",
                follow_up_keeper,
                200,
                api_pk(lambda world: FollowUp.objects.get(review__project=world.project)),
                data=lambda world, person: {"done": True},
                writes=True,
                scoped=True,
            )
        ],
        api=True,
    ),
    # API: people and settings
    "api:token": Route(
        [Row("post", everyone, 200, data=own_credentials, writes=True)],
        api=True,
        public=True,
        expected=token_expected,
    ),
    "api:api-token-list": Route(
        [
            Row("get", signed_in, 200),
            Row("post", signed_in, 201, data=lambda world, person: {"name": "Matrix"}, writes=True),
        ],
        api=True,
    ),
    "api:api-token-detail": Route(
        [
            Row(
                "delete",
                signed_in,
                204,
                api_pk(lambda world: ApiToken.objects.get(user__username="observer")),
            )
        ],
        api=True,
        expected=not_theirs_expected(api=True),
    ),
    # Signed in by session here: signing out ends the session, which the matrix does not watch.
    "api:logout": Route([Row("post", signed_in, 204)], api=True),
    "api:me": Route([Row("get", signed_in, 200)], api=True),
    "api:user-list": Route([Row("get", signed_in, 200)], api=True),
    "api:pmo-settings": Route(
        [
            Row("get", signed_in, 200),
            Row(
                "put",
                admin_only,
                200,
                data=lambda world, person: {"pmo_type": world.pmo_type, "default_currency": "USD"},
                writes=True,
            ),
            Row(
                "patch", admin_only, 200, data=lambda world, person: {"default_currency": "EUR"}, writes=True
            ),
        ],
        api=True,
    ),
    "api:health-standards": Route(
        [
            Row("get", signed_in, 200),
            Row(
                "patch",
                admin_only,
                200,
                data=lambda world, person: {"weights": {"schedule": 20, "cost": 30}, "band_green": 80},
                writes=True,
            ),
        ],
        api=True,
    ),
    "api:risk-standards": Route(
        [
            Row("get", signed_in, 200),
            Row(
                "patch", admin_only, 200, data=lambda world, person: {"escalation_threshold": 12}, writes=True
            ),
            Row("put", admin_only, 200, data=lambda world, person: RISK_STANDARDS_BODY, writes=True),
        ],
        api=True,
    ),
    "api:reporting-currency": Route(
        [
            Row("get", signed_in, 200),
            Row(
                "patch",
                portfolio_keeper,
                200,
                data=lambda world, person: {"reporting_currency": "EUR"},
                writes=True,
            ),
        ],
        api=True,
    ),
    "api:exchange-rate-list": Route(
        [
            Row("get", signed_in, 200),
            Row(
                "post",
                portfolio_keeper,
                201,
                data=lambda world, person: {
                    "from_currency": "USD",
                    "to_currency": "CNY",
                    "rate": "7.1",
                    "valid_from": "2026-07-01",
                },
                writes=True,
            ),
        ],
        api=True,
    ),
    "api:exchange-rate-detail": Route(
        [
            Row(
                "delete",
                portfolio_keeper,
                204,
                api_pk(lambda world: ExchangeRate.objects.get(from_currency="EUR")),
                writes=True,
            )
        ],
        api=True,
    ),
    # The API's description is for signed-in people: the schema answers 401, the docs page sends to sign in.
    "api:schema": Route([Row("get", signed_in, 200)], api=True),
    "api:docs": Route([Row("get", signed_in, 200)]),
    "api:audit-event-list": Route([Row("get", admin_only, 200)], api=True),
    "api:methodology-list": Route([Row("get", signed_in, 200)], api=True),
    "api:methodology-detail": Route(
        [Row("get", signed_in, 200, api_pk(lambda world: world.methodologies["followed"]))], api=True
    ),
    "api:not-found": Route(
        [Row("get", everyone, 404, lambda world: {})],
        api=True,
        public=True,
        expected=lambda world, person, row: 404,
    ),
    # API: portfolios and programs
    "api:portfolio-list": Route(
        [
            Row("get", signed_in, 200),
            Row(
                "post",
                portfolio_keeper,
                201,
                data=lambda world, person: {"code": "MATRIX", "name": "Matrix portfolio"},
                writes=True,
            ),
        ],
        api=True,
    ),
    "api:portfolio-detail": Route(
        [
            Row("get", viewer, 200, api_pk(lambda world: world.project.portfolio), scoped=True),
            Row(
                "patch",
                portfolio_keeper,
                200,
                api_pk(lambda world: world.project.portfolio),
                data=lambda world, person: {"name": "Renamed portfolio"},
                writes=True,
                scoped=True,
            ),
        ],
        api=True,
    ),
    "api:program-list": Route(
        [
            Row("get", signed_in, 200),
            Row(
                "post",
                portfolio_keeper,
                201,
                data=lambda world, person: {
                    "portfolio": world.project.portfolio_id,
                    "code": "MATRIX-PG",
                    "name": "Matrix program",
                },
                writes=True,
            ),
        ],
        api=True,
    ),
    "api:program-detail": Route(
        [Row("get", viewer, 200, api_pk(lambda world: world.program), scoped=True)], api=True
    ),
    # API: projects and teams
    "api:project-list": Route(
        [
            Row("get", signed_in, 200),
            Row(
                "post",
                creator,
                201,
                data=lambda world, person: {
                    "code": "MATRIX-1",
                    "name": "新项目",
                    "portfolio": world.project.portfolio_id,
                    "methodology": world.methodologies["plain"].pk,
                },
                writes=True,
            ),
        ],
        api=True,
    ),
    "api:project-detail": Route(
        [
            Row("get", viewer, 200, api_pk(lambda world: world.project), scoped=True),
            Row(
                "patch",
                editor,
                200,
                api_pk(lambda world: world.project),
                data=lambda world, person: {"department": person},
                writes=True,
                scoped=True,
            ),
            Row("delete", admin_only, 204, api_pk(lambda world: world.project), writes=True, scoped=True),
        ],
        api=True,
    ),
    "api:project-history": Route(
        [Row("get", viewer, 200, api_pk(lambda world: world.project), scoped=True)], api=True
    ),
    # API: knowledge
    "api:lesson-list": Route([Row("get", signed_in, 200)], api=True),
    "api:project-compliance": Route([Row("get", viewer, 200, project_id, scoped=True)], api=True),
    "api:compliance-list": Route([Row("get", portfolio_keeper, 200)], api=True),
    "api:pmo-performance": Route([Row("get", portfolio_keeper, 200)], api=True),
    # API: the post-project evaluation of the closed project
    "api:evaluation": Route(
        [
            Row("get", viewer, 200, closed_project_id, scoped=True),
            Row(
                "patch",
                evaluation_writer,
                200,
                closed_project_id,
                data=lambda world, person: {"went_well": "On time", "rating": 4},
                writes=True,
                scoped=True,
            ),
        ],
        api=True,
    ),
    "api:evaluation-submit": Route(
        [
            Row(
                "post",
                evaluation_writer,
                200,
                closed_project_id,
                data=lambda world, person: {"objectives_met": "yes", "rating": 5},
                writes=True,
                scoped=True,
            )
        ],
        api=True,
    ),
    "api:project-lesson-list": Route(
        [
            Row("get", viewer, 200, project_id, scoped=True),
            Row(
                "post",
                editor,
                201,
                project_id,
                data=lambda world, person: {**lesson_data(world, person), "tags": ["供应商"]},
                writes=True,
                scoped=True,
            ),
        ],
        api=True,
    ),
    "api:comment-list": Route(
        [
            Row("get", viewer, 200, project_id, scoped=True),
            Row(
                "post",
                commenter,
                201,
                project_id,
                data=lambda world, person: {"text": "请补充风险登记册"},
                writes=True,
                scoped=True,
            ),
        ],
        api=True,
    ),
    "api:membership-list": Route(
        [
            Row("get", signed_in, 200),
            Row(
                "post",
                editor,
                201,
                data=lambda world, person: {"project": world.project.pk, "user": world.newcomer.pk},
                writes=True,
                scoped=True,
                hidden_status=400,  # the project field names a project the person cannot see
            ),
        ],
        api=True,
    ),
    "api:membership-detail": Route(
        [
            Row("get", viewer, 200, api_pk(lambda world: world.membership), scoped=True),
            Row(
                "patch",
                editor,
                200,
                api_pk(lambda world: world.membership),
                data=lambda world, person: {"role": "team_lead"},
                writes=True,
                scoped=True,
            ),
            Row("delete", editor, 204, api_pk(lambda world: world.membership), writes=True, scoped=True),
        ],
        api=True,
    ),
    "api:schedule": Route(
        [
            Row(
                "post",
                signed_in,
                200,
                data=lambda world, person: {"activities": [{"id": "A", "duration": 2, "predecessors": []}]},
            )
        ],
        api=True,
    ),
    # API: plans
    "api:plan-detail": Route([Row("get", viewer, 200, project_id, scoped=True)], api=True),
    "api:plan-schedule": Route([Row("get", viewer, 200, project_id, scoped=True)], api=True),
    "api:task-list": Route(
        [
            Row("get", viewer, 200, project_id, scoped=True),
            Row(
                "post",
                editor,
                201,
                project_id,
                data=lambda world, person: {"name": "Added"},
                writes=True,
                scoped=True,
            ),
        ],
        api=True,
    ),
    "api:task-detail": Route(
        [
            Row("get", viewer, 200, api_pk(lambda world: world.tasks["T3"]), scoped=True),
            Row(
                "patch",
                editor,
                200,
                api_pk(lambda world: world.tasks["T3"]),
                data=lambda world, person: {"name": "Renamed"},
                writes=True,
                scoped=True,
                headers=if_match("T3"),
            ),
            Row(
                "delete",
                editor,
                204,
                api_pk(lambda world: world.tasks["T3"]),
                writes=True,
                scoped=True,
                headers=if_match("T3"),
            ),
        ],
        api=True,
    ),
    "api:task-indent": Route(
        [
            Row(
                "post",
                editor,
                200,
                api_pk(lambda world: world.tasks["T4"]),
                writes=True,
                scoped=True,
                headers=plan_if_match,
            )
        ],
        api=True,
    ),
    "api:task-outdent": Route(
        [
            Row(
                "post",
                editor,
                200,
                api_pk(lambda world: world.tasks["T6"]),
                writes=True,
                scoped=True,
                headers=plan_if_match,
            )
        ],
        api=True,
    ),
    "api:task-move": Route(
        [
            Row(
                "post",
                editor,
                200,
                api_pk(lambda world: world.tasks["T4"]),
                data=lambda world, person: {"parent": None, "position": 0},
                writes=True,
                scoped=True,
                headers=plan_if_match,
            )
        ],
        api=True,
    ),
    "api:task-cost-entries": Route(
        [
            Row("get", viewer, 200, api_pk(lambda world: world.tasks["T3"]), scoped=True),
            Row(
                "post",
                editor,
                201,
                api_pk(lambda world: world.tasks["T3"]),
                data=lambda world, person: {"date": "2026-03-03", "amount": "99.50"},
                writes=True,
                scoped=True,
            ),
        ],
        api=True,
    ),
    "api:dependency-list": Route(
        [
            Row("get", viewer, 200, project_id, scoped=True),
            Row(
                "post",
                editor,
                201,
                project_id,
                data=lambda world, person: {
                    "predecessor": world.tasks["T3"].pk,
                    "successor": world.tasks["T4"].pk,
                },
                writes=True,
                scoped=True,
                headers=plan_if_match,
            ),
        ],
        api=True,
    ),
    "api:dependency-detail": Route(
        [
            Row(
                "patch",
                editor,
                200,
                api_pk(lambda world: world.dependency),
                data=lambda world, person: {"type": "SS", "lag_days": 1},
                writes=True,
                scoped=True,
                headers=plan_if_match,
            ),
            Row(
                "delete",
                editor,
                204,
                api_pk(lambda world: world.dependency),
                writes=True,
                scoped=True,
                headers=plan_if_match,
            ),
        ],
        api=True,
    ),
    "api:baseline-list": Route(
        [
            Row("get", viewer, 200, project_id, scoped=True),
            Row(
                "post",
                editor,
                201,
                project_id,
                data=lambda world, person: {"name": "Matrix"},
                writes=True,
                scoped=True,
            ),
        ],
        api=True,
    ),
    "api:baseline-detail": Route(
        [Row("get", viewer, 200, api_pk(lambda world: world.baseline), scoped=True)], api=True
    ),
    "api:plan-calendar": Route(
        [
            Row("get", viewer, 200, project_id, scoped=True),
            Row(
                "put",
                editor,
                200,
                project_id,
                data=lambda world, person: {"working_weekdays": [0, 1, 2, 3], "holidays": []},
                writes=True,
                scoped=True,
            ),
        ],
        api=True,
    ),
    "api:plan-export": Route(
        [
            Row(
                "get",
                viewer,
                200,
                lambda world, file_format=file_format: {
                    "project_id": world.project.pk,
                    "file_format": file_format,
                },
                scoped=True,
            )
            for file_format in ("csv", "xml")
        ],
        api=True,
    ),
    "api:plan-import": Route(
        [Row("post", editor, 201, project_id, data=plan_file, writes=True, scoped=True, api_format=None)],
        api=True,
    ),
    # API: change requests
    "api:status-report-list": Route(
        [
            Row("get", viewer, 200, project_id, scoped=True),
            Row("post", editor, 201, project_id, data=past_period, writes=True, scoped=True),
        ],
        api=True,
    ),
    "api:status-report-detail": Route(
        [
            Row("get", viewer, 200, report_api_kwargs(lambda world: world.submitted_report), scoped=True),
            Row(
                "patch",
                editor,
                200,
                report_api_kwargs(lambda world: world.draft_report),
                data=lambda world, person: {"narrative": f"Written by {person}"},
                writes=True,
                scoped=True,
            ),
        ],
        api=True,
    ),
    "api:status-report-submit": Route(
        [
            Row(
                "post",
                editor,
                200,
                report_api_kwargs(lambda world: world.draft_report),
                writes=True,
                scoped=True,
            )
        ],
        api=True,
    ),
    "api:change-request-list": Route(
        [
            Row("get", viewer, 200, project_id, scoped=True),
            Row(
                "post",
                editor,
                201,
                project_id,
                data=lambda world, person: {"title": "Matrix change", "cost_impact": "10.00"},
                writes=True,
                scoped=True,
            ),
        ],
        api=True,
    ),
    "api:change-request-detail": Route(
        [
            Row("get", viewer, 200, api_pk(lambda world: world.submitted_change), scoped=True),
            Row(
                "patch",
                editor,
                200,
                api_pk(lambda world: world.draft_change),
                data=lambda world, person: {"title": "Renamed change"},
                writes=True,
                scoped=True,
            ),
        ],
        api=True,
    ),
    "api:change-request-submit": Route(
        [Row("post", editor, 200, api_pk(lambda world: world.draft_change), writes=True, scoped=True)],
        api=True,
    ),
    "api:risk-list": Route(
        [
            Row("get", signed_in, 200),
            Row(
                "post",
                risk_editor,
                201,
                data=lambda world, person: {
                    "project": world.project.pk,
                    "title": "Matrix risk",
                    "probability": 2,
                    "impact": 3,
                },
                writes=True,
                scoped=True,
                hidden_status=400,
            ),
        ],
        api=True,
    ),
    "api:risk-queue": Route([Row("get", signed_in, 200)], api=True),
    # The risk pages across projects: who reads the portfolio dashboard; sign-off by PMO staff and admins.
    "risk_portfolio:portfolio": Route([Row("get", dashboard_reader, 200)]),
    "risk_portfolio:queue": Route([Row("get", dashboard_reader, 200)]),
    "risk_portfolio:sign_off": Route(
        [
            Row(
                "post",
                risk_signer,
                302,
                lambda world: {"risk_id": world.escalated_risk.pk},
                writes=True,
                scoped=True,
            )
        ]
    ),
    "api:risk-detail": Route(
        [
            Row("get", viewer, 200, api_pk(lambda world: world.risk), scoped=True),
            Row(
                "patch",
                risk_editor,
                200,
                api_pk(lambda world: world.risk),
                data=lambda world, person: {"title": "Renamed risk"},
                writes=True,
                scoped=True,
            ),
        ],
        api=True,
    ),
    "api:risk-transition": Route(
        [
            Row(
                "post",
                risk_editor,
                200,
                api_pk(lambda world: world.risk),
                data=lambda world, person: {"status": "assessed"},
                writes=True,
                scoped=True,
            )
        ],
        api=True,
    ),
    "api:risk-sign-off": Route(
        [Row("post", risk_signer, 200, api_pk(lambda world: world.escalated_risk), writes=True, scoped=True)],
        api=True,
    ),
    "api:risk-occur": Route(
        [
            Row(
                "post",
                risk_editor,
                201,
                api_pk(lambda world: world.risk),
                data=lambda world, person: {},
                writes=True,
                scoped=True,
            )
        ],
        api=True,
    ),
    "api:risk-action-list": Route(
        [
            Row("get", viewer, 200, api_pk(lambda world: world.risk), scoped=True),
            Row(
                "post",
                risk_editor,
                201,
                api_pk(lambda world: world.risk),
                data=lambda world, person: {
                    "description": "Book a second supplier",
                    "owner": world.project.project_manager_id,
                    "due_date": "2026-07-01",
                },
                writes=True,
                scoped=True,
            ),
        ],
        api=True,
    ),
    "api:risk-action-detail": Route(
        [
            Row("get", viewer, 200, api_pk(lambda world: world.risk_action), scoped=True),
            Row(
                "patch",
                risk_editor,
                200,
                api_pk(lambda world: world.risk_action),
                data=lambda world, person: {"description": "Changed"},
                writes=True,
                scoped=True,
            ),
        ],
        api=True,
    ),
    "api:risk-action-complete": Route(
        [Row("post", risk_editor, 200, api_pk(lambda world: world.risk_action), writes=True, scoped=True)],
        api=True,
    ),
    "api:project-risk-figures": Route([Row("get", viewer, 200, project_id, scoped=True)], api=True),
    # A simulation run stores nothing: whoever sees the project may run it.
    "api:project-schedule-risk": Route(
        [
            Row(
                "post",
                viewer,
                200,
                project_id,
                data=lambda world, person: {"iterations": 20, "seed": 1},
                scoped=True,
            )
        ],
        api=True,
    ),
    # The schedule-risk page: anyone who sees the project reads and runs it; the plan's editors save
    # the estimates (then sent back to the page).
    "risk_tools:schedule_risk": Route(
        [
            Row("get", viewer, 200, project_id, scoped=True),
            Row(
                "post",
                editor,
                302,
                project_id,
                data=lambda world, person: {
                    f"optimistic-{world.tasks['T1'].pk}": "1",
                    f"most_likely-{world.tasks['T1'].pk}": "2",
                    f"pessimistic-{world.tasks['T1'].pk}": "4",
                },
                writes=True,
                scoped=True,
            ),
        ]
    ),
    "risk_tools:register_csv": Route([Row("get", viewer, 200, project_id, scoped=True)]),
    "risk_tools:register_xlsx": Route([Row("get", viewer, 200, project_id, scoped=True)]),
    "risk_tools:reminders": Route([Row("get", signed_in, 200)]),
    "api:issue-list": Route(
        [
            Row("get", signed_in, 200),
            Row(
                "post",
                risk_editor,
                201,
                data=lambda world, person: {"project": world.project.pk, "title": "Matrix issue"},
                writes=True,
                scoped=True,
                hidden_status=400,
            ),
        ],
        api=True,
    ),
    "api:issue-detail": Route(
        [
            Row("get", viewer, 200, api_pk(lambda world: world.issue), scoped=True),
            Row(
                "patch",
                risk_editor,
                200,
                api_pk(lambda world: world.issue),
                data=lambda world, person: {"title": "Renamed issue"},
                writes=True,
                scoped=True,
            ),
        ],
        api=True,
    ),
    "api:issue-resolve": Route(
        [
            Row(
                "post",
                risk_editor,
                200,
                api_pk(lambda world: world.issue),
                data=lambda world, person: {"resolution": "Fixed"},
                writes=True,
                scoped=True,
            )
        ],
        api=True,
    ),
    "api:issue-close": Route(
        [Row("post", risk_editor, 200, api_pk(lambda world: world.resolved_issue), writes=True, scoped=True)],
        api=True,
    ),
    "api:change-request-decision": Route(
        [
            Row(
                "post",
                change_decider,
                200,
                api_pk(lambda world: world.submitted_change),
                data=lambda world, person: {"decision": "approve", "comment": "Fine"},
                writes=True,
                scoped=True,
            )
        ],
        api=True,
    ),
}


# --- The Django admin: one rule for the whole family -------------------------------------------------------
# Only staff accounts enter the admin; of the portal's people only the admin is one, so everyone else is
# sent to the admin's sign-in page, whatever the PMO type. The admin's own answers, by kind of page:
ADMIN_ANSWERS = {
    "index": 200,
    "app_list": 200,
    "changelist": 200,
    "add": 200,
    "change": 200,
    "delete": 200,
    "history": 200,
    "password_change": 200,
    "password_change_done": 200,
    "jsi18n": 200,
    "login": 302,  # already signed in: on to the index
    "logout": 405,  # signing out is a POST
    "autocomplete": 403,  # without the field it completes for
    "view_on_site": 404,  # the portal's models have no page outside the admin
    "object_redirect": 302,  # admin/<app>/<model>/<id>/ -> its change page
    "catch_all": 404,
}
# The one PMO settings row is neither added a second time nor deleted, not even by an admin; the audit
# log is neither added to, changed nor deleted there (its change page only shows an event).
ADMIN_REFUSALS = {
    "admin:governance_pmosettings_add": 403,
    "admin:governance_pmosettings_delete": 403,
    "admin:governance_auditevent_add": 403,
    "admin:governance_auditevent_delete": 403,
    # django-axes records sign-ins itself; nobody adds them by hand.
    "admin:axes_accessattempt_add": 403,
    "admin:axes_accesslog_add": 403,
    "admin:axes_accessfailurelog_add": 403,
}


@dataclass
class AdminPage:
    kind: str
    kwargs: dict = field(default_factory=dict)
    args: list = field(default_factory=list)


def admin_page(name: str | None, pattern: str) -> AdminPage:
    """Which admin page a route is, with the arguments that open it on an existing row."""
    if name is None:
        if pattern.endswith("(?P<url>.*)$"):
            return AdminPage("catch_all")
        app_label, model_name = pattern.split("/")[1:3]
        return AdminPage(
            "object_redirect", {"object_id": str(apps.get_model(app_label, model_name).objects.first().pk)}
        )
    short = name.removeprefix("admin:")
    if short in ADMIN_ANSWERS:
        if short == "app_list":
            return AdminPage(short, {"app_label": "projects"})
        if short == "view_on_site":
            return AdminPage(short, {"content_type_id": 1, "object_id": 1})
        return AdminPage(short)
    if short == "projects_project_simple_history":
        record = apps.get_model("projects", "Project").history.first()
        return AdminPage("history", args=[str(record.id), str(record.history_id)])
    if short.endswith("_user_password_change"):
        return AdminPage("change", {"id": str(apps.get_model("governance", "User").objects.first().pk)})
    for kind in ("changelist", "add", "change", "delete", "history"):
        if short.endswith("_" + kind):
            app_model = short.removesuffix("_" + kind)
            if kind in ("change", "delete", "history"):
                model = next(
                    model
                    for model in apps.get_models()
                    if f"{model._meta.app_label}_{model._meta.model_name}" == app_model
                )
                return AdminPage(kind, {"object_id": str(model.objects.first().pk)})
            return AdminPage(kind)
    raise AssertionError(f"admin route {name} is of no kind the matrix knows")


# --- Running the matrix -------------------------------------------------------------------------------------


def resolver_routes(patterns=None, prefix: str = "", namespace: str | None = None):
    """(name with namespace, pattern) of every route the URL resolver knows."""
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from resolver_routes(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield name, prefix + str(entry.pattern)


def is_admin(pattern: str) -> bool:
    return pattern.startswith("admin/")


def fingerprint_sql() -> str:
    tables = sorted(
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in WATCHED_APPS
        and not model._meta.proxy
        and model._meta.db_table not in UNWATCHED_TABLES
    )
    quote = connection.ops.quote_name
    parts = [
        f"(SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM {quote(table)} t)"  # noqa: S608
        for table in tables
    ]
    # Table names come from the model registry, not from input.
    return "SELECT " + " || ".join(parts)


class Matrix:
    """Signs each person in once, then tries rows and keeps every answer that breaks the rules."""

    def __init__(self, world: World):
        self.world = world
        self.clients = {}
        for person in PEOPLE:
            client = Client()
            if person != "anonymous":
                client.force_login(world.people[person])
            self.clients[person] = client
        self.sql = fingerprint_sql()
        self.breaches: list[str] = []
        self.tried = 0

    def fingerprint(self) -> str:
        with connection.cursor() as cursor:
            cursor.execute(self.sql)
            return cursor.fetchone()[0]

    def request(self, person: str, method: str, url: str, data, headers: dict, api_format: str | None):
        client = self.clients[person]
        extra = dict(headers)
        if method == "get":
            return client.get(url, data or {}, **extra)
        if api_format == "json" and data is not None:
            return getattr(client, method)(url, data, content_type="application/json", **extra)
        if method == "post":
            return client.post(url, data or {}, **extra)
        return getattr(client, method)(url, **extra)

    def attempt(
        self, label: str, person: str, method: str, url: str, *, expected: int, writes: bool, **kwargs
    ):
        """Send one request in a savepoint; record a breach when the answer or the database is off."""
        self.tried += 1
        client = self.clients[person]
        cookies = copy.deepcopy(client.cookies)
        with transaction.atomic():
            before = self.fingerprint()
            response = self.request(person, method, url, **kwargs)
            after = self.fingerprint()
            transaction.set_rollback(True)
        # The savepoint brings the session row back; the cookies (sign-out, language) come back too.
        client.cookies = cookies
        where = f"[{self.world.pmo_type} {person}] {method.upper()} {url} ({label})"
        if response.status_code != expected:
            body = response.content[:200].decode(errors="replace")
            self.breaches.append(f"{where}: {response.status_code}, want {expected}: {body}")
            return
        changed = before != after
        if changed != writes:
            self.breaches.append(f"{where}: the database {'changed' if changed else 'did not change'}")

    def expected(self, route: Route, row: Row, person: str) -> int:
        if route.expected is not None:
            return route.expected(self.world, person, row)
        if person in SIGNED_OUT:
            return 401 if route.api else 302
        if row.scoped and not self.world.sees(person):
            return row.hidden_status
        return row.success if row.allowed(self.world, person) else 403

    def run_route(self, name: str, route: Route) -> None:
        for row in route.rows:
            url = reverse(name, kwargs=row.kwargs(self.world)) if name != "api:not-found" else "/api/nowhere/"
            for person in PEOPLE:
                expected = self.expected(route, row, person)
                allowed_write = (
                    row.writes
                    and 200 <= expected < 400
                    and not (person in SIGNED_OUT and route.expected is None)
                )
                self.attempt(
                    name,
                    person,
                    row.method,
                    url,
                    expected=expected,
                    writes=allowed_write,
                    data=row.data(self.world, person) if row.data else None,
                    headers=row.headers(self.world),
                    api_format=row.api_format if route.api else None,
                )

    def run_admin(self, name: str | None, pattern: str) -> None:
        page = admin_page(name, pattern)
        if page.kind == "catch_all":
            url = "/admin/nowhere/"
        elif name is None:
            url = "/" + pattern.replace("<path:object_id>", page.kwargs["object_id"])
        else:
            url = reverse(name, args=page.args) if page.args else reverse(name, kwargs=page.kwargs)
        for person in PEOPLE:
            if person == "admin":
                expected = ADMIN_REFUSALS.get(name, ADMIN_ANSWERS[page.kind])
            else:
                # The admin's sign-in page shows itself to everyone else; every other page sends them there.
                expected = 200 if page.kind == "login" else 302
            self.attempt(
                name or pattern,
                person,
                "get",
                url,
                expected=expected,
                writes=False,
                data=None,
                headers={},
                api_format=None,
            )


@pytest.mark.parametrize("pmo_type", PMO_TYPES)
def test_every_route_answers_each_person_as_the_rules_say(pmo_type):
    world = build_world(pmo_type)
    matrix = Matrix(world)
    for name, pattern in resolver_routes():
        if is_admin(pattern):
            matrix.run_admin(name, pattern)
        else:
            matrix.run_route(name, ROUTES[name])
    assert not matrix.breaches, "\n".join(
        [f"{len(matrix.breaches)} answers break the rules:", *matrix.breaches]
    )
    assert matrix.tried > 8 * len(ROUTES)


def test_every_route_has_a_row_and_every_row_a_route():
    routes = [(name, pattern) for name, pattern in resolver_routes() if not is_admin(pattern)]
    names = [name for name, _pattern in routes]
    assert None not in names, "every route outside the admin needs a name, so the matrix can hold its row"
    assert sorted(set(names) - set(ROUTES)) == [], "routes without a row in the matrix"
    assert sorted(set(ROUTES) - set(names)) == [], "rows of the matrix without a route"


def test_signed_out_people_are_sent_to_sign_in_with_the_page_they_wanted():
    world = build_world(PmoType.SUPPORTIVE)
    for person in ("anonymous", "inactive"):
        client = Client()
        if person == "inactive":
            client.force_login(world.people["inactive"])
        url = reverse("projects:plan", kwargs={"project_id": world.project.pk})
        response = client.get(url)
        assert response.status_code == 302
        assert response.url == f"{reverse('login')}?next={url}"


def test_staff_pages_of_the_admin_send_everyone_but_the_admin_to_its_sign_in():
    world = build_world(PmoType.DIRECTIVE)
    client = Client()
    client.force_login(world.people["pmo_staff"])
    response = client.get(reverse("admin:projects_project_changelist"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
