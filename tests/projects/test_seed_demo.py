"""`manage.py seed_demo`: the demo organisation, its logins, and that a second run changes nothing."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command

from governance.models import PmoSettings, PmoType
from projects import demo_data, selectors
from projects.models import Phase, Portfolio, Program, Project, ProjectMembership, Status
from tests.factories import UserFactory, set_pmo_type

pytestmark = pytest.mark.django_db

LOGIN_USERNAMES = ["admin", "pmo", "pm1", "pm2", "member", "sponsor"]


def seed(*args) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        "users": get_user_model().objects.count(),
        "portfolios": Portfolio.objects.count(),
        "programs": Program.objects.count(),
        "projects": Project.objects.count(),
        "memberships": ProjectMembership.objects.count(),
        "history": Project.history.count(),
    }


def summary_row(output: str, label: str) -> tuple[int, int]:
    """The (created, existing) figures the command printed for one kind of row."""
    summary = output.split("Summary", 1)[1]
    for line in summary.splitlines():
        words = line.split()
        if words and words[0] == label:
            return int(words[1]), int(words[2])
    raise AssertionError(f"no summary row for {label}")


def managed_codes(username: str) -> set[str]:
    return set(Project.objects.filter(project_manager__username=username).values_list("code", flat=True))


def test_seed_creates_the_demo_organisation_of_the_issue():
    seed()

    assert Portfolio.objects.count() == 3
    assert Project.objects.count() == len(demo_data.PROJECTS)
    assert 10 <= Project.objects.count() <= 14
    assert get_user_model().objects.count() == 30
    assert Program.objects.count() >= 2


def test_second_run_adds_nothing():
    seed()
    first = counts()

    output = seed()

    assert counts() == first
    assert summary_row(output, "people") == (0, 30)
    assert summary_row(output, "projects") == (0, len(demo_data.PROJECTS))


def test_demo_covers_every_phase_and_status_and_three_currencies():
    seed()

    assert set(Project.objects.values_list("phase", flat=True)) == set(Phase.values)
    assert set(Project.objects.values_list("status", flat=True)) == set(Status.values)
    assert {"CNY", "USD", "EUR"} <= set(Project.objects.values_list("currency", flat=True))


def test_demo_is_bilingual_with_some_projects_fully_in_chinese():
    seed()

    names = list(Project.objects.values_list("name", flat=True))
    assert "供应链计划系统升级" in names
    assert any(name.isascii() for name in names)
    assert Portfolio.objects.get(code="DT").name == "Digital Transformation 数字化转型"
    assert get_user_model().objects.get(username="pm1").display_name == "王磊"


def test_every_demo_login_signs_in_with_the_demo_password(settings):
    settings.DEMO_PASSWORD = "pmo-demo"
    seed()

    for username in LOGIN_USERNAMES:
        assert authenticate(username=username, password="pmo-demo") is not None, username


def test_people_who_only_appear_on_teams_cannot_sign_in():
    seed()

    others = get_user_model().objects.exclude(username__in=LOGIN_USERNAMES)
    assert others.count() == 24
    assert not any(user.has_usable_password() for user in others)


def test_each_login_holds_its_role():
    seed()
    users = {user.username: user for user in get_user_model().objects.filter(username__in=LOGIN_USERNAMES)}

    assert users["admin"].is_superuser and users["admin"].is_staff
    assert users["pmo"].is_pmo_staff and not users["pmo"].is_superuser
    assert users["pm1"].is_project_manager and users["pm2"].is_project_manager
    assert users["member"].is_team_member
    assert users["sponsor"].is_sponsor
    assert Project.objects.filter(sponsor=users["sponsor"]).exists()


def test_pm1_and_pm2_manage_different_projects():
    seed()

    pm1_projects, pm2_projects = managed_codes("pm1"), managed_codes("pm2")
    assert pm1_projects and pm2_projects
    assert pm1_projects.isdisjoint(pm2_projects)


def test_member_belongs_only_to_projects_of_pm1():
    seed()

    member_projects = set(
        ProjectMembership.objects.filter(user__username="member").values_list("project__code", flat=True)
    )
    assert member_projects
    assert member_projects <= managed_codes("pm1")
    assert member_projects.isdisjoint(managed_codes("pm2"))


def test_demo_password_can_be_overridden(settings):
    settings.DEMO_PASSWORD = "another-Secret-42"

    output = seed()

    assert authenticate(username="pm1", password="another-Secret-42") is not None
    assert authenticate(username="pm1", password="pmo-demo") is None
    assert "another-Secret-42" not in output


def test_output_lists_the_six_logins_and_the_password():
    output = seed()

    login_lines = {line.split()[0]: line for line in output.splitlines() if line.split()}
    for username in LOGIN_USERNAMES:
        assert username in login_lines
        assert "pmo-demo" in login_lines[username]
    assert summary_row(output, "projects") == (len(demo_data.PROJECTS), 0)


def test_second_run_keeps_what_users_changed():
    seed()
    project = Project.objects.get(code="DT-ERP-01")
    project.name = "Renamed by the PM"
    project.save()
    pm1 = get_user_model().objects.get(username="pm1")
    pm1.set_password("my-own-Password-7")
    pm1.save()
    ProjectMembership.objects.filter(project=project, user__username="member").delete()

    seed()

    project.refresh_from_db()
    assert project.name == "Renamed by the PM"
    assert authenticate(username="pm1", password="my-own-Password-7") is not None
    assert not ProjectMembership.objects.filter(project=project, user__username="member").exists()


def test_reset_passwords_sets_the_demo_password_again(settings):
    settings.DEMO_PASSWORD = "pmo-demo"
    seed()
    pm1 = get_user_model().objects.get(username="pm1")
    pm1.set_password("my-own-Password-7")
    pm1.save()

    seed("--reset-passwords")

    assert authenticate(username="pm1", password="pmo-demo") is not None


def test_existing_pmo_type_is_kept():
    set_pmo_type(PmoType.CONTROLLING)

    seed()

    assert PmoSettings.load().pmo_type == PmoType.CONTROLLING


def test_fresh_installation_gets_a_supportive_pmo():
    assert not PmoSettings.objects.exists()

    seed()

    assert PmoSettings.load().pmo_type == PmoType.SUPPORTIVE


def test_existing_admin_account_is_used_and_kept():
    UserFactory(username="admin", is_superuser=True, is_staff=True, first_name="Ops")

    seed()

    admin = get_user_model().objects.get(username="admin")
    assert admin.first_name == "Ops"
    assert Project.objects.count() == len(demo_data.PROJECTS)


def test_project_history_names_the_admin_as_author():
    seed()

    first_records = Project.history.filter(history_type="+")
    assert first_records.count() == len(demo_data.PROJECTS)
    assert set(first_records.values_list("history_user__username", flat=True)) == {"admin"}


def test_each_demo_login_sees_what_its_role_allows():
    seed()
    users = {user.username: user for user in get_user_model().objects.filter(username__in=LOGIN_USERNAMES)}

    def visible(username):
        return set(selectors.project_list(user=users[username]).values_list("code", flat=True))

    everything = set(Project.objects.values_list("code", flat=True))
    assert visible("admin") == visible("pmo") == everything
    assert visible("pm1") == managed_codes("pm1")
    assert visible("pm2") == managed_codes("pm2")
    assert visible("member") == set(
        ProjectMembership.objects.filter(user__username="member").values_list("project__code", flat=True)
    )
    assert visible("sponsor") == set(
        Project.objects.filter(sponsor__username="sponsor").values_list("code", flat=True)
    )


def test_demo_pmo_edits_only_the_portfolio_that_overrides_to_directive():
    seed()
    pmo = get_user_model().objects.get(username="pmo")
    projects = list(selectors.project_list(user=pmo))

    editable = selectors.project_editable_ids(user=pmo, projects=projects)

    directive_codes = {project.code for project in projects if project.portfolio.code == "INFRA"}
    assert {project.code for project in projects if project.pk in editable} == directive_codes


def test_empty_demo_password_is_refused_and_nothing_is_created(settings):
    settings.DEMO_PASSWORD = ""

    with pytest.raises(CommandError):
        seed()

    assert not get_user_model().objects.exists()


def test_an_admin_login_without_admin_rights_stops_the_seed_cleanly():
    UserFactory(username="admin", is_superuser=False)

    with pytest.raises(CommandError, match="not a superuser"):
        seed()

    assert not Project.objects.exists()
    assert get_user_model().objects.count() == 1
