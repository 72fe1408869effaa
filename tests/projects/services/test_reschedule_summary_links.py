"""Rescheduling a plan whose links join summary tasks, as MS Project schedules them; the plan version.

The plan starts on Monday 2 March 2026 (Monday to Friday calendar); a day number n below is the n-th
working day from there (0 = Monday 2 March).
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects.models import Dependency, Task
from projects.services.reschedule import project_reschedule
from tests.factories.plans import PlannedProjectFactory

pytestmark = pytest.mark.django_db

MARCH = lambda day: datetime.date(2026, 3, day)  # noqa: E731 - reads like a calendar in the asserts


def add(project, name, days, *, parent=None, position=0) -> Task:
    return Task.objects.create(
        project=project, name=name, duration_days=days, parent=parent, position=position
    )


def link(predecessor, successor, link_type="FS", lag=0) -> Dependency:
    return Dependency.objects.create(
        project=predecessor.project,
        predecessor=predecessor,
        successor=successor,
        type=link_type,
        lag_days=lag,
    )


def scheduled(project) -> dict[str, Task]:
    project_reschedule(project=project)
    return {task.name: task for task in Task.objects.filter(project=project)}


def test_a_link_into_a_summary_task_holds_every_task_under_it(project):
    design = add(project, "Design", 3, position=0)
    phase = add(project, "Build", 0, position=1)
    add(project, "Code", 2, parent=phase, position=0)
    add(project, "Docs", 1, parent=phase, position=1)
    link(design, phase)
    tasks = scheduled(project)
    # Design runs Monday 2 to Wednesday 4 March; both subtasks of Build wait for it.
    assert tasks["Code"].planned_start == tasks["Docs"].planned_start == MARCH(5)
    assert (tasks["Build"].planned_start, tasks["Build"].planned_finish) == (MARCH(5), MARCH(6))


def test_a_finish_to_start_link_from_a_summary_waits_for_its_last_subtask(project):
    phase = add(project, "Build", 0, position=0)
    add(project, "Code", 2, parent=phase, position=0)
    add(project, "Test", 4, parent=phase, position=1)
    release = add(project, "Release", 1, position=1)
    link(phase, release)
    tasks = scheduled(project)
    assert tasks["Build"].planned_finish == MARCH(5)  # Test: Monday 2 to Thursday 5
    assert tasks["Release"].planned_start == MARCH(6)
    assert tasks["Test"].is_critical and not tasks["Code"].is_critical
    assert tasks["Code"].total_float_days == 2


def test_a_start_to_start_link_from_a_summary_follows_its_rolled_up_start(project):
    # Build starts when Code does (day 0); Test follows Code. SS + 1 from Build puts Review on day 1,
    # not after the later start of Test (day 2) as a link from each subtask would.
    phase = add(project, "Build", 0, position=0)
    code = add(project, "Code", 2, parent=phase, position=0)
    test = add(project, "Test", 3, parent=phase, position=1)
    review = add(project, "Review", 1, position=1)
    link(code, test)
    link(phase, review, "SS", 1)
    tasks = scheduled(project)
    assert tasks["Build"].planned_start == MARCH(2)
    assert tasks["Review"].planned_start == MARCH(3)


def test_a_start_to_start_link_from_a_summary_follows_whichever_subtask_starts_first(project):
    # The first subtask in the outline starts late (after Wait); the second one starts the summary.
    wait = add(project, "Wait", 5, position=0)
    phase = add(project, "Build", 0, position=1)
    late = add(project, "Late", 1, parent=phase, position=0)
    add(project, "Early", 2, parent=phase, position=1)
    review = add(project, "Review", 1, position=2)
    link(wait, late)
    link(phase, review, "SS", 0)
    tasks = scheduled(project)
    assert tasks["Build"].planned_start == MARCH(2)
    assert tasks["Review"].planned_start == MARCH(2)


def test_start_to_start_links_from_summaries_in_a_chain_follow_each_rolled_up_start(project):
    # Phase 1 starts on day 0 (A) and drives C in phase 2, which then starts phase 2 on day 0 too,
    # though B and D, pushed by the waits, start later in each phase.
    wait = add(project, "Wait", 5, position=0)
    long_wait = add(project, "Long wait", 10, position=1)
    first = add(project, "Phase 1", 0, position=2)
    add(project, "A", 1, parent=first, position=0)
    b = add(project, "B", 1, parent=first, position=1)
    second = add(project, "Phase 2", 0, position=3)
    c = add(project, "C", 1, parent=second, position=0)
    d = add(project, "D", 1, parent=second, position=1)
    end = add(project, "E", 1, position=4)
    link(wait, b)
    link(long_wait, d)
    link(first, c, "SS", 0)
    link(second, end, "SS", 2)
    tasks = scheduled(project)
    assert (tasks["Phase 1"].planned_start, tasks["Phase 2"].planned_start) == (MARCH(2), MARCH(2))
    assert tasks["E"].planned_start == MARCH(4)


def test_a_finish_to_finish_link_from_a_summary_ends_with_its_last_subtask(project):
    phase = add(project, "Build", 0, position=0)
    add(project, "Code", 2, parent=phase, position=0)
    add(project, "Test", 4, parent=phase, position=1)
    wrap_up = add(project, "Wrap up", 1, position=1)
    link(phase, wrap_up, "FF")
    tasks = scheduled(project)
    assert tasks["Wrap up"].planned_finish == MARCH(5)


def test_links_between_two_summary_tasks_join_their_subtasks(project):
    first = add(project, "Phase 1", 0, position=0)
    add(project, "A", 2, parent=first, position=0)
    add(project, "B", 3, parent=first, position=1)
    second = add(project, "Phase 2", 0, position=1)
    add(project, "C", 1, parent=second, position=0)
    add(project, "D", 2, parent=second, position=1)
    link(first, second)
    tasks = scheduled(project)
    assert tasks["C"].planned_start == tasks["D"].planned_start == MARCH(5)  # after B, Wednesday 4


def test_a_subtask_slips_through_its_summary_as_far_as_the_summary_may(project):
    # Release waits for Permit (6 days) more than for Build (4 days), so Test, Build's last subtask,
    # may slip 2 days without delaying anything.
    phase = add(project, "Build", 0, position=0)
    add(project, "Test", 4, parent=phase, position=0)
    permit = add(project, "Permit", 6, position=1)
    release = add(project, "Release", 1, position=2)
    link(phase, release)
    link(permit, release)
    tasks = scheduled(project)
    assert tasks["Release"].planned_start == MARCH(10)
    assert (tasks["Test"].free_float_days, tasks["Test"].total_float_days) == (2, 2)


def test_a_link_into_a_summary_and_into_its_subtask_keeps_the_tighter_one(project):
    design = add(project, "Design", 3, position=0)
    phase = add(project, "Build", 0, position=1)
    code = add(project, "Code", 2, parent=phase, position=0)
    link(design, phase)  # Code after day 3
    link(design, code, "SS", 4)  # Code after day 4: the tighter one
    tasks = scheduled(project)
    assert tasks["Code"].planned_start == MARCH(6)


def test_a_link_between_a_summary_and_its_own_subtask_is_refused(project):
    phase = add(project, "Build", 0, position=0)
    code = add(project, "Code", 2, parent=phase, position=0)
    link(phase, code)
    with pytest.raises(ValidationError, match="“1 Build” is a summary task of “1.1 Code”"):
        project_reschedule(project=project)


def test_a_cycle_through_a_summary_task_is_named(project):
    phase = add(project, "Build", 0, position=0)
    code = add(project, "Code", 2, parent=phase, position=0)
    release = add(project, "Release", 1, position=1)
    link(phase, release)
    link(release, code)
    with pytest.raises(ValidationError) as refused:
        project_reschedule(project=project)
    message = refused.value.messages[0]
    assert "cycle" in message
    for name in ("Build", "Release", "Code"):
        assert name in message


def test_every_reschedule_raises_the_plan_version_by_one(project):
    add(project, "A", 1)
    assert project.plan_version == 0
    assert project_reschedule(project=project).plan_version == 1
    assert project_reschedule(project=project).plan_version == 2
    project.refresh_from_db()
    assert project.plan_version == 2


def _summary_plan(project, phases: int) -> None:
    """`phases` phases of three subtasks, each phase FS-linked to the next, SS from the previous."""
    previous = None
    for number in range(phases):
        phase = add(project, f"Phase {number}", 0, position=number)
        subtasks = [add(project, f"P{number}.{k}", k + 1, parent=phase, position=k) for k in range(3)]
        link(subtasks[0], subtasks[1])
        if previous is not None:
            link(previous, phase)
            link(previous, subtasks[2], "SS", 1)
        previous = phase


def test_rescheduling_with_summary_links_costs_the_same_queries_at_10_and_200_tasks():
    counts = []
    for phases in (3, 50):  # 12 and 200 tasks
        project = PlannedProjectFactory()
        _summary_plan(project, phases)
        project_reschedule(project=project)
        Task.objects.filter(project=project, is_summary=False).update(duration_days=9)
        with CaptureQueriesContext(connection) as queries:
            project_reschedule(project=project)
        counts.append(len(queries))
    assert counts[0] == counts[1]
