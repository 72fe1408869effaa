"""The reminders page: the signed-in person's own, newest first, in the same queries at 10 and 200."""

import datetime

import pytest
from django.urls import reverse

from risks.selectors.reminders import reminder_count
from tests.factories import RiskActionFactory, RiskFactory
from tests.factories.risks import ReminderFactory

pytestmark = pytest.mark.django_db


def test_the_page_lists_only_my_reminders_newest_first_with_links_to_the_risks(client, world, project):
    risk = RiskFactory(project=project, title="Supplier delivers late")
    action = RiskActionFactory(risk=risk, owner=world.member, description="Call the supplier")
    ReminderFactory(risk=risk, user=world.pm1, day=datetime.date(2026, 6, 1))
    ReminderFactory(risk=risk, user=world.pm1, day=datetime.date(2026, 6, 2))
    ReminderFactory(risk=risk, user=world.member, kind="action_overdue", action=action)
    client.force_login(world.pm1)
    response = client.get(reverse("risk_tools:reminders"))
    reminders = list(response.context["page"].object_list)
    assert [reminder.day for reminder in reminders] == [datetime.date(2026, 6, 2), datetime.date(2026, 6, 1)]
    assert response.context["total"] == 2 == reminder_count(user=world.pm1)
    assert reminder_count(user=world.pm1, day=datetime.date(2026, 6, 2)) == 1
    html = response.content.decode()
    assert "Supplier delivers late" in html
    assert reverse("risks:detail", args=[risk.project_id, risk.pk]) in html
    assert "Call the supplier" not in html


@pytest.mark.parametrize("size", [10, 200])
def test_the_page_takes_the_same_queries_at_10_and_200_reminders(
    client, world, project, size, django_assert_num_queries
):
    risk = RiskFactory(project=project)
    action = RiskActionFactory(risk=risk)
    first = datetime.date(2026, 1, 1)
    for offset in range(size):
        day = first + datetime.timedelta(days=offset)
        if offset % 2:
            ReminderFactory(risk=risk, user=world.pm1, day=day)
        else:
            ReminderFactory(risk=risk, user=world.pm1, day=day, kind="action_overdue", action=action)
    client.force_login(world.pm1)
    # Session, user, the count and the page of reminders with risk, project and action joined.
    with django_assert_num_queries(4):
        response = client.get(reverse("risk_tools:reminders"))
    assert response.status_code == 200
