"""Writing the post-project evaluation: who may, of closed projects only, prefilled, frozen once submitted."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from governance.models import PmoType
from projects.models import (
    ChangeRequest,
    ChangeRequestState,
    EvaluationState,
    PostProjectEvaluation,
    RollupMark,
    Status,
    Task,
)
from projects.selectors.evaluations import evaluation_figures, evaluation_prefilled
from projects.services.baselines import baseline_save
from projects.services.evaluations import evaluation_save, evaluation_submit
from projects.services.reschedule import project_reschedule
from tests.factories import MembershipFactory, ProjectFactory, UserFactory, set_pmo_type
from tests.factories.plans import PLAN_START, CostEntryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pm():
    return UserFactory(username="pm", is_project_manager=True)


@pytest.fixture
def closed(pm):
    """A closed project: two tasks side by side baselined 2026-03-02..03-04, finished late on 03-11,
    1,250 spent of 1,000, one approved change (+200, 3 days), one rejected."""
    project = ProjectFactory(
        code="DONE", project_manager=pm, start_date=PLAN_START, budget=Decimal("1000.00"), currency="EUR"
    )
    design, build = Task.objects.bulk_create(
        [
            Task(project=project, name="Design", position=1, duration_days=2),
            Task(project=project, name="Build", position=2, duration_days=3),
        ]
    )
    project_reschedule(project=project)
    baseline_save(actor=pm, project=project, name="Approved plan")
    Task.objects.filter(pk=design.pk).update(actual_start=date(2026, 3, 3), actual_finish=date(2026, 3, 5))
    Task.objects.filter(pk=build.pk).update(actual_start=date(2026, 3, 4), actual_finish=date(2026, 3, 11))
    CostEntryFactory(task=design, amount=Decimal("500.00"))
    CostEntryFactory(task=build, amount=Decimal("750.00"))
    for state, cost, days in (
        (ChangeRequestState.APPROVED, "200", 3),
        (ChangeRequestState.REJECTED, "900", 9),
    ):
        ChangeRequest.objects.create(
            project=project,
            title=f"{state} change",
            currency="EUR",
            state=state,
            cost_impact=Decimal(cost),
            schedule_impact_days=days,
        )
    project.status = Status.CLOSED
    project.save()
    RollupMark.objects.all().delete()
    return project


def test_the_evaluation_is_prefilled_with_baseline_against_actual_cost_and_changes(closed):
    figures = evaluation_figures(closed)
    assert figures.baseline_name == "Approved plan"
    assert (figures.baseline_start, figures.baseline_finish) == (date(2026, 3, 2), date(2026, 3, 4))
    assert (figures.actual_start, figures.actual_finish) == (date(2026, 3, 3), date(2026, 3, 11))
    assert figures.tasks_without_actual_finish == 0
    assert (figures.budget, figures.actual_cost, figures.currency) == (
        Decimal("1000.00"),
        Decimal("1250.00"),
        "EUR",
    )
    assert (figures.approved_changes, figures.approved_changes_cost, figures.approved_changes_days) == (
        1,
        Decimal("200.00"),
        3,
    )
    unsaved = evaluation_prefilled(closed)
    assert (
        unsaved.pk is None
        and unsaved.finish_variance_days == 7
        and unsaved.cost_variance == Decimal("250.00")
    )


def test_a_project_without_baseline_or_costs_has_none_where_nothing_is_known(pm):
    project = ProjectFactory(project_manager=pm, status=Status.CLOSED)
    figures = evaluation_figures(project)
    assert figures.baseline_name == "" and figures.baseline_finish is None
    assert figures.actual_cost is None and figures.approved_changes_cost is None
    assert evaluation_prefilled(project).finish_variance_days is None


def test_the_pm_saves_a_draft_and_the_project_is_marked_stale(closed, pm):
    evaluation = evaluation_save(
        actor=pm, project=closed, went_well="  Early supplier involvement ", rating=4
    )
    assert evaluation.state == EvaluationState.DRAFT
    assert evaluation.went_well == "Early supplier involvement"
    assert evaluation.actual_cost == Decimal("1250.00") and evaluation.created_by == pm
    assert RollupMark.objects.filter(project=closed).exists()
    again = evaluation_save(actor=pm, project=closed, objectives_met="partly")
    assert again.pk == evaluation.pk and again.rating == 4 and again.objectives_met == "partly"
    assert PostProjectEvaluation.objects.count() == 1


@pytest.mark.parametrize("pmo_type", [PmoType.SUPPORTIVE, PmoType.CONTROLLING, PmoType.DIRECTIVE])
def test_pmo_staff_and_admins_write_it_under_every_pmo_type(closed, pmo_type):
    set_pmo_type(pmo_type)
    for person in (UserFactory(is_pmo_staff=True), UserFactory(is_superuser=True)):
        evaluation_save(actor=person, project=closed, recommendations=f"From {person.username}")
    assert PostProjectEvaluation.objects.get().recommendations.startswith("From ")


def test_team_members_sponsors_and_other_pms_may_not_write_it(closed):
    member = UserFactory(is_team_member=True)
    MembershipFactory(project=closed, user=member)
    sponsor = UserFactory(is_sponsor=True)
    closed.sponsor = sponsor
    closed.save()
    for person in (member, sponsor, UserFactory(is_project_manager=True)):
        with pytest.raises(PermissionDenied):
            evaluation_save(actor=person, project=closed, went_well="x")
        with pytest.raises(PermissionDenied):
            evaluation_submit(actor=person, project=closed, objectives_met="yes", rating=3)
    assert not PostProjectEvaluation.objects.exists()


@pytest.mark.parametrize("status", [Status.PROPOSED, Status.ACTIVE, Status.ON_HOLD, Status.CANCELLED])
def test_only_a_closed_project_has_an_evaluation(pm, status):
    project = ProjectFactory(project_manager=pm, status=status)
    with pytest.raises(ValidationError) as error:
        evaluation_save(actor=pm, project=project, went_well="x")
    assert "Only a closed project" in error.value.message_dict["project"][0]
    assert not PostProjectEvaluation.objects.exists()


def test_submitting_needs_objectives_and_rating_then_freezes_words_and_figures(closed, pm):
    with pytest.raises(ValidationError) as error:
        evaluation_submit(actor=pm, project=closed, went_well="Good")
    assert set(error.value.message_dict) == {"objectives_met", "rating"}
    evaluation = evaluation_submit(actor=pm, project=closed, objectives_met="yes", rating=5)
    assert evaluation.state == EvaluationState.SUBMITTED and evaluation.submitted_by == pm
    assert evaluation.submitted_at is not None
    # Later bookings change the source rows, not the submitted evaluation.
    CostEntryFactory(task=Task.objects.filter(project=closed).first(), amount=Decimal("99.00"))
    assert evaluation_prefilled(closed).actual_cost == Decimal("1250.00")
    for write in (evaluation_save, evaluation_submit):
        with pytest.raises(ValidationError) as error:
            write(actor=pm, project=closed, went_well="Changed my mind", objectives_met="no", rating=1)
        assert "state" in error.value.message_dict
    assert PostProjectEvaluation.objects.get().went_well == ""


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"rating": 6}, "rating"), ({"rating": 0}, "rating"), ({"objectives_met": "maybe"}, "objectives_met")],
)
def test_a_bad_assessment_is_refused_naming_the_field(closed, pm, changes, field):
    with pytest.raises(ValidationError) as error:
        evaluation_save(actor=pm, project=closed, **changes)
    assert field in error.value.message_dict


def test_the_figures_cannot_be_written_by_hand(closed, pm):
    with pytest.raises(ValidationError) as error:
        evaluation_save(actor=pm, project=closed, actual_cost=Decimal("1"))
    assert "actual_cost" in error.value.message_dict
