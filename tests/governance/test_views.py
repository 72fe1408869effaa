"""The PMO settings page: admins set the PMO type and default currency; nobody else gets in."""

import pytest
from django.urls import reverse

from governance.models import PmoSettings, PmoType
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("governance:settings")


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="admin", is_superuser=True, is_staff=True))
    return client


def test_admin_sees_the_current_settings(admin_client):
    settings_row = PmoSettings.load()
    settings_row.pmo_type = PmoType.CONTROLLING
    settings_row.save()
    response = admin_client.get(URL)
    assert response.status_code == 200
    assert response.context["form"]["pmo_type"].value() == PmoType.CONTROLLING
    html = response.content.decode()
    assert "Controlling" in html and "Directive" in html
    assert reverse("admin:governance_pmosettings_changelist") in html


def test_admin_changes_the_pmo_type_and_currency(admin_client):
    response = admin_client.post(URL, {"pmo_type": "directive", "default_currency": "USD"}, follow=True)
    settings_row = PmoSettings.load()
    assert settings_row.pmo_type == PmoType.DIRECTIVE
    assert settings_row.default_currency == "USD"
    assert "PMO settings saved." in response.content.decode()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"pmo_type": "anarchic", "default_currency": "USD"}, "pmo_type"),
        ({"pmo_type": "directive", "default_currency": "XYZ"}, "default_currency"),
        ({"pmo_type": "", "default_currency": "USD"}, "pmo_type"),
        ({"pmo_type": "directive"}, "default_currency"),
    ],
)
def test_bad_settings_are_rejected_on_the_field_and_nothing_changes(admin_client, data, field):
    response = admin_client.post(URL, data)
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    settings_row = PmoSettings.load()
    assert (settings_row.pmo_type, settings_row.default_currency) == (PmoType.SUPPORTIVE, "CNY")


@pytest.mark.parametrize(
    "flags", [{"is_pmo_staff": True}, {"is_project_manager": True}, {"is_sponsor": True}, {}]
)
def test_everyone_but_admins_is_refused(client, flags):
    client.force_login(UserFactory(**flags))
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"pmo_type": "directive", "default_currency": "USD"}).status_code == 403
    assert PmoSettings.load().pmo_type == PmoType.SUPPORTIVE


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_the_settings_link_is_in_the_navigation_for_admins_only(admin_client):
    assert URL in admin_client.get(reverse("projects:list")).content.decode()
    from django.test import Client

    other = Client()
    other.force_login(UserFactory(is_pmo_staff=True))
    assert URL not in other.get(reverse("projects:list")).content.decode()
