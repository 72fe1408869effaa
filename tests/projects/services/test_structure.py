"""Indent, outdent and move: the outline MS Project users expect, links on summary tasks, the plan version."""

import pytest
from django.core.exceptions import ValidationError

from projects.models import Dependency, Task
from projects.services.editing import StalePlanError
from projects.services.structure import task_indent, task_move, task_outdent
from tests.factories.plans import PLAN_START, build_chain, refreshed

pytestmark = pytest.mark.django_db


def outline(project) -> list[tuple[str, str]]:
    return list(
        Task.objects.filter(project=project).order_by("outline_order").values_list("name", "wbs_code")
    )


def test_outdenting_a_middle_task_adopts_the_siblings_below_it_and_keeps_its_place(project, pm):
    phase, a, b, c, after = build_chain(project, [1, 1, 1, 1, 1], linked=False)
    for task in (a, b, c):
        task_indent(actor=pm, task=refreshed(task))
    assert outline(project) == [("T1", "1"), ("T2", "1.1"), ("T3", "1.2"), ("T4", "1.3"), ("T5", "2")]
    task_outdent(actor=pm, task=refreshed(b))
    # T3 leaves the phase right after T2 and takes T4, the task below it, as its subtask (MS Project).
    assert outline(project) == [("T1", "1"), ("T2", "1.1"), ("T3", "2"), ("T4", "2.1"), ("T5", "3")]


def test_outdenting_a_task_with_subtasks_puts_the_adopted_siblings_after_them(project, pm):
    phase, a, b, b_child, c = build_chain(project, [1, 1, 1, 1, 1], linked=False)
    for task in (a, b, b_child, c):
        task_indent(actor=pm, task=refreshed(task))
    task_indent(actor=pm, task=refreshed(b_child))  # T4 under T3
    assert outline(project) == [("T1", "1"), ("T2", "1.1"), ("T3", "1.2"), ("T4", "1.2.1"), ("T5", "1.3")]
    task_outdent(actor=pm, task=refreshed(b))
    assert outline(project) == [("T1", "1"), ("T2", "1.1"), ("T3", "2"), ("T4", "2.1"), ("T5", "2.2")]


def test_a_task_indents_under_a_linked_task_which_then_drives_it(project, pm):
    first, second, third = build_chain(project, [2, 3, 1], linked=False)
    Dependency.objects.create(project=project, predecessor=first, successor=second)
    task_indent(actor=pm, task=refreshed(third))  # under T2, which has a predecessor
    third = refreshed(third)
    assert (third.wbs_code, refreshed(second).is_summary) == ("2.1", True)
    assert third.planned_start == PLAN_START.replace(day=4)  # after T1 (Monday 2 and Tuesday 3 March)


def test_indenting_a_task_under_its_own_predecessor_is_refused_with_the_reason(project, pm):
    first, second = build_chain(project, [2, 3])
    with pytest.raises(ValidationError, match="cannot be linked to its own subtasks"):
        task_indent(actor=pm, task=refreshed(second))
    assert refreshed(second).parent_id is None


@pytest.mark.parametrize("edit", ["indent", "outdent", "move"])
def test_a_structure_edit_on_a_plan_changed_meanwhile_is_refused(project, pm, edit):
    first, second, third = build_chain(project, [1, 1, 1], linked=False)
    task_indent(actor=pm, task=refreshed(third))  # T3 under T2, so it can outdent
    project.refresh_from_db()
    seen = project.plan_version - 1  # the version before that last edit
    calls = {
        "indent": lambda: task_indent(actor=pm, task=refreshed(second), expected_plan_version=seen),
        "outdent": lambda: task_outdent(actor=pm, task=refreshed(third), expected_plan_version=seen),
        "move": lambda: task_move(
            actor=pm, task=refreshed(first), parent=None, position=2, expected_plan_version=seen
        ),
    }
    before = outline(project)
    with pytest.raises(StalePlanError) as stale:
        calls[edit]()
    assert stale.value.project.plan_version == seen + 1
    assert "changed this plan" in str(stale.value)
    assert outline(project) == before


def test_a_structure_edit_on_the_current_plan_raises_its_version(project, pm):
    first, second = build_chain(project, [1, 1], linked=False)
    project.refresh_from_db()
    moved = task_indent(actor=pm, task=second, expected_plan_version=project.plan_version)
    assert moved.project.plan_version == project.plan_version + 1
