"""Change requests: drafting, routing by the change authority, deciding in order, applying atomically."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from governance.models import ChangeAuthorityTier, PmoType
from projects.models import (
    Baseline,
    CalendarHoliday,
    ChangeApproval,
    ChangeRequest,
    ChangeRequestState,
    PlanEvent,
    PlanEventKind,
    ProjectCalendar,
)
from projects.selectors.history import project_change_history
from projects.services.changes import (
    change_request_create,
    change_request_decide,
    change_request_submit,
    change_request_update,
    change_request_withdraw,
)
from tests.factories import ProjectFactory, UserFactory, set_pmo_type

pytestmark = pytest.mark.django_db

# Tuesday 2026-03-03; the project ends on Friday 2026-03-27.
FINISH = datetime.date(2026, 3, 27)


@pytest.fixture
def people():
    return {
        "pm": UserFactory(username="cr-pm", is_project_manager=True),
        "pmo": UserFactory(username="cr-pmo", is_pmo_staff=True),
        "sponsor": UserFactory(username="cr-sponsor", is_sponsor=True),
        "other": UserFactory(username="cr-other", is_project_manager=True),
    }


@pytest.fixture
def project(people):
    return ProjectFactory(
        project_manager=people["pm"],
        sponsor=people["sponsor"],
        budget=Decimal("100000.00"),
        currency="CNY",
        start_date=datetime.date(2026, 3, 2),
        finish_date=FINISH,
    )


def draft(project, actor, **fields):
    values = {"title": "More reports", "cost_impact": Decimal("1000"), "schedule_impact_days": 2} | fields
    return change_request_create(actor=actor, project=project, **values)


def steps_of(change_request) -> list[str]:
    return list(ChangeApproval.objects.filter(change_request=change_request).values_list("role", flat=True))


def test_a_small_change_under_a_controlling_pmo_is_the_pms_to_decide_and_applies_on_approval(project, people):
    set_pmo_type(PmoType.CONTROLLING)
    change = change_request_submit(actor=people["pm"], change_request=draft(project, people["pm"]))
    assert change.state == ChangeRequestState.SUBMITTED
    assert steps_of(change) == ["pm"]
    change = change_request_decide(
        actor=people["pm"], change_request=change, decision="approved", comment="Within my authority."
    )
    project.refresh_from_db()
    assert change.state == ChangeRequestState.APPROVED
    assert project.budget == Decimal("101000.00")
    # Two working days after Friday the 27th: Tuesday the 31st.
    assert project.finish_date == datetime.date(2026, 3, 31)


def test_the_finish_moves_by_working_days_of_the_project_calendar(project, people):
    calendar = ProjectCalendar.objects.create(project=project)
    CalendarHoliday.objects.create(calendar=calendar, date=datetime.date(2026, 3, 30), name="Day off")
    change = change_request_submit(actor=people["pm"], change_request=draft(project, people["pm"]))
    change_request_decide(actor=people["pm"], change_request=change, decision="approved", comment="ok")
    project.refresh_from_db()
    assert project.finish_date == datetime.date(2026, 4, 1)


def test_a_large_change_goes_to_the_pmo_then_the_sponsor_in_that_order(project, people):
    set_pmo_type(PmoType.CONTROLLING)
    change = draft(project, people["pm"], cost_impact=Decimal("20000"), save_baseline=True)
    change = change_request_submit(actor=people["pm"], change_request=change)
    assert steps_of(change) == ["pmo", "sponsor"]
    # The sponsor may not go first; nor may the PM decide at all.
    with pytest.raises(ValidationError) as out_of_order:
        change_request_decide(
            actor=people["sponsor"], change_request=change, decision="approved", comment="yes"
        )
    assert "step" in out_of_order.value.message_dict
    with pytest.raises(PermissionDenied):
        change_request_decide(actor=people["pm"], change_request=change, decision="approved", comment="yes")
    change_request_decide(actor=people["pmo"], change_request=change, decision="approved", comment="Checked.")
    project.refresh_from_db()
    assert project.budget == Decimal("100000.00"), "nothing applies before the last approval"
    # A second decision on the PMO's step is refused, naming the step.
    with pytest.raises(ValidationError) as again:
        change_request_decide(
            actor=people["pmo"], change_request=change, decision="rejected", comment="No", step=1
        )
    assert "already decided" in str(again.value.message_dict["step"])
    change_request_decide(
        actor=people["sponsor"], change_request=change, decision="approved", comment="Funded."
    )
    project.refresh_from_db()
    assert project.budget == Decimal("120000.00")
    assert Baseline.objects.filter(project=project).count() == 1


def test_a_rejection_changes_nothing_and_ends_the_request(project, people):
    set_pmo_type(PmoType.DIRECTIVE)
    change = change_request_submit(actor=people["pm"], change_request=draft(project, people["pm"]))
    assert steps_of(change) == ["pmo"]
    change = change_request_decide(
        actor=people["pmo"], change_request=change, decision="rejected", comment="Not now."
    )
    project.refresh_from_db()
    assert change.state == ChangeRequestState.REJECTED
    assert (project.budget, project.finish_date) == (Decimal("100000.00"), FINISH)
    with pytest.raises(ValidationError) as after:
        change_request_decide(
            actor=people["pmo"], change_request=change, decision="approved", comment="Later"
        )
    assert "decision" in after.value.message_dict


def test_under_a_supportive_pmo_a_change_beyond_the_pms_authority_goes_to_the_sponsor(project, people):
    set_pmo_type(PmoType.SUPPORTIVE)
    change = draft(project, people["pm"], cost_impact=Decimal("8000"))
    change = change_request_submit(actor=people["pm"], change_request=change)
    assert steps_of(change) == ["sponsor"]
    assert change.pmo_informed
    with pytest.raises(PermissionDenied):
        change_request_decide(actor=people["pmo"], change_request=change, decision="approved", comment="ok")


def test_the_tiers_the_admin_set_route_the_change(project, people):
    set_pmo_type(PmoType.CONTROLLING)
    ChangeAuthorityTier.objects.create(
        pmo_type=PmoType.CONTROLLING, pm_cost_percent=Decimal("0.5"), pm_delay_days=1
    )
    change = change_request_submit(actor=people["pm"], change_request=draft(project, people["pm"]))
    assert steps_of(change) == ["pmo"]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"schedule_impact_days": -1}, "schedule_impact_days"),
        ({"currency": "USD"}, "currency"),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_nothing_is_saved(project, people, fields, field):
    with pytest.raises(ValidationError) as refused:
        draft(project, people["pm"], **fields)
    assert field in refused.value.message_dict
    assert not ChangeRequest.objects.exists()
    assert not PlanEvent.objects.filter(kind=PlanEventKind.CHANGE_REQUEST_CREATED).exists()


def test_only_whoever_may_edit_the_project_raises_its_changes(project, people):
    set_pmo_type(PmoType.CONTROLLING)
    for outsider in (people["other"], people["sponsor"], people["pmo"]):
        with pytest.raises(PermissionDenied):
            draft(project, outsider)
    set_pmo_type(PmoType.DIRECTIVE)
    assert draft(project, people["pmo"]).state == ChangeRequestState.DRAFT


def test_a_change_needing_the_sponsor_is_refused_while_the_project_has_none(project, people):
    project.sponsor = None
    project.save()
    change = draft(project, people["pm"], cost_impact=Decimal("50000"))
    with pytest.raises(ValidationError) as refused:
        change_request_submit(actor=people["pm"], change_request=change)
    assert "sponsor" in refused.value.message_dict
    change.refresh_from_db()
    assert change.state == ChangeRequestState.DRAFT
    assert not ChangeApproval.objects.exists()


def test_a_submitted_change_is_no_longer_edited_and_a_withdrawn_one_not_decided(project, people):
    change = change_request_submit(actor=people["pm"], change_request=draft(project, people["pm"]))
    with pytest.raises(ValidationError) as refused:
        change_request_update(actor=people["pm"], change_request=change, changes={"title": "Other"})
    assert "state" in refused.value.message_dict
    change_request_withdraw(actor=people["pm"], change_request=change)
    with pytest.raises(ValidationError):
        change_request_decide(actor=people["pm"], change_request=change, decision="approved", comment="ok")


def test_a_saving_larger_than_the_budget_is_refused_and_nothing_changes(project, people):
    set_pmo_type(PmoType.DIRECTIVE)
    change = draft(project, people["pm"], cost_impact=Decimal("-150000"))
    change = change_request_submit(actor=people["pm"], change_request=change)
    change_request_decide(actor=people["pmo"], change_request=change, decision="approved", comment="ok")
    with pytest.raises(ValidationError) as refused:
        change_request_decide(
            actor=people["sponsor"], change_request=change, decision="approved", comment="ok"
        )
    assert "cost_impact" in refused.value.message_dict
    change.refresh_from_db()
    project.refresh_from_db()
    assert change.state == ChangeRequestState.SUBMITTED
    assert project.budget == Decimal("100000.00")
    assert ChangeApproval.objects.filter(change_request=change, decision="").count() == 1


def test_every_step_is_in_the_project_history_with_its_comment(project, people):
    set_pmo_type(PmoType.CONTROLLING)
    change = draft(project, people["pm"], cost_impact=Decimal("20000"))
    change = change_request_submit(actor=people["pm"], change_request=change)
    change_request_decide(actor=people["pmo"], change_request=change, decision="approved", comment="Checked.")
    change_request_decide(
        actor=people["sponsor"], change_request=change, decision="approved", comment="Funded."
    )
    kinds = [
        entry.kind for entry in project_change_history(project) if entry.kind.startswith("change_request")
    ]
    assert kinds == [
        PlanEventKind.CHANGE_REQUEST_APPROVED,
        PlanEventKind.CHANGE_REQUEST_STEP_APPROVED,
        PlanEventKind.CHANGE_REQUEST_SUBMITTED,
        PlanEventKind.CHANGE_REQUEST_CREATED,
    ]
    applied = next(
        entry for entry in project_change_history(project) if entry.kind == "change_request_approved"
    )
    assert applied.who == people["sponsor"].display_name
    assert [(change.label, change.old, change.new) for change in applied.changes] == [
        ("budget", "100,000.00", "120,000.00"),
        ("finish date", "2026-03-27", "2026-03-31"),
    ]
    assert any(fact.value == "Funded." for fact in applied.facts)
