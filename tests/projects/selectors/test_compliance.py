"""A project's compliance read from its real rows: passed gates, their reviews, deliverables, waivers and
approved changes; and the PMO's view across projects in a fixed number of queries."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.compliance import Rule
from governance.models import PmoType
from projects.models import CalendarHoliday, Deliverable, GateReview, ProjectCalendar, Waiver
from projects.selectors.compliance import compliance_overview, project_compliance
from tests.api_clients import session_client
from tests.factories import ProjectFactory, UserFactory, set_pmo_type
from tests.factories.gates import gated_methodology_version
from tests.factories.status_reports import REPORT_START, weekly_reports

pytestmark = pytest.mark.django_db


@pytest.fixture
def pmo():
    return UserFactory(username="pmo", is_pmo_staff=True)


def planning_project(**fields):
    """A project past its initiation gate, which requires a business case and a charter."""
    return ProjectFactory(phase="planning", methodology_version=gated_methodology_version(), **fields)


def approve_initiation(project, reviewer):
    GateReview.objects.create(
        project=project,
        phase="initiating",
        gate_name="Initiation gate",
        state="approved",
        requested_by=project.project_manager,
        decided_by=reviewer,
        decided_at=timezone.now(),
    )


def test_under_a_controlling_pmo_a_gate_passed_without_approval_or_deliverables_costs_its_weights():
    set_pmo_type(PmoType.CONTROLLING)
    project = planning_project()

    result = project_compliance(project).result

    assert [finding.rule for finding in result.findings] == [
        Rule.GATE_WITHOUT_APPROVAL,
        Rule.DELIVERABLE_MISSING,
        Rule.DELIVERABLE_MISSING,
    ]
    assert (result.score, result.counts) == (100 - 25 - 20 - 20, True)
    # A proposed project owes no status reports yet: the rule is evaluated and finds nothing.
    assert result.not_evaluated == ()


def test_an_approved_gate_with_accepted_and_waived_deliverables_is_fully_compliant(pmo):
    set_pmo_type(PmoType.CONTROLLING)
    project = planning_project()
    approve_initiation(project, pmo)
    Deliverable.objects.create(project=project, kind="charter", state="accepted")
    Waiver.objects.create(
        project=project,
        deliverable_kind="business_case",
        reason="Internal project",
        expires_on=timezone.localdate() + timedelta(days=30),
        granted_by=pmo,
    )

    assert project_compliance(project).result.score == 100


def test_an_expired_waiver_stops_counting(pmo):
    set_pmo_type(PmoType.CONTROLLING)
    project = planning_project()
    approve_initiation(project, pmo)
    Deliverable.objects.create(project=project, kind="charter", state="accepted")
    Waiver.objects.create(
        project=project,
        deliverable_kind="business_case",
        reason="Internal project",
        expires_on=timezone.localdate() - timedelta(days=1),
        granted_by=pmo,
    )

    result = project_compliance(project).result

    assert result.score == 80
    assert "Business case" in result.findings[0].message


def test_under_a_supportive_pmo_no_approval_is_required_and_the_score_only_informs():
    set_pmo_type(PmoType.SUPPORTIVE)
    project = planning_project()

    result = project_compliance(project).result

    assert [finding.rule for finding in result.findings] == [
        Rule.DELIVERABLE_MISSING,
        Rule.DELIVERABLE_MISSING,
    ]
    assert (result.score, result.counts) == (60, False)


@pytest.mark.parametrize("count", [10, 200])
def test_the_pmo_view_costs_the_same_queries_at_10_and_200_projects(count, pmo, django_assert_num_queries):
    set_pmo_type(PmoType.CONTROLLING)
    version = gated_methodology_version()
    for number in range(count):
        project = ProjectFactory(
            phase="executing", methodology_version=version, status="active", start_date=REPORT_START
        )
        Deliverable.objects.create(
            project=project, kind="charter", state="accepted" if number % 2 else "draft"
        )
        weekly_reports(project, REPORT_START, 2, submitted_after_days=number % 5)
        if number % 2:
            calendar = ProjectCalendar.objects.create(project=project, official_holidays="china")
            CalendarHoliday.objects.create(calendar=calendar, date=REPORT_START, name="Team day")

    # The projects, the PMO type, the phases, deliverables, waivers, passed reviews and approved changes
    # (their steps would be one more, read once for all); then the status reports' punctuality: the
    # cadences, the calendars with their exceptions, and the reports.
    with django_assert_num_queries(11):
        rows = compliance_overview(user=pmo)

    assert len(rows) == count
    assert rows[0].result.score <= rows[-1].result.score


def test_the_pmo_view_filters_by_band_and_is_the_pmos_alone(client, pmo):
    set_pmo_type(PmoType.CONTROLLING)
    compliant = ProjectFactory(code="GOOD-1")
    failing = planning_project(code="BAD-1")
    pm = failing.project_manager

    red = session_client(pmo).get(reverse("api:compliance-list"), {"band": "red"})
    assert red.status_code == 200
    assert [row["code"] for row in red.json()["results"]] == ["BAD-1"]
    assert red.json()["results"][0]["findings"][0]["rule"] == "gate_without_approval"
    green = session_client(pmo).get(reverse("api:compliance-list"), {"band": "green"}).json()["results"]
    assert [row["code"] for row in green] == [compliant.code]

    bad_band = session_client(pmo).get(reverse("api:compliance-list"), {"band": "purple"})
    assert bad_band.status_code == 400 and "band" in bad_band.json()["extra"]["fields"]
    assert session_client(pm).get(reverse("api:compliance-list")).status_code == 403
    assert session_client(pm).get(reverse("api:project-compliance", args=[failing.pk])).json()["score"] == 35

    client.force_login(pmo)
    page = client.get(reverse("projects:compliance"), {"band": "red"})
    assert (
        page.status_code == 200 and "BAD-1" in page.content.decode() and "GOOD-1" not in page.content.decode()
    )
    client.force_login(pm)
    assert client.get(reverse("projects:compliance")).status_code == 403


@pytest.mark.parametrize("count", [10, 200])
def test_the_compliance_page_costs_the_same_queries_at_10_and_200_projects(
    count, client, pmo, django_assert_num_queries
):
    set_pmo_type(PmoType.CONTROLLING)
    version = gated_methodology_version()
    for _number in range(count):
        ProjectFactory(phase="executing", methodology_version=version)
    client.force_login(pmo)

    # Session and user, the portfolios of the filter, and the overview's seven (see above) with the
    # cadences, calendars and reports of the status reports' punctuality (the calendars have no exceptions
    # to read here); the same at 10 and at 200 projects.
    with django_assert_num_queries(13):
        response = client.get(reverse("projects:compliance"))

    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == count


def test_late_and_missing_status_reports_cost_their_weights():
    set_pmo_type(PmoType.CONTROLLING)
    today = timezone.localdate()
    this_monday = today - timedelta(days=today.weekday())
    # Five weeks due: the first missing, the third submitted on Thursday after its week (late after
    # Wednesday), the others on the Monday they are due.
    project = ProjectFactory(status="active", start_date=this_monday - timedelta(weeks=5))
    weekly_reports(project, this_monday - timedelta(weeks=4), 1)
    weekly_reports(project, this_monday - timedelta(weeks=3), 1, submitted_after_days=4)
    weekly_reports(project, this_monday - timedelta(weeks=2), 2)

    result = project_compliance(project).result

    assert [finding.rule for finding in result.findings] == [Rule.REPORT_LATE, Rule.REPORT_MISSING]
    assert result.score == 100 - 5 - 10
