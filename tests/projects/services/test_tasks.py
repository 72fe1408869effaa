import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from governance.models import PmoType
from projects.models import BurndownPoint, Dependency, ScheduleConstraint, Task
from projects.selectors.calendars import plan_work_calendar
from projects.selectors.plans import task_list
from projects.services.baselines import baseline_save
from projects.services.burndown import burndown_record
from projects.services.calendars import calendar_update
from projects.services.costs import cost_entry_add
from projects.services.dependencies import dependency_add
from projects.services.editing import StaleEditError
from projects.services.reschedule import project_reschedule
from projects.services.structure import task_indent, task_move, task_outdent
from projects.services.tasks import (
    PROGRESS_FIELDS,
    TASK_EDITABLE_FIELDS,
    task_create,
    task_delete,
    task_editable_fields,
    task_update,
)
from projects.variance import task_variance
from tests.factories import MembershipFactory, build_access_world
from tests.factories.plans import PLAN_START, PlannedProjectFactory, build_chain, refreshed

pytestmark = pytest.mark.django_db

MARCH = lambda day: datetime.date(2026, 3, day)  # noqa: E731 - reads like a calendar in the asserts


@pytest.fixture
def project():
    return PlannedProjectFactory()


@pytest.fixture
def pm(project):
    return project.project_manager


def test_new_tasks_get_dates_on_working_days_from_the_project_start(project, pm):
    first = task_create(actor=pm, project=project, name="Design", duration_days=3)
    second = task_create(actor=pm, project=project, name="Build", duration_days=4)
    dependency_add(actor=pm, predecessor=first, successor=second)
    second = refreshed(second)
    assert (first.planned_start, first.planned_finish) == (MARCH(2), MARCH(4))
    # Thursday + 4 working days runs over the weekend to Tuesday.
    assert (second.planned_start, second.planned_finish) == (MARCH(5), MARCH(10))


def test_editing_a_duration_moves_the_successors_at_once(project, pm):
    first, second = build_chain(project, [3, 2])
    updated = task_update(actor=pm, task=first, expected_version=first.version, changes={"duration_days": 5})
    assert updated.version == first.version + 1
    assert updated.planned_finish == MARCH(6)
    assert (refreshed(second).planned_start, second.planned_finish) == (MARCH(9), MARCH(10))


def test_the_critical_flag_follows_the_longest_branch(project, pm):
    short, long = build_chain(project, [2, 5], linked=False)
    assert (short.is_critical, long.is_critical) == (False, True)
    assert short.total_float_days == 3
    task_update(actor=pm, task=short, expected_version=short.version, changes={"duration_days": 7})
    assert (refreshed(short).is_critical, refreshed(long).is_critical) == (True, False)
    assert long.total_float_days == 2


def test_a_link_that_closes_a_cycle_is_refused_and_names_the_tasks(project, pm):
    first, second, third = build_chain(project, [1, 1, 1])
    with pytest.raises(ValidationError) as refused:
        dependency_add(actor=pm, predecessor=third, successor=first)
    message = refused.value.messages[0]
    assert "cycle" in message
    assert all(name in message for name in ("T1", "T2", "T3"))
    assert Dependency.objects.filter(project=project).count() == 2


def test_dates_past_year_9999_are_refused_naming_the_task_and_nothing_is_saved(project, pm):
    first, second = build_chain(project, [3, 2])
    with pytest.raises(ValidationError, match="“1 T1” would fall outside the years 1 to 9999"):
        task_update(
            actor=pm,
            task=first,
            expected_version=first.version,
            changes={
                "constraint_type": ScheduleConstraint.START_NO_EARLIER_THAN,
                "constraint_date": datetime.date.max,
            },
        )
    with pytest.raises(ValidationError, match="would fall outside the years 1 to 9999"):
        task_update(
            actor=pm,
            task=first,
            expected_version=first.version,
            changes={
                "constraint_type": ScheduleConstraint.FINISH_NO_LATER_THAN,
                "constraint_date": datetime.date.max,
                "duration_days": 3_000_000,
            },
        )
    assert refreshed(first).version == first.version


