"""The compliance weights as a PMO standard: admins change them on their page, PMO staff read them, and
every score follows at once."""

import pytest
from django.urls import reverse

from governance.models import PmoSettings, PmoType
from projects.selectors.compliance import project_compliance
from tests.factories import ProjectFactory, UserFactory, set_pmo_type
from tests.factories.gates import gated_methodology_version

pytestmark = pytest.mark.django_db

URL = reverse("governance:compliance_weights")
WEIGHTS = {
    "weight_deliverable_missing": "10",
    "weight_gate_without_approval": "40",
    "weight_report_late": "5",
    "weight_report_missing": "10",
    "weight_change_above_authority": "20",
}


def test_an_admin_changes_the_weights_and_the_next_score_uses_them(client):
    set_pmo_type(PmoType.CONTROLLING)
    project = ProjectFactory(phase="planning", methodology_version=gated_methodology_version())
    assert project_compliance(project).result.score == 100 - 25 - 20 - 20
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    response = client.post(URL, WEIGHTS)

    assert response.status_code == 302
    assert project_compliance(project).result.score == 100 - 40 - 10 - 10


@pytest.mark.parametrize(("value", "message"), [("101", "100"), ("-1", "0"), ("many", "whole number")])
def test_a_weight_out_of_range_is_refused_on_its_field_and_nothing_is_saved(client, value, message):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    response = client.post(URL, {**WEIGHTS, "weight_report_late": value})

    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors["weight_report_late"])
    assert not PmoSettings.objects.exists() or PmoSettings.objects.get().weight_report_late == 5


def test_pmo_staff_read_the_weights_but_may_not_change_them(client):
    client.force_login(UserFactory(is_pmo_staff=True))

    page = client.get(URL)
    assert page.status_code == 200
    assert "disabled" in page.content.decode()
    assert client.post(URL, WEIGHTS).status_code == 403


@pytest.mark.parametrize(("language", "text"), [("en", "Compliance weights"), ("zh-hans", "合规性权重")])
def test_the_page_speaks_the_readers_language(client, language, text):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    assert text in client.get(URL, headers={"accept-language": language}).content.decode()
