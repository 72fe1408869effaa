"""Changing the PMO settings: admins only, validated, nothing saved on error."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from governance.models import PmoSettings, PmoType
from governance.services import pmo_settings_update
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin():
    return UserFactory(username="admin", is_superuser=True, is_staff=True)


def test_admin_sets_the_pmo_type_and_default_currency(admin):
    pmo_settings_update(actor=admin, pmo_type=PmoType.DIRECTIVE, default_currency="EUR")

    stored = PmoSettings.load()
    assert (stored.pmo_type, stored.default_currency) == (PmoType.DIRECTIVE, "EUR")


@pytest.mark.parametrize(
    "roles",
    [
        {"is_pmo_staff": True},
        {"is_project_manager": True},
        {"is_team_member": True},
        {"is_sponsor": True},
        {"is_staff": True},  # Django admin-site access alone is not the admin role
    ],
    ids=["pmo", "pm", "member", "sponsor", "staff-only"],
)
def test_only_admins_change_the_pmo_settings(roles):
    actor = UserFactory(**roles)

    with pytest.raises(PermissionDenied):
        pmo_settings_update(actor=actor, pmo_type=PmoType.DIRECTIVE, default_currency="USD")

    stored = PmoSettings.load()
    assert (stored.pmo_type, stored.default_currency) == (PmoType.SUPPORTIVE, "CNY")


def test_unknown_currency_names_the_field_and_saves_nothing(admin):
    with pytest.raises(ValidationError) as excinfo:
        pmo_settings_update(actor=admin, pmo_type=PmoType.DIRECTIVE, default_currency="XXX")

    assert set(excinfo.value.message_dict) == {"default_currency"}
    assert PmoSettings.load().pmo_type == PmoType.SUPPORTIVE


def test_unknown_pmo_type_names_the_field_and_saves_nothing(admin):
    with pytest.raises(ValidationError) as excinfo:
        pmo_settings_update(actor=admin, pmo_type="laissez-faire", default_currency="CNY")

    assert set(excinfo.value.message_dict) == {"pmo_type"}
    assert PmoSettings.load().pmo_type == PmoType.SUPPORTIVE


def test_there_is_only_ever_one_settings_row(admin):
    pmo_settings_update(actor=admin, pmo_type=PmoType.CONTROLLING, default_currency="CNY")
    pmo_settings_update(actor=admin, pmo_type=PmoType.DIRECTIVE, default_currency="CNY")

    assert PmoSettings.objects.count() == 1
    with pytest.raises(IntegrityError):
        PmoSettings.objects.create(id=2)