def test_links_are_validated_self_duplicate_and_own_subtask(project, pm):
    first, second = build_chain(project, [1, 1])
    with pytest.raises(ValidationError):
        dependency_add(actor=pm, predecessor=first, successor=first)
    with pytest.raises(ValidationError, match="already linked"):
        dependency_add(actor=pm, predecessor=first, successor=second)
    child = task_create(actor=pm, project=project, name="Child")
    task_indent(actor=pm, task=child)  # T2 is linked and becomes a summary: allowed, as in MS Project
    with pytest.raises(ValidationError, match="its own subtasks"):
        dependency_add(actor=pm, predecessor=refreshed(second), successor=refreshed(child))


def test_an_edit_based_on_an_old_version_is_refused_with_the_fresh_task(project, pm):
    (task,) = build_chain(project, [2])
    task_update(actor=pm, task=task, expected_version=1, changes={"name": "First edit"})
    with pytest.raises(StaleEditError) as stale:
        task_update(actor=pm, task=task, expected_version=1, changes={"name": "Second edit"})
    assert stale.value.task.name == "First edit"
    assert stale.value.task.version == 2
    assert refreshed(task).name == "First edit"


def test_a_member_may_update_only_the_progress_of_tasks_assigned_to_them():
    world = build_access_world(PmoType.SUPPORTIVE)
    project = world.project_of_pm1
    mine, theirs = build_chain(project, [2, 2])
    task_update(actor=world.pm1, task=mine, expected_version=1, changes={"assignee": world.member})
    mine = refreshed(mine)

    updated = task_update(
        actor=world.member, task=mine, expected_version=mine.version, changes={"percent_complete": 40}
    )
    assert updated.percent_complete == 40
    with pytest.raises(PermissionDenied):
        task_update(actor=world.member, task=mine, expected_version=updated.version, changes={"name": "x"})
    with pytest.raises(PermissionDenied):
        task_update(
            actor=world.member, task=theirs, expected_version=theirs.version, changes={"percent_complete": 10}
        )
    with pytest.raises(PermissionDenied):
        task_create(actor=world.member, project=project, name="Sneaky")


@pytest.mark.parametrize("pmo_type", [PmoType.SUPPORTIVE, PmoType.DIRECTIVE])
def test_only_plan_editors_add_tasks(pmo_type):
    world = build_access_world(pmo_type)
    project = world.project_of_pm1
    for role, user in world.users.items():
        allowed = project.pk in world.editable_projects(role, pmo_type)
        if allowed:
            assert task_create(actor=user, project=project, name=f"by {role}").pk
        else:
            with pytest.raises(PermissionDenied):
                task_create(actor=user, project=project, name=f"by {role}")


def test_baseline_variance_reports_slips_in_working_days_and_cost(project, pm):
    first, second = build_chain(project, [3, 2])
    task_update(actor=pm, task=first, expected_version=1, changes={"planned_cost": Decimal("1000")})
    baseline = baseline_save(actor=pm, project=project, name="Approved plan")
    first = refreshed(first)
    task_update(
        actor=pm,
        task=first,
        expected_version=first.version,
        changes={"duration_days": 5, "planned_cost": Decimal("1250.50")},
    )
    rows = {task.name: task for task in task_list(project=project, baseline=baseline)}
    assert rows["T1"].baseline_duration_days == 3
    assert rows["T1"].duration_days - rows["T1"].baseline_duration_days == 2
    assert rows["T1"].planned_cost - rows["T1"].baseline_planned_cost == Decimal("250.50")
    assert (rows["T2"].baseline_start, rows["T2"].planned_start) == (MARCH(5), MARCH(9))

    variance = task_variance(
        calendar=plan_work_calendar(project),
        start=rows["T2"].planned_start,
        finish=rows["T2"].planned_finish,
        duration_days=rows["T2"].duration_days,
        planned_cost=rows["T2"].planned_cost,
        baseline_start=rows["T2"].baseline_start,
        baseline_finish=rows["T2"].baseline_finish,
        baseline_duration_days=rows["T2"].baseline_duration_days,
        baseline_planned_cost=rows["T2"].baseline_planned_cost,
    )
    # Thursday 5 -> Monday 9 is two working days later, not four calendar days.
    assert (variance.start_days, variance.finish_days, variance.duration_days) == (2, 2, 0)


