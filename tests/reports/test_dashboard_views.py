"""The dashboard pages: who opens them, what they show, ECharts from npm, both languages, query pins."""

import datetime
from decimal import Decimal

import pytest
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone

from projects.models import Baseline, BaselineTask, BurndownPoint, Task
from tests.factories import PortfolioFactory, ProjectFactory, UserFactory
from tests.factories.rollups import RollupFactory, SnapshotFactory, fresh, rolled_up_projects

pytestmark = pytest.mark.django_db

ECHARTS = "vendor/echarts/echarts.min.js"
# Session, user, then the dashboard's own six (tests/reports/test_dashboard_selectors.py): the same at
# 10 and at 200 projects.
PORTFOLIO_PAGE_QUERIES = 8
# Session, user, the project, its rollup with its stale mark, snapshots, milestones, burndown points.
PROJECT_PAGE_QUERIES = 7
ZH = "django_language=zh-hans"


@pytest.fixture
def pmo():
    return UserFactory(username="view-pmo", is_pmo_staff=True)


def test_the_portfolio_page_costs_the_same_queries_at_10_and_200_projects(
    client, pmo, django_assert_num_queries
):
    client.force_login(pmo)
    portfolio = PortfolioFactory()
    url = reverse("reports:dashboard")
    for count, add in ((10, 10), (200, 190)):
        rolled_up_projects(add, portfolio=portfolio)
        with django_assert_num_queries(PORTFOLIO_PAGE_QUERIES, info=f"{count} projects"):
            response = client.get(url)
        assert response.status_code == 200
        assert len(response.context["dashboard"].projects) == count


def test_the_portfolio_page_shows_counts_charts_and_drill_down_links(client, pmo):
    rollup = RollupFactory(project=ProjectFactory(name="数据平台", status="active"))
    fresh(rollup.project)
    client.force_login(pmo)

    html = client.get(reverse("reports:dashboard")).content.decode()

    for chart in ("chart-scatter-data", "chart-budget-data", "chart-bands-data", "chart-trend-data"):
        assert f'id="{chart}"' in html
    assert reverse("reports:project_dashboard", args=[rollup.project.pk]) in html
    assert "数据平台" in html
    assert "Not yet measured" in html and "Not yet reported" in html
    assert "Data as of" in html


def test_the_project_table_shows_50_at_a_time_with_the_filters_kept_across_pages(client, pmo):
    portfolio = PortfolioFactory()
    rolled_up_projects(60, portfolio=portfolio)
    client.force_login(pmo)
    url = reverse("reports:dashboard")

    first = client.get(url, {"status": "all"})
    second = client.get(url, {"status": "all", "page": 2})

    assert first.context["dashboard"].page.object_list == first.context["dashboard"].projects[:50]
    assert "Projects 1 to 50 of 60" in first.content.decode()
    assert "?status=all&amp;page=2" in first.content.decode()
    assert [row.code for row in second.context["dashboard"].page.object_list] == [
        row.code for row in first.context["dashboard"].projects[50:]
    ]
    assert second.context["form"].data["status"] == "all"
    # The KPI counts every project shown, not the page.
    assert 'id="projects-shown">60<' in first.content.decode()


def test_team_members_are_refused_the_portfolio_dashboard_and_not_offered_it(client):
    member = UserFactory(is_team_member=True)
    client.force_login(member)

    assert client.get(reverse("reports:dashboard")).status_code == 403
    assert reverse("reports:dashboard") not in client.get(reverse("projects:list")).content.decode()


def test_a_bad_filter_keeps_the_page_and_says_what_is_wrong(client, pmo):
    client.force_login(pmo)

    response = client.get(reverse("reports:dashboard"), {"portfolio": "abc", "status": "open"})

    assert response.status_code == 200
    assert response.context["form"].errors["portfolio"]


def test_the_page_references_echarts_and_the_static_file_answers_javascript(client, pmo):
    client.force_login(pmo)

    html = client.get(reverse("reports:dashboard")).content.decode()
    assert static(ECHARTS) in html
    assert static("reports/charts.js") in html

    response = client.get(static(ECHARTS))
    assert response.status_code == 200
    assert "javascript" in response["Content-Type"]
    assert b"echarts" in b"".join(response.streaming_content)[:2000]


def test_the_portfolio_page_speaks_chinese(client, pmo):
    RollupFactory(project=ProjectFactory())
    client.force_login(pmo)
    client.cookies.load(ZH)

    html = client.get(reverse("reports:dashboard")).content.decode()

    for chinese in ("项目组合仪表盘", "尚未衡量", "尚未报告", "延误的里程碑", "完工预算（BAC）"):
        assert chinese in html
    assert "Portfolio dashboard" not in html


