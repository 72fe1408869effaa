"""Writing status reports: a period's draft prefilled with its figures, editing it, submitting it (which
freezes it), who may write under each PMO type, and the stale mark every write leaves for the rollups."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from governance.models import PmoType
from projects.models import Baseline, BaselineTask, RollupMark, StatusReport, Task
from projects.services.status_reports import (
    status_report_create,
    status_report_figures,
    status_report_submit,
    status_report_update,
)
from tests.factories import MembershipFactory, ProjectFactory, UserFactory, published_version, set_pmo_type

pytestmark = pytest.mark.django_db

# A Wednesday: the current week runs Monday 16 to Sunday 22 March 2026.
TODAY = datetime.date(2026, 3, 18)
RATED = {
    "overall_rag": "amber",
    "scope_rag": "green",
    "schedule_rag": "amber",
    "cost_rag": "green",
    "risk_rag": "red",
    "quality_rag": "green",
    "narrative": "接口联调延期一周",
}


@pytest.fixture
def pm():
    return UserFactory(username="report-pm", is_project_manager=True)


@pytest.fixture
def project(pm):
    return ProjectFactory(project_manager=pm, status="active", start_date=datetime.date(2026, 3, 2))


def draft(project, actor=None, **kwargs):
    return status_report_create(
        actor=actor or project.project_manager, project=project, today=TODAY, **kwargs
    )


def test_a_pm_starts_the_current_weeks_draft_and_the_rollups_are_marked_stale(project):
    report = draft(project)

    assert (report.period_start, report.period_end) == (
        datetime.date(2026, 3, 16),
        datetime.date(2026, 3, 22),
    )
    assert report.state == "draft"
    assert report.author == project.project_manager
    assert RollupMark.objects.filter(project=project).exists()


def test_a_project_without_a_baseline_or_costs_has_spi_and_cpi_not_yet_measured_and_no_new_risk(project):
    figures = draft(project).figures

    # The risk register answers for new risks: none raised in the period.
    assert (figures["spi"], figures["cpi"], figures["new_risks"]) == (None, None, [])


def test_a_receiver_of_the_figures_signal_fills_spi_and_cpi(project):
    calls = []

    def earned_value(sender, *, project, period_start, period_end, **kwargs):
        calls.append((project.pk, period_start, period_end))
        return {"spi": Decimal("0.92"), "cpi": Decimal("1.05")}

    status_report_figures.connect(earned_value)
    try:
        figures = draft(project).figures
    finally:
        status_report_figures.disconnect(earned_value)

    assert calls == [(project.pk, datetime.date(2026, 3, 16), datetime.date(2026, 3, 22))]
    assert (figures["spi"], figures["cpi"]) == ("0.92", "1.05")


def test_a_failing_receiver_does_not_stop_the_draft(project):
    def broken(sender, **kwargs):
        raise RuntimeError("reports app down")

    status_report_figures.connect(broken)
    try:
        figures = draft(project).figures
    finally:
        status_report_figures.disconnect(broken)

    assert figures["spi"] is None


def test_the_draft_lists_the_milestones_hit_in_the_period_and_those_slipped_against_the_latest_baseline(
    project,
):
    hit = Task.objects.create(
        project=project, name="需求评审通过", is_milestone=True, duration_days=0, actual_finish=TODAY
    )
    earlier = Task.objects.create(
        project=project,
        name="Earlier",
        is_milestone=True,
        duration_days=0,
        actual_finish=datetime.date(2026, 3, 6),
    )
    slipped = Task.objects.create(project=project, name="Design frozen", is_milestone=True, duration_days=0)
    later = Task.objects.create(project=project, name="Go live", is_milestone=True, duration_days=0)
    old = Baseline.objects.create(project=project, name="Old")
    BaselineTask.objects.create(
        baseline=old, task=later, task_name="Go live", finish=datetime.date(2026, 3, 3)
    )
    latest = Baseline.objects.create(project=project, name="Approved")
    for task, finish in ((slipped, datetime.date(2026, 3, 13)), (later, datetime.date(2026, 4, 30))):
        BaselineTask.objects.create(baseline=latest, task=task, task_name=task.name, finish=finish)
    BaselineTask.objects.create(
        baseline=latest, task=hit, task_name=hit.name, finish=datetime.date(2026, 3, 17)
    )
    BaselineTask.objects.create(
        baseline=latest, task=earlier, task_name=earlier.name, finish=datetime.date(2026, 3, 5)
    )

    figures = draft(project).figures

    assert [row["name"] for row in figures["milestones_hit"]] == ["需求评审通过"]
    assert figures["milestones_hit"][0]["date"] == "2026-03-18"
    # Design frozen was due on the 13th and is not finished; Go live slipped only in the old baseline.
    assert [(row["name"], row["baseline_finish"]) for row in figures["milestones_slipped"]] == [
        ("Design frozen", "2026-03-13")
    ]


def test_an_earlier_period_can_be_written_but_not_a_later_one_nor_a_day_off_the_cadence(project):
    assert draft(project, period_start=datetime.date(2026, 3, 2)).period_end == datetime.date(2026, 3, 8)

    with pytest.raises(ValidationError) as later:
        draft(project, period_start=datetime.date(2026, 3, 23))
    assert "period_start" in later.value.message_dict
    with pytest.raises(ValidationError) as off_cadence:
        draft(project, period_start=datetime.date(2026, 3, 4))
    assert "2026-03-02" in off_cadence.value.message_dict["period_start"][0]


def test_a_second_draft_of_the_same_period_is_refused(project):
    draft(project)

    with pytest.raises(ValidationError) as refused:
        draft(project)

    assert refused.value.message_dict["period_start"] == [
        "This project already has a status report for this period."
    ]
    assert StatusReport.objects.count() == 1


def test_a_monthly_methodology_gives_monthly_periods(pm):
    version = published_version()
    version.report_cadence = "monthly"
    version.save()
    project = ProjectFactory(project_manager=pm, status="active", methodology_version=version)

    report = draft(project)

    assert (report.period_start, report.period_end) == (datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))


def test_submitting_needs_every_rating_and_a_summary_each_named(project):
    report = draft(project)
    status_report_update(actor=project.project_manager, report=report, changes={"overall_rag": "green"})

    with pytest.raises(ValidationError) as refused:
        status_report_submit(actor=project.project_manager, report=report)

    assert set(refused.value.message_dict) == {
        "scope_rag",
        "schedule_rag",
        "cost_rag",
        "risk_rag",
        "quality_rag",
        "narrative",
    }
    assert StatusReport.objects.get(pk=report.pk).state == "draft"


def test_a_submitted_report_is_frozen(project):
    report = draft(project)
    status_report_update(actor=project.project_manager, report=report, changes=RATED | {"team_morale": 4})
    RollupMark.objects.all().delete()

    submitted = status_report_submit(actor=project.project_manager, report=report)

    assert (submitted.state, submitted.submitted_by) == ("submitted", project.project_manager)
    assert RollupMark.objects.filter(project=project).exists()
    with pytest.raises(ValidationError) as edit:
        status_report_update(
            actor=project.project_manager, report=submitted, changes={"narrative": "Rewritten"}
        )
    assert "frozen" in edit.value.message_dict["state"][0]
    with pytest.raises(ValidationError):
        status_report_submit(actor=project.project_manager, report=submitted)
    assert StatusReport.objects.get(pk=report.pk).narrative == "接口联调延期一周"


def test_edits_are_checked_field_by_field(project):
    report = draft(project)

    with pytest.raises(ValidationError) as refused:
        status_report_update(
            actor=project.project_manager,
            report=report,
            changes={"customer_satisfaction": 6, "overall_rag": "blue", "narrative": "bad\x00"},
        )

    assert set(refused.value.message_dict) == {"customer_satisfaction", "overall_rag", "narrative"}
    with pytest.raises(ValidationError) as unknown:
        status_report_update(actor=project.project_manager, report=report, changes={"state": "submitted"})
    assert "state" in unknown.value.message_dict


@pytest.mark.parametrize(
    ("pmo_type", "pmo_staff_may_write"),
    [(PmoType.SUPPORTIVE, False), (PmoType.CONTROLLING, False), (PmoType.DIRECTIVE, True)],
)
def test_who_may_write_follows_the_pmo_type(project, pmo_type, pmo_staff_may_write):
    set_pmo_type(pmo_type)
    pmo = UserFactory(is_pmo_staff=True)
    member = UserFactory(is_team_member=True)
    MembershipFactory(project=project, user=member)
    admin = UserFactory(is_superuser=True)

    if pmo_staff_may_write:
        assert draft(project, actor=pmo).author == pmo
    else:
        with pytest.raises(PermissionDenied):
            draft(project, actor=pmo)
    with pytest.raises(PermissionDenied):
        draft(project, actor=member, period_start=datetime.date(2026, 3, 9))
    assert draft(project, actor=admin, period_start=datetime.date(2026, 3, 2)).author == admin
