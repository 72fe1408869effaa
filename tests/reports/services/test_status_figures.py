"""A status report draft starts from the project's SPI and CPI at the end of its period."""

import datetime

import pytest

from projects.services.status_reports import status_report_create, status_report_submit, status_report_update
from reports.models import ProjectRollup
from reports.services.rollups import rollup_recompute
from tests.reports.services.test_rollups import planned_project, set_progress

pytestmark = pytest.mark.django_db


def test_the_draft_carries_spi_and_cpi_as_of_the_periods_end():
    project, tasks = planned_project()
    set_progress(project, tasks[0], 60)

    # The week of Monday 2 March: PV at Sunday the 8th is the first task's 500; EV 300, AC 100.
    report = status_report_create(
        actor=project.project_manager, project=project, today=datetime.date(2026, 3, 4)
    )

    assert report.figures["spi"] == "0.6000" and report.figures["cpi"] == "3.0000"
    assert report.figures["figures_as_of"] == "2026-03-08"


def test_the_latest_submitted_report_gives_the_rollup_its_rag_satisfaction_and_morale():
    project, _tasks = planned_project()
    report = status_report_create(
        actor=project.project_manager, project=project, today=datetime.date(2026, 3, 4)
    )
    status_report_update(
        actor=project.project_manager,
        report=report,
        changes={
            "overall_rag": "amber", "scope_rag": "green", "schedule_rag": "amber", "cost_rag": "green",
            "risk_rag": "green", "quality_rag": "green", "narrative": "联调推迟", "customer_satisfaction": 5,
            "team_morale": 1,
        },
    )  # fmt: skip
    status_report_submit(actor=project.project_manager, report=report)

    rollup_recompute(project_ids=[project.pk])
    rollup = ProjectRollup.objects.get(project=project)

    assert rollup.reported_rag == "amber"
    inputs = rollup.details["health_inputs"]
    assert (inputs["customer_satisfaction"], inputs["team_morale"]) == (5, 1)
