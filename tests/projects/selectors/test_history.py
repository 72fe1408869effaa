"""Reading a project's history: the project's own changes and its plan's, merged newest first, in words."""

import pytest
from django.utils import translation

from projects.models import PlanEvent, PlanEventKind
from projects.selectors.history import link_name, project_change_history
from projects.services.projects import project_update
from tests.factories.plans import PlannedProjectFactory

pytestmark = pytest.mark.django_db


def test_the_project_changes_and_the_plan_changes_come_merged_newest_first(pm, django_assert_num_queries):
    project = PlannedProjectFactory(project_manager=pm, name="Before")
    project_update(actor=pm, project=project, changes={"name": "After"})
    created, changed = project.history.order_by("history_date").values_list("history_date", flat=True)
    plan_change = PlanEvent.objects.create(
        project=project,
        actor=pm,
        kind=PlanEventKind.BASELINE_SAVED,
        subject="Approved",
        created_at=created + (changed - created) / 2,  # between the two
    )
    history = project_change_history(project)
    # The project's records and their names, then the plan's changes and the comments; read once each.
    with django_assert_num_queries(3):
        entries = list(history)
    assert [(entry.kind, entry.title) for entry in entries] == [
        ("changed", "Project changed"),
        (PlanEventKind.BASELINE_SAVED, "Baseline saved"),
        ("created", "Project created"),
    ]
    assert entries[1].when == plan_change.created_at
    assert [(change.label, change.old, change.new) for change in entries[0].changes] == [
        ("name", "Before", "After")
    ]
    assert len(history) == 3
    assert history[1].subject == "Approved"
    assert history[1:] == entries[1:]


def test_a_stored_change_of_a_field_the_model_no_longer_has_still_reads(pm):
    project = PlannedProjectFactory(project_manager=pm)
    PlanEvent.objects.create(
        project=project,
        actor=None,
        kind=PlanEventKind.TASK_CHANGED,
        subject="1 Design",
        changes=[{"field": "retired_field", "old": 1, "new": 2}],
    )
    (entry,) = [
        entry for entry in project_change_history(project) if entry.kind == PlanEventKind.TASK_CHANGED
    ]
    assert (entry.who, [(c.label, c.old, c.new) for c in entry.changes]) == (
        "system",
        [("retired_field", "1", "2")],
    )


@pytest.mark.parametrize(
    ("language", "lag_days", "expected"),
    [
        ("en", 2, "A -> B (FS +2d)"),
        ("en", -1, "A -> B (FS -1d)"),
        ("en", 0, "A -> B (FS)"),
        ("zh-hans", 2, "A -> B（FS +2天）"),
    ],
)
def test_a_link_reads_as_planners_write_it(language, lag_days, expected):
    with translation.override(language):
        assert link_name(predecessor="A", successor="B", type="FS", lag_days=lag_days) == expected
