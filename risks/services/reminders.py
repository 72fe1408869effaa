"""The daily in-app reminders of the register: open risks past their review date, open actions past due.

Rules:
- A risk is overdue for review from the day after its review date while it is open; a response action
  is overdue from the day after its due date while it is not done and its risk is open.
- Each owner gets one reminder per item per day: the unique constraints of Reminder make a second run
  on the same day record nothing, and the next day records again while the item stays overdue.
- Only in-app reminders for now; email and chat delivery come with the notifications issue, which will
  read these rows.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from governance.models import User
from risks.models import OPEN_RISK_STATUSES, Reminder, ReminderKind, Risk, RiskAction


@transaction.atomic
def reminders_record(*, day: datetime.date) -> int:
    """Record the day's reminders of every overdue risk review and response action; returns how many
    were new (0 on a second run the same day). Three queries whatever the number of items."""
    overdue_risks = Risk.objects.filter(status__in=OPEN_RISK_STATUSES, review_date__lt=day).values_list(
        "pk", "owner_id"
    )
    overdue_actions = RiskAction.objects.filter(
        done_at__isnull=True, due_date__lt=day, risk__status__in=OPEN_RISK_STATUSES
    ).values_list("pk", "risk_id", "owner_id")
    rows = [
        Reminder(user_id=owner_id, kind=ReminderKind.RISK_REVIEW_OVERDUE, risk_id=risk_id, day=day)
        for risk_id, owner_id in overdue_risks
    ]
    rows += [
        Reminder(
            user_id=owner_id, kind=ReminderKind.ACTION_OVERDUE, risk_id=risk_id, action_id=action_id, day=day
        )
        for action_id, risk_id, owner_id in overdue_actions
    ]
    before = Reminder.objects.filter(day=day).count()
    Reminder.objects.bulk_create(rows, ignore_conflicts=True)
    return Reminder.objects.filter(day=day).count() - before


def escalation_notices_record(*, risk: Risk) -> int:
    """Tell every active PMO staff member, in app, that `risk` escalated today; returns how many notices
    were new (none twice a day for the same risk and person)."""
    day = timezone.localdate()
    staff = User.objects.filter(is_active=True, is_pmo_staff=True).values_list("pk", flat=True)
    rows = [
        Reminder(user_id=user_id, kind=ReminderKind.RISK_ESCALATED, risk=risk, day=day) for user_id in staff
    ]
    before = Reminder.objects.filter(kind=ReminderKind.RISK_ESCALATED, risk=risk, day=day).count()
    Reminder.objects.bulk_create(rows, ignore_conflicts=True)
    return Reminder.objects.filter(kind=ReminderKind.RISK_ESCALATED, risk=risk, day=day).count() - before
