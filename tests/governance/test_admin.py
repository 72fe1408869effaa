"""The PMO settings in the Django admin follow the same rule as the settings page: admins only."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from governance.models import PmoSettings, PmoType
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_staff_with_model_permissions_cannot_change_the_pmo_type_in_the_admin(client):
    settings_row = PmoSettings.load()
    staff = UserFactory(is_staff=True, is_pmo_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(codename__endswith="pmosettings"))
    client.force_login(staff)
    url = reverse("admin:governance_pmosettings_change", args=[settings_row.pk])
    response = client.post(url, {"pmo_type": PmoType.DIRECTIVE, "default_currency": "CNY"})
    assert response.status_code in {302, 403}
    settings_row.refresh_from_db()
    assert settings_row.pmo_type == PmoType.SUPPORTIVE


def test_an_admin_changes_the_pmo_type_in_the_admin(client):
    settings_row = PmoSettings.load()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse("admin:governance_pmosettings_change", args=[settings_row.pk])
    response = client.post(url, {"pmo_type": PmoType.DIRECTIVE, "default_currency": "CNY"})
    assert response.status_code == 302
    settings_row.refresh_from_db()
    assert settings_row.pmo_type == PmoType.DIRECTIVE