def test_baseline_names_are_unique_per_project(project, pm):
    build_chain(project, [1])
    baseline_save(actor=pm, project=project, name="B1")
    with pytest.raises(ValidationError):
        baseline_save(actor=pm, project=project, name="B1")


def test_cost_entries_add_up_to_the_actual_cost(project, pm):
    (task,) = build_chain(project, [2])
    cost_entry_add(actor=pm, task=task, date=MARCH(3), amount=Decimal("120.00"), note="licence")
    cost_entry_add(actor=pm, task=task, date=MARCH(4), amount=Decimal("30.25"))
    with pytest.raises(ValidationError):
        cost_entry_add(actor=pm, task=task, date=MARCH(4), amount=Decimal("0"))
    assert task_list(project=project).get(pk=task.pk).actual_cost == Decimal("150.25")


def _codes(project):
    return [
        (task.name, task.wbs_code) for task in Task.objects.filter(project=project).order_by("outline_order")
    ]


def test_wbs_codes_follow_indent_outdent_move_and_delete(project, pm):
    a, b, c = build_chain(project, [1, 1, 1], linked=False)
    task_indent(actor=pm, task=b)
    task_indent(actor=pm, task=c)
    assert _codes(project) == [("T1", "1"), ("T2", "1.1"), ("T3", "1.2")]
    task_outdent(actor=pm, task=refreshed(b))  # T3, below T2, becomes its subtask (MS Project)
    assert _codes(project) == [("T1", "1"), ("T2", "2"), ("T3", "2.1")]
    task_move(actor=pm, task=refreshed(c), parent=None, position=0)
    assert _codes(project) == [("T3", "1"), ("T1", "2"), ("T2", "3")]
    task_delete(actor=pm, task=refreshed(a))
    assert _codes(project) == [("T3", "1"), ("T2", "2")]


def test_a_task_cannot_move_under_its_own_subtask(project, pm):
    a, b = build_chain(project, [1, 1], linked=False)
    task_indent(actor=pm, task=b)
    with pytest.raises(ValidationError):
        task_move(actor=pm, task=refreshed(a), parent=refreshed(b), position=0)


def test_summary_tasks_span_their_children_and_add_up_their_cost(project, pm):
    phase = task_create(actor=pm, project=project, name="Phase")
    first = task_create(actor=pm, project=project, name="A", parent=phase, duration_days=2)
    second = task_create(
        actor=pm, project=project, name="B", parent=phase, duration_days=3, planned_cost=Decimal("40")
    )
    task_update(actor=pm, task=first, expected_version=1, changes={"planned_cost": Decimal("60")})
    dependency_add(actor=pm, predecessor=first, successor=second)
    phase = refreshed(phase)
    assert phase.is_summary
    assert (phase.planned_start, phase.planned_finish) == (MARCH(2), MARCH(6))
    assert phase.duration_days == 5
    assert phase.planned_cost == Decimal("100")
    with pytest.raises(ValidationError):
        task_update(actor=pm, task=phase, expected_version=phase.version, changes={"duration_days": 1})


def test_holidays_and_working_weekdays_shift_dates(project, pm):
    first, second = build_chain(project, [3, 2])
    calendar_update(
        actor=pm, project=project, working_weekdays=[0, 1, 2, 3, 4], holidays=[(MARCH(3), "Spring day")]
    )
    assert refreshed(first).planned_finish == MARCH(5)
    assert (refreshed(second).planned_start, second.planned_finish) == (MARCH(6), MARCH(9))
    calendar_update(actor=pm, project=project, working_weekdays=[0, 1, 2, 3, 4, 5], holidays=[])
    # Saturday now counts: T2 runs Thursday 5 to Friday 6, T1 Monday to Wednesday.
    assert (refreshed(second).planned_start, second.planned_finish) == (MARCH(5), MARCH(6))
    with pytest.raises(ValidationError):
        calendar_update(actor=pm, project=project, working_weekdays=[], holidays=[])


