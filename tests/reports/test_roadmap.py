"""The portfolio roadmap: every project of the selection on one timeline, from its rollup and plan."""

from datetime import date

import pytest
from django.urls import reverse

from governance.models import PmoSettings
from projects.models import Dependency, Project, Task
from projects.services.baselines import baseline_save
from projects.services.reschedule import project_reschedule
from reports.models import ProjectRollup
from reports.selectors.roadmap import (
    COLOUR_HEALTH,
    COLOUR_NONE,
    COLOUR_REPORTED,
    GROUP_BY_PROGRAM,
    GROUP_BY_PROJECT_MANAGER,
    RoadmapFilters,
    roadmap,
)
from reports.services.rollups import rollup_recompute
from reports.views.roadmap import shortened, slip_text
from tests.factories import MembershipFactory, PortfolioFactory, ProgramFactory, ProjectFactory, UserFactory
from tests.factories.plans import PLAN_START, PlannedProjectFactory
from tests.factories.reports import RollupFactory
from tests.factories.risks import RiskFactory

pytestmark = pytest.mark.django_db

URL = reverse("reports:roadmap")
STATUS_DATE = date(2026, 3, 16)


@pytest.fixture
def pmo():
    return UserFactory(username="pmo", is_pmo_staff=True)


def planned_project(code: str, *, pm, slip_days: int = 0, **fields) -> Project:
    """Design (5 d) -> Build (5 d) -> Go-live milestone, baselined, then Design longer by `slip_days`,
    and its rollup computed from the rows."""
    project = PlannedProjectFactory(code=code, project_manager=pm, **fields)
    design, build, go_live = Task.objects.bulk_create(
        [
            Task(project=project, name="Design", position=1, duration_days=5, planned_cost=1000),
            Task(project=project, name="Build", position=2, duration_days=5, planned_cost=1000),
            Task(project=project, name="Go-live", position=3, duration_days=0, is_milestone=True),
        ]
    )
    Dependency.objects.bulk_create(
        [
            Dependency(project=project, predecessor=design, successor=build),
            Dependency(project=project, predecessor=build, successor=go_live),
        ]
    )
    project_reschedule(project=project)
    baseline_save(actor=pm, project=project, name="Approved")
    if slip_days:
        Task.objects.filter(pk=design.pk).update(duration_days=5 + slip_days)
        project_reschedule(project=project)
    rollup_recompute(project_ids=[project.pk], status_date=STATUS_DATE)
    return project


def test_a_row_has_planned_and_baseline_bars_its_milestone_and_its_slip(pmo):
    pm = UserFactory(is_project_manager=True)
    project = planned_project("SLIP", pm=pm, slip_days=3)
    RiskFactory(project=project, title="Go-live slips further", probability=5, impact=5)
    rollup_recompute(project_ids=[project.pk], status_date=STATUS_DATE)
    [group] = roadmap(user=pmo, filters=RoadmapFilters())
    [row] = group.rows
    assert row.start == PLAN_START == row.baseline_start
    # Two weeks of work, Monday to Friday; the go-live milestone follows on the next working day.
    assert row.baseline_finish == date(2026, 3, 16)
    assert row.finish == date(2026, 3, 19)  # three working days later
    assert row.slip_days == 3
    [milestone] = row.milestones
    assert milestone.name == "Go-live" and milestone.done is False
    assert milestone.baseline == date(2026, 3, 16) and milestone.planned == date(2026, 3, 19)
    # No status report: the colour is the health band, red (nothing earned of the 2,000 planned by then,
    # and a critical open threat).
    assert row.colour == "red" and row.colour_source == COLOUR_HEALTH


def test_the_colour_is_the_reported_rag_else_the_health_band_else_not_yet_measured(pmo):
    pm = UserFactory(is_project_manager=True)
    reported, health, none = (ProjectFactory(code=code, project_manager=pm) for code in ("R", "H", "N"))
    RollupFactory(project=reported, reported_rag="red", health_band="green", health_score=80)
    RollupFactory(project=health, reported_rag="", health_band="amber", health_score=60)
    rows = {
        row.project.code: row for group in roadmap(user=pmo, filters=RoadmapFilters()) for row in group.rows
    }
    assert (rows["R"].colour, rows["R"].colour_source) == ("red", COLOUR_REPORTED)
    assert (rows["H"].colour, rows["H"].colour_source) == ("amber", COLOUR_HEALTH)
    assert (rows["N"].colour, rows["N"].colour_source) == ("", COLOUR_NONE)


