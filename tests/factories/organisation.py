"""Factories of the organisation: people, portfolios, programs, projects, teams; a world for access tests."""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from governance.models import PmoSettings, PmoType
from projects.models import Portfolio, Program, Project, ProjectMembership

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class PortfolioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Portfolio

    code = factory.Sequence(lambda n: f"PF{n:03d}")
    name = factory.Sequence(lambda n: f"Portfolio {n}")


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program

    portfolio = factory.SubFactory(PortfolioFactory)
    code = factory.Sequence(lambda n: f"PG{n:03d}")
    name = factory.Sequence(lambda n: f"Program {n}")


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    code = factory.Sequence(lambda n: f"PRJ-{n:04d}")
    name = factory.Sequence(lambda n: f"Project {n}")
    portfolio = factory.SubFactory(PortfolioFactory)
    project_manager = factory.SubFactory(UserFactory, is_project_manager=True)
    budget = Decimal("100000.00")
    currency = "CNY"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectMembership

    project = factory.SubFactory(ProjectFactory)
    user = factory.SubFactory(UserFactory, is_team_member=True)


def record_project_changes(project: Project, count: int, *, actor, portfolios) -> None:
    """Add `count` saved changes to the project's history in one insert, as if `actor` made them in turn.

    Each change renames and re-budgets the project and moves it to the next of `portfolios`.
    """
    record = project.history.model
    kept = {field.attname for field in record._meta.concrete_fields}  # history leaves some fields out
    stored = {
        field.attname: getattr(project, field.attname)
        for field in Project._meta.concrete_fields
        if field.attname in kept
    }
    latest = project.history.latest().history_date
    changes = [
        {
            "name": f"Name {number}",
            "budget": Decimal(number),
            "portfolio_id": portfolios[number % len(portfolios)].pk,
        }
        for number in range(count)
    ]
    record.objects.bulk_create(
        record(
            **(stored | change),
            history_date=latest + timedelta(minutes=number + 1),
            history_type="~",
            history_user=actor,
        )
        for number, change in enumerate(changes)
    )


def set_pmo_type(pmo_type: str) -> PmoSettings:
    settings_row = PmoSettings.load()
    settings_row.pmo_type = pmo_type
    settings_row.save()
    return settings_row


@dataclass
class AccessWorld:
    """One user per role and projects that each relate to them differently."""

    admin: object
    pmo: object
    pm1: object
    pm2: object
    member: object
    sponsor: object
    outsider: object
    portfolio: Portfolio
    other_portfolio: Portfolio
    project_of_pm1: Project  # managed by pm1, member and sponsor on it
    second_project_of_pm1: Project  # managed by pm1, nobody else
    project_of_pm2: Project  # managed by pm2, in the other portfolio

    @property
    def users(self) -> dict[str, object]:
        return {
            "admin": self.admin,
            "pmo": self.pmo,
            "pm1": self.pm1,
            "pm2": self.pm2,
            "member": self.member,
            "sponsor": self.sponsor,
            "outsider": self.outsider,
        }

    def visible_projects(self, role: str) -> set[int]:
        """The project ids each role may see, as DOMAIN.md defines it."""
        everything = {self.project_of_pm1.pk, self.second_project_of_pm1.pk, self.project_of_pm2.pk}
        return {
            "admin": everything,
            "pmo": everything,
            "pm1": {self.project_of_pm1.pk, self.second_project_of_pm1.pk},
            "pm2": {self.project_of_pm2.pk},
            "member": {self.project_of_pm1.pk},
            "sponsor": {self.project_of_pm1.pk},
            "outsider": set(),
        }[role]

    def editable_projects(self, role: str, pmo_type: str) -> set[int]:
        """The project ids each role may edit under the given PMO type."""
        visible = self.visible_projects(role)
        if role == "admin" or (role == "pmo" and pmo_type == PmoType.DIRECTIVE):
            return visible
        if role in {"pm1", "pm2"}:
            return visible
        return set()


def build_access_world(pmo_type: str = PmoType.SUPPORTIVE) -> AccessWorld:
    set_pmo_type(pmo_type)
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    pmo = UserFactory(username="pmo", is_pmo_staff=True)
    pm1 = UserFactory(username="pm1", is_project_manager=True)
    pm2 = UserFactory(username="pm2", is_project_manager=True)
    member = UserFactory(username="member", is_team_member=True)
    sponsor = UserFactory(username="sponsor", is_sponsor=True)
    outsider = UserFactory(username="outsider", is_team_member=True)
    portfolio = PortfolioFactory()
    other_portfolio = PortfolioFactory()
    project_of_pm1 = ProjectFactory(portfolio=portfolio, project_manager=pm1, sponsor=sponsor)
    MembershipFactory(project=project_of_pm1, user=member)
    second_project_of_pm1 = ProjectFactory(portfolio=portfolio, project_manager=pm1)
    project_of_pm2 = ProjectFactory(portfolio=other_portfolio, project_manager=pm2)
    return AccessWorld(
        admin=admin,
        pmo=pmo,
        pm1=pm1,
        pm2=pm2,
        member=member,
        sponsor=sponsor,
        outsider=outsider,
        portfolio=portfolio,
        other_portfolio=other_portfolio,
        project_of_pm1=project_of_pm1,
        second_project_of_pm1=second_project_of_pm1,
        project_of_pm2=project_of_pm2,
    )
