"""The portfolio risk view: who sees which projects' risks, both heat maps and a cell's risks, the top
lists, what is overdue, and each project's contingency reserve in its own currency."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from risks.models import Risk, RiskAction
from tests.factories import ProjectFactory, RiskActionFactory, RiskFactory

pytestmark = pytest.mark.django_db

URL = reverse("risk_portfolio:portfolio")
# Session, user, the standards, the portfolio asked for, the portfolio and program choices, the top lists
# (score, EMV), overdue reviews (rows, count), overdue actions (rows, count), both heat maps, the
# projects and their risk figures.
PORTFOLIO_PAGE_QUERIES = 16
# Without the portfolio asked for, with the cell's risks and their count.
CELL_PAGE_QUERIES = 17


def _cell(response, side: str, probability: int, impact: int):
    heat_map = getattr(response.context["heat_maps"], side)
    return next(
        cell
        for row in heat_map.rows
        for cell in row
        if (cell.probability, cell.impact) == (probability, impact)
    )


def _titles(risks) -> list[str]:
    return [risk.title for risk in risks]


def test_pmo_staff_see_the_risks_of_every_project(client, world):
    RiskFactory(project=world.project_of_pm1, title="Vendor late")
    RiskFactory(project=world.project_of_pm2, title="Budget cut")
    client.force_login(world.pmo)
    response = client.get(URL)
    assert response.status_code == 200
    assert set(_titles(response.context["top_by_score"])) == {"Vendor late", "Budget cut"}


@pytest.mark.parametrize(
    ("person", "seen"),
    [("pm2", {"Budget cut"}), ("sponsor", {"Vendor late"}), ("pm1", {"Vendor late", "Second project"})],
)
def test_sponsors_and_pms_see_only_their_projects_risks(client, world, person, seen):
    RiskFactory(project=world.project_of_pm1, title="Vendor late")
    RiskFactory(project=world.second_project_of_pm1, title="Second project")
    RiskFactory(project=world.project_of_pm2, title="Budget cut")
    client.force_login(getattr(world, person))
    response = client.get(URL)
    assert set(_titles(response.context["top_by_score"])) == seen
    assert response.context["heat_maps"].inherent.total == len(seen)
    assert {reserve.project.pk for reserve in response.context["reserves"]} == {
        risk.project_id for risk in Risk.objects.filter(title__in=seen)
    }


def test_team_members_are_refused_and_not_offered_the_link(client, world):
    client.force_login(world.member)
    assert client.get(URL).status_code == 403
    assert client.get(reverse("projects:list")).context["may_view_portfolio_risks"] is False
    client.force_login(world.sponsor)
    assert f'href="{URL}"' in client.get(reverse("projects:list")).content.decode()


def test_the_heat_maps_count_open_risks_per_cell_inherent_and_residual(client, world):
    project = world.project_of_pm1
    RiskFactory(project=project, probability=3, impact=4, residual_probability=2, residual_impact=2)
    RiskFactory(project=project, probability=3, impact=4)
    RiskFactory(project=project, probability=5, impact=5, residual_probability=2, residual_impact=2)
    RiskFactory(project=project, probability=5, impact=5, status="closed")
    client.force_login(world.pmo)
    response = client.get(URL)
    assert _cell(response, "inherent", 3, 4).count == 2
    assert _cell(response, "inherent", 5, 5).count == 1
    assert _cell(response, "residual", 2, 2).count == 2
    assert response.context["heat_maps"].residual.unrated == 1
    # Colour by level under the default standards: 12 is high, 25 critical, 4 low.
    assert _cell(response, "inherent", 3, 4).level == "high"
    assert _cell(response, "inherent", 5, 5).level == "critical"
    assert _cell(response, "residual", 2, 2).level == "low"
    # The most probable row comes first, as a heat map is read.
    assert response.context["heat_maps"].inherent.rows[0][0].probability == 5
    html = response.content.decode()
    assert 'data-side="inherent" data-probability="3" data-impact="4"' in html


def test_a_cell_lists_its_risks_as_a_page_and_as_an_htmx_fragment(client, world):
    project = world.project_of_pm1
    RiskFactory(project=project, title="In the cell", probability=3, impact=4)
    RiskFactory(
        project=project,
        title="Residual in the cell",
        probability=5,
        impact=5,
        residual_probability=3,
        residual_impact=4,
    )
    RiskFactory(project=project, title="Elsewhere", probability=1, impact=1)
    client.force_login(world.pmo)
    response = client.get(URL, {"side": "inherent", "probability": 3, "impact": 4})
    assert _titles(response.context["cell_risks"]) == ["In the cell"]
    residual = client.get(URL, {"side": "residual", "probability": 3, "impact": 4})
    assert _titles(residual.context["cell_risks"]) == ["Residual in the cell"]
    fragment = client.get(
        URL,
        {"side": "inherent", "probability": 3, "impact": 4},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="cell-risks",
    )
    body = fragment.content.decode()
    assert "In the cell" in body and "Elsewhere" not in body and "<html" not in body


def test_a_cell_off_the_scale_lists_nothing_and_keeps_the_page(client, world):
    RiskFactory(project=world.project_of_pm1)
    client.force_login(world.pmo)
    response = client.get(URL, {"side": "inherent", "probability": 99, "impact": 4})
    assert response.status_code == 200
    assert "cell_risks" not in response.context
    assert client.get(URL, {"portfolio": "nonsense"}).status_code == 200


def test_the_portfolio_filter_keeps_to_its_projects(client, world):
    RiskFactory(project=world.project_of_pm1, title="In portfolio")
    RiskFactory(project=world.project_of_pm2, title="Other portfolio")
    client.force_login(world.pmo)
    response = client.get(URL, {"portfolio": world.portfolio.pk})
    assert _titles(response.context["top_by_score"]) == ["In portfolio"]
    assert response.context["heat_maps"].inherent.total == 1


def test_the_top_lists_hold_the_ten_worst_by_score_and_by_emv(client, world):
    project = world.project_of_pm1
    for index in range(12):
        RiskFactory(project=project, title=f"S{index:02d}", probability=5, impact=1 + index % 5)
    RiskFactory(project=project, title="Costly", probability=1, impact=1, cost_impact=Decimal("1000000"))
    RiskFactory(
        project=project,
        title="Opportunity",
        kind="opportunity",
        probability=5,
        impact=1,
        cost_impact=Decimal("9000000"),
    )
    client.force_login(world.pmo)
    response = client.get(URL)
    by_score = response.context["top_by_score"]
    assert len(by_score) == 10
    assert [risk.score for risk in by_score] == sorted((risk.score for risk in by_score), reverse=True)
    assert by_score[0].score == 25
    by_emv = response.context["top_by_emv"]
    # Only threats with a cost; 1,000,000 at 10 % is 100,000.00 CNY.
    assert _titles(by_emv) == ["Costly"]
    assert by_emv[0].emv == Decimal("100000.00")
    assert "100,000.00" in response.content.decode()


def test_overdue_reviews_and_actions_show_owner_and_days_overdue(client, world):
    today = timezone.localdate()
    project = world.project_of_pm1
    late = RiskFactory(project=project, title="Late review", review_date=today - datetime.timedelta(days=6))
    RiskFactory(project=project, title="Future review", review_date=today + datetime.timedelta(days=2))
    RiskFactory(
        project=project, title="Closed late", status="closed", review_date=today - datetime.timedelta(days=9)
    )
    RiskActionFactory(
        risk=late,
        description="Call the vendor",
        owner=world.member,
        due_date=today - datetime.timedelta(days=4),
    )
    RiskActionFactory(
        risk=late,
        description="Done already",
        due_date=today - datetime.timedelta(days=4),
        done_at=timezone.now(),
    )
    RiskActionFactory(risk=late, description="Not due", due_date=today + datetime.timedelta(days=1))
    client.force_login(world.pmo)
    response = client.get(URL)
    reviews = response.context["overdue_reviews"]
    assert [(risk.title, risk.days_overdue) for risk in reviews] == [("Late review", 6)]
    actions = response.context["overdue_actions"]
    assert [(action.description, action.owner, days) for action, days in actions] == [
        ("Call the vendor", world.member, 4)
    ]
    assert response.context["overdue_action_count"] == 1
    assert world.member.display_name in response.content.decode()


def test_contingency_reserve_per_project_sums_open_threats_emv_in_its_currency(client, world):
    cny = world.project_of_pm1
    usd = ProjectFactory(portfolio=world.portfolio, currency="USD", code="USD-1")
    # On the 5-step scale probability 4 reads 70 %, 2 reads 30 %, 1 reads 10 %.
    RiskFactory(project=cny, probability=4, impact=2, cost_impact=Decimal("10000.00"))  # 7,000.00
    RiskFactory(project=cny, probability=2, impact=2, cost_impact=Decimal("5000.50"))  # 1,500.15
    RiskFactory(project=cny, kind="opportunity", probability=5, impact=2, cost_impact=Decimal("99999"))
    RiskFactory(project=cny, probability=5, impact=2, cost_impact=Decimal("99999"), status="closed")
    RiskFactory(project=usd, probability=1, impact=1, cost_impact=Decimal("3333.35"))  # 333.335 -> 333.34
    client.force_login(world.pmo)
    response = client.get(URL)
    reserves = [
        (reserve.project.code, reserve.figures.contingency_reserve, reserve.figures.currency)
        for reserve in response.context["reserves"]
    ]
    assert reserves == [(cny.code, Decimal("8500.15"), "CNY"), ("USD-1", Decimal("333.34"), "USD")]
    html = response.content.decode()
    assert "8,500.15" in html and "333.34" in html


def _bulk_risks(projects, count: int, offset: int) -> None:
    today = timezone.localdate()
    risks = Risk.objects.bulk_create(
        Risk(
            project=projects[index % len(projects)],
            title=f"Bulk {offset + index}",
            category="technical",
            probability=1 + index % 5,
            impact=1 + (index // 5) % 5,
            score=(1 + index % 5) * (1 + (index // 5) % 5),
            residual_probability=1 if index % 2 else None,
            residual_impact=1 if index % 2 else None,
            owner=projects[index % len(projects)].project_manager,
            cost_impact=Decimal(100 * index),
            review_date=today - datetime.timedelta(days=1 + index % 30),
            escalated=index % 3 == 0,
            escalated_at=timezone.now() if index % 3 == 0 else None,
        )
        for index in range(count)
    )
    RiskAction.objects.bulk_create(
        RiskAction(
            risk=risk,
            description=f"Act on {risk.title}",
            owner=risk.owner,
            due_date=today - datetime.timedelta(days=2),
        )
        for risk in risks
    )


def test_the_portfolio_view_costs_the_same_queries_at_10_and_500_risks(
    client, world, django_assert_num_queries
):
    projects = [world.project_of_pm1, world.second_project_of_pm1, world.project_of_pm2]
    client.force_login(world.pmo)
    for total, add, offset in ((10, 10, 0), (500, 490, 10)):
        _bulk_risks(projects, add, offset)
        with django_assert_num_queries(PORTFOLIO_PAGE_QUERIES, info=f"{total} risks"):
            response = client.get(URL, {"portfolio": world.portfolio.pk})
        assert response.status_code == 200
        with django_assert_num_queries(CELL_PAGE_QUERIES, info=f"{total} risks, a cell"):
            client.get(URL, {"side": "inherent", "probability": 1, "impact": 1})
    assert response.context["overdue_review_count"] > 25
