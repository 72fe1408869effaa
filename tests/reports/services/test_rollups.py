"""Rollups recompute a project's figures from its source rows, follow the stale marks, and report drift."""

import json
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from governance.selectors import health_standards
from governance.services.standards import health_standards_update
from projects.models import RollupMark, Task
from projects.services.baselines import baseline_save
from projects.services.costs import cost_entry_add
from projects.services.rollup_marks import project_mark_stale
from projects.services.tasks import task_update
from reports.models import ProjectRollup, SlippedMilestone, WeeklySnapshot
from reports.project_health import health_from_stored
from reports.services import rollups
from reports.services.rollups import (
    computed_rollups,
    rollup_drain,
    rollup_drift,
    rollup_recompute,
    snapshots_take,
)
from tests.factories import ProjectFactory, UserFactory
from tests.factories.plans import PLAN_START, build_chain

pytestmark = pytest.mark.django_db
D = Decimal


def planned_project(costs=(500, 500)):
    """Two linked 5-day tasks from Monday 2 March 2026, costed, baselined, 100 booked."""
    project = ProjectFactory(start_date=PLAN_START, status="active")
    tasks = build_chain(project, [5] * len(costs))
    for task, cost in zip(tasks, costs, strict=True):
        Task.objects.filter(pk=task.pk).update(planned_cost=cost)
    baseline_save(actor=project.project_manager, project=project, name="Approved plan")
    cost_entry_add(actor=project.project_manager, task=tasks[0], date=PLAN_START, amount=D(100))
    RollupMark.objects.all().delete()
    return project, tasks


def set_progress(project, task, percent):
    task.refresh_from_db()
    return task_update(
        actor=project.project_manager, task=task, expected_version=None, changes={"percent_complete": percent}
    )


def test_an_edit_marks_its_project_stale_and_a_rolled_back_edit_does_not():
    project, tasks = planned_project()

    with pytest.raises(RuntimeError), transaction.atomic():
        set_progress(project, tasks[0], 40)
        raise RuntimeError("the request failed after the edit")
    assert not RollupMark.objects.filter(project=project).exists()

    set_progress(project, tasks[0], 40)
    assert RollupMark.objects.get(project=project).generation == 1


def test_a_drain_recomputes_the_marked_projects_from_their_rows_and_clears_the_marks():
    project, tasks = planned_project()
    set_progress(project, tasks[0], 60)

    result = rollup_drain()

    rollup = ProjectRollup.objects.get(project=project)
    assert result.recomputed == 1 and result.remaining == 0
    assert rollup.budget_at_completion == D(1000)
    assert rollup.earned_value == D(300)  # 60 % of 500
    assert rollup.actual_cost == D(100)
    assert rollup.cost_performance_index == D(3)
    assert rollup.details["baseline_name"] == "Approved plan"


def test_an_edit_during_a_recompute_keeps_its_mark_for_the_next_drain(monkeypatch):
    project, tasks = planned_project()
    set_progress(project, tasks[0], 20)
    real_compute = rollups.computed_rollups

    def compute_while_someone_edits(project_ids, *, status_date):
        computed = real_compute(project_ids, status_date=status_date)
        project_mark_stale(project_ids=[project.pk])  # lands after the rows were read
        return computed

    monkeypatch.setattr(rollups, "computed_rollups", compute_while_someone_edits)
    first = rollup_drain(max_chunks=1)

    assert first.remaining == 1
    assert RollupMark.objects.get(project=project).generation == 2


def test_drains_of_different_parts_share_no_project_and_together_drain_every_one():
    projects = [planned_project()[0] for _ in range(5)]
    project_mark_stale(project_ids=[project.pk for project in projects])
    odd = {project.pk for project in projects if project.pk % 2 == 1}

    first = rollup_drain(part=1, parts=2)

    assert set(ProjectRollup.objects.values_list("project_id", flat=True)) == odd
    assert set(RollupMark.objects.values_list("project_id", flat=True)) == {p.pk for p in projects} - odd
    assert (first.recomputed, first.remaining) == (len(odd), 0)
    second = rollup_drain(part=0, parts=2)
    assert second.recomputed == 5 - len(odd) and not RollupMark.objects.exists()
    assert ProjectRollup.objects.count() == 5


def test_draining_twice_changes_nothing():
    project, tasks = planned_project()
    set_progress(project, tasks[0], 60)
    rollup_drain()
    before = ProjectRollup.objects.get(project=project)

    second = rollup_drain()
    after = ProjectRollup.objects.get(project=project)

    assert second.recomputed == 0
    assert after.computed_at == before.computed_at
    assert rollup_drift() == []


def test_a_recompute_equals_a_direct_computation_whatever_the_order_of_deliveries():
    first, first_tasks = planned_project()
    second, _tasks = planned_project(costs=(100, 900, 300))
    set_progress(first, first_tasks[1], 10)

    rollup_recompute(project_ids=[second.pk])
    rollup_recompute(project_ids=[first.pk, second.pk])
    rollup_recompute(project_ids=[first.pk])

    assert rollup_drift() == []
    direct = computed_rollups([second.pk], status_date=timezone.localdate())[second.pk]
    assert (
        ProjectRollup.objects.get(project=second).budget_at_completion
        == direct.budget_at_completion
        == D(1300)
    )


