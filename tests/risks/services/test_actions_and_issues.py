"""Response actions and the issue log: owners on the project, who may write, the issue's life."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from governance.models import PmoType
from risks.models import Issue, IssueStatus, RiskAction
from risks.services import (
    action_complete,
    action_create,
    action_update,
    issue_close,
    issue_create,
    issue_resolve,
    issue_update,
    risk_transition,
)
from tests.factories import IssueFactory, RiskFactory, set_pmo_type

pytestmark = pytest.mark.django_db
DUE = datetime.date(2026, 7, 1)


@pytest.fixture
def risk(project):
    return RiskFactory(project=project)


# --- Response actions -----------------------------------------------------------------------------


def test_an_action_has_an_owner_on_the_project_and_a_due_date(world, risk, stale_generation):
    before = stale_generation(risk.project)
    action = action_create(
        actor=world.pm1, risk=risk, description="Book a second supplier", owner=world.member, due_date=DUE
    )
    assert (action.owner, action.due_date, action.is_done) == (world.member, DUE, False)
    assert stale_generation(risk.project) == before + 1


def test_an_action_owner_off_the_project_is_refused_and_nothing_saved(world, risk):
    with pytest.raises(ValidationError) as refused:
        action_create(actor=world.pm1, risk=risk, description="Theirs", owner=world.outsider, due_date=DUE)
    assert "owner" in refused.value.message_dict
    assert not RiskAction.objects.exists()


def test_an_action_is_changed_and_completed_once(world, risk):
    action = action_create(actor=world.pm1, risk=risk, description="Call", owner=world.pm1, due_date=DUE)
    action = action_update(
        actor=world.member, action=action, changes={"due_date": DUE + datetime.timedelta(days=7)}
    )
    assert action.due_date == datetime.date(2026, 7, 8)
    with pytest.raises(ValidationError) as refused:
        action_update(actor=world.pm1, action=action, changes={"owner": world.outsider})
    assert "owner" in refused.value.message_dict
    done = action_complete(actor=world.member, action=action)
    assert done.done_at is not None
    assert action_complete(actor=world.pm1, action=done).done_at == done.done_at


def test_outsiders_write_no_actions_and_a_closed_risk_takes_none(world, risk):
    with pytest.raises(PermissionDenied):
        action_create(actor=world.outsider, risk=risk, description="X", owner=world.pm1, due_date=DUE)
    risk_transition(actor=world.pm1, risk=risk, to_status="closed")
    with pytest.raises(ValidationError) as refused:
        action_create(actor=world.pm1, risk=risk, description="X", owner=world.pm1, due_date=DUE)
    assert "risk" in refused.value.message_dict


def test_under_a_directive_pmo_the_actions_of_an_escalated_risk_are_the_pmos(world, project):
    set_pmo_type(PmoType.DIRECTIVE)
    risk = RiskFactory(project=project, probability=5, impact=5, escalated=True, escalated_at=timezone.now())
    with pytest.raises(PermissionDenied):
        action_create(actor=world.pm1, risk=risk, description="X", owner=world.pm1, due_date=DUE)
    assert action_create(actor=world.pmo, risk=risk, description="X", owner=world.pm1, due_date=DUE)


# --- Issues ----------------------------------------------------------------------------------------


def test_an_issue_raised_directly_is_open_owned_by_the_pm(world, project, stale_generation):
    before = stale_generation(project)
    issue = issue_create(actor=world.member, project=project, title="Test server down", severity="high")
    assert (issue.status, issue.owner, issue.risk, issue.raised_by) == ("open", world.pm1, None, world.member)
    assert stale_generation(project) == before + 1


@pytest.mark.parametrize(
    ("fields", "field"), [({"severity": "urgent"}, "severity"), ({"title": ""}, "title")]
)
def test_bad_issue_input_is_refused_by_field(world, project, fields, field):
    with pytest.raises(ValidationError) as refused:
        issue_create(actor=world.pm1, project=project, **({"title": "Down"} | fields))
    assert field in refused.value.message_dict
    assert not Issue.objects.exists()


def test_an_issue_owner_off_the_project_is_refused(world, project):
    with pytest.raises(ValidationError) as refused:
        issue_create(actor=world.pm1, project=project, title="Down", owner=world.outsider)
    assert "owner" in refused.value.message_dict
    with pytest.raises(PermissionDenied):
        issue_create(actor=world.outsider, project=project, title="Down")


def test_an_issue_is_worked_on_resolved_with_a_resolution_then_closed(world, project):
    issue = IssueFactory(project=project)
    issue = issue_update(
        actor=world.pm1, issue=issue, changes={"status": IssueStatus.IN_PROGRESS, "owner": world.member}
    )
    assert (issue.status, issue.owner) == ("in_progress", world.member)
    with pytest.raises(ValidationError) as refused:
        issue_update(actor=world.pm1, issue=issue, changes={"status": IssueStatus.RESOLVED})
    assert "status" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        issue_close(actor=world.pm1, issue=issue)
    assert "status" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        issue_resolve(actor=world.pm1, issue=issue, resolution=" ")
    assert "resolution" in refused.value.message_dict
    issue = issue_resolve(actor=world.pm1, issue=issue, resolution="Restarted and monitored.")
    assert issue.status == "resolved" and issue.resolved_at is not None
    issue = issue_close(actor=world.pm1, issue=issue)
    with pytest.raises(ValidationError):
        issue_update(actor=world.pm1, issue=issue, changes={"title": "Again"})
