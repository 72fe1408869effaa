"""Writes of portfolios and programs: the structure of the organisation, kept by admins and PMO staff."""

from typing import TypedDict

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from governance import policy
from governance.models import User
from governance.services import pmo_type_change_audit
from projects.models import Portfolio, Program
from projects.services.saving import refuse_unknown_fields, save_validated


class PortfolioChanges(TypedDict, total=False):
    """The fields of a portfolio that may change; the PMO type override is the admin's."""

    code: str
    name: str
    description: str
    pmo_type_override: str


def _save_portfolio(portfolio: Portfolio, *, actor: User) -> Portfolio:
    return save_validated(
        portfolio,
        actor=actor,
        duplicate_field="code",
        duplicate_message=_("A portfolio with this code already exists."),
    )


@transaction.atomic
def portfolio_create(
    *, actor: User, code: str, name: str, description: str = "", pmo_type_override: str = ""
) -> Portfolio:
    """Create a portfolio; admins and PMO staff keep the portfolio structure. An override is audited."""
    if not policy.may_manage_portfolios(actor):
        raise PermissionDenied(_("Only admins and PMO staff manage portfolios."))
    # The same rule as portfolio_update: otherwise PMO staff could give themselves a directive PMO.
    if pmo_type_override and not policy.may_configure_pmo(actor):
        raise PermissionDenied(_("Only an admin may override the PMO type of a portfolio."))
    portfolio = Portfolio(code=code, name=name, description=description, pmo_type_override=pmo_type_override)
    portfolio = _save_portfolio(portfolio, actor=actor)
    pmo_type_change_audit(actor=actor, target=portfolio, old="", new=pmo_type_override)
    return portfolio


@transaction.atomic
def portfolio_update(*, actor: User, portfolio: Portfolio, changes: PortfolioChanges) -> Portfolio:
    """Change a portfolio's code, name, description or PMO type override; a new override is audited."""
    if not policy.may_manage_portfolios(actor):
        raise PermissionDenied(_("Only admins and PMO staff manage portfolios."))
    if "pmo_type_override" in changes and not policy.may_configure_pmo(actor):
        raise PermissionDenied(_("Only an admin may override the PMO type of a portfolio."))
    refuse_unknown_fields(changes, PortfolioChanges.__annotations__)
    previous_override = portfolio.pmo_type_override
    for field_name, value in changes.items():
        setattr(portfolio, field_name, value)
    portfolio = _save_portfolio(portfolio, actor=actor)
    pmo_type_change_audit(
        actor=actor, target=portfolio, old=previous_override, new=portfolio.pmo_type_override
    )
    return portfolio


@transaction.atomic
def program_create(
    *, actor: User, portfolio: Portfolio, code: str, name: str, description: str = ""
) -> Program:
    """Create a program inside a portfolio."""
    if not policy.may_manage_portfolios(actor):
        raise PermissionDenied(_("Only admins and PMO staff manage programs."))
    program = Program(portfolio=portfolio, code=code, name=name, description=description)
    return save_validated(
        program,
        actor=actor,
        duplicate_field="code",
        duplicate_message=_("A program with this code already exists."),
    )
