"""The dashboards in real Chromium: ECharts (from npm) draws every chart inside its container, with no
console error (the Content-Security-Policy included), in English and Chinese; screenshots kept.
"""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from reports.services.rollups import monday_of
from tests.browser import signed_in_page
from tests.factories import PortfolioFactory, ProjectFactory, UserFactory
from tests.factories.rollups import RollupFactory, SnapshotFactory, fresh

pytestmark = pytest.mark.browser

CHARTS_READY = "body[data-charts-ready=true]"


def dashboard_world():
    pmo = UserFactory(username="chart-pmo", first_name="Jing", last_name="Li", is_pmo_staff=True)
    portfolios = [
        PortfolioFactory(name="数字化转型 Digital"),
        PortfolioFactory(name="基础设施 Infrastructure"),
    ]
    this_week = monday_of(timezone.localdate())
    projects = []
    for index in range(6):
        project = ProjectFactory(
            name=f"项目 {index}", portfolio=portfolios[index % 2], status="active", currency="CNY"
        )
        spi, cpi = Decimal("0.80") + Decimal(index) / 20, Decimal("1.05") - Decimal(index) / 25
        RollupFactory(
            project=project,
            schedule_performance_index=spi,
            cost_performance_index=cpi,
            budget_at_completion=Decimal(100000 * (index + 1)),
            estimate_at_completion=Decimal(100000 * (index + 1)) / cpi,
            details={"curve_start": "2026-01-05", "pv_curve": [str(1000 * week) for week in range(1, 30)]},
        )
        for back in range(1, 9):
            SnapshotFactory(
                project=project,
                week=this_week - datetime.timedelta(weeks=back),
                schedule_performance_index=spi + Decimal(back) / 100,
                cost_performance_index=cpi,
            )
        projects.append(project)
    fresh(*projects)
    return pmo, projects


def console_errors(page) -> list[str]:
    """The page's console errors and uncaught exceptions from now on, as they arrive."""
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


@pytest.mark.django_db(transaction=True)
def test_the_portfolio_dashboard_draws_its_charts_without_console_errors(browser, live_server, artifacts_dir):
    pmo, projects = dashboard_world()
    for language, title in (("en", "Portfolio dashboard"), ("zh-hans", "项目组合仪表盘")):
        context, page = signed_in_page(browser, live_server, pmo, reverse("reports:dashboard"), ready=None)
        errors = console_errors(page)
        context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
        page.goto(f"{live_server.url}{reverse('reports:dashboard')}")
        page.wait_for_selector(CHARTS_READY)

        assert page.locator("h1").inner_text() == title
        for chart in ("scatter", "budget", "bands", "trend"):
            assert page.locator(f"#chart-{chart} svg").count() >= 1, f"{chart} not drawn"
        assert page.locator("#chart-scatter svg path").count() > len(projects)
        page.screenshot(path=artifacts_dir / f"portfolio-dashboard-{language}.png", full_page=True)
        assert errors == []

        # Drill-down: a project's dashboard draws its S-curve.
        page.locator("#projects a", has_text=projects[0].code).click()
        page.wait_for_selector(CHARTS_READY)
        assert page.locator("#chart-s-curve svg").count() >= 1
        page.screenshot(path=artifacts_dir / f"project-dashboard-{language}.png", full_page=True)
        assert errors == []
        context.close()
