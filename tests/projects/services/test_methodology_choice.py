"""A project follows one methodology, chosen at creation: mandatory under controlling and directive PMOs."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from governance.models import PmoType
from governance.services import methodology_draft_start, methodology_retire
from projects.models import Project
from projects.services.projects import project_create
from tests.factories import (
    MethodologyFactory,
    MethodologyVersionFactory,
    PortfolioFactory,
    UserFactory,
    published_methodology,
    published_version,
    set_pmo_type,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def pm():
    return UserFactory(is_project_manager=True)


@pytest.fixture
def pmo():
    return UserFactory(is_pmo_staff=True)


def create(pm, portfolio=None, **overrides):
    values = {
        "code": "NEW-01",
        "name": "新项目",
        "portfolio": portfolio or PortfolioFactory(),
        "start_date": date(2026, 11, 2),
        "budget": Decimal("1000.00"),
    }
    values.update(overrides)
    return project_create(actor=pm, **values)


def test_a_new_project_follows_the_newest_published_version_not_a_draft(pm, pmo):
    first = published_version()
    second = published_version(first.methodology, number=2)
    methodology_draft_start(actor=pmo, methodology=first.methodology)

    project = create(pm, methodology=first.methodology)

    assert Project.objects.get(pk=project.pk).methodology_version == second


@pytest.mark.parametrize("pmo_type", [PmoType.CONTROLLING, PmoType.DIRECTIVE])
def test_controlling_and_directive_pmos_refuse_a_project_without_a_methodology(pm, pmo_type):
    set_pmo_type(pmo_type)

    with pytest.raises(ValidationError) as excinfo:
        create(pm)

    assert set(excinfo.value.message_dict) == {"methodology"}
    assert not Project.objects.filter(code="NEW-01").exists()


def test_a_supportive_pmo_allows_a_project_without_a_methodology(pm):
    set_pmo_type(PmoType.SUPPORTIVE)

    assert create(pm).methodology_version is None


def test_the_portfolio_override_decides_whether_the_methodology_is_mandatory(pm):
    set_pmo_type(PmoType.CONTROLLING)
    supportive = PortfolioFactory(pmo_type_override=PmoType.SUPPORTIVE)
    assert create(pm, supportive).methodology_version is None

    set_pmo_type(PmoType.SUPPORTIVE)
    controlling = PortfolioFactory(pmo_type_override=PmoType.CONTROLLING)
    with pytest.raises(ValidationError) as excinfo:
        create(pm, controlling, code="NEW-02")
    assert "methodology" in excinfo.value.message_dict


def test_a_retired_methodology_or_one_never_published_is_refused_on_the_field(pm, pmo):
    retired = methodology_retire(actor=pmo, methodology=published_methodology())
    unpublished = MethodologyVersionFactory(methodology=MethodologyFactory()).methodology

    for methodology in (retired, unpublished):
        with pytest.raises(ValidationError) as excinfo:
            create(pm, methodology=methodology)
        assert set(excinfo.value.message_dict) == {"methodology"}
    assert not Project.objects.exists()


def test_projects_keep_their_version_when_a_newer_one_is_published(pm, pmo):
    methodology = published_methodology()
    project = create(pm, methodology=methodology)
    draft = methodology_draft_start(actor=pmo, methodology=methodology)
    draft.published_at = timezone.now()
    draft.save()

    assert Project.objects.get(pk=project.pk).methodology_version.number == 1
