"""Recording the plan's audit trail: what each plan write leaves in PlanEvent, and who it names."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from projects.models import PlanEvent, PlanEventKind, Project, Task
from projects.plan_io.imports import plan_import
from projects.selectors.history import project_change_history
from projects.services.baselines import baseline_save
from projects.services.calendars import calendar_update
from projects.services.costs import cost_entry_add
from projects.services.dependencies import dependency_add, dependency_remove
from projects.services.history.actors import remember_plan_actor
from projects.services.history.events import record_plan_import
from projects.services.structure import task_indent, task_move, task_outdent
from projects.services.tasks import task_create, task_delete, task_update
from tests.factories import UserFactory
from tests.factories.plans import TaskFactory, build_chain, refreshed

pytestmark = pytest.mark.django_db


def events(project) -> list[PlanEvent]:
    return list(PlanEvent.objects.filter(project=project).order_by("id"))


def only_event(project) -> PlanEvent:
    (event,) = events(project)
    return event


def test_a_task_change_lists_the_fields_the_person_changed_old_to_new_and_no_derived_dates(project, pm):
    tasks = build_chain(project, [2, 3])
    task_update(
        actor=pm,
        task=tasks[0],
        expected_version=1,
        changes={"name": "Design", "duration_days": 4, "planned_cost": Decimal("1200.50")},
    )
    # The successor moved two days later, and its planned start is not a change anyone typed.
    assert refreshed(tasks[1]).planned_start == datetime.date(2026, 3, 6)
    event = only_event(project)
    assert (event.kind, event.actor, event.subject) == (PlanEventKind.TASK_CHANGED, pm, "1 T1")
    assert event.changes == [
        {"field": "name", "old": "T1", "new": "Design"},
        {"field": "duration_days", "old": 2, "new": 4},
        {"field": "planned_cost", "old": "0.00", "new": "1200.50"},
    ]


def test_an_assignee_change_names_the_people_and_a_typed_start_becomes_its_constraint(project, pm, member):
    project.memberships.create(user=member)
    (task,) = build_chain(project, [2])
    task_update(
        actor=pm,
        task=task,
        expected_version=1,
        changes={"assignee": member, "start": datetime.date(2026, 3, 4)},
    )
    assert only_event(project).changes == [
        {"field": "constraint_type", "old": "", "new": "snet"},
        {"field": "constraint_date", "old": None, "new": "2026-03-04"},
        {"field": "assignee", "old": None, "new": "Wang Fang"},
    ]


def test_an_assignee_updating_progress_is_named_as_the_one_who_changed_it(project, pm, member):
    project.memberships.create(user=member)
    (task,) = build_chain(project, [2])
    task_update(actor=pm, task=task, expected_version=1, changes={"assignee": member})
    task_update(actor=member, task=task, expected_version=2, changes={"percent_complete": 40})
    latest = events(project)[-1]
    assert latest.actor == member
    assert latest.changes == [{"field": "percent_complete", "old": 0, "new": 40}]


def test_a_save_that_changes_nothing_leaves_no_entry(project, pm):
    (task,) = build_chain(project, [2])
    task_update(actor=pm, task=task, expected_version=1, changes={"name": "T1"})
    assert events(project) == []


def test_indent_and_outdent_record_the_new_parent_and_a_move_the_new_position(project, pm):
    first, second, third = build_chain(project, [1, 1, 1], linked=False)
    task_indent(actor=pm, task=second)
    task_outdent(actor=pm, task=refreshed(second))
    task_move(actor=pm, task=refreshed(third), parent=None, position=0)
    indent, outdent, move = events(project)
    assert indent.kind == outdent.kind == move.kind == PlanEventKind.TASK_MOVED
    assert (indent.subject, indent.changes) == ("2 T2", [{"field": "parent", "old": None, "new": "1 T1"}])
    assert (outdent.subject, outdent.changes) == ("1.1 T2", [{"field": "parent", "old": "1 T1", "new": None}])
    assert (move.subject, move.changes) == ("3 T3", [{"field": "position", "old": 2, "new": 0}])


def test_links_added_and_removed_are_named_with_their_tasks_type_and_lag(project, pm):
    first, second = build_chain(project, [1, 1], linked=False)
    link = dependency_add(actor=pm, predecessor=first, successor=second, type="SS", lag_days=2)
    dependency_remove(actor=pm, dependency=link)
    added, removed = events(project)
    assert (added.kind, removed.kind) == (PlanEventKind.DEPENDENCY_ADDED, PlanEventKind.DEPENDENCY_REMOVED)
    for event in (added, removed):
        assert event.actor == pm
        assert event.details == {"predecessor": "1 T1", "successor": "2 T2", "type": "SS", "lag_days": 2}


def test_a_link_whose_type_or_lag_changes_lists_them_old_to_new(project, pm):
    first, second = build_chain(project, [1, 1], linked=False)
    link = dependency_add(actor=pm, predecessor=first, successor=second)
    link.refresh_from_db()
    link.type, link.lag_days = "FF", -1
    link.save()
    changed = events(project)[-1]
    assert changed.kind == PlanEventKind.DEPENDENCY_CHANGED
    assert changed.changes == [
        {"field": "type", "old": "FS", "new": "FF"},
        {"field": "lag_days", "old": 0, "new": -1},
    ]


def test_baseline_cost_entry_and_task_creation_are_recorded_with_their_author(project, pm):
    (task,) = build_chain(project, [2])
    baseline_save(actor=pm, project=project, name="Approved")
    cost_entry_add(
        actor=pm, task=task, date=datetime.date(2026, 3, 3), amount=Decimal("250"), note="Licences"
    )
    task_create(actor=pm, project=project, name="Review")
    baseline, cost, created = events(project)
    assert (baseline.kind, baseline.subject, baseline.actor) == (PlanEventKind.BASELINE_SAVED, "Approved", pm)
    assert (cost.kind, cost.subject, cost.actor) == (PlanEventKind.COST_ENTRY_ADDED, "1 T1", pm)
    assert cost.details == {"amount": "250", "date": "2026-03-03", "note": "Licences"}
    assert (created.kind, created.subject, created.actor) == (PlanEventKind.TASK_CREATED, "Review", pm)


def test_a_calendar_change_lists_the_working_week_and_the_holidays_added_and_removed(project, pm):
    build_chain(project, [2])
    calendar_update(
        actor=pm,
        project=project,
        working_weekdays=[0, 1, 2, 3, 4],
        holidays=[(datetime.date(2026, 3, 3), "Day A")],
    )
    calendar_update(
        actor=pm,
        project=project,
        working_weekdays=[0, 1, 2, 3],
        holidays=[(datetime.date(2026, 3, 4), "Day B")],
    )
    calendar_update(
        actor=pm,
        project=project,
        working_weekdays=[0, 1, 2, 3],
        holidays=[(datetime.date(2026, 3, 4), "Day B")],
    )
    first, second = events(project)  # the third saved nothing new
    assert first.changes == [{"field": "holidays_added", "old": None, "new": ["2026-03-03 Day A"]}]
    assert second.changes == [
        {"field": "working_weekdays", "old": [0, 1, 2, 3, 4], "new": [0, 1, 2, 3]},
        {"field": "holidays_removed", "old": ["2026-03-03 Day A"], "new": None},
        {"field": "holidays_added", "old": None, "new": ["2026-03-04 Day B"]},
    ]


def test_a_calendar_change_that_turns_a_day_off_into_a_working_day_is_recorded(project, pm):
    build_chain(project, [2])
    saturday = datetime.date(2026, 2, 14)
    for working in (False, True):
        calendar_update(
            actor=pm,
            project=project,
            working_weekdays=[0, 1, 2, 3, 4],
            holidays=[(saturday, "Make-up", working)],
        )
    _first, toggled = events(project)
    assert toggled.changes == [
        {"field": "holidays_removed", "old": ["2026-02-14 Make-up"], "new": None},
        {"field": "working_days_added", "old": None, "new": ["2026-02-14 Make-up"]},
    ]
    newest = project_change_history(project)[0]
    assert [(change.label, change.old, change.new) for change in newest.changes] == [
        ("calendar exceptions removed", "2026-02-14 Make-up", "—"),
        ("calendar working days added", "—", "2026-02-14 Make-up"),
    ]


def test_an_import_leaves_one_entry_with_its_file_mode_and_counts_not_one_per_task(project, pm):
    build_chain(project, [1, 1, 1])
    rows = "".join(
        f"{number},Task {number},2,{number - 1 if number > 1 else ''}\n" for number in range(1, 301)
    )
    data = f"WBS,Name,Duration (days),Predecessors\n{rows}".encode()
    plan_import(actor=pm, project=project, data=data, file_name="plan.csv", replace=True)
    event = only_event(project)
    assert (event.kind, event.subject, event.actor) == (PlanEventKind.PLAN_IMPORTED, "plan.csv", pm)
    assert event.details == {
        "mode": "replace",
        "tasks_created": 300,
        "tasks_updated": 0,
        "tasks_deleted": 3,
        "links_created": 299,
    }


def test_deleting_a_phase_is_one_entry_and_deleting_the_project_records_nothing(project, pm):
    phase, work, other = build_chain(project, [1, 1, 1], linked=False)
    task_indent(actor=pm, task=work)
    PlanEvent.objects.all().delete()
    task_delete(actor=pm, task=refreshed(phase))  # its subtask goes with it
    event = only_event(project)
    assert (event.kind, event.subject) == (PlanEventKind.TASK_DELETED, "1 T1")
    project_id = project.pk
    Project.objects.get(pk=project_id).delete()
    assert not PlanEvent.objects.filter(project_id=project_id).exists()
    assert not Task.objects.filter(pk=other.pk).exists()


def test_a_refused_edit_leaves_no_entry(project, pm):
    first, second = build_chain(project, [1, 1])
    with pytest.raises(ValidationError):
        dependency_add(actor=pm, predecessor=second, successor=first)  # closes a cycle
    assert events(project) == []


def test_the_actor_of_a_service_is_not_lent_to_later_writes_that_name_nobody(project, pm):
    (task,) = build_chain(project, [1])
    task_update(actor=pm, task=task, expected_version=1, changes={"name": "Named"})
    TaskFactory(project=project, name="Loaded by a script")
    assert [(event.kind, event.actor) for event in events(project)] == [
        (PlanEventKind.TASK_CHANGED, pm),
        (PlanEventKind.TASK_CREATED, None),
    ]


def test_a_second_planner_is_named_for_their_own_edit(project, pm):
    other = UserFactory(is_superuser=True)  # an admin edits every plan
    (task,) = build_chain(project, [1])
    task_update(actor=pm, task=task, expected_version=1, changes={"name": "First"})
    task_update(actor=other, task=task, expected_version=2, changes={"name": "Second"})
    assert [event.actor for event in events(project)] == [pm, other]


def test_an_edit_in_the_admin_names_the_signed_in_admin(client, project):
    admin_user = UserFactory(is_superuser=True, is_staff=True, first_name="Zhao", last_name="Min")
    (task,) = build_chain(project, [2])
    client.force_login(admin_user)
    url = reverse("admin:projects_task_change", args=[task.pk])
    form = client.get(url).context["adminform"].form
    # The form as the browser sends it: unticked boxes and empty fields are left out.
    values = {name: form[name].value() for name in form.fields}
    data = {name: value for name, value in values.items() if value is not None and value is not False}
    data["notes"] = "Checked by the PMO"
    assert client.post(url, data).status_code == 302
    event = only_event(project)
    assert (event.actor, event.changes) == (
        admin_user,
        [{"field": "notes", "old": "", "new": "Checked by the PMO"}],
    )


def test_a_save_of_some_fields_lists_only_those(project, pm):
    (task,) = build_chain(project, [2])
    row = Task.objects.get(pk=task.pk)
    row.name, row.notes = "Renamed", "typed but not saved"
    row.save(update_fields=["name"])
    assert only_event(project).changes == [{"field": "name", "old": "T1", "new": "Renamed"}]


def test_rows_an_import_saves_one_by_one_give_way_to_its_one_summary(project, pm):
    tasks = build_chain(project, [1, 1, 1])
    TaskFactory(project=project, name="Before the import")  # another write's entry stays
    with transaction.atomic():
        remember_plan_actor(pm)  # as require_plan_editor does at the start of plan_import
        for task in tasks:
            row = Task.objects.get(pk=task.pk)
            row.duration_days = 5
            row.save()
        TaskFactory(project=project, name="Added by the import")
        record_plan_import(
            project=project, actor=pm, file_name="plan.xlsx", mode="update", tasks_created=1, tasks_updated=3
        )
    assert [(event.kind, event.subject) for event in events(project)] == [
        (PlanEventKind.TASK_CREATED, "Before the import"),
        (PlanEventKind.PLAN_IMPORTED, "plan.xlsx"),
    ]
