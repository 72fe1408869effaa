"""Rules the database itself keeps, even for writes that skip the services and full_clean."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from projects.models import Portfolio, Project, ProjectMembership
from tests.factories import (
    MembershipFactory,
    PortfolioFactory,
    ProgramFactory,
    ProjectFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    return ProjectFactory(start_date=date(2026, 11, 2), finish_date=date(2027, 6, 30))


def unsaved_project(**overrides) -> Project:
    values = {
        "code": "RAW-1",
        "name": "Raw insert",
        "portfolio": PortfolioFactory(),
        "project_manager": UserFactory(is_project_manager=True),
    }
    values.update(overrides)
    return Project(**values)


def test_queryset_update_to_negative_budget_is_refused(project):
    with pytest.raises(IntegrityError, match="project_budget_not_negative"):
        Project.objects.filter(pk=project.pk).update(budget=Decimal("-0.01"))


def test_queryset_update_to_finish_before_start_is_refused(project):
    with pytest.raises(IntegrityError, match="project_finish_not_before_start"):
        Project.objects.filter(pk=project.pk).update(finish_date=date(2026, 10, 1))


def test_bulk_create_with_negative_budget_is_refused():
    with pytest.raises(IntegrityError, match="project_budget_not_negative"):
        Project.objects.bulk_create([unsaved_project(budget=Decimal("-100"))])


def test_bulk_create_with_finish_before_start_is_refused():
    bad = unsaved_project(start_date=date(2027, 1, 10), finish_date=date(2027, 1, 9))

    with pytest.raises(IntegrityError, match="project_finish_not_before_start"):
        Project.objects.bulk_create([bad])


def test_same_day_start_and_finish_is_allowed():
    same_day = unsaved_project(start_date=date(2027, 1, 10), finish_date=date(2027, 1, 10))

    same_day.full_clean()
    same_day.save()


def test_code_differing_only_in_case_is_refused_by_the_database(project):
    with pytest.raises(IntegrityError, match="project_code_unique_ci"):
        Project.objects.bulk_create([unsaved_project(code=project.code.lower())])


def test_code_differing_only_in_case_fails_validation(project):
    with pytest.raises(ValidationError) as excinfo:
        unsaved_project(code=project.code.swapcase()).full_clean()

    assert "A project with this code already exists." in excinfo.value.messages


def test_unknown_phase_is_refused_by_the_database(project):
    with pytest.raises(IntegrityError, match="project_phase_valid"):
        Project.objects.filter(pk=project.pk).update(phase="daydreaming")


def test_unknown_status_is_refused_by_the_database(project):
    with pytest.raises(IntegrityError, match="project_status_valid"):
        Project.objects.filter(pk=project.pk).update(status="abandoned")


def test_duplicate_membership_is_refused_by_the_database():
    membership = MembershipFactory()

    with pytest.raises(IntegrityError, match="membership_unique_per_project"):
        ProjectMembership.objects.bulk_create(
            [ProjectMembership(project=membership.project, user=membership.user)]
        )


def test_clean_names_each_field_at_fault():
    portfolio = PortfolioFactory()
    foreign_program = ProgramFactory()
    bad = unsaved_project(
        portfolio=portfolio,
        program=foreign_program,
        start_date=date(2027, 2, 1),
        finish_date=date(2027, 1, 1),
        currency="ABC",
    )

    with pytest.raises(ValidationError) as excinfo:
        bad.clean()

    assert set(excinfo.value.message_dict) == {"finish_date", "program", "currency"}


def test_chinese_text_round_trips_through_the_database():
    portfolio = Portfolio.objects.create(code="CN", name="数字化转型")
    project = ProjectFactory(
        portfolio=portfolio,
        name="财务共享中心建设",
        scope_in="总账、应收应付、费用报销",
        scope_out="海外子公司",
        success_criteria="月结时间缩短到 3 天",
    )

    stored = Project.objects.select_related("portfolio").get(pk=project.pk)
    assert stored.portfolio.name == "数字化转型"
    assert (stored.name, stored.scope_in, stored.scope_out, stored.success_criteria) == (
        "财务共享中心建设",
        "总账、应收应付、费用报销",
        "海外子公司",
        "月结时间缩短到 3 天",
    )
    assert Project.objects.filter(name__contains="共享").get() == stored


def test_project_reads_as_code_and_name():
    project = ProjectFactory(code="DT-7", name="数据治理")

    assert str(project) == "DT-7 · 数据治理"


def test_project_follows_its_portfolio_pmo_type_override():
    project = ProjectFactory(portfolio=PortfolioFactory(pmo_type_override="directive"))

    assert project.pmo_type_override == "directive"
