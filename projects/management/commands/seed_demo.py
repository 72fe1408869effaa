"""Load the bilingual demo organisation: 3 portfolios, 12 projects, 30 people, one login per role.

Idempotent: rows are found by their natural keys (usernames, portfolio, program and project codes)
and only the missing ones are created, so a second run adds nothing and leaves edits alone. Projects
past initiating get a plan (projects.demo_data.builders.plans) while they have no task at all.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from governance.models import Role
from projects import demo_data
from projects.demo_data.builders.organisation import DemoSeeder

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
                ("exchange_rates", _("exchange rates")),
                ("users", _("people")),
                ("portfolios", _("portfolios")),
                ("programs", _("programs")),
                ("projects", _("projects")),
                ("memberships", _("memberships")),
                ("tasks", _("tasks")),
                ("dependencies", _("dependencies")),
                ("baselines", _("baselines")),
                ("cost_entries", _("cost entries")),
                ("status_reports", _("status reports")),
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
