"""The PMO settings page: admins set the PMO type and default currency; PMO staff read them; nobody else."""

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
    "flags", [{"is_project_manager": True}, {"is_sponsor": True}, {"is_team_member": True}, {}]
)
def test_everyone_but_admins_and_pmo_staff_is_refused(client, flags):
    client.force_login(UserFactory(**flags))
    page = client.get(URL)
    assert page.status_code == 403
    assert "Only admins and PMO staff may see the PMO settings." in page.content.decode()
    assert client.post(URL, {"pmo_type": "directive", "default_currency": "USD"}).status_code == 403
    assert PmoSettings.load().pmo_type == PmoType.SUPPORTIVE


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_pmo_staff_see_the_settings_read_only(client, language):
    settings_row = PmoSettings.load()
    settings_row.pmo_type = PmoType.CONTROLLING
    settings_row.default_currency = "EUR"
    settings_row.save()
    client.force_login(UserFactory(is_pmo_staff=True))

    response = client.get(URL, HTTP_ACCEPT_LANGUAGE=language)

    assert response.status_code == 200
    form = response.context["form"]
    assert all(field.disabled for field in form.fields.values())
    assert (form["pmo_type"].value(), form["default_currency"].value()) == (PmoType.CONTROLLING, "EUR")
    html = response.content.decode()
    assert 'type="submit" class="btn btn-primary"' not in html  # no save button
    assert html.count(" disabled") >= len(PmoType.values) + 1  # each radio and the currency list
    assert reverse("admin:governance_pmosettings_changelist") not in html
    note = {
        "en": "You are viewing the PMO settings read-only; only an admin may change them.",
        "zh-hans": "您正在以只读方式查看 PMO 设置；只有管理员可以修改。",
    }[language]
    assert note in html


def test_pmo_staff_cannot_change_the_settings(client):
    client.force_login(UserFactory(is_pmo_staff=True))

    response = client.post(URL, {"pmo_type": "directive", "default_currency": "USD"})

    assert response.status_code == 403
    assert "Only an admin may change the PMO settings." in response.content.decode()
    settings_row = PmoSettings.load()
    assert (settings_row.pmo_type, settings_row.default_currency) == (PmoType.SUPPORTIVE, "CNY")


def test_admin_gets_the_save_button(admin_client):
    html = admin_client.get(URL).content.decode()
    assert 'type="submit" class="btn btn-primary"' in html
    assert not any(field.disabled for field in admin_client.get(URL).context["form"].fields.values())


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize(
    ("flags", "linked"),
    [
        ({"is_superuser": True, "is_staff": True}, True),
        ({"is_pmo_staff": True}, True),
        ({"is_project_manager": True}, False),
        ({"is_team_member": True}, False),
    ],
)
def test_the_settings_link_is_in_the_navigation_of_those_who_may_see_them(client, flags, linked):
    client.force_login(UserFactory(**flags))
    assert (URL in client.get(reverse("projects:list")).content.decode()) is linked


@pytest.mark.parametrize(
    ("person", "sees_link"),
    [
        ({"username": "root", "is_superuser": True, "is_staff": True}, True),
        ({"username": "office", "is_pmo_staff": True}, True),
        ({"username": "planner", "is_project_manager": True}, False),
        ({"username": "member"}, False),
    ],
)
def test_the_navigation_shows_pmo_settings_to_those_who_may_read_them(client, person, sees_link):
    client.force_login(UserFactory(**person))
    page = client.get(reverse("projects:list")).content.decode()
    assert (f'href="{URL}"' in page) is sees_link