def test_reconcile_prints_the_drift_of_rows_changed_behind_the_rollups_back_then_fixes_it():
    project, tasks = planned_project()
    rollup_recompute(project_ids=[project.pk])
    Task.objects.filter(pk=tasks[0].pk).update(percent_complete=100)  # no service, no mark

    out = StringIO()
    call_command("reconcile_rollups", stdout=out)
    report = json.loads(out.getvalue())

    assert report["projects"] == 1
    assert {"project": project.pk, "field": "earned_value", "stored": "0.00", "computed": "500.00"} in report[
        "fields"
    ]
    out = StringIO()
    call_command("reconcile_rollups", "--check", stdout=out)
    assert json.loads(out.getvalue())["drift"] == 0


def test_the_rollup_keeps_the_slipped_milestones_and_reconcile_restores_rows_lost_behind_it():
    project, tasks = planned_project()
    milestone = Task.objects.create(
        project=project, name="验收 Acceptance", is_milestone=True, duration_days=0
    )
    Task.objects.filter(pk=milestone.pk).update(planned_finish=date(2026, 3, 20))
    baseline_save(actor=project.project_manager, project=project, name="With the milestone")
    Task.objects.filter(pk=milestone.pk).update(planned_finish=date(2026, 3, 27))  # a week late
    rollup_recompute(project_ids=[project.pk])

    stored = SlippedMilestone.objects.get(project=project)
    assert (stored.task_id, stored.baseline_finish, stored.planned_finish) == (
        milestone.pk,
        date(2026, 3, 20),
        date(2026, 3, 27),
    )
    assert ProjectRollup.objects.get(project=project).milestones_slipped == 1

    SlippedMilestone.objects.all().delete()  # lost behind the rollup's back
    assert [item.field for item in rollup_drift()] == ["slipped_milestones"]
    out = StringIO()
    call_command("reconcile_rollups", "--check", stdout=out)
    report = json.loads(out.getvalue())
    assert report["fields"][0]["computed"] == [[milestone.pk, "2026-03-20", "2026-03-27", None]]
    call_command("reconcile_rollups", stdout=StringIO())
    assert SlippedMilestone.objects.filter(project=project).count() == 1


def test_snapshots_keep_one_row_per_project_and_week_with_its_last_state():
    project, tasks = planned_project()
    rollup_recompute(project_ids=[project.pk])
    snapshots_take(status_date=date(2026, 3, 4))
    set_progress(project, tasks[0], 80)
    rollup_recompute(project_ids=[project.pk])

    snapshots_take(status_date=date(2026, 3, 6))  # same week, later
    snapshots_take(status_date=date(2026, 3, 9))  # the next Monday

    weeks = list(WeeklySnapshot.objects.filter(project=project).values_list("week", "earned_value"))
    assert weeks == [(date(2026, 3, 2), D(400)), (date(2026, 3, 9), D(400))]


def test_in_the_embedded_default_an_edit_is_rolled_up_once_its_transaction_commits(
    django_capture_on_commit_callbacks,
):
    project, tasks = planned_project()

    with django_capture_on_commit_callbacks(execute=True):
        set_progress(project, tasks[0], 60)
        set_progress(project, tasks[1], 20)

    assert ProjectRollup.objects.get(project=project).earned_value == D(400)
    assert not RollupMark.objects.exists()


def test_the_rollup_scores_health_over_the_measured_dimensions_and_keeps_why_others_are_left_out():
    project, tasks = planned_project()
    set_progress(project, tasks[0], 60)

    rollup_recompute(project_ids=[project.pk])
    rollup = ProjectRollup.objects.get(project=project)

    # Today is long after the March baseline: PV = BAC = 1000, EV 300 (SPI 0.3: 0 points), AC 100
    # (CPI 3: 100 points), no scope change (100 points), no open threat (exposure 0: 100 points);
    # weights 25, 25, 10 and 15 renormalised over 75: 5,000 / 75 = 66.7.
    assert rollup.schedule_performance_index == D("0.3") and rollup.schedule_rag == "red"
    assert rollup.cost_rag == "green"
    assert rollup.health_score == 67 and rollup.health_band == "amber"
    health = health_from_stored(rollup.details["health_inputs"], health_standards())
    left_out = {row.dimension: row.left_out_reason for row in health.dimensions if row.points is None}
    assert set(left_out) == {"customer_satisfaction", "team_morale", "compliance"}


def test_a_project_without_a_baseline_says_so_instead_of_scoring_its_schedule():
    project = ProjectFactory(start_date=PLAN_START, status="active")
    build_chain(project, [5])

    rollup_recompute(project_ids=[project.pk])
    rollup = ProjectRollup.objects.get(project=project)

    health = health_from_stored(rollup.details["health_inputs"], health_standards())
    schedule = next(row for row in health.dimensions if row.dimension == "schedule")
    assert rollup.planned_value is None and rollup.schedule_rag == ""
    assert schedule.points is None and "no baseline" in schedule.left_out_reason


def test_new_health_standards_recompute_every_project(django_capture_on_commit_callbacks):
    project, tasks = planned_project()
    set_progress(project, tasks[0], 60)
    rollup_recompute(project_ids=[project.pk])
    admin = UserFactory(is_superuser=True)

    with django_capture_on_commit_callbacks(execute=True):
        health_standards_update(actor=admin, weights={"schedule": 0, "cost": 40, "scope_changes": 20})

    # CPI 3 and no scope change score 100 each; the red schedule no longer weighs.
    assert ProjectRollup.objects.get(project=project).health_score == 100
    assert not RollupMark.objects.exists()
