"""What the project services let each role do, what they refuse, and what they record."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from governance.models import PmoSettings, PmoType
from projects.models import Portfolio, Project, Status
from projects.services.projects import project_create, project_delete, project_update
from tests.factories import (
    PortfolioFactory,
    ProgramFactory,
    ProjectFactory,
    UserFactory,
    published_methodology,
    set_pmo_type,
)

pytestmark = pytest.mark.django_db


def create_kwargs(portfolio, **overrides):
    values = {
        "code": "NEW-01",
        "name": "New project",
        "portfolio": portfolio,
        "start_date": date(2026, 11, 2),
        "finish_date": date(2027, 3, 31),
        "budget": Decimal("250000.00"),
        "currency": "CNY",
    }
    values.update(overrides)
    return values


def error_fields(excinfo) -> set[str]:
    return set(excinfo.value.message_dict)


# --- project_create ----------------------------------------------------------------------------------


def test_project_manager_creating_a_project_becomes_its_manager(world):
    project = project_create(actor=world.pm1, **create_kwargs(world.portfolio))

    assert project.project_manager == world.pm1
    assert project.status == Status.PROPOSED


def test_a_project_without_a_currency_takes_the_installation_default_currency(world):
    settings_row = PmoSettings.load()
    settings_row.default_currency = "EUR"
    settings_row.save()

    project = project_create(actor=world.pm1, **create_kwargs(world.portfolio, currency=""))

    assert Project.objects.get(pk=project.pk).currency == "EUR"


def test_project_manager_naming_another_manager_is_refused_on_that_field(world):
    with pytest.raises(ValidationError) as excinfo:
        project_create(actor=world.pm1, project_manager=world.pm2, **create_kwargs(world.portfolio))

    assert error_fields(excinfo) == {"project_manager"}
    assert not Project.objects.filter(code="NEW-01").exists()


def test_admin_may_name_any_project_manager(world):
    project = project_create(actor=world.admin, project_manager=world.pm2, **create_kwargs(world.portfolio))

    assert project.project_manager == world.pm2


def test_pmo_staff_under_directive_pmo_may_name_the_project_manager(world):
    set_pmo_type(PmoType.DIRECTIVE)

    project = project_create(
        actor=world.pmo,
        project_manager=world.pm2,
        methodology=published_methodology(),
        **create_kwargs(world.portfolio),
    )

    assert project.project_manager == world.pm2


@pytest.mark.parametrize("pmo_type", [PmoType.SUPPORTIVE, PmoType.CONTROLLING])
def test_pmo_staff_may_not_create_projects_unless_directive(world, pmo_type):
    set_pmo_type(pmo_type)

    with pytest.raises(PermissionDenied):
        project_create(actor=world.pmo, project_manager=world.pm2, **create_kwargs(world.portfolio))


def test_directive_portfolio_override_lets_pmo_staff_create_there(world):
    directive_portfolio = PortfolioFactory(pmo_type_override=PmoType.DIRECTIVE)

    project = project_create(
        actor=world.pmo,
        project_manager=world.pm1,
        methodology=published_methodology(),
        **create_kwargs(directive_portfolio),
    )

    assert project.project_manager == world.pm1


@pytest.mark.parametrize("role", ["member", "sponsor", "outsider"])
def test_people_without_a_managing_role_may_not_create_projects(world, role):
    with pytest.raises(PermissionDenied):
        project_create(actor=world.users[role], **create_kwargs(world.portfolio))


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"start_date": date(2027, 3, 1), "finish_date": date(2027, 2, 1)}, "finish_date"),
        ({"budget": Decimal("-1.00")}, "budget"),
        ({"currency": "XYZ"}, "currency"),
        ({"name": "x" * 10_000}, "name"),
        ({"code": "has spaces"}, "code"),
        ({"code": ""}, "code"),
    ],
    ids=[
        "finish-before-start",
        "negative-budget",
        "unknown-currency",
        "10000-char-name",
        "bad-code",
        "no-code",
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(world, overrides, field):
    with pytest.raises(ValidationError) as excinfo:
        project_create(actor=world.pm1, **create_kwargs(world.portfolio, **overrides))

    assert field in error_fields(excinfo)
    assert Project.objects.count() == 3


@pytest.mark.parametrize("code", ["DUP-1", "dup-1", "Dup-1"])
def test_duplicate_code_is_refused_whatever_the_case(world, code):
    ProjectFactory(code="DUP-1", portfolio=world.portfolio, project_manager=world.pm1)

    with pytest.raises(ValidationError) as excinfo:
        project_create(actor=world.pm1, **create_kwargs(world.portfolio, code=code))

    assert error_fields(excinfo) == {"code"}


def test_program_from_another_portfolio_is_refused(world):
    foreign_program = ProgramFactory(portfolio=world.other_portfolio)

    with pytest.raises(ValidationError) as excinfo:
        project_create(actor=world.pm1, program=foreign_program, **create_kwargs(world.portfolio))

    assert error_fields(excinfo) == {"program"}


def test_inactive_project_manager_is_refused(world):
    retired = UserFactory(is_project_manager=True, is_active=False)

    with pytest.raises(ValidationError) as excinfo:
        project_create(actor=world.admin, project_manager=retired, **create_kwargs(world.portfolio))

    assert error_fields(excinfo) == {"project_manager"}


def test_chinese_text_round_trips(world):
    project = project_create(
        actor=world.pm1,
        **create_kwargs(
            world.portfolio,
            name="智慧园区一期建设",
            objectives="降低能耗 15%；实现访客无感通行。",
            department="行政部",
        ),
    )

    stored = Project.objects.get(pk=project.pk)
    assert stored.name == "智慧园区一期建设"
    assert stored.objectives == "降低能耗 15%；实现访客无感通行。"
    assert stored.department == "行政部"


def test_creation_is_recorded_with_its_author(world):
    project = project_create(actor=world.pm1, **create_kwargs(world.portfolio))

    record = project.history.get()
    assert record.history_type == "+"
    assert record.history_user == world.pm1


# --- project_update ----------------------------------------------------------------------------------


def test_history_records_the_actor_and_the_changed_fields(world):
    project = world.project_of_pm1

    project_update(
        actor=world.pm1, project=project, changes={"status": Status.ACTIVE, "budget": Decimal("120000.00")}
    )

    latest, previous = project.history.all()[:2]
    assert latest.history_user == world.pm1
    assert set(latest.diff_against(previous).changed_fields) == {"status", "budget"}


def test_project_manager_edits_own_project_but_not_another(world):
    project_update(actor=world.pm1, project=world.project_of_pm1, changes={"name": "Renamed"})

    with pytest.raises(PermissionDenied):
        project_update(actor=world.pm1, project=world.project_of_pm2, changes={"name": "Hijacked"})

    world.project_of_pm2.refresh_from_db()
    assert world.project_of_pm2.name != "Hijacked"


@pytest.mark.parametrize(
    ("installation_type", "override", "may_edit"),
    [
        (PmoType.SUPPORTIVE, "", False),
        (PmoType.CONTROLLING, "", False),
        (PmoType.DIRECTIVE, "", True),
        (PmoType.SUPPORTIVE, PmoType.DIRECTIVE, True),
        (PmoType.DIRECTIVE, PmoType.SUPPORTIVE, False),
        (PmoType.DIRECTIVE, PmoType.CONTROLLING, False),
    ],
)
def test_pmo_staff_edit_projects_only_under_a_directive_pmo(world, installation_type, override, may_edit):
    set_pmo_type(installation_type)
    Portfolio.objects.filter(pk=world.portfolio.pk).update(pmo_type_override=override)

    if may_edit:
        project_update(actor=world.pmo, project=world.project_of_pm1, changes={"name": "By the PMO"})
        world.project_of_pm1.refresh_from_db()
        assert world.project_of_pm1.name == "By the PMO"
    else:
        with pytest.raises(PermissionDenied):
            project_update(actor=world.pmo, project=world.project_of_pm1, changes={"name": "By the PMO"})


@pytest.mark.parametrize("role", ["member", "sponsor", "outsider", "pm2"])
def test_people_who_do_not_manage_a_project_may_not_edit_it(world, role):
    with pytest.raises(PermissionDenied):
        project_update(actor=world.users[role], project=world.project_of_pm1, changes={"name": "x"})


def test_update_with_finish_before_start_saves_nothing(world):
    project = world.project_of_pm1
    before = project.history.count()

    with pytest.raises(ValidationError) as excinfo:
        project_update(
            actor=world.pm1,
            project=project,
            changes={"name": "Half-saved?", "start_date": date(2027, 5, 1), "finish_date": date(2027, 4, 1)},
        )

    assert error_fields(excinfo) == {"finish_date"}
    project.refresh_from_db()
    assert project.name != "Half-saved?"
    assert project.start_date is None
    assert project.history.count() == before


def test_update_to_a_code_taken_in_another_case_is_refused(world):
    taken = world.project_of_pm2.code.lower()

    with pytest.raises(ValidationError) as excinfo:
        project_update(actor=world.pm1, project=world.project_of_pm1, changes={"code": taken})

    assert error_fields(excinfo) == {"code"}


def test_project_manager_cannot_hand_the_project_to_another_manager(world):
    with pytest.raises(ValidationError) as excinfo:
        project_update(actor=world.pm1, project=world.project_of_pm1, changes={"project_manager": world.pm2})

    assert error_fields(excinfo) == {"project_manager"}
    world.project_of_pm1.refresh_from_db()
    assert world.project_of_pm1.project_manager == world.pm1


def test_directive_pmo_may_reassign_the_project_manager(world):
    set_pmo_type(PmoType.DIRECTIVE)

    project_update(actor=world.pmo, project=world.project_of_pm1, changes={"project_manager": world.pm2})

    world.project_of_pm1.refresh_from_db()
    assert world.project_of_pm1.project_manager == world.pm2


def test_fields_outside_the_editable_set_are_refused(world):
    with pytest.raises(ValidationError) as excinfo:
        project_update(actor=world.pm1, project=world.project_of_pm1, changes={"created_at": None})

    assert error_fields(excinfo) == {"created_at"}


def test_project_manager_may_not_move_a_project_into_another_program_portfolio(world):
    foreign_program = ProgramFactory(portfolio=world.other_portfolio)

    with pytest.raises(ValidationError) as excinfo:
        project_update(actor=world.pm1, project=world.project_of_pm1, changes={"program": foreign_program})

    assert error_fields(excinfo) == {"program"}


# --- project_delete ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["pmo", "pm1", "member", "sponsor", "outsider"])
def test_only_admins_delete_projects(world, role):
    set_pmo_type(PmoType.DIRECTIVE)

    with pytest.raises(PermissionDenied):
        project_delete(actor=world.users[role], project=world.project_of_pm1)

    assert Project.objects.filter(pk=world.project_of_pm1.pk).exists()


def test_admin_deletes_a_project(world):
    project_delete(actor=world.admin, project=world.second_project_of_pm1)

    assert not Project.objects.filter(pk=world.second_project_of_pm1.pk).exists()
