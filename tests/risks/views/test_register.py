"""The risk register page: who sees and edits it, ratings and moves made in the row, the refusals of the
PMO type in force, the heat maps and their click filters, and queries that hold at 10 and 500 risks."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.models import PmoType
from risks.models import Issue, Risk, RiskStatus
from tests.factories import RiskActionFactory, RiskFactory, set_pmo_type
from tests.factories.risks import bulk_risks

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
# Session, user, the project, the PMO settings twice (the standards, then the PMO type), the count, the
# team fact, the two heat maps, the page of risks and their linked tasks, the owner choices of the
# filters: at 10 and at 500 risks.
REGISTER_PAGE_QUERIES = 12


def register_url(project, **query):
    url = reverse("risks:register", args=[project.pk])
    return url + ("?" + "&".join(f"{name}={value}" for name, value in query.items()) if query else "")


def signed_in(client, user):
    client.force_login(user)
    return client


def test_the_team_the_sponsor_and_the_pmo_read_the_register_and_others_get_404(client, world, project):
    RiskFactory(project=project, title="Supplier delivers late")
    for user in (world.pm1, world.member, world.sponsor, world.pmo, world.admin):
        response = signed_in(client, user).get(register_url(project))
        assert response.status_code == 200, user.username
        assert "Supplier delivers late" in response.content.decode()
    assert signed_in(client, world.pm2).get(register_url(project)).status_code == 404
    client.logout()
    assert client.get(register_url(project)).status_code == 302


def test_only_editors_see_the_row_selects_and_others_are_refused_the_edit(client, world, project):
    risk = RiskFactory(project=project)
    page = signed_in(client, world.pm1).get(register_url(project)).content.decode()
    assert f'hx-post="{reverse("risks:rate", args=[project.pk, risk.pk])}"' in page
    page = signed_in(client, world.sponsor).get(register_url(project)).content.decode()
    assert reverse("risks:rate", args=[project.pk, risk.pk]) not in page
    rate = reverse("risks:rate", args=[project.pk, risk.pk])
    assert client.post(rate, {"probability": "5"}, **HTMX).status_code == 403
    assert signed_in(client, world.pm2).post(rate, {"probability": "5"}, **HTMX).status_code == 404
    risk.refresh_from_db()
    assert risk.probability == 3


def test_raising_the_impact_in_the_row_shows_the_new_score_and_level(client, world, project):
    risk = RiskFactory(project=project, probability=4, impact=4)
    response = signed_in(client, world.pm1).post(
        reverse("risks:rate", args=[project.pk, risk.pk]), {"impact": "5"}, **HTMX
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="risk-{risk.pk}"' in html
    assert '<span class="score">20</span>' in html
    assert "Critical" in html
    assert response["HX-Trigger"] == "riskChanged"
    risk.refresh_from_db()
    assert (risk.impact, risk.score) == (5, 20)


def test_a_rating_off_the_scale_is_refused_in_the_row_naming_the_field_and_nothing_is_saved(
    client, world, project
):
    risk = RiskFactory(project=project, probability=2, impact=2)
    response = signed_in(client, world.pm1).post(
        reverse("risks:rate", args=[project.pk, risk.pk]), {"probability": "9"}, **HTMX
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="row-errors"' in html
    assert "Probability:" in html
    assert '<span class="score">4</span>' in html
    risk.refresh_from_db()
    assert (risk.probability, risk.score) == (2, 4)


def test_a_move_in_the_row_follows_the_workflow_and_names_the_missing_field(client, world, project):
    risk = RiskFactory(project=project, category="")
    move = reverse("risks:move", args=[project.pk, risk.pk])
    signed_in(client, world.pm1)
    html = client.post(move, {"status": "assessed"}, **HTMX).content.decode()
    assert "Category: Choose a category to assess the risk." in html
    risk.refresh_from_db()
    assert risk.status == RiskStatus.IDENTIFIED
    risk.category = "schedule"
    risk.save()
    html = client.post(move, {"status": "assessed"}, **HTMX).content.decode()
    assert "row-errors" not in html
    assert f'value="{RiskStatus.RESPONSE_PLANNED}"' in html  # the next move is offered
    risk.refresh_from_db()
    assert risk.status == RiskStatus.ASSESSED


def test_under_controlling_an_escalated_risk_is_not_planned_without_sign_off(client, world, project):
    set_pmo_type(PmoType.CONTROLLING)
    risk = RiskFactory(
        project=project,
        probability=5,
        impact=4,
        status=RiskStatus.ASSESSED,
        strategy="mitigate",
        response_plan="Pair them up.",
        escalated=True,
        escalated_at=timezone.now(),
    )
    html = (
        signed_in(client, world.pm1)
        .post(reverse("risks:move", args=[project.pk, risk.pk]), {"status": "response_planned"}, **HTMX)
        .content.decode()
    )
    assert "its response plan needs PMO sign-off before it counts as planned" in html
    risk.refresh_from_db()
    assert risk.status == RiskStatus.ASSESSED


def test_under_directive_an_escalated_risk_is_read_only_for_the_pm(client, world, project):
    set_pmo_type(PmoType.DIRECTIVE)
    escalated = RiskFactory(
        project=project, probability=5, impact=4, escalated=True, escalated_at=timezone.now()
    )
    plain = RiskFactory(project=project)
    page = signed_in(client, world.pm1).get(register_url(project)).content.decode()
    assert reverse("risks:rate", args=[project.pk, escalated.pk]) not in page
    assert reverse("risks:rate", args=[project.pk, plain.pk]) in page
    response = client.post(reverse("risks:rate", args=[project.pk, escalated.pk]), {"impact": "1"}, **HTMX)
    assert response.status_code == 403
    assert client.get(reverse("risks:edit", args=[project.pk, escalated.pk])).status_code == 403
    escalated.refresh_from_db()
    assert escalated.impact == 4


def test_it_happened_asks_for_the_issue_then_opens_it_with_the_risk_occurred(client, world, project):
    risk = RiskFactory(project=project, title="Server room floods")
    move = reverse("risks:move", args=[project.pk, risk.pk])
    signed_in(client, world.pm1)
    html = client.post(move, {"status": "occurred"}, **HTMX).content.decode()
    assert 'class="occur-form"' in html
    assert not Issue.objects.exists()
    html = client.post(
        move, {"status": "occurred", "confirm": "1", "severity": "high", "due_date": "2026-01-31"}, **HTMX
    ).content.decode()
    issue = Issue.objects.get()
    assert (issue.risk_id, issue.title, issue.severity) == (risk.pk, "Server room floods", "high")
    risk.refresh_from_db()
    assert risk.status == RiskStatus.OCCURRED
    assert "Occurred" in html


def test_the_heat_maps_count_open_risks_per_cell_coloured_by_level(client, world, project):
    RiskFactory.create_batch(
        2, project=project, probability=3, impact=4, residual_probability=1, residual_impact=2
    )
    RiskFactory(project=project, probability=5, impact=5)
    RiskFactory(project=project, probability=5, impact=5, status=RiskStatus.CLOSED)
    response = signed_in(client, world.pm1).get(register_url(project))
    (_title, inherent, _prefix), (_title2, residual, _prefix2) = response.context["heat_maps"]
    cells = {(cell.probability, cell.impact): cell for row in inherent.rows for cell in row}
    assert len(cells) == 25
    assert cells[(3, 4)].count == 2 and cells[(3, 4)].level == "high"
    assert cells[(5, 5)].count == 1 and cells[(5, 5)].level == "critical"
    assert inherent.total == 3
    residual_cells = {(cell.probability, cell.impact): cell.count for row in residual.rows for cell in row}
    assert residual_cells[(1, 2)] == 2 and residual.total == 2
    html = response.content.decode()
    assert 'href="?probability=3&amp;impact=4"' in html
    assert 'href="?residual_probability=1&amp;residual_impact=2"' in html


def test_a_heat_map_cell_link_filters_the_list_to_its_probability_and_impact(client, world, project):
    RiskFactory(project=project, title="In the cell", probability=3, impact=4)
    RiskFactory(project=project, title="Elsewhere", probability=2, impact=4)
    RiskFactory(
        project=project,
        title="Rated down",
        probability=4,
        impact=4,
        residual_probability=1,
        residual_impact=2,
    )
    signed_in(client, world.pm1)
    html = client.get(register_url(project, probability=3, impact=4)).content.decode()
    assert "In the cell" in html and "Elsewhere" not in html
    html = client.get(register_url(project, residual_probability=1, residual_impact=2)).content.decode()
    assert "Rated down" in html and "In the cell" not in html


def test_the_filters_and_the_sorts_narrow_and_order_the_list(client, world, project):
    today = timezone.localdate()
    late = RiskFactory(project=project, title="Late review", review_date=today - datetime.timedelta(days=3))
    opportunity = RiskFactory(
        project=project, title="Early market", kind="opportunity", probability=5, impact=1
    )
    costly = RiskFactory(project=project, title="Costly", probability=2, impact=2, cost_impact=100000)
    RiskActionFactory(risk=costly, due_date=today - datetime.timedelta(days=1))
    signed_in(client, world.pm1)

    def titles(**query):
        return [row.risk.title for row in client.get(register_url(project, **query)).context["rows"]]

    assert titles(overdue="review") == [late.title]
    assert titles(overdue="action") == [costly.title]
    assert titles(kind="opportunity") == [opportunity.title]
    assert titles(level="high") == []
    assert titles(sort="emv")[0] == costly.title
    assert titles(sort="title") == ["Costly", "Early market", "Late review"]
    assert titles(sort="review_date")[0] == late.title
    assert titles(probability="nonsense") == titles()  # a value it cannot read is dropped
    page = client.get(register_url(project, overdue="review")).content.decode()
    assert 'class="nowrap overdue"' in page


def test_the_register_takes_the_same_queries_at_10_and_500_risks(
    client, world, project, django_assert_num_queries
):
    signed_in(client, world.pm1)
    bulk_risks(project, 10)
    client.get(register_url(project))
    for count in (10, 500):
        bulk_risks(project, count - Risk.objects.filter(project=project).count())
        with django_assert_num_queries(REGISTER_PAGE_QUERIES, info=f"{count} risks"):
            response = client.get(register_url(project))
        assert response.status_code == 200
        assert response.context["page_obj"].paginator.count == count
        assert response.context["heat_maps"][0][1].total == count
