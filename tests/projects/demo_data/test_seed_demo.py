"""`manage.py seed_demo`: the demo organisation, its logins, and that a second run changes nothing."""

from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.db.models import F, Sum
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from governance.models import PmoSettings, PmoType
from projects import demo_data
from projects.models import (
    Baseline,
    BurndownPoint,
    CalendarHoliday,
    CostEntry,
    Dependency,
    GateReview,
    OfficialHolidays,
    Phase,
    Portfolio,
    Program,
    Project,
    ProjectCalendar,
    ProjectMembership,
    Status,
    StatusReport,
    Task,
)
from projects.selectors.calendars import plan_work_calendar
from projects.selectors.compliance import projects_compliance
from projects.selectors.projects import project_editable_ids, project_list
from projects.selectors.status_reports import REPORTING_STATUSES, latest_submitted_reports, report_punctuality
from projects.services.burndown import burndown_record
from projects.workcalendar import official_calendar
from tests.factories import UserFactory, set_pmo_type

pytestmark = pytest.mark.django_db

LOGIN_USERNAMES = ["admin", "pmo", "pm1", "pm2", "member", "sponsor"]


def sign_in_request():
    """A sign-in request for authenticate(): django-axes counts attempts per request."""
    return RequestFactory().post("/accounts/login/")


def seed(*args, plans: bool = False) -> str:
    """Run the command; the demo plans only where a test is about them (they take a few seconds)."""
    out = StringIO()
    call_command("seed_demo", *args, *(() if plans else ("--without-plans",)), stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        "users": get_user_model().objects.count(),
        "portfolios": Portfolio.objects.count(),
        "programs": Program.objects.count(),
        "projects": Project.objects.count(),
        "memberships": ProjectMembership.objects.count(),
        "history": Project.history.count(),
        "tasks": Task.objects.count(),
        "dependencies": Dependency.objects.count(),
        "baselines": Baseline.objects.count(),
        "cost entries": CostEntry.objects.count(),
        "status reports": StatusReport.objects.count(),
        "burndown points": BurndownPoint.objects.count(),
    }


def summary_row(output: str, label: str) -> tuple[int, int]:
    """The (created, existing) figures the command printed for one kind of row."""
    summary = output.split("Summary", 1)[1]
    for line in summary.splitlines():
        *words, created, existing = line.split() or ["", "", ""]
        if " ".join(words) == label:
            return int(created), int(existing)
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
    seed(plans=True)
    first = counts()

    output = seed(plans=True)

    assert counts() == first
    assert summary_row(output, "people") == (0, 30)
    assert summary_row(output, "projects") == (0, len(demo_data.PROJECTS))
    assert summary_row(output, "tasks") == (0, first["tasks"])
    assert summary_row(output, "dependencies") == (0, first["dependencies"])
    assert summary_row(output, "baselines") == (0, first["baselines"])
    assert summary_row(output, "cost entries") == (0, first["cost entries"])
    assert summary_row(output, "status reports") == (0, first["status reports"])


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
        assert authenticate(request=sign_in_request(), username=username, password="pmo-demo") is not None, (
            username
        )


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

    assert authenticate(request=sign_in_request(), username="pm1", password="another-Secret-42") is not None
    assert authenticate(request=sign_in_request(), username="pm1", password="pmo-demo") is None
    assert "another-Secret-42" not in output


def test_output_lists_the_six_logins_and_the_password():
    output = seed(plans=True)

    login_lines = {line.split()[0]: line for line in output.splitlines() if line.split()}
    for username in LOGIN_USERNAMES:
        assert username in login_lines
        assert "pmo-demo" in login_lines[username]
    assert summary_row(output, "projects") == (len(demo_data.PROJECTS), 0)
    assert summary_row(output, "tasks") == (Task.objects.count(), 0)
    assert summary_row(output, "baselines") == (Baseline.objects.count(), 0)


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
    assert authenticate(request=sign_in_request(), username="pm1", password="my-own-Password-7") is not None
    assert not ProjectMembership.objects.filter(project=project, user__username="member").exists()


def test_reset_passwords_sets_the_demo_password_again(settings):
    settings.DEMO_PASSWORD = "pmo-demo"
    seed()
    pm1 = get_user_model().objects.get(username="pm1")
    pm1.set_password("my-own-Password-7")
    pm1.save()

    seed("--reset-passwords")

    assert authenticate(request=sign_in_request(), username="pm1", password="pmo-demo") is not None


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
        return set(project_list(user=users[username]).values_list("code", flat=True))

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
    projects = list(project_list(user=pmo))

    editable = project_editable_ids(user=pmo, projects=projects)

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


# Demo plans ---------------------------------------------------------------------------------------


