"""`manage.py seed_demo_rollups` fills the demo's dashboards: today's rollups and weeks of snapshots, once."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from projects.models import RollupMark
from reports.models import ProjectRollup, WeeklySnapshot
from tests.factories import ProjectFactory
from tests.factories.plans import TaskFactory

pytestmark = pytest.mark.django_db


def test_rollups_and_weekly_snapshots_are_written_and_a_second_run_changes_nothing():
    projects = ProjectFactory.create_batch(2)
    TaskFactory(project=projects[0], planned_cost=1000, percent_complete=50)

    call_command("seed_demo_rollups", "--weeks", "3", stdout=StringIO())
    first = sorted(WeeklySnapshot.objects.values_list("project_id", "week"))
    call_command("seed_demo_rollups", "--weeks", "3", stdout=StringIO())

    assert ProjectRollup.objects.count() == 2
    assert len(first) == 8  # 2 projects x (3 weeks back + this one)
    assert sorted(WeeklySnapshot.objects.values_list("project_id", "week")) == first
    assert not RollupMark.objects.exists()


def test_weeks_out_of_range_are_refused():
    with pytest.raises(CommandError, match="--weeks"):
        call_command("seed_demo_rollups", "--weeks", "60", stdout=StringIO())
