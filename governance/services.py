"""Writes of the PMO rulebook."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from governance import policy
from governance.models import PmoSettings, User


@transaction.atomic
def pmo_settings_update(*, actor: User, pmo_type: str, default_currency: str) -> PmoSettings:
    """Set the installation's PMO type and default currency; admins only."""
    if not policy.may_configure_pmo(actor):
        raise PermissionDenied(_("Only an admin may change the PMO settings."))
    settings_row = PmoSettings.objects.select_for_update().get(pk=PmoSettings.load().pk)
    settings_row.pmo_type = pmo_type
    settings_row.default_currency = default_currency
    settings_row.full_clean()
    settings_row.save()
    return settings_row