def test_constraints_delay_a_start_and_an_unmeetable_deadline_gives_negative_float(project, pm):
    first, second = build_chain(project, [3, 2])
    task_update(
        actor=pm,
        task=first,
        expected_version=1,
        changes={"constraint_type": ScheduleConstraint.START_NO_EARLIER_THAN, "constraint_date": MARCH(4)},
    )
    assert refreshed(first).planned_start == MARCH(4)
    second = refreshed(second)
    task_update(
        actor=pm,
        task=second,
        expected_version=second.version,
        changes={"constraint_type": ScheduleConstraint.FINISH_NO_LATER_THAN, "constraint_date": MARCH(9)},
    )
    # T1 runs Wednesday 4 to Friday 6, so T2 finishes Tuesday 10 at the earliest: a day past the deadline.
    assert refreshed(second).total_float_days == -1
    assert refreshed(first).is_critical and second.is_critical


def test_a_milestone_takes_no_time(project, pm):
    first, _ = build_chain(project, [3, 2])
    milestone = task_create(actor=pm, project=project, name="Signed off", is_milestone=True)
    dependency_add(actor=pm, predecessor=first, successor=milestone)
    milestone = refreshed(milestone)
    assert milestone.duration_days == 0
    assert milestone.planned_start == milestone.planned_finish


def test_the_assignee_must_be_on_the_team(project, pm):
    (task,) = build_chain(project, [1])
    stranger = MembershipFactory().user
    with pytest.raises(ValidationError):
        task_update(actor=pm, task=task, expected_version=1, changes={"assignee": stranger})


def test_burndown_is_recorded_once_per_day_from_progress(project, pm):
    first, second = build_chain(project, [4, 2])
    task_update(actor=pm, task=first, expected_version=1, changes={"percent_complete": 50})
    point = burndown_record(project=project, on=MARCH(3))
    assert point.remaining_work_days == Decimal("4.00")  # 4 x 0.5 + 2
    assert point.planned_remaining_work_days == Decimal("4.00")  # two of T1's days are planned done
    task_update(
        actor=pm,
        task=refreshed(first),
        expected_version=refreshed(first).version,
        changes={"percent_complete": 100},
    )
    burndown_record(project=project, on=MARCH(3))
    assert BurndownPoint.objects.filter(project=project).count() == 1
    assert BurndownPoint.objects.get(project=project).remaining_work_days == Decimal("2.00")


def _reschedule_queries(project) -> int:
    with CaptureQueriesContext(connection) as queries:
        project_reschedule(project=project)
    return len(queries)


def test_rescheduling_costs_the_same_number_of_queries_at_20_and_200_tasks():
    small, large = PlannedProjectFactory(), PlannedProjectFactory()
    build_chain(small, [2] * 20)
    build_chain(large, [2] * 200)
    # Shift every task of both plans so that each reschedule writes every row.
    for project in (small, large):
        project.start_date = PLAN_START + datetime.timedelta(days=7)
        project.save()
    assert _reschedule_queries(small) == _reschedule_queries(large)


# --- the rules of a task, once for every path ---------------------------------------------------------------


def test_a_typed_start_holds_the_task_to_start_no_earlier_than_it(project, pm):
    first, second = build_chain(project, [2, 2], linked=False)
    moved = task_update(actor=pm, task=second, expected_version=1, changes={"start": MARCH(11)})
    assert (moved.constraint_type, moved.constraint_date) == (
        ScheduleConstraint.START_NO_EARLIER_THAN,
        MARCH(11),
    )
    assert moved.planned_start == MARCH(11)


