"""% complete outside 0-100 on the task page: the form comes back with the field's message, both languages."""

import pytest
from django.urls import reverse

from tests.factories.plans import PlannedProjectFactory, build_chain, refreshed

pytestmark = pytest.mark.django_db

MESSAGES = {"en": "% complete must be between 0 and 100.", "zh-hans": "完成百分比必须在 0 到 100 之间。"}


@pytest.mark.parametrize("language", sorted(MESSAGES))
@pytest.mark.parametrize("value", [150, -5])
def test_percent_complete_out_of_range_shows_the_form_with_the_field_message(client, language, value):
    project = PlannedProjectFactory()
    (task,) = build_chain(project, [2])
    client.force_login(project.project_manager)

    response = client.post(
        reverse("projects:plan_task_update", args=[project.pk, task.pk]),
        {"version": 1, "name": "T1", "duration_days": 2, "percent_complete": value, "planned_cost": "0"},
        HTTP_ACCEPT_LANGUAGE=language,
    )

    assert response.status_code == 400
    assert response.context["form"].errors["percent_complete"] == [MESSAGES[language]]
    assert MESSAGES[language] in response.content.decode()
    assert (refreshed(task).percent_complete, refreshed(task).version) == (0, 1)
