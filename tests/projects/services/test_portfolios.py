"""What the portfolio and program services let each role do, and what they refuse."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from governance.models import PmoType
from projects.models import Portfolio, Program
from projects.services.portfolios import portfolio_create, portfolio_update, program_create

pytestmark = pytest.mark.django_db


# --- portfolios and programs -------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["admin", "pmo"])
def test_admins_and_pmo_staff_create_portfolios_and_programs(world, role):
    actor = world.users[role]

    portfolio = portfolio_create(actor=actor, code="OPS", name="运营卓越 Operational Excellence")
    program = program_create(actor=actor, portfolio=portfolio, code="LEAN", name="精益工厂")

    assert Portfolio.objects.get(pk=portfolio.pk).name == "运营卓越 Operational Excellence"
    assert program.portfolio == portfolio


@pytest.mark.parametrize("role", ["pm1", "member", "sponsor", "outsider"])
def test_others_may_not_manage_portfolios_or_programs(world, role):
    actor = world.users[role]

    with pytest.raises(PermissionDenied):
        portfolio_create(actor=actor, code="OPS", name="Ops")
    with pytest.raises(PermissionDenied):
        portfolio_update(actor=actor, portfolio=world.portfolio, changes={"name": "Mine"})
    with pytest.raises(PermissionDenied):
        program_create(actor=actor, portfolio=world.portfolio, code="P1", name="P1")

    assert not Portfolio.objects.filter(code="OPS").exists()
    assert not Program.objects.exists()


def test_only_admins_override_the_pmo_type_of_a_portfolio(world):
    with pytest.raises(PermissionDenied):
        portfolio_update(
            actor=world.pmo, portfolio=world.portfolio, changes={"pmo_type_override": PmoType.DIRECTIVE}
        )

    portfolio_update(
        actor=world.admin, portfolio=world.portfolio, changes={"pmo_type_override": PmoType.DIRECTIVE}
    )
    world.portfolio.refresh_from_db()
    assert world.portfolio.pmo_type_override == PmoType.DIRECTIVE


def test_pmo_staff_may_not_create_a_portfolio_with_its_own_pmo_type(world):
    with pytest.raises(PermissionDenied):
        portfolio_create(actor=world.pmo, code="DIR", name="Directive", pmo_type_override=PmoType.DIRECTIVE)
    assert not Portfolio.objects.filter(code="DIR").exists()

    portfolio = portfolio_create(
        actor=world.admin, code="DIR", name="Directive", pmo_type_override=PmoType.DIRECTIVE
    )
    assert portfolio.pmo_type_override == PmoType.DIRECTIVE


def test_duplicate_portfolio_code_names_the_field(world):
    with pytest.raises(ValidationError) as excinfo:
        portfolio_create(actor=world.admin, code=world.portfolio.code, name="Again")

    assert set(excinfo.value.message_dict) == {"code"}


def test_unknown_pmo_type_override_is_refused(world):
    with pytest.raises(ValidationError) as excinfo:
        portfolio_create(actor=world.admin, code="ODD", name="Odd", pmo_type_override="anarchic")

    assert set(excinfo.value.message_dict) == {"pmo_type_override"}
