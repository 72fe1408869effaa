"""Reads of the in-app reminders: a person's own, newest first, and how many they have."""

import datetime

from django.db.models import QuerySet

from governance.models import User
from risks.models import Reminder


def reminder_list(*, user: User) -> QuerySet[Reminder]:
    """The user's reminders, newest day first, with the risk, its project and the action joined."""
    return (
        Reminder.objects.filter(user_id=user.pk)
        .select_related("risk__project", "action")
        .order_by("-day", "-id")
    )


def reminder_count(*, user: User, day: datetime.date | None = None) -> int:
    """How many reminders the user has (of one day when given), for the register to show."""
    reminders = Reminder.objects.filter(user_id=user.pk)
    if day is not None:
        reminders = reminders.filter(day=day)
    return reminders.count()