def planned_projects() -> list[Project]:
    return list(Project.objects.filter(tasks__isnull=False).distinct().select_related("project_manager"))


def test_most_projects_past_initiating_get_a_plan_with_a_critical_path():
    seed(plans=True)

    projects = planned_projects()
    assert len(projects) >= 6
    for project in projects:
        tasks = Task.objects.filter(project=project)
        assert project.phase != Phase.INITIATING
        assert 15 <= tasks.count() <= 40, project.code
        assert set(tasks.values_list("outline_level", flat=True)) >= {1, 2}, project.code
        assert tasks.filter(is_critical=True, is_summary=False).exists(), project.code
        assert tasks.filter(is_milestone=True).exists(), project.code


def test_every_demo_plan_has_a_baseline_saved_by_its_pm_at_the_start():
    seed(plans=True)

    for project in planned_projects():
        baseline = Baseline.objects.get(project=project)
        assert baseline.name == "Baseline 1 / 基线 1"
        assert baseline.created_by == project.project_manager
        assert timezone.localdate(baseline.created_at) == project.start_date
        assert baseline.tasks.exists()


def test_demo_plans_use_all_four_link_types_with_lags_and_a_lead():
    seed(plans=True)

    assert set(Dependency.objects.values_list("type", flat=True)) == {"FS", "SS", "FF", "SF"}
    assert Dependency.objects.filter(lag_days__gt=0).exists()
    assert Dependency.objects.filter(lag_days__lt=0).exists()


def test_running_project_is_partly_done_and_late_against_its_baseline():
    seed(plans=True)
    project = Project.objects.get(code="DT-ERP-01")
    today = timezone.localdate()
    work = Task.objects.filter(project=project, is_summary=False, is_milestone=False)

    percents = set(work.values_list("percent_complete", flat=True))
    assert 0 in percents and 100 in percents and percents - {0, 100}
    assert work.filter(planned_finish__lt=today, percent_complete__lt=100).exists()
    assert not work.filter(actual_start__gt=today).exists()
    assert not work.filter(actual_finish__gt=today).exists()
    assert not work.filter(percent_complete__gt=0, actual_start__isnull=True).exists()
    assert work.filter(baseline_rows__finish__lt=F("planned_finish")).exists()
    assert Task.objects.filter(project=project, name__startswith="CR-03").exists()


def test_closing_projects_are_nearly_done():
    seed(plans=True)

    for code in ("INF-SEC-01", "CX-APP-01"):
        top = Task.objects.filter(project__code=code, parent=None)
        weighted = sum(task.percent_complete * task.duration_days for task in top)
        assert weighted / sum(task.duration_days for task in top) >= 90, code


def test_planned_costs_fit_the_budget_and_started_work_has_actual_costs():
    seed(plans=True)
    today = timezone.localdate()

    for project in planned_projects():
        work = Task.objects.filter(project=project, is_summary=False)
        planned = work.aggregate(total=Sum("planned_cost"))["total"]
        assert Decimal("0.5") <= planned / project.budget <= Decimal("0.95"), project.code
        started = work.filter(percent_complete__gt=0, is_milestone=False, planned_cost__gt=0)
        assert not started.filter(cost_entries__isnull=True).exists(), project.code
        assert not work.filter(percent_complete=0, cost_entries__isnull=False).exists(), project.code
    assert not CostEntry.objects.filter(date__gt=today).exists()


def test_chinese_projects_follow_the_china_calendar_with_their_own_exception_on_top():
    seed(plans=True)

    calendar = ProjectCalendar.objects.get(project__code="DT-ERP-01")
    assert calendar.official_holidays == OfficialHolidays.CHINA
    project = calendar.project
    china = official_calendar("china")
    # The demo's only own exception: a day the team works on the first official weekday holiday in
    # its window; no holiday list of its own.
    in_window = [
        day
        for day in sorted(china.days_off)
        if project.start_date <= day <= project.finish_date and day.weekday() < 5
    ]
    exceptions = list(CalendarHoliday.objects.filter(calendar=calendar).values_list("date", "working"))
    assert exceptions == ([(in_window[0], True)] if in_window else [])
    work_calendar = plan_work_calendar(project).work_calendar
    starts = Task.objects.filter(project=project, is_summary=False).values_list("planned_start", flat=True)
    assert all(work_calendar.is_working_day(day) for day in starts)
    assert set(
        ProjectCalendar.objects.filter(project__code__in=["DT-ERP-02", "CX-APP-01"]).values_list(
            "official_holidays", flat=True
        )
    ) == {OfficialHolidays.CHINA}
    assert not CalendarHoliday.objects.exclude(calendar=calendar).exists()
    assert not ProjectCalendar.objects.filter(project__code="CX-CRM-01").exists()


