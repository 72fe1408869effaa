"""The risk standards' page and API: admins change them, PMO staff read them, bad input names its field
and saves nothing, and the next risk follows the standards saved."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from governance import selectors
from governance.models import PmoSettings, PmoType
from governance.risk_standards import DEFAULT_RISK_CATEGORIES, DEFAULT_RISK_STANDARDS
from risks.services import risk_create
from tests.factories import UserFactory, build_access_world

URL = reverse("governance:risk_standards")
API_URL = "/api/pmo/risk-standards/"

FORM = {
    "scale_size": "5",
    "medium_from": "4",
    "high_from": "9",
    "critical_from": "16",
    "escalation_threshold": "12",
    "categories": "technical\nschedule\n  Vendor lock-in  \n\ncost",
}


@pytest.fixture
def admin():
    return UserFactory(username="admin", is_superuser=True, is_staff=True)


@pytest.fixture
def pmo():
    return UserFactory(username="pmo", is_pmo_staff=True)


def api_client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


# --- The page -----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_admin_saves_the_risk_standards_on_their_page(client, admin):
    client.force_login(admin)

    response = client.post(URL, FORM)

    assert response.status_code == 302
    standards = selectors.risk_standards()
    assert (standards.medium_from, standards.high_from, standards.critical_from) == (4, 9, 16)
    assert standards.escalation_threshold == 12
    assert standards.categories == ("technical", "schedule", "Vendor lock-in", "cost")


@pytest.mark.django_db
def test_the_page_shows_the_stored_standards_and_their_bands(client, admin):
    client.force_login(admin)
    client.post(URL, FORM)

    text = client.get(URL).content.decode()

    assert 'name="escalation_threshold" value="12"' in text
    assert "Vendor lock-in" in text
    for band in ("1–3", "4–8", "9–15", "16–25"):
        assert band in text
    assert "A score of 12 or more escalates the risk." in text


@pytest.mark.django_db
def test_the_page_explains_the_default_bands_and_the_emv_shares(client, admin):
    client.force_login(admin)

    text = client.get(URL).content.decode()

    for band in ("1–4", "5–9", "10–19", "20–25"):
        assert band in text
    for share in ("10.0 %", "30.0 %", "50.0 %", "70.0 %", "90.0 %"):
        assert share in text
    assert "(2p − 1) / 2n" in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"high_from": "4"}, "high_from", "above the medium one (4)"),
        ({"critical_from": "30"}, "critical_from", "at most 25"),
        ({"escalation_threshold": "26"}, "escalation_threshold", "from 1 to 25"),
        ({"scale_size": "12"}, "scale_size", "less than or equal to 10"),
        ({"categories": "cost\nCost"}, "categories", "repeated: Cost"),
        ({"categories": " \n "}, "categories", "required"),
    ],
)
def test_the_page_names_the_field_at_fault_and_saves_nothing(client, admin, changes, field, words):
    client.force_login(admin)

    response = client.post(URL, {**FORM, **changes})

    assert response.status_code == 400
    assert words in " ".join(response.context["form"].errors[field])
    assert not PmoSettings.objects.exists()


@pytest.mark.django_db
def test_pmo_staff_read_the_risk_standards_but_may_not_change_them(client, pmo):
    client.force_login(pmo)

    page = client.get(URL)

    assert page.status_code == 200
    text = page.content.decode()
    assert "disabled" in text
    assert "only an admin may change them" in text
    assert client.post(URL, FORM).status_code == 403
    assert not PmoSettings.objects.exists()


@pytest.mark.django_db
def test_a_project_manager_may_not_see_or_change_the_risk_standards(client):
    client.force_login(UserFactory(is_project_manager=True))
    assert client.get(URL).status_code == 403
    assert client.post(URL, FORM).status_code == 403
    assert not PmoSettings.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "text"), [("en", "Technical"), ("zh-hans", "技术")])
def test_the_default_categories_show_in_the_readers_language(client, admin, language, text):
    client.force_login(admin)
    client.cookies["django_language"] = language
    assert text in client.get(URL).content.decode()


@pytest.mark.django_db
def test_the_settings_page_links_the_risk_standards(client, admin):
    client.force_login(admin)
    assert URL in client.get(reverse("governance:settings")).content.decode()


# --- The API ------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_everyone_signed_in_reads_the_risk_standards_through_the_api():
    response = api_client(UserFactory(is_team_member=True)).get(API_URL)

    assert response.status_code == 200
    assert response.json() == {
        "scale_size": 5,
        "medium_from": 5,
        "high_from": 10,
        "critical_from": 20,
        "escalation_threshold": 15,
        "categories": list(DEFAULT_RISK_CATEGORIES),
    }


@pytest.mark.django_db
def test_an_admin_patches_the_escalation_threshold_and_the_api_shows_it(admin):
    response = api_client(admin).patch(API_URL, {"escalation_threshold": 10}, format="json")

    assert response.status_code == 200
    assert response.json()["escalation_threshold"] == 10
    assert api_client(admin).get(API_URL).json()["escalation_threshold"] == 10
    assert selectors.risk_standards().high_from == 10


@pytest.mark.django_db
def test_an_admin_replaces_the_standards_with_put_and_put_needs_every_field(admin):
    body = {
        "scale_size": 4,
        "medium_from": 3,
        "high_from": 6,
        "critical_from": 12,
        "escalation_threshold": 9,
        "categories": ["technical", "Supplier"],
    }
    response = api_client(admin).put(API_URL, body, format="json")
    assert response.status_code == 200
    assert response.json() == body

    refused = api_client(admin).put(API_URL, {"scale_size": 5}, format="json")
    assert refused.status_code == 400
    assert "categories" in refused.json()["extra"]["fields"]
    assert selectors.risk_standards().scale_size == 4


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"high_from": 5}, "high_from"),
        ({"critical_from": 26}, "critical_from"),
        ({"scale_size": 2}, "scale_size"),
        ({"categories": []}, "categories"),
        ({"categories": ["cost", "COST"]}, "categories"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_the_api_names_the_field_at_fault_and_saves_nothing(admin, body, field):
    response = api_client(admin).patch(API_URL, body, format="json")

    assert response.status_code == 400
    assert field in response.json()["extra"]["fields"]
    assert selectors.risk_standards() == DEFAULT_RISK_STANDARDS


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["is_pmo_staff", "is_project_manager"])
def test_pmo_staff_and_project_managers_may_not_change_the_standards_through_the_api(role):
    client = api_client(UserFactory(**{role: True}))
    assert client.patch(API_URL, {"escalation_threshold": 10}, format="json").status_code == 403
    assert client.put(API_URL, {"escalation_threshold": 10}, format="json").status_code == 403
    assert selectors.risk_standards() == DEFAULT_RISK_STANDARDS


# --- The next risk follows the standards --------------------------------------------------------------


@pytest.mark.django_db
def test_a_lowered_escalation_threshold_escalates_the_next_risk_raised():
    world = build_access_world(PmoType.SUPPORTIVE)

    def raise_risk(title):
        return risk_create(
            actor=world.pm1, project=world.project_of_pm1, title=title, probability=3, impact=4
        )

    assert not raise_risk("Supplier delivers late").escalated  # 12 is below the default 15
    api_client(world.admin).patch(API_URL, {"escalation_threshold": 12}, format="json")

    assert raise_risk("Supplier goes bankrupt").escalated
