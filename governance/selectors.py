"""Reads of the PMO rulebook; they never write, so reading the settings creates no row."""

from governance.models import PmoSettings


def pmo_settings() -> PmoSettings:
    """The installation's PMO settings as stored; before an admin first saves them, the defaults (unsaved)."""
    stored = PmoSettings.objects.filter(pk=PmoSettings.SINGLETON_ID).first()
    return stored if stored is not None else PmoSettings(pk=PmoSettings.SINGLETON_ID)


def installation_pmo_type() -> str:
    """The PMO type the admin set for the whole installation."""
    return pmo_settings().pmo_type
