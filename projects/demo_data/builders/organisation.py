"""Builds the demo organisation: people, PMO settings, portfolios, programs, projects and teams.

Rows are found by their natural keys (usernames, portfolio, program and project codes) and only the
missing ones are created, through the same services a person uses, with the demo admin as the actor.
"""

from collections import Counter
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.models import ExchangeRate, Methodology, PmoSettings, PmoType
from governance.services import (
    exchange_rate_create,
    methodologies_install_defaults,
    pmo_settings_update,
    reporting_currency_update,
)
from projects import demo_data
from projects.demo_data.builders.governance import seed_demo_governance
from projects.demo_data.builders.plans import seed_demo_plans
from projects.demo_data.builders.status_reports import seed_demo_status_reports
from projects.models import Portfolio, Program, Project, ProjectMembership
from projects.services.memberships import membership_add
from projects.services.portfolios import portfolio_create, program_create
from projects.services.projects import project_create


class DemoSeeder:
    """Creates what is missing of the demo organisation and counts created versus existing rows."""

    def __init__(self, *, password: str, reset_passwords: bool, with_plans: bool = True):
        self.password = password
        self.reset_passwords = reset_passwords
        self.with_plans = with_plans
        self.tally: Counter = Counter()
        self.users: dict[str, object] = {}
        self.passwords_set: set[str] = set()
        self.portfolios: dict[str, Portfolio] = {}
        self.programs: dict[str, Program] = {}

    def run(self) -> None:
        """Create the missing people, PMO settings, portfolios, programs, projects, teams and plans."""
        # Checked before anything calls PmoSettings.load(), which would create the row itself.
        settings_missing = not PmoSettings.objects.filter(pk=PmoSettings.SINGLETON_ID).exists()
        for person in demo_data.PEOPLE:
            self.users[person.username] = self._ensure_person(person)
        actor = self.users["admin"]
        if not actor.is_superuser:
            raise ValidationError(
                _("The user “admin” exists but is not a superuser; the demo needs it as the actor.")
            )
        # The projects follow the default methodologies: put back any that are missing (a flushed database).
        methodologies_install_defaults()
        if settings_missing:
            pmo_settings_update(actor=actor, pmo_type=PmoType.SUPPORTIVE, default_currency="CNY")
            reporting_currency_update(actor=actor, reporting_currency=demo_data.REPORTING_CURRENCY)
        self._count("pmo_settings", created=settings_missing)
        for rate in demo_data.EXCHANGE_RATES:
            self._ensure_exchange_rate(rate, actor=actor)
        for portfolio in demo_data.PORTFOLIOS:
            self.portfolios[portfolio.code] = self._ensure_portfolio(portfolio, actor=actor)
        for program in demo_data.PROGRAMS:
            self.programs[program.code] = self._ensure_program(program, actor=actor)
        today = timezone.localdate()
        for project in demo_data.PROJECTS:
            self._ensure_project(project, actor=actor, today=today)
        if self.with_plans:
            seed_demo_plans(admin=actor, today=today, tally=self.tally)
        seed_demo_governance(reviewer=self.users["pmo"], tally=self.tally)
        seed_demo_status_reports(tally=self.tally)

    def _count(self, kind: str, *, created: bool) -> None:
        self.tally[(kind, "created" if created else "existing")] += 1

    def _ensure_exchange_rate(self, rate: demo_data.DemoExchangeRate, *, actor) -> None:
        exists = ExchangeRate.objects.filter(
            from_currency=rate.from_currency, to_currency=rate.to_currency, valid_from=rate.valid_from
        ).exists()
        self._count("exchange_rates", created=not exists)
        if not exists:
            exchange_rate_create(
                actor=actor,
                from_currency=rate.from_currency,
                to_currency=rate.to_currency,
                rate=rate.rate,
                valid_from=rate.valid_from,
            )

    def _ensure_person(self, person: demo_data.DemoPerson):
        user_model = get_user_model()
        user = user_model.objects.filter(username=person.username).first()
        if user is not None:
            self._count("users", created=False)
            if self.reset_passwords and person.is_login:
                user.set_password(self.password)
                user.save(update_fields=["password"])
                self.passwords_set.add(person.username)
            return user
        user = user_model(
            username=person.username,
            first_name=person.first_name,
            last_name=person.last_name,
            email=f"{person.username}@demo.pmo-portal.example",
            department=person.department,
            is_superuser=person.is_admin,
            is_staff=person.is_admin,
            is_pmo_staff=person.is_pmo_staff,
            is_project_manager=person.is_project_manager,
            is_team_member=person.is_team_member,
            is_sponsor=person.is_sponsor,
        )
        if person.is_login:
            user.set_password(self.password)
            self.passwords_set.add(person.username)
        else:
            # People who only appear on teams cannot sign in until an admin gives them a password.
            user.set_unusable_password()
        user.full_clean()
        user.save()
        self._count("users", created=True)
        return user

    def _ensure_portfolio(self, portfolio: demo_data.DemoPortfolio, *, actor) -> Portfolio:
        existing = Portfolio.objects.filter(code=portfolio.code).first()
        self._count("portfolios", created=existing is None)
        if existing is not None:
            return existing
        return portfolio_create(
            actor=actor,
            code=portfolio.code,
            name=portfolio.name,
            description=portfolio.description,
            pmo_type_override=portfolio.pmo_type_override,
        )

    def _ensure_program(self, program: demo_data.DemoProgram, *, actor) -> Program:
        existing = Program.objects.filter(code=program.code).first()
        self._count("programs", created=existing is None)
        if existing is not None:
            return existing
        return program_create(
            actor=actor,
            portfolio=self.portfolios[program.portfolio_code],
            code=program.code,
            name=program.name,
            description=program.description,
        )

    def _ensure_project(self, project: demo_data.DemoProject, *, actor, today) -> None:
        existing = Project.objects.filter(code__iexact=project.code).first()
        if existing is not None:
            self._count("projects", created=False)
            usernames = [username for username, _role in project.members]
            self.tally[("memberships", "existing")] += ProjectMembership.objects.filter(
                project=existing, user__username__in=usernames
            ).count()
            return
        portfolio = self.portfolios[project.portfolio_code]
        program = self.programs.get(project.program_code)
        if program is not None and program.portfolio_id != portfolio.pk:
            # Someone moved the program since the last run; the project stays outside it.
            program = None
        created = project_create(
            actor=actor,
            code=project.code,
            name=project.name,
            portfolio=portfolio,
            program=program,
            project_manager=self.users[project.project_manager],
            sponsor=self.users[project.sponsor],
            department=project.department,
            phase=project.phase,
            status=project.status,
            priority=project.priority,
            start_date=today + timedelta(days=project.start_in_days),
            finish_date=today + timedelta(days=project.finish_in_days),
            budget=project.budget,
            currency=project.currency,
            description=project.description,
            objectives=project.objectives,
            scope_in=project.scope_in,
            scope_out=project.scope_out,
            success_criteria=project.success_criteria,
            methodology=Methodology.objects.filter(code=project.methodology_code).first(),
        )
        self._count("projects", created=True)
        # Teams are seeded only with their project, so a member someone removed stays removed.
        for username, role in project.members:
            membership_add(actor=actor, project=created, user=self.users[username], role=role)
            self._count("memberships", created=True)