def test_a_typed_finish_becomes_the_duration_on_the_project_calendar(project, pm):
    (task,) = build_chain(project, [2])
    # Monday 2 March to Tuesday 10 March: 7 working days over the weekend.
    assert (
        task_update(actor=pm, task=task, expected_version=1, changes={"finish": MARCH(10)}).duration_days == 7
    )


def test_a_typed_finish_before_the_start_is_refused_on_the_finish(project, pm):
    (task,) = build_chain(project, [2])
    with pytest.raises(ValidationError) as refused:
        task_update(actor=pm, task=task, expected_version=1, changes={"finish": MARCH(1)})
    assert refused.value.message_dict == {"finish": ["The finish cannot be before the start."]}
    assert refreshed(task).version == 1


def test_a_summary_task_refuses_typed_dates_and_what_it_rolls_up(project, pm):
    phase = task_create(actor=pm, project=project, name="Phase")
    task_create(actor=pm, project=project, name="Work", parent=phase, duration_days=3)
    phase = refreshed(phase)
    with pytest.raises(ValidationError) as refused:
        task_update(
            actor=pm,
            task=phase,
            expected_version=phase.version,
            changes={"start": MARCH(9), "duration_days": 4},
        )
    assert refused.value.message_dict == {
        "duration_days": ["A summary task takes this from its subtasks."],
        "start": ["A summary task takes its dates from its subtasks."],
    }


def test_marking_a_task_as_a_milestone_takes_its_duration_away(project, pm):
    (task,) = build_chain(project, [4])
    milestone = task_update(actor=pm, task=task, expected_version=1, changes={"is_milestone": True})
    assert (milestone.is_milestone, milestone.duration_days) == (True, 0)
    assert milestone.planned_start == milestone.planned_finish


def test_giving_a_milestone_a_duration_makes_it_a_work_task(project, pm):
    milestone = task_create(actor=pm, project=project, name="Gate", is_milestone=True, duration_days=5)
    assert (milestone.is_milestone, milestone.duration_days) == (True, 0)
    work = task_update(
        actor=pm, task=milestone, expected_version=milestone.version, changes={"duration_days": 3}
    )
    assert (work.is_milestone, work.duration_days) == (False, 3)


def test_a_milestone_finishes_the_day_it_starts(project, pm):
    milestone = task_create(actor=pm, project=project, name="Gate", is_milestone=True)
    with pytest.raises(ValidationError) as refused:
        task_update(
            actor=pm, task=milestone, expected_version=milestone.version, changes={"finish": MARCH(20)}
        )
    assert list(refused.value.message_dict) == ["finish"]


def test_who_may_change_which_field_of_a_task():
    world = build_access_world(PmoType.SUPPORTIVE)
    work, summary_child = build_chain(world.project_of_pm1, [2, 2], linked=False)
    Task.objects.filter(pk=work.pk).update(assignee=world.member)
    summary = task_create(actor=world.pm1, project=world.project_of_pm1, name="Phase")
    task_move(actor=world.pm1, task=summary_child, parent=summary, position=0)
    milestone = task_create(actor=world.pm1, project=world.project_of_pm1, name="Gate", is_milestone=True)
    work, summary, milestone = refreshed(work), refreshed(summary), refreshed(milestone)

    assert task_editable_fields(user=world.pm1, task=work, may_edit_plan=True) == TASK_EDITABLE_FIELDS
    assert task_editable_fields(user=world.member, task=work, may_edit_plan=False) == PROGRESS_FIELDS
    assert task_editable_fields(user=world.sponsor, task=work, may_edit_plan=False) == ()
    assert "finish" not in task_editable_fields(user=world.pm1, task=milestone, may_edit_plan=True)
    summary_fields = task_editable_fields(user=world.pm1, task=summary, may_edit_plan=True)
    assert "name" in summary_fields
    assert not {"start", "finish", "duration_days", "is_milestone", "planned_cost", "percent_complete"} & set(
        summary_fields
    )