def test_burndown_has_a_point_a_day_for_the_past_thirty_days():
    seed(plans=True)
    project = Project.objects.get(code="DT-ERP-01")
    today = timezone.localdate()

    points = list(BurndownPoint.objects.filter(project=project).order_by("date"))
    assert [point.date for point in points] == [today - timedelta(days=30 - n) for n in range(31)]
    assert points[0].remaining_work_days > points[-1].remaining_work_days
    assert burndown_record(project=project, on=today).remaining_work_days == points[-1].remaining_work_days


def test_tasks_are_assigned_to_the_pm_or_members_of_the_project():
    seed(plans=True)

    for project in planned_projects():
        team = set(ProjectMembership.objects.filter(project=project).values_list("user_id", flat=True))
        assignees = set(Task.objects.filter(project=project).values_list("assignee_id", flat=True))
        assert assignees - {None} <= team | {project.project_manager_id}, project.code


def test_a_plan_the_pm_changed_is_left_alone():
    seed(plans=True)
    project = Project.objects.get(code="DT-ERP-01")
    task = Task.objects.get(project=project, wbs_code="1.1")
    task.name = "Kick-off with the CFO"
    task.save()
    Task.objects.filter(project=project, wbs_code="6").delete()
    tasks_left = Task.objects.filter(project=project).count()

    seed(plans=True)

    assert Task.objects.filter(project=project).count() == tasks_left
    assert Task.objects.get(pk=task.pk).name == "Kick-off with the CFO"


def test_a_project_whose_tasks_were_all_deleted_gets_the_plan_again_under_a_new_baseline_name():
    seed(plans=True)
    Task.objects.filter(project__code="DT-ERP-02").delete()

    seed(plans=True)

    assert Task.objects.filter(project__code="DT-ERP-02").count() >= 15
    assert set(Baseline.objects.filter(project__code="DT-ERP-02").values_list("name", flat=True)) == {
        "Baseline 1 / 基线 1",
        "Baseline 2 / 基线 2",
    }


def test_plan_page_of_a_demo_project_shows_its_tasks_to_its_pm(client):
    seed(plans=True)
    project = Project.objects.get(code="DT-ERP-01")
    client.force_login(project.project_manager)

    response = client.get(reverse("projects:plan", args=[project.pk]))

    assert response.status_code == 200
    names = {task["name"] for task in response.context["payload"]["tasks"]}
    assert {"Blueprint sign-off 蓝图签署", "用户验收测试 UAT", "Go-live 系统上线"} <= names
    assert "Blueprint sign-off" in response.content.decode()


def test_the_demo_gives_the_pmo_a_compliance_picture_with_gaps_and_a_second_run_keeps_it():
    seed()
    rows = projects_compliance(Project.objects.all())

    bands = {row.result.band for row in rows}
    assert {"green", "amber"} <= bands
    # A gap left on purpose: the SD-WAN rollout passed its acceptance gate without a test report.
    network = next(row for row in rows if row.project.code == "INF-NET-01")
    assert [finding.rule for finding in network.result.findings] == ["deliverable_missing"]
    reviews = GateReview.objects.count()

    seed()

    assert GateReview.objects.count() == reviews


def test_the_demo_reports_in_cny_with_two_dated_rates_for_eur_and_usd():
    from datetime import date
    from decimal import Decimal

    from governance.selectors import rate_table, reporting_currency

    output = seed()

    assert reporting_currency() == "CNY"
    table = rate_table()
    assert table.pairs() == [("EUR", "CNY"), ("USD", "CNY")]
    assert len(table) == 4
    early = table.convert(Decimal(100), from_currency="EUR", to_currency="CNY", on=date(2026, 3, 1))
    late = table.convert(Decimal(100), from_currency="EUR", to_currency="CNY", on=date(2026, 9, 1))
    assert early.amount != late.amount
    assert summary_row(output, "exchange rates") == (4, 0)
    assert summary_row(seed(), "exchange rates") == (0, 4)


def test_the_demo_has_weeks_of_status_reports_with_one_late_and_one_missing():
    seed()
    projects = Project.objects.filter(status__in=REPORTING_STATUSES)
    punctuality = report_punctuality(projects)
    by_code = {project.code: punctuality[project.pk] for project in projects}

    assert all(summary.periods_due >= 2 for summary in by_code.values())
    assert by_code["DT-ERP-02"].late == 1
    assert by_code["INF-SEC-01"].missing == 1
    assert sum(summary.late + summary.missing for summary in by_code.values()) == 2
    latest = latest_submitted_reports(project.pk for project in projects)
    assert set(latest) == {project.pk for project in projects}
    assert all(1 <= report.customer_satisfaction <= 5 for report in latest.values())
    assert StatusReport.objects.filter(project__code="DT-ERP-01", state="draft").count() == 1