@pytest.fixture
def planned_project():
    pm = UserFactory(is_project_manager=True)
    project = ProjectFactory(project_manager=pm, currency="EUR")
    milestone = Task.objects.create(
        project=project, name="验收 Acceptance", is_milestone=True, duration_days=0,
        planned_finish=datetime.date(2026, 7, 10),
    )  # fmt: skip
    baseline = Baseline.objects.create(project=project, name="Approved 批准")
    BaselineTask.objects.create(
        baseline=baseline, task=milestone, task_name=milestone.name, finish=datetime.date(2026, 7, 1)
    )
    evm = {
        "bac": "4000.00",
        "pv": "3000.00",
        "ev": "2000.00",
        "ac": "2500.00",
        "cv": "-500.00",
        "cpi": "0.8000",
    }
    RollupFactory(
        project=project,
        baseline=baseline,
        status_date=timezone.localdate(),
        details={
            "evm": evm,
            "baseline_name": baseline.name,
            "curve_start": "2026-06-01",
            "pv_curve": ["1000.00", "2000.00", "3000.00", "4000.00"],
        },
    )
    fresh(project)
    return project


def test_the_project_dashboard_explains_each_metric_and_says_not_defined_where_it_is(client, planned_project):
    client.force_login(planned_project.project_manager)

    response = client.get(reverse("reports:project_dashboard", args=[planned_project.pk]))
    html = response.content.decode()

    assert response.status_code == 200
    assert "EV − AC: negative is over budget." in html
    assert "-500.00" in html and "0.8000" in html
    assert "not defined" in html  # TCPI, ES... are not in this rollup
    assert "Approved 批准" in html
    assert "验收 Acceptance" in html and "2026-07-01" in html and "2026-07-10" in html
    assert html.count("Not yet measured") == 1  # health; the risks card shows the register's figures
    assert "No open threat." in html
    s_curve = response.context["charts"]["s_curve"]
    assert [point[1] for point in s_curve["series"][0]["data"]] == [1000.0, 2000.0, 3000.0, 4000.0]
    assert s_curve["series"][0]["data"][0][0] == "2026-06-07"  # the Sunday ending the first week
    assert s_curve["unit"] == "EUR"


def test_ev_and_ac_per_week_come_from_snapshots_then_today_from_the_rollup(client, planned_project):
    SnapshotFactory(
        project=planned_project,
        week=datetime.date(2026, 6, 1),
        earned_value=Decimal("900"),
        actual_cost=Decimal("1000"),
    )
    client.force_login(planned_project.project_manager)

    charts = client.get(reverse("reports:project_dashboard", args=[planned_project.pk])).context["charts"]

    earned = charts["s_curve"]["series"][1]["data"]
    assert earned == [["2026-06-07", 900.0], [timezone.localdate().isoformat(), 500.0]]


def test_the_project_page_links_to_its_dashboard(client, planned_project):
    client.force_login(planned_project.project_manager)

    html = client.get(reverse("projects:detail", args=[planned_project.pk])).content.decode()

    assert reverse("reports:project_dashboard", args=[planned_project.pk]) in html


def test_a_project_not_rolled_up_yet_says_so_instead_of_showing_zeros(client):
    project = ProjectFactory()
    client.force_login(project.project_manager)

    html = client.get(reverse("reports:project_dashboard", args=[project.pk])).content.decode()

    assert "Not rolled up yet" in html
    assert html.count("not defined") == 20


def test_a_hidden_project_dashboard_answers_404(client):
    project = ProjectFactory()
    client.force_login(UserFactory(is_project_manager=True))

    assert client.get(reverse("reports:project_dashboard", args=[project.pk])).status_code == 404


def test_the_project_dashboard_costs_the_same_queries_at_10_and_200_tasks(
    client, planned_project, django_assert_num_queries
):
    client.force_login(planned_project.project_manager)
    url = reverse("reports:project_dashboard", args=[planned_project.pk])
    for count in (10, 200):
        existing = Task.objects.filter(project=planned_project).count()
        Task.objects.bulk_create(
            [
                Task(
                    project=planned_project,
                    name=f"M{index}",
                    is_milestone=index % 2 == 0,
                    duration_days=0 if index % 2 == 0 else 1,
                    position=index,
                )
                for index in range(existing, count)
            ]
        )
        BurndownPoint.objects.bulk_create(
            [
                BurndownPoint(
                    project=planned_project,
                    date=datetime.date(2026, 1, 1) + datetime.timedelta(days=index),
                    remaining_work_days=100 - index / 4,
                    planned_remaining_work_days=100 - index / 3,
                )
                for index in range(BurndownPoint.objects.filter(project=planned_project).count(), count)
            ]
        )
        with django_assert_num_queries(PROJECT_PAGE_QUERIES, info=f"{count} tasks"):
            response = client.get(url)
        assert len(response.context["view"].burndown) == count


def test_the_project_dashboard_speaks_chinese(client, planned_project):
    client.force_login(planned_project.project_manager)
    client.cookies.load(ZH)

    html = client.get(reverse("reports:project_dashboard", args=[planned_project.pk])).content.decode()

    for chinese in ("挣值", "完工估算（典型）", "S 曲线", "燃尽图", "里程碑", "尚未衡量"):
        assert chinese in html
