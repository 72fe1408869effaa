"""Signals governance sends so that the apps above it can react; governance itself calls none of them."""

from django.db import transaction
from django.dispatch import Signal

# A standard every project's figures depend on changed (PMO type, compliance weights, health standards):
# sent after commit, with no arguments. The reports app marks every project's rollup stale.
pmo_standards_changed = Signal()


def announce_pmo_standards_changed() -> None:
    """Send pmo_standards_changed once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: pmo_standards_changed.send_robust(sender=None), robust=True)
