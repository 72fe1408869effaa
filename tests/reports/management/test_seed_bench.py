"""`manage.py seed_bench`: the benchmark organisation, deterministic, never mixed into real data."""

from dataclasses import replace
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from projects.models import (
    Baseline,
    BaselineTask,
    CostEntry,
    Dependency,
    Project,
    ProjectMembership,
    Task,
)
from projects.services.reschedule import DERIVED_FIELDS, project_reschedule
from reports.bench_data.generator import BenchGenerator
from reports.models import ProjectRollup, WeeklySnapshot
from reports.services.rollups import rollup_drift
from risks.models import Risk
from tests.factories.organisation import ProjectFactory

pytestmark = pytest.mark.django_db
STATUS_DATE = date(2026, 12, 1)


def seed(*arguments) -> str:
    out = StringIO()
    call_command("seed_bench", *arguments, "--status-date", STATUS_DATE.isoformat(), stdout=out)
    return out.getvalue()


def test_a_small_run_creates_the_organisation_and_full_plans():
    output = seed("--projects", "3")

    assert Project.objects.count() == 3
    assert Task.objects.count() == 3 * 110
    assert Task.objects.filter(is_summary=False).count() == 3 * 100
    assert Task.objects.filter(is_milestone=True).count() == 3 * 10
    assert Dependency.objects.count() >= 3 * 100
    assert ProjectMembership.objects.count() == 3 * 5
    assert WeeklySnapshot.objects.count() == 3 * 52
    assert ProjectRollup.objects.count() == 3
    assert CostEntry.objects.exists()
    baselined = Baseline.objects.count()
    assert BaselineTask.objects.count() == baselined * 110
    assert Risk.objects.count() == 3 * 10
    assert "risks.Risk" in output
    # Every generated risk is one the register's own rules accept (full_clean runs the model's checks).
    for risk in Risk.objects.all():
        risk.full_clean()
    assert not Risk.objects.filter(project__status="closed").exclude(status="closed").exists()
    assert (
        ProjectRollup.objects.filter(risks_open__gt=0).exists()
        or Project.objects.filter(status="closed").count() == 3
    )
    assert "governance.User" in output and "1,000" in output


def test_the_seeded_plans_are_what_the_scheduling_engine_computes():
    seed("--projects", "3")

    for project in Project.objects.all():
        before = {task.pk: [getattr(task, name) for name in DERIVED_FIELDS] for task in project.tasks.all()}
        project_reschedule(project=project)
        after = {task.pk: [getattr(task, name) for name in DERIVED_FIELDS] for task in project.tasks.all()}
        assert after == before, project.code


def test_the_rollups_equal_a_direct_recompute():
    seed("--projects", "2")

    assert rollup_drift(status_date=STATUS_DATE) == []


def test_the_same_seed_gives_the_same_rows_and_another_seed_others():
    def project_rows(seed_value):
        bench = BenchGenerator(seed=seed_value, status_date=STATUS_DATE)
        bench.organisation_rows()
        return bench.project_rows(range(1, 3)).tables

    assert project_rows(7) == project_rows(7)
    assert project_rows(7)["projects.Task"] != project_rows(8)["projects.Task"]


def test_a_project_is_the_same_whichever_chunk_generates_it():
    together = BenchGenerator(seed=7, status_date=STATUS_DATE)
    together.organisation_rows()
    together.project_rows(range(1, 2))
    alone = BenchGenerator(seed=7, status_date=STATUS_DATE)
    alone.organisation_rows()
    alone.ids = replace(together.ids)

    assert alone.project_rows(range(2, 3)).tables == together.project_rows(range(2, 3)).tables


def test_two_loads_into_empty_databases_write_the_same_rows():
    seed("--projects", "2")
    first = list(Task.objects.order_by("pk").values())
    first_costs = list(CostEntry.objects.order_by("pk").values_list("task_id", "date", "amount"))
    Project.objects.all().delete()
    from governance.models import User
    from projects.models import Portfolio, Program

    Program.objects.all().delete()
    Portfolio.objects.all().delete()
    User.objects.filter(username__startswith="bench.").delete()

    seed("--projects", "2")
    offset = Task.objects.order_by("pk").first().pk - first[0]["id"]
    second = list(Task.objects.order_by("pk").values())

    assert [row["name"] for row in second] == [row["name"] for row in first]
    assert [(row["planned_start"], row["planned_finish"], row["percent_complete"]) for row in second] == [
        (row["planned_start"], row["planned_finish"], row["percent_complete"]) for row in first
    ]
    second_costs = list(CostEntry.objects.order_by("pk").values_list("task_id", "date", "amount"))
    assert [(task - offset, day, amount) for task, day, amount in second_costs] == first_costs


def test_it_refuses_a_database_that_holds_projects():
    ProjectFactory()

    with pytest.raises(CommandError, match="already holds projects"):
        seed("--projects", "1")
    assert Project.objects.count() == 1


def test_force_adds_to_a_database_with_projects_but_never_seeds_twice():
    ProjectFactory()

    seed("--projects", "1", "--force", "--no-rollups")
    assert Project.objects.count() == 2

    with pytest.raises(CommandError, match="already holds a benchmark organisation"):
        seed("--projects", "1", "--force")


@pytest.mark.parametrize("count", ["0", "20001", "-3"])
def test_it_refuses_a_number_of_projects_outside_1_to_20000(count):
    with pytest.raises(CommandError, match="between 1 and 20,000"):
        seed("--projects", count)
    assert not Project.objects.exists()


def test_without_rollups_the_current_week_is_snapshotted_by_the_generator():
    seed("--projects", "2", "--no-rollups")

    assert not ProjectRollup.objects.exists()
    assert WeeklySnapshot.objects.filter(week=date(2026, 11, 30)).count() == 2
