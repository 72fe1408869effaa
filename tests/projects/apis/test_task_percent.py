"""% complete outside 0-100 through the task API: a 400 naming the field, in English and in Chinese."""

import pytest
from django.urls import reverse

from tests.api_clients import authenticated_client
from tests.factories.plans import PlannedProjectFactory, build_chain, refreshed

pytestmark = pytest.mark.django_db

MESSAGES = {"en": "% complete must be between 0 and 100.", "zh-hans": "完成百分比必须在 0 到 100 之间。"}


@pytest.mark.parametrize("language", sorted(MESSAGES))
@pytest.mark.parametrize("value", [150, -5])
def test_percent_complete_out_of_range_answers_400_with_the_field_message(language, value):
    project = PlannedProjectFactory()
    (task,) = build_chain(project, [2])
    client = authenticated_client(project.project_manager)

    response = client.patch(
        reverse("api:task-detail", args=[task.pk]),
        {"percent_complete": value},
        format="json",
        HTTP_IF_MATCH='"1"',
        HTTP_ACCEPT_LANGUAGE=language,
    )

    assert response.status_code == 400
    assert response.json()["extra"]["fields"]["percent_complete"] == [MESSAGES[language]]
    assert (refreshed(task).percent_complete, refreshed(task).version) == (0, 1)
