"""The daily reminders: one per owner, item and day, whatever the number of runs."""

import datetime

import pytest
from django.utils import timezone

from risks.models import Reminder, ReminderKind
from risks.services import risk_create, risk_update
from risks.services.reminders import reminders_record
from risks.tasks import send_risk_reminders
from tests.factories import ProjectFactory, RiskActionFactory, RiskFactory, UserFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 6, 10)


def test_overdue_reviews_and_actions_are_reminded_once_a_day(world, project):
    overdue = RiskFactory(project=project, review_date=DAY - datetime.timedelta(days=1))
    due_today = RiskFactory(project=project, review_date=DAY)  # not overdue until tomorrow
    RiskFactory(project=project, review_date=DAY - datetime.timedelta(days=5), status="closed")
    late_action = RiskActionFactory(
        risk=overdue, owner=world.member, due_date=DAY - datetime.timedelta(days=2)
    )
    RiskActionFactory(risk=overdue, due_date=DAY - datetime.timedelta(days=2), done_at=timezone.now())
    assert reminders_record(day=DAY) == 2
    assert reminders_record(day=DAY) == 0
    assert set(Reminder.objects.values_list("user_id", "kind", "risk_id", "action_id", "day")) == {
        (world.pm1.pk, ReminderKind.RISK_REVIEW_OVERDUE, overdue.pk, None, DAY),
        (world.member.pk, ReminderKind.ACTION_OVERDUE, overdue.pk, late_action.pk, DAY),
    }
    next_day = DAY + datetime.timedelta(days=1)
    assert reminders_record(day=next_day) == 3  # the same two again, and the review due yesterday
    assert Reminder.objects.filter(day=next_day, risk=due_today).count() == 1
    assert Reminder.objects.count() == 5


def test_the_beat_task_reminds_for_today(world, project):
    today = timezone.localdate()
    RiskFactory(project=project, review_date=today - datetime.timedelta(days=1))
    send_risk_reminders()
    send_risk_reminders()
    assert list(Reminder.objects.values_list("day", flat=True)) == [today]


def test_pmo_staff_get_one_in_app_notice_when_a_risk_escalates_whatever_the_pmo_type():
    project = ProjectFactory(status="active")
    staff = [UserFactory(is_pmo_staff=True) for _ in range(2)]
    UserFactory(is_pmo_staff=True, is_active=False)

    risk = risk_create(
        actor=project.project_manager, project=project, title="Vendor insolvent", probability=4, impact=4
    )
    notices = Reminder.objects.filter(kind=ReminderKind.RISK_ESCALATED, risk=risk)
    assert risk.escalated and sorted(notices.values_list("user_id", flat=True)) == sorted(u.pk for u in staff)

    # Re-rated higher the same day: still escalated, no second notice.
    risk_update(actor=project.project_manager, risk=risk, changes={"impact": 5})
    assert notices.count() == 2
    quiet = risk_create(
        actor=project.project_manager, project=project, title="Small", probability=2, impact=2
    )
    assert not Reminder.objects.filter(risk=quiet).exists()
