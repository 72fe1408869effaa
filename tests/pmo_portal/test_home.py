"""The home page: the portfolio dashboard for PMO staff, admins and sponsors; "my projects and my tasks"
for project managers and team members."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from governance.models import PmoSettings
from pmo_portal.views import portfolio_dashboard_url
from projects.models import Project, ProjectMembership, Status, Task
from projects.selectors.my_work import MY_PROJECTS_SHOWN, MY_TASKS_SHOWN
from tests.factories import MembershipFactory, PortfolioFactory, ProjectFactory, UserFactory
from tests.factories.reports import RollupFactory

pytestmark = pytest.mark.django_db

HOME = "/"


def dashboard_or_list() -> str:
    try:
        return reverse("reports:dashboard")
    except NoReverseMatch:
        return reverse("projects:list")


@pytest.mark.parametrize(
    "roles",
    [
        {"is_pmo_staff": True},
        {"is_superuser": True, "is_staff": True},
        {"is_sponsor": True},
        {"is_pmo_staff": True, "is_project_manager": True},
    ],
)
def test_pmo_staff_admins_and_sponsors_start_from_the_portfolio(client, roles):
    client.force_login(UserFactory(**roles))
    response = client.get(HOME)
    assert response.status_code == 302
    assert response.url == portfolio_dashboard_url() == dashboard_or_list()


@pytest.mark.parametrize(
    "roles",
    [
        {"is_project_manager": True},
        {"is_team_member": True},
        {"is_sponsor": True, "is_project_manager": True},
        {},
    ],
)
def test_project_managers_and_team_members_start_from_their_own_work(client, roles):
    client.force_login(UserFactory(**roles))
    response = client.get(HOME)
    assert response.status_code == 200
    assert "my-projects" in response.content.decode()


@pytest.fixture
def pm(client):
    user = UserFactory(username="pm", is_project_manager=True)
    client.force_login(user)
    return user


def add_task(project, name, *, assignee=None, finish=None, percent=0, milestone=False, **fields):
    return Task.objects.create(
        project=project,
        name=name,
        assignee=assignee,
        planned_start=finish,
        planned_finish=finish,
        percent_complete=percent,
        is_milestone=milestone,
        duration_days=0 if milestone else 1,
        **fields,
    )


def test_my_work_lists_my_open_projects_with_their_figures(client, pm):
    managed = ProjectFactory(code="MINE", project_manager=pm, status=Status.ACTIVE)
    RollupFactory(project=managed, schedule_performance_index=Decimal("0.8100"))
    joined = ProjectFactory(code="TEAM")
    MembershipFactory(project=joined, user=pm)
    ProjectFactory(code="DONE", project_manager=pm, status=Status.CLOSED)
    ProjectFactory(code="OTHER")
    response = client.get(HOME)
    shown = [project.code for project in response.context["work"].projects.rows]
    assert sorted(shown) == ["MINE", "TEAM"]
    html = response.content.decode()
    assert "0.81" in html
    assert "not-measured" in html  # TEAM has no rollup: a dash, not 0


def test_my_open_tasks_come_by_planned_finish_with_the_overdue_marked(client, pm):
    project = ProjectFactory(code="P1", project_manager=pm)
    today = timezone.localdate()
    add_task(project, "Late task", assignee=pm, finish=today - timedelta(days=3), percent=50)
    add_task(project, "Next task", assignee=pm, finish=today + timedelta(days=5))
    add_task(project, "Undated task", assignee=pm)
    add_task(project, "Done task", assignee=pm, finish=today - timedelta(days=9), percent=100)
    add_task(project, "Finished task", assignee=pm, finish=today, actual_finish=today)
    add_task(project, "Someone else's", assignee=UserFactory(), finish=today)
    closed = ProjectFactory(status=Status.CLOSED, project_manager=pm)
    add_task(closed, "Of a closed project", assignee=pm, finish=today)
    response = client.get(HOME)
    tasks = response.context["work"].tasks
    assert [task.name for task in tasks.rows] == ["Late task", "Next task", "Undated task"]
    html = response.content.decode()
    late_row = html[html.index("Late task") - 400 : html.index("Late task") + 300]
    assert 'class="overdue"' in late_row and "Overdue" in late_row
    next_row = html[html.index("Next task") : html.index("Undated task")]
    assert "Overdue" not in next_row


def test_a_task_of_a_project_i_no_longer_see_is_not_listed(client):
    member = UserFactory(is_team_member=True)
    client.force_login(member)
    hidden = ProjectFactory()
    add_task(hidden, "Left behind", assignee=member, finish=date(2030, 1, 1))
    assert client.get(HOME).context["work"].tasks.rows == []


def test_milestones_due_in_the_next_30_days_and_overdue_ones_are_shown(client, pm):
    project = ProjectFactory(code="P1", project_manager=pm)
    today = timezone.localdate()
    add_task(project, "Go-live", finish=today + timedelta(days=10), milestone=True)
    add_task(project, "Missed gate", finish=today - timedelta(days=2), milestone=True)
    add_task(project, "Far away", finish=today + timedelta(days=45), milestone=True)
    add_task(project, "Reached", finish=today + timedelta(days=1), milestone=True, percent=100)
    response = client.get(HOME)
    names = [milestone.name for milestone in response.context["work"].milestones.rows]
    assert names == ["Missed gate", "Go-live"]


# Session, user, my projects (with their rollups joined) and their count, my tasks and their count, the
# milestones and their count: whether the person has 10 projects and tasks or 200.
HOME_QUERIES = 8


def test_my_work_keeps_its_query_count_at_10_and_200_rows(client, pm, django_assert_num_queries):
    PmoSettings.load()
    portfolio = PortfolioFactory()
    today = timezone.localdate()

    def add(count):
        projects = Project.objects.bulk_create(
            ProjectFactory.build_batch(count, portfolio=portfolio, project_manager=pm, status=Status.ACTIVE)
        )
        ProjectMembership.objects.bulk_create(
            MembershipFactory.build(project=project, user=UserFactory()) for project in projects
        )
        for project in projects:
            RollupFactory(project=project)
        Task.objects.bulk_create(
            Task(
                project=project,
                name=f"{kind} of {project.code}",
                assignee=pm if kind == "Task" else None,
                planned_finish=today + timedelta(days=index % 20),
                is_milestone=kind == "Milestone",
                duration_days=0 if kind == "Milestone" else 1,
            )
            for index, project in enumerate(projects)
            for kind in ("Task", "Milestone")
        )

    add(10)
    client.get(HOME)
    for total in (10, 200):
        add(total - Project.objects.count())
        with django_assert_num_queries(HOME_QUERIES, info=f"{total} projects, tasks and milestones"):
            response = client.get(HOME)
        work = response.context["work"]
        assert work.projects.total == total and len(work.projects.rows) == min(total, MY_PROJECTS_SHOWN)
        assert work.tasks.total == total and len(work.tasks.rows) == min(total, MY_TASKS_SHOWN)
