"""The portfolio dashboard's figures: who sees what, filters, money across currencies, trends, freshness."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from governance.models import ExchangeRate
from projects.models import Baseline, BaselineTask, RollupMark, Task
from reports.selectors.dashboard import NOT_MEASURED, DashboardFilters, portfolio_dashboard
from reports.services.rollups import monday_of, rollup_recompute
from risks.models import RiskStatus
from tests.factories import PortfolioFactory, ProgramFactory, ProjectFactory, UserFactory
from tests.factories.risks import RiskFactory
from tests.factories.rollups import RollupFactory, SnapshotFactory, fresh, rolled_up_projects

pytestmark = pytest.mark.django_db

# The dashboard's own data (the issue allows 6): the filter choices, the rows of the projects shown with
# their stale marks, the slipped milestones, the weekly trends, the PMO settings and the rate table.
DASHBOARD_QUERIES = 6


@pytest.fixture
def pmo():
    return UserFactory(username="dash-pmo", is_pmo_staff=True)


def rolled_up(**rollup_fields):
    project_fields = {
        key.removeprefix("project__"): value for key, value in rollup_fields.items() if "__" in key
    }
    figures = {key: value for key, value in rollup_fields.items() if "__" not in key}
    project = ProjectFactory(**project_fields)
    rollup = RollupFactory(project=project, **figures)
    fresh(project)
    return rollup


def test_the_dashboard_costs_the_same_few_queries_at_10_and_200_projects(pmo, django_assert_num_queries):
    portfolio = PortfolioFactory()
    for count in (10, 200):
        rolled_up_projects(count - len(portfolio_dashboard(user=pmo).projects), portfolio=portfolio)
        with django_assert_num_queries(DASHBOARD_QUERIES, info=f"{count} projects"):
            dashboard = portfolio_dashboard(user=pmo)
        assert len(dashboard.projects) == count
    assert DASHBOARD_QUERIES <= 6


def test_sponsors_and_pms_see_only_their_projects_and_pmo_staff_all(pmo):
    sponsor = UserFactory(is_sponsor=True)
    pm = UserFactory(is_project_manager=True)
    sponsored = rolled_up(project__sponsor=sponsor)
    managed = rolled_up(project__project_manager=pm)
    rolled_up()

    def codes(user):
        return {row.code for row in portfolio_dashboard(user=user).projects}

    assert codes(sponsor) == {sponsored.project.code}
    assert codes(pm) == {managed.project.code}
    assert len(codes(pmo)) == 3


def test_open_projects_by_default_and_the_filters_narrow_them(pmo):
    portfolio = PortfolioFactory(name="数字化转型")
    program = ProgramFactory(portfolio=portfolio, name="ERP")
    pm = UserFactory(first_name="Lei", last_name="Wang", is_project_manager=True)
    in_program = rolled_up(
        project__portfolio=portfolio,
        project__program=program,
        project__department="财务部",
        project__status="active",
    )
    by_pm = rolled_up(
        project__project_manager=pm, project__status="active", health_band="red", health_score=40
    )
    closed = rolled_up(project__status="closed", reported_rag="green")

    def shown(**filters):
        return {
            row.code for row in portfolio_dashboard(user=pmo, filters=DashboardFilters(**filters)).projects
        }

    assert shown() == {in_program.project.code, by_pm.project.code}
    assert shown(status="all") == {in_program.project.code, by_pm.project.code, closed.project.code}
    assert shown(status="closed") == {closed.project.code}
    assert shown(portfolio=portfolio.pk) == {in_program.project.code}
    assert shown(program=program.pk) == {in_program.project.code}
    assert shown(department="财务部") == {in_program.project.code}
    assert shown(project_manager=pm.pk) == {by_pm.project.code}
    assert shown(health_band="red") == {by_pm.project.code}
    assert shown(health_band=NOT_MEASURED) == {in_program.project.code}
    assert shown(rag="green", status="all") == {closed.project.code}
    assert shown(rag=NOT_MEASURED) == {in_program.project.code, by_pm.project.code}


def test_filter_choices_come_from_every_visible_project_not_only_the_filtered_ones(pmo):
    first = rolled_up(project__portfolio=PortfolioFactory(name="A 组合"))
    rolled_up(project__portfolio=PortfolioFactory(name="B 组合"))

    dashboard = portfolio_dashboard(user=pmo, filters=DashboardFilters(portfolio=first.project.portfolio_id))

    assert [choice.label for choice in dashboard.choices.portfolios] == ["A 组合", "B 组合"]
    assert len(dashboard.projects) == 1


def test_blank_health_and_rag_count_as_not_yet_measured_never_as_a_band(pmo):
    rolled_up(health_band="green", health_score=90, reported_rag="amber")
    rolled_up()

    dashboard = portfolio_dashboard(user=pmo)

    assert dashboard.health_bands == {"green": 1, "amber": 0, "red": 0, NOT_MEASURED: 1}
    assert dashboard.reported_rag == {"green": 0, "amber": 1, "red": 0, NOT_MEASURED: 1}
    assert dashboard.top_risks == [] and dashboard.resource_conflicts is None


def test_top_risks_are_each_projects_worst_open_threat_highest_score_first_with_its_level(pmo):
    moderate, critical, calm = (ProjectFactory(status="active") for _ in range(3))
    RiskFactory(project=moderate, title="Key engineer may leave", probability=3, impact=4)
    RiskFactory(project=moderate, title="Minor", probability=1, impact=2)
    RiskFactory(project=critical, title="监管审批延迟", probability=5, impact=4)
    RiskFactory(project=calm, title="Closed one", probability=5, impact=5, status=RiskStatus.CLOSED)
    rollup_recompute(project_ids=[moderate.pk, critical.pk, calm.pk])

    dashboard = portfolio_dashboard(user=pmo)

    assert [(risk.project_code, risk.title, risk.score, risk.level) for risk in dashboard.top_risks] == [
        (critical.code, "监管审批延迟", 20, "critical"),
        (moderate.code, "Key engineer may leave", 12, "high"),
    ]
    assert dashboard.risks_open == 3


def test_money_is_converted_at_the_rate_of_the_status_date_and_never_added_across_currencies(pmo):
    # EUR to CNY at 7.8 since 1 January; nothing for USD.
    ExchangeRate.objects.create(
        from_currency="EUR", to_currency="CNY", rate=Decimal("7.8"), valid_from=datetime.date(2026, 1, 1)
    )
    rolled_up(
        project__currency="CNY",
        budget_at_completion=Decimal("1000.00"),
        estimate_at_completion=Decimal("1200.00"),
    )
    rolled_up(
        project__currency="EUR",
        budget_at_completion=Decimal("100.00"),
        estimate_at_completion=Decimal("110.00"),
    )
    dollars = rolled_up(project__currency="USD", budget_at_completion=Decimal("100.00"))

    money = portfolio_dashboard(user=pmo).money

    assert money.currency == "CNY"
    assert money.total.budget_at_completion == Decimal("1780.00")
    assert money.total.estimate_at_completion == Decimal("2058.00")
    assert [(rate.currency, rate.rate) for rate in money.rates_used] == [("EUR", Decimal("7.8"))]
    assert [row.code for row in money.not_converted] == [dollars.project.code]
    assert money.total.projects == 2


def test_without_rates_only_the_reporting_currency_adds_up_and_the_rest_is_listed(pmo):
    rolled_up(project__currency="CNY", budget_at_completion=Decimal("1000.00"), estimate_at_completion=None)
    euros = rolled_up(project__currency="EUR", budget_at_completion=Decimal("100.00"))

    money = portfolio_dashboard(user=pmo).money

    assert money.total.budget_at_completion == Decimal("1000.00")
    assert money.total.without_estimate == 1
    assert money.rates_used == []
    assert [row.code for row in money.not_converted] == [euros.project.code]


def test_budget_and_eac_are_grouped_by_the_chosen_grouping(pmo):
    pm = UserFactory(first_name="Min", last_name="Zhao", is_project_manager=True)
    rolled_up(project__project_manager=pm)
    rolled_up(project__project_manager=pm)
    rolled_up()

    money = portfolio_dashboard(user=pmo, filters=DashboardFilters(group_by="project_manager")).money

    assert sorted(group.projects for group in money.groups) == [1, 2]
    assert "Min Zhao" in [group.label for group in money.groups]


def test_compliance_averages_the_scores_that_count_and_bands_every_score(pmo):
    rolled_up(compliance_score=80, details={"compliance_counts": True})
    rolled_up(compliance_score=100, details={"compliance_counts": True})
    rolled_up(compliance_score=50, details={"compliance_counts": False})

    compliance = portfolio_dashboard(user=pmo).compliance

    assert compliance.average == Decimal("90.0")
    assert compliance.counted == 2
    assert compliance.bands == {"green": 1, "amber": 1, "red": 1}


def test_trends_average_the_weekly_snapshots_of_the_projects_shown(pmo):
    first, second = rolled_up(), rolled_up()
    week = monday_of(timezone.localdate()) - datetime.timedelta(weeks=1)
    SnapshotFactory(
        project=first.project, week=week, schedule_performance_index=Decimal("0.9"), health_band="red"
    )
    SnapshotFactory(project=second.project, week=week, schedule_performance_index=Decimal("1.1"))
    SnapshotFactory(project=first.project, week=week - datetime.timedelta(weeks=60))

    trends = portfolio_dashboard(user=pmo).trends

    assert [point.week for point in trends] == [week]
    assert trends[0].schedule_performance_index == Decimal("1.0000")
    assert trends[0].cost_performance_index is None
    assert trends[0].bands == {"green": 0, "amber": 0, "red": 1, NOT_MEASURED: 1}


def test_data_as_of_is_the_oldest_computation_and_stale_projects_are_counted(pmo):
    old = timezone.now() - datetime.timedelta(minutes=5)
    rolled_up(computed_at=old)
    stale = rolled_up()
    RollupMark.objects.create(project=stale.project, marked_at=timezone.now())
    ProjectFactory()  # never rolled up

    dashboard = portfolio_dashboard(user=pmo)

    assert dashboard.data_as_of == old
    assert dashboard.stale == 1
    assert dashboard.never_computed == 1


def test_a_milestone_past_its_baseline_date_unfinished_is_listed_as_slipped(pmo):
    project = ProjectFactory()
    late = Task.objects.create(
        project=project, name="上线 Go-live", is_milestone=True, duration_days=0,
        planned_finish=timezone.localdate() + datetime.timedelta(days=10),
    )  # fmt: skip
    on_time = Task.objects.create(
        project=project, name="Kick-off", is_milestone=True, duration_days=0, percent_complete=100,
        planned_finish=timezone.localdate() - datetime.timedelta(days=10),
    )  # fmt: skip
    baseline = Baseline.objects.create(project=project, name="B1")
    for task, finish in (
        (late, timezone.localdate()),
        (on_time, timezone.localdate() - datetime.timedelta(days=10)),
    ):
        BaselineTask.objects.create(baseline=baseline, task=task, task_name=task.name, finish=finish)
    rollup_recompute(project_ids=[project.pk])

    dashboard = portfolio_dashboard(user=pmo)

    assert [(milestone.name, milestone.project_code) for milestone in dashboard.slipped_milestones] == [
        ("上线 Go-live", project.code)
    ]
    assert dashboard.milestones_slipped == 1

    # Finished on its baseline date: the next rollup takes it off the list.
    Task.objects.filter(pk=late.pk).update(percent_complete=100, actual_finish=timezone.localdate())
    rollup_recompute(project_ids=[project.pk])
    assert portfolio_dashboard(user=pmo).slipped_milestones == []
