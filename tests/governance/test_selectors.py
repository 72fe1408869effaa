"""Reading the PMO rulebook: the settings as stored, or their defaults; a read never writes."""

import pytest

from governance import selectors
from governance.models import PmoSettings, PmoType

pytestmark = pytest.mark.django_db


def test_installation_type_defaults_to_supportive_and_follows_the_settings():
    assert selectors.installation_pmo_type() == PmoType.SUPPORTIVE

    PmoSettings.load()
    PmoSettings.objects.filter(pk=PmoSettings.SINGLETON_ID).update(pmo_type=PmoType.DIRECTIVE)

    assert selectors.installation_pmo_type() == PmoType.DIRECTIVE


def test_reading_the_settings_before_an_admin_saved_them_creates_no_row(django_assert_num_queries):
    assert not PmoSettings.objects.exists()
    with django_assert_num_queries(1):
        settings_row = selectors.pmo_settings()
    assert (settings_row.pmo_type, settings_row.default_currency) == (PmoType.SUPPORTIVE, "CNY")
    assert not PmoSettings.objects.exists()