def test_projects_are_grouped_by_portfolio_program_or_pm_and_filtered(pmo):
    first, second = PortfolioFactory(name="Alpha"), PortfolioFactory(name="Beta")
    program = ProgramFactory(portfolio=first, name="ERP")
    li, wang = (
        UserFactory(first_name=name, last_name="", is_project_manager=True) for name in ("Li", "Wang")
    )
    ProjectFactory(code="A1", portfolio=first, program=program, project_manager=li, department="IT")
    ProjectFactory(code="A2", portfolio=first, project_manager=wang, status="active")
    ProjectFactory(code="B1", portfolio=second, project_manager=li, department="Finance")

    def grouped(group_by="portfolio", **filters):
        groups = roadmap(user=pmo, filters=RoadmapFilters(**filters), group_by=group_by)
        return [(group.label, [row.project.code for row in group.rows]) for group in groups]

    assert grouped() == [("Alpha", ["A1", "A2"]), ("Beta", ["B1"])]
    assert grouped(GROUP_BY_PROGRAM) == [("ERP", ["A1"]), ("No program", ["A2", "B1"])]
    assert grouped(GROUP_BY_PROJECT_MANAGER) == [("Li", ["A1", "B1"]), ("Wang", ["A2"])]
    assert grouped(department="IT") == [("Alpha", ["A1"])]
    assert grouped(status="active") == [("Alpha", ["A2"])]
    assert grouped(project_manager_id=li.pk, portfolio_id=second.pk) == [("Beta", ["B1"])]
    assert grouped(program_id=program.pk) == [("Alpha", ["A1"])]


def test_people_see_only_the_projects_they_may_see(client):
    member = UserFactory(is_team_member=True)
    mine = ProjectFactory(code="MINE")
    MembershipFactory(project=mine, user=member)
    ProjectFactory(code="HIDDEN")
    client.force_login(member)
    html = client.get(URL).content.decode()
    assert 'data-project="MINE"' in html and "HIDDEN" not in html


def test_the_page_draws_each_project_with_a_link_to_its_plan(client, pmo):
    pm = UserFactory(is_project_manager=True, first_name="Li", last_name="Wei")
    project = planned_project("SLIP", pm=pm, slip_days=3, name="客户关系管理系统升级项目第二期工程")
    ProjectRollup.objects.filter(project=project).update(reported_rag="amber")
    client.force_login(pmo)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="{reverse("projects:plan", args=[project.pk])}"' in html
    assert 'class="bar rag-amber"' in html
    assert 'class="baseline-bar"' in html
    assert 'class="milestone-baseline"' in html  # the milestone moved off its baseline date
    assert "3 working days late" in html
    assert shortened(project.name) in html and "…" in shortened(project.name)


def test_zoom_by_quarter_and_no_server_error_on_bad_choices(client, pmo):
    planned_project("P1", pm=UserFactory(is_project_manager=True))
    client.force_login(pmo)
    html = client.get(URL, {"zoom": "quarter"}).content.decode()
    assert ">Q1</text>" in html
    for bad in ({"zoom": "decade"}, {"group": "colour"}, {"portfolio": "x"}, {"project_manager": "99999999"}):
        response = client.get(URL, bad)
        assert response.status_code == 200
        assert 'data-project="P1"' in response.content.decode()


def test_the_page_reads_in_chinese(client, pmo):
    planned_project("P1", pm=UserFactory(is_project_manager=True), slip_days=2)
    client.force_login(pmo)
    client.cookies["django_language"] = "zh-hans"
    html = client.get(URL).content.decode()
    assert "项目组合路线图" in html
    assert "基线" in html


def test_slip_text_says_late_early_or_on_baseline():
    assert slip_text(None) == "no baseline"
    assert slip_text(0) == "on baseline"
    assert slip_text(1) == "1 working day late"
    assert slip_text(-4) == "4 working days early"


# Session, user; the filter form's portfolios, programs, managers and departments; the projects with their
# rollups, the baselines' first starts, the milestones and their baseline dates: at 10 or 200 projects.
ROADMAP_QUERIES = 10


def test_the_roadmap_keeps_its_query_count_at_10_and_200_projects(client, pmo, django_assert_num_queries):
    PmoSettings.load()
    portfolio = PortfolioFactory()
    pm = UserFactory(is_project_manager=True)
    template = planned_project("TEMPLATE", pm=pm, portfolio=portfolio)
    baseline_id = ProjectRollup.objects.get(project=template).baseline_id

    def add(count):
        projects = Project.objects.bulk_create(
            ProjectFactory.build_batch(
                count, portfolio=portfolio, project_manager=pm, start_date=PLAN_START, department="IT"
            )
        )
        Task.objects.bulk_create(
            Task(
                project=project, name="Go-live", duration_days=0, is_milestone=True, planned_finish=PLAN_START
            )
            for project in projects
        )
        ProjectRollup.objects.bulk_create(
            RollupFactory.build(
                project=project,
                baseline_id=baseline_id,
                planned_start=PLAN_START,
                planned_finish=date(2026, 6, 30),
                baseline_finish=date(2026, 6, 1),
                finish_slip_days=20,
                reported_rag="green",
            )
            for project in projects
        )

    add(9)
    client.force_login(pmo)
    client.get(URL)
    for total in (10, 200):
        add(total - Project.objects.count())
        with django_assert_num_queries(ROADMAP_QUERIES, info=f"{total} projects"):
            response = client.get(URL, {"group": "project_manager", "zoom": "month", "department": "IT"})
        assert response.context["project_count"] == total - 1  # the template project has no department
