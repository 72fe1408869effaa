"""A risk's own pages: raising it, editing every field, its detail with response actions and history."""

import pytest
from django.urls import reverse

from risks.models import Risk, RiskAction
from tests.factories import RiskActionFactory, RiskFactory
from tests.factories.plans import TaskFactory

pytestmark = pytest.mark.django_db


def signed_in(client, user):
    client.force_login(user)
    return client


def risk_form(world, **overrides):
    data = {
        "title": "Supplier delivers late",
        "kind": "threat",
        "category": "schedule",
        "cause": "One supplier",
        "event": "Delivery slips",
        "effect": "Go-live moves",
        "probability": "3",
        "impact": "4",
        "owner": str(world.pm1.pk),
        "strategy": "mitigate",
        "response_plan": "Second supplier",
        "trigger": "",
        "review_date": "2026-03-01",
        "residual_probability": "",
        "residual_impact": "",
        "residual_reason": "",
        "cost_impact": "50000",
    }
    data.update(overrides)
    return data


def test_the_pm_and_the_team_raise_risks_others_are_refused(client, world, project):
    url = reverse("risks:create", args=[project.pk])
    assert signed_in(client, world.pm1).get(url).status_code == 200
    assert signed_in(client, world.member).get(url).status_code == 200
    assert signed_in(client, world.sponsor).get(url).status_code == 403
    assert signed_in(client, world.pmo).get(url).status_code == 403  # supportive PMO
    assert signed_in(client, world.pm2).get(url).status_code == 404


def test_a_raised_risk_keeps_every_field_and_links_tasks_of_the_project(client, world, project):
    task = TaskFactory(project=project)
    response = signed_in(client, world.pm1).post(
        reverse("risks:create", args=[project.pk]), risk_form(world, linked_tasks=[str(task.pk)])
    )
    risk = Risk.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("risks:detail", args=[project.pk, risk.pk])
    assert (risk.score, risk.strategy, risk.effect, str(risk.cost_impact)) == (
        12,
        "mitigate",
        "Go-live moves",
        "50000.00",
    )
    assert list(risk.linked_tasks.all()) == [task]
    page = client.get(response.url).content.decode()
    assert "Supplier delivers late" in page and "Second supplier" in page and project.currency in page


def test_a_strategy_that_does_not_fit_the_kind_is_refused_on_its_field_and_nothing_saved(
    client, world, project
):
    response = signed_in(client, world.pm1).post(
        reverse("risks:create", args=[project.pk]), risk_form(world, kind="opportunity", strategy="avoid")
    )
    assert response.status_code == 400
    assert "strategy" in response.context["form"].errors
    assert not Risk.objects.exists()


def test_a_higher_residual_score_needs_its_reason(client, world, project):
    risk = RiskFactory(project=project, probability=2, impact=2)
    url = reverse("risks:edit", args=[project.pk, risk.pk])
    signed_in(client, world.pm1)
    data = risk_form(world, probability="2", impact="2", residual_probability="3", residual_impact="3")
    response = client.post(url, data)
    assert response.status_code == 400
    assert "residual_reason" in response.context["form"].errors
    risk.refresh_from_db()
    assert risk.residual_probability is None
    response = client.post(url, {**data, "residual_reason": "The workaround adds risk."})
    assert response.status_code == 302
    risk.refresh_from_db()
    assert risk.residual_score == 9


def test_the_detail_page_adds_edits_and_completes_response_actions(client, world, project):
    risk = RiskFactory(project=project)
    signed_in(client, world.pm1)
    detail = reverse("risks:detail", args=[project.pk, risk.pk])
    response = client.post(
        reverse("risks:action_add", args=[project.pk, risk.pk]),
        {"description": "Call the supplier", "owner": str(world.member.pk), "due_date": "2026-02-01"},
    )
    assert response.status_code == 302
    action = RiskAction.objects.get()
    response = client.post(
        reverse("risks:action_edit", args=[project.pk, risk.pk, action.pk]),
        {"description": "Call the supplier twice", "owner": str(world.member.pk), "due_date": "2026-02-01"},
    )
    assert response.status_code == 302
    client.post(reverse("risks:action_done", args=[project.pk, risk.pk, action.pk]))
    action.refresh_from_db()
    assert action.description == "Call the supplier twice" and action.is_done
    page = client.get(detail).content.decode()
    assert "Call the supplier twice" in page and "History" in page


def test_an_action_owner_off_the_project_is_refused_naming_the_owner(client, world, project):
    risk = RiskFactory(project=project)
    response = signed_in(client, world.pm1).post(
        reverse("risks:action_add", args=[project.pk, risk.pk]),
        {"description": "Call", "owner": str(world.outsider.pk), "due_date": "2026-02-01"},
    )
    assert response.status_code == 400
    assert "owner" in response.context["action_form"].errors
    assert not RiskAction.objects.exists()


def test_the_sponsor_reads_a_risk_but_neither_edits_it_nor_its_actions(client, world, project):
    risk = RiskFactory(project=project)
    action = RiskActionFactory(risk=risk)
    signed_in(client, world.sponsor)
    assert client.get(reverse("risks:detail", args=[project.pk, risk.pk])).status_code == 200
    assert client.get(reverse("risks:edit", args=[project.pk, risk.pk])).status_code == 403
    assert client.post(reverse("risks:action_done", args=[project.pk, risk.pk, action.pk])).status_code == 403
    assert (
        signed_in(client, world.pm2).get(reverse("risks:detail", args=[project.pk, risk.pk])).status_code
        == 404
    )
