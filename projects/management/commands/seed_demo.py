"""Load the bilingual demo organisation: 3 portfolios, 12 projects, 30 people, one login per role.

Idempotent: rows are found by their natural keys (usernames, portfolio, program and project codes)
and only the missing ones are created, so a second run adds nothing and leaves edits alone. Projects
past initiating get a plan (projects.management.demo_plans) while they have no task at all.
"""

from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.models import PmoSettings, PmoType, Role
from governance.services import pmo_settings_update
from projects import demo_data
from projects.management.demo_plans import seed_demo_plans
from projects.models import Portfolio, Program, Project, ProjectMembership
from projects.services import membership_add, portfolio_create, program_create, project_create

DEFAULT_DEMO_PASSWORD = "pmo-demo"  # noqa: S105 -- the documented demo password, not a secret


class Command(BaseCommand):
    help = "Load the demo organisation (idempotent) and print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="Set the demo password again on the six role logins that already exist.",
        )
        parser.add_argument(
            "--without-plans",
            action="store_true",
            help="Load the organisation only: no demo plans (tasks, baselines, costs) for its projects.",
        )

    def handle(self, *args, reset_passwords=False, without_plans=False, **options):
        # Read at run time so DEMO_PASSWORD (or a test's override) applies to this run.
        password = settings.DEMO_PASSWORD
        if not password:
            raise CommandError(_("DEMO_PASSWORD is set but empty; give it a value or unset it."))
        seeder = DemoSeeder(password=password, reset_passwords=reset_passwords, with_plans=not without_plans)
        try:
            with transaction.atomic():
                seeder.run()
        except (ValidationError, PermissionDenied) as error:
            raise CommandError(_("The demo could not be loaded: %(error)s") % {"error": error}) from error
        self._print_logins(seeder, password)
        self._print_summary(seeder.tally)

    def _print_logins(self, seeder, password):
        if password == DEFAULT_DEMO_PASSWORD:
            hint = password
        else:
            hint = _("the value of DEMO_PASSWORD")
        rows = []
        for person in demo_data.LOGINS:
            user = seeder.users[person.username]
            roles = ", ".join(str(Role(role).label) for role in user.roles) or "-"
            if person.username in seeder.passwords_set:
                row_hint = hint
            else:
                row_hint = _("%(hint)s, unless changed since") % {"hint": hint}
            rows.append((person.username, roles, row_hint))
        self.stdout.write(self.style.MIGRATE_HEADING(_("Demo logins")))
        self._write_table((_("username"), _("role"), _("password")), rows)
        if len(seeder.passwords_set) < len(demo_data.LOGINS):
            self.stdout.write(
                _("Existing accounts keep their passwords; --reset-passwords sets the demo password again.")
            )

    def _print_summary(self, tally):
        rows = [
            (label, str(tally[(kind, "created")]), str(tally[(kind, "existing")]))
            for kind, label in (
                ("pmo_settings", _("PMO settings")),
                ("users", _("people")),
                ("portfolios", _("portfolios")),
                ("programs", _("programs")),
                ("projects", _("projects")),
                ("memberships", _("memberships")),
                ("tasks", _("tasks")),
                ("dependencies", _("dependencies")),
                ("baselines", _("baselines")),
                ("cost_entries", _("cost entries")),
            )
        ]
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING(_("Summary")))
        self._write_table(("", _("created"), _("existing")), rows)

    def _write_table(self, header, rows):
        widths = [max(len(str(row[column])) for row in (header, *rows)) for column in range(len(header))]
        for row in (header, *rows):
            cells = (str(cell).ljust(width) for cell, width in zip(row, widths, strict=True))
            self.stdout.write("  ".join(cells).rstrip())


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
            raise CommandError(
                _("The user “admin” exists but is not a superuser; the demo needs it as the actor.")
            )
        if settings_missing:
            pmo_settings_update(actor=actor, pmo_type=PmoType.SUPPORTIVE, default_currency="CNY")
        self._count("pmo_settings", created=settings_missing)
        for portfolio in demo_data.PORTFOLIOS:
            self.portfolios[portfolio.code] = self._ensure_portfolio(portfolio, actor=actor)
        for program in demo_data.PROGRAMS:
            self.programs[program.code] = self._ensure_program(program, actor=actor)
        today = timezone.localdate()
        for project in demo_data.PROJECTS:
            self._ensure_project(project, actor=actor, today=today)
        if self.with_plans:
            seed_demo_plans(admin=actor, today=today, tally=self.tally)

    def _count(self, kind: str, *, created: bool) -> None:
        self.tally[(kind, "created" if created else "existing")] += 1

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
        )
        self._count("projects", created=True)
        # Teams are seeded only with their project, so a member someone removed stays removed.
        for username, role in project.members:
            membership_add(actor=actor, project=created, user=self.users[username], role=role)
            self._count("memberships", created=True)
