"""The PMO's own performance: /pmo/performance/ and GET /api/pmo-performance/, from snapshots and plans."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from projects.models import Baseline, BaselineTask, Task
from reports.models import WeeklySnapshot
from reports.selectors.performance import pmo_performance
from tests.factories import PortfolioFactory, ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 1)
# Session, user, then the portfolios, the snapshot weeks, the closing snapshots, the actives at the
# quarters' ends, the finished milestones, and the reporting schedules (projects, cadences, calendars,
# their holidays, reports); the page adds the filter form's portfolio choices.
API_QUERIES = 11
PAGE_QUERIES = 12


@pytest.fixture
def pmo():
    return UserFactory(username="perf-pmo", is_pmo_staff=True)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args: TODAY)


def snapshot(project, week, status, **figures):
    defaults = {
        "status_date": week + timedelta(days=6),
        "currency": "CNY",
        "taken_at": timezone.make_aware(datetime.combine(week, datetime.min.time())),
    }
    return WeeklySnapshot(
        project=project,
        portfolio_id=project.portfolio_id,
        week=week,
        project_status=status,
        **defaults,
        **figures,
    )


def closed_project(portfolio, *, closed_week, finished, baseline, cost="90", bac="100"):
    project = ProjectFactory(portfolio=portfolio, status="closed")
    figures = {
        "planned_finish": finished,
        "baseline_finish": baseline,
        "actual_cost": Decimal(cost),
        "budget_at_completion": Decimal(bac),
    }
    return [
        snapshot(project, closed_week - timedelta(days=7), "active", **figures),
        snapshot(project, closed_week, "closed", **figures),
        snapshot(project, closed_week + timedelta(days=7), "closed", **figures),
    ]


def active_project(portfolio, week, spi, cpi):
    project = ProjectFactory(portfolio=portfolio, status="active")
    return [
        snapshot(
            project,
            week,
            "active",
            schedule_performance_index=Decimal(spi),
            cost_performance_index=Decimal(cpi),
        )
    ]


def milestone(project, *, finished, baseline_finish):
    task = Task.objects.create(
        project=project, name="Go-live", is_milestone=True, duration_days=0, actual_finish=finished
    )
    baseline = Baseline.objects.create(project=project, name=f"B{task.pk}")
    BaselineTask.objects.create(baseline=baseline, task=task, task_name=task.name, finish=baseline_finish)
    return task


def organisation(projects: int):
    """`projects` projects in two portfolios: closed ones (half on time), actives and milestones."""
    first, second = PortfolioFactory(name="Alpha"), PortfolioFactory(name="Beta")
    rows = []
    for number in range(projects):
        portfolio = first if number % 2 else second
        if number % 3 == 0:
            late = number % 6 == 0
            rows += closed_project(
                portfolio,
                closed_week=date(2026, 10, 5),
                finished=date(2026, 10, 2) + timedelta(days=5 if late else 0),
                baseline=date(2026, 10, 2),
                cost="120" if late else "90",
            )
        else:
            rows += active_project(portfolio, date(2026, 11, 30), "0.9", "1.1")
    WeeklySnapshot.objects.bulk_create(rows)
    return first, second


def test_the_figures_follow_the_snapshots_and_the_milestones(client, pmo):
    alpha, beta = PortfolioFactory(name="Alpha"), PortfolioFactory(name="Beta")
    rows = [
        # Alpha, Q3: closed on time and on budget; Beta, Q3: closed late and over budget.
        *closed_project(
            alpha, closed_week=date(2026, 7, 6), finished=date(2026, 7, 3), baseline=date(2026, 7, 10)
        ),
        *closed_project(
            beta,
            closed_week=date(2026, 8, 3),
            finished=date(2026, 7, 31),
            baseline=date(2026, 7, 21),
            cost="130",
        ),
        # Q4's last week: two actives.
        *active_project(alpha, date(2026, 11, 30), "0.8", "1.0"),
        *active_project(beta, date(2026, 11, 30), "1.0", "0.9"),
    ]
    WeeklySnapshot.objects.bulk_create(rows)
    milestone(rows[-1].project, finished=date(2026, 11, 2), baseline_finish=date(2026, 11, 1))

    performance = pmo_performance(quarters=2)

    q3, q4 = performance.table.by_quarter
    assert (str(q3.quarter), str(q4.quarter)) == ("2026 Q3", "2026 Q4")
    assert (q3.projects_on_time.hits, q3.projects_on_time.total) == (1, 2)
    assert q3.on_budget.percent == Decimal("50.0")
    assert q4.projects_on_time.percent is None
    assert (q4.milestones_on_time.hits, q4.milestones_on_time.total) == (0, 1)
    assert q4.schedule_performance_index.value == Decimal("0.90")
    assert q4.cost_performance_index.value == Decimal("0.95")
    assert q4.health_score.value is None  # not yet measured
    alpha_q3 = performance.table.by_portfolio[alpha.pk][0]
    assert alpha_q3.projects_on_time.percent == Decimal("100.0")
    assert not performance.punctuality_measured


def test_a_project_closed_before_the_period_is_not_counted_again(pmo):
    portfolio = PortfolioFactory()
    rows = closed_project(
        portfolio, closed_week=date(2025, 12, 29), finished=date(2025, 12, 26), baseline=None
    )
    # Still closed, week after week, inside the period.
    rows.append(snapshot(rows[0].project, date(2026, 1, 12), "closed"))
    WeeklySnapshot.objects.bulk_create(rows)

    performance = pmo_performance(quarters=4)

    assert all(row.projects_on_time.left_out == 0 for row in performance.table.by_quarter)


def test_the_page_shows_the_rates_and_says_what_is_not_yet_measured(client, pmo):
    organisation(6)
    client.force_login(pmo)

    response = client.get(reverse("reports:pmo-performance"))

    assert response.status_code == 200
    content = response.content.decode()
    assert "PMO performance" in content
    assert "2026 Q4" in content and "Alpha" in content and "Beta" in content
    assert "50.0 %" in content  # two closed in Q4, one late
    assert "Report punctuality is not yet measured" in content


def test_the_page_reads_chinese(client, pmo):
    organisation(3)
    client.force_login(pmo)
    client.cookies["django_language"] = "zh-hans"

    content = client.get(reverse("reports:pmo-performance")).content.decode()

    assert "PMO 绩效" in content
    assert "尚未衡量" in content


@pytest.mark.parametrize(
    "username,flags", [("perf-pm", {"is_project_manager": True}), ("perf-sp", {"is_sponsor": True})]
)
def test_only_pmo_staff_and_admins_see_it(client, username, flags):
    client.force_login(UserFactory(username=username, **flags))

    assert client.get(reverse("reports:pmo-performance")).status_code == 403
    response = client.get(reverse("api:pmo-performance"))
    assert response.status_code == 403
    assert "message" in response.json()


def test_the_api_answers_the_same_figures_with_nulls_for_what_is_not_measured(client, pmo):
    organisation(6)
    client.force_login(UserFactory(username="perf-admin", is_superuser=True))

    data = client.get(reverse("api:pmo-performance"), {"quarters": 2}).json()

    assert data["quarters"] == ["2026 Q3", "2026 Q4"]
    q4 = data["by_quarter"][1]
    assert q4["projects_on_time"] == {"hits": 1, "total": 2, "left_out": 0, "percent": "50.0"}
    assert q4["on_budget"]["percent"] == "50.0"
    assert q4["schedule_performance_index"]["value"] == "0.90"
    assert q4["health_score"] == {"value": None, "measured": 0, "of": 4}
    assert q4["report_punctuality"] is None
    assert data["report_punctuality_measured"] is False
    assert [item["name"] for item in data["by_portfolio"]] == ["Alpha", "Beta"]


@pytest.mark.parametrize(
    "query", [{"quarters": "0"}, {"quarters": "9"}, {"quarters": "x"}, {"portfolio": "-1"}]
)
def test_bad_filters_answer_400_in_the_api_error_shape(client, pmo, query):
    client.force_login(pmo)

    response = client.get(reverse("api:pmo-performance"), query)

    assert response.status_code == 400
    assert set(response.json()) == {"message", "extra"}
    assert client.get(reverse("reports:pmo-performance"), query).status_code == 400


def test_a_portfolio_filter_narrows_every_figure(client, pmo):
    alpha, _beta = organisation(6)
    client.force_login(pmo)

    data = client.get(reverse("api:pmo-performance"), {"portfolio": alpha.pk}).json()

    assert [item["name"] for item in data["by_portfolio"]] == ["Alpha"]
    # Alpha holds 1, 3 and 5 of 0..5: 1 and 5 active at the end of Q4, 3 at the end of Q3 (it closed in Q4).
    assert data["period"]["schedule_performance_index"]["of"] == 3
    assert data["by_quarter"][-1]["schedule_performance_index"]["of"] == 2


@pytest.mark.parametrize(
    "route,queries", [("api:pmo-performance", API_QUERIES), ("reports:pmo-performance", PAGE_QUERIES)]
)
def test_the_queries_are_the_same_at_10_and_200_projects(
    client, pmo, django_assert_num_queries, route, queries
):
    client.force_login(pmo)
    url = reverse(route)
    for projects in (10, 200):
        WeeklySnapshot.objects.all().delete()
        organisation(projects)
        Task.objects.bulk_create(
            Task(
                project_id=row.project_id,
                name="M",
                is_milestone=True,
                duration_days=0,
                actual_finish=date(2026, 11, 2),
            )
            for row in WeeklySnapshot.objects.filter(project_status="active").only("project_id")
        )
        with django_assert_num_queries(queries, info=f"{projects} projects"):
            response = client.get(url)
        assert response.status_code == 200
