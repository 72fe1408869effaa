"""MS Project XML (MSPDI) export: what the file says, that it is safe XML, and that it imports back."""

import datetime
from decimal import Decimal
from io import StringIO
from xml.etree import ElementTree

import pytest
from django.core.management import call_command
from django.urls import reverse

from projects.models import CalendarHoliday, Dependency, Project, ProjectCalendar, ProjectMembership, Task
from projects.plan_io.exports import plan_export
from projects.plan_io.imports import plan_import
from projects.plan_io.mspdi.reader import parse_mspdi
from projects.services.calendars import calendar_update
from projects.services.reschedule import project_reschedule
from tests.api_clients import authenticated_client
from tests.factories import MembershipFactory
from tests.factories.plans import PLAN_START, PlannedProjectFactory, build_chain

pytestmark = pytest.mark.django_db

NS = {"p": "http://schemas.microsoft.com/project"}


def plan_snapshot(project) -> list[tuple]:
    """Every task by WBS code with what a plan is made of, and every link by WBS codes."""
    tasks = [
        (
            task.wbs_code,
            task.name,
            task.is_summary,
            task.is_milestone,
            task.manual,
            task.duration_days,
            task.planned_start,
            task.planned_finish,
            task.total_float_days,
            task.is_critical,
            task.constraint_type,
            task.constraint_date,
            task.percent_complete,
            task.actual_start,
            task.actual_finish,
            task.planned_cost,
            task.assignee_id,
            task.notes,
        )
        for task in Task.objects.filter(project=project).order_by("outline_order")
    ]
    links = sorted(
        (link.predecessor.wbs_code, link.successor.wbs_code, link.type, link.lag_days)
        for link in Dependency.objects.filter(project=project).select_related("predecessor", "successor")
    )
    return [*tasks, *links]


def copy_of(project) -> Project:
    """An empty project with the same start, manager and team."""
    copy = PlannedProjectFactory(project_manager=project.project_manager, start_date=project.start_date)
    for membership in ProjectMembership.objects.filter(project=project):
        MembershipFactory(project=copy, user=membership.user)
    return copy


def test_an_mspdi_export_of_the_demo_plans_reimports_to_the_same_tasks_links_durations_and_wbs():
    call_command("seed_demo", stdout=StringIO())
    projects = list(Project.objects.filter(tasks__isnull=False).distinct().select_related("project_manager"))
    assert len(projects) >= 6
    for project in projects:
        export = plan_export(project=project, file_format="xml")
        copy = copy_of(project)

        result = plan_import(
            actor=project.project_manager, project=copy, data=export.content, file_name=export.file_name
        )

        assert result.format == "mspdi"
        assert plan_snapshot(copy) == plan_snapshot(project), project.code


@pytest.fixture
def small_plan(project, pm, member):
    """A phase of two linked tasks (one manual, one started, notes with markup), a milestone, a holiday."""
    MembershipFactory(project=project, user=member)
    calendar = ProjectCalendar.objects.create(project=project)
    CalendarHoliday.objects.create(calendar=calendar, date=datetime.date(2026, 3, 10), name="Holiday")
    CalendarHoliday.objects.create(calendar=calendar, date=datetime.date(2026, 3, 11), name="Holiday")
    phase = Task.objects.create(project=project, name="Phase <1> & co", position=0)
    Task.objects.bulk_create(
        [
            Task(
                project=project,
                parent=phase,
                position=0,
                name="Design",
                duration_days=3,
                planned_cost=Decimal("1200.50"),
                assignee=pm,
                actual_start=PLAN_START,
                percent_complete=40,
                notes="Ask </Notes> first, then 王芳",
            ),
            Task(project=project, parent=phase, position=1, name="Build", duration_days=2, assignee=member),
            Task(project=project, position=1, name="Gate", is_milestone=True, duration_days=0),
        ]
    )
    tasks = {task.name: task for task in Task.objects.filter(project=project)}
    Dependency.objects.create(
        project=project, predecessor=tasks["Design"], successor=tasks["Build"], lag_days=1
    )
    Dependency.objects.create(project=project, predecessor=tasks["Build"], successor=tasks["Gate"], type="SS")
    project_reschedule(project=project)
    Task.objects.filter(pk=tasks["Build"].pk).update(manual=True)
    project_reschedule(project=project)
    return project


def test_the_export_is_mspdi_with_durations_lags_calendar_and_resources(small_plan):
    export = plan_export(project=small_plan, file_format="xml")

    assert export.file_name == f"{small_plan.code}-plan.xml"
    assert export.content_type == "application/xml"
    root = ElementTree.fromstring(export.content)  # noqa: S314 - our own output
    tasks = {task.findtext("p:Name", namespaces=NS): task for task in root.findall("p:Tasks/p:Task", NS)}
    design, build, gate = tasks["Design"], tasks["Build"], tasks["Gate"]
    assert design.findtext("p:Duration", namespaces=NS) == "PT24H0M0S"
    assert design.findtext("p:Cost", namespaces=NS) == "120050"
    assert design.findtext("p:Notes", namespaces=NS) == "Ask </Notes> first, then 王芳"
    assert design.findtext("p:ActualStart", namespaces=NS) == "2026-03-02T08:00:00"
    assert build.findtext("p:Manual", namespaces=NS) == "1"
    link = build.find("p:PredecessorLink", NS)
    assert [link.findtext(f"p:{tag}", namespaces=NS) for tag in ("Type", "LinkLag", "LagFormat")] == [
        "1",
        "4800",
        "7",
    ]
    assert gate.find("p:PredecessorLink/p:Type", NS).text == "3"
    assert gate.findtext("p:Milestone", namespaces=NS) == "1"
    assert tasks["Phase <1> & co"].findtext("p:Summary", namespaces=NS) == "1"
    holidays = root.findall("p:Calendars/p:Calendar/p:WeekDays/p:WeekDay[p:DayType='0']", NS)
    assert [h.findtext("p:TimePeriod/p:FromDate", namespaces=NS) for h in holidays] == ["2026-03-10T00:00:00"]
    assert [h.findtext("p:TimePeriod/p:ToDate", namespaces=NS) for h in holidays] == ["2026-03-11T23:59:00"]
    names = [
        resource.findtext("p:Name", namespaces=NS) for resource in root.findall("p:Resources/p:Resource", NS)
    ]
    assert names == ["Li Wei", "Wang Fang"]
    # Read back by the portal's own reader.
    parsed = parse_mspdi(export.content)
    assert parsed.calendar.holidays == {datetime.date(2026, 3, 10), datetime.date(2026, 3, 11)}
    assert parsed.resource_names(int(design.findtext("p:UID", namespaces=NS))) == ["Li Wei"]


def test_the_small_plan_imports_back_the_same_with_manual_task_progress_notes_and_assignees(small_plan):
    export = plan_export(project=small_plan, file_format="xml")
    copy = copy_of(small_plan)

    plan_import(actor=small_plan.project_manager, project=copy, data=export.content, file_name="plan.xml")

    assert plan_snapshot(copy) == plan_snapshot(small_plan)
    assert list(copy.calendar.holidays.values_list("date", flat=True)) == [
        datetime.date(2026, 3, 10),
        datetime.date(2026, 3, 11),
    ]


FEBRUARY = lambda day: datetime.date(2026, 2, day)  # noqa: E731 - reads like a calendar in the asserts


@pytest.fixture
def spring_festival_plan(pm):
    """From Monday 9 February 2026 on the China calendar (Spring Festival off Sunday 15 to Monday 23,
    Saturdays 14 and 28 worked), with Friday 6 March off and Sunday 8 March worked for this project:
    T1 (10 d) -> T2 (1 d) -> T3 (5 d)."""
    project = PlannedProjectFactory(
        project_manager=pm, start_date=FEBRUARY(9), finish_date=datetime.date(2026, 6, 30)
    )
    calendar_update(
        actor=pm,
        project=project,
        working_weekdays=[0, 1, 2, 3, 4],
        holidays=[(datetime.date(2026, 3, 6), "Offsite"), (datetime.date(2026, 3, 8), "Release", True)],
        official_holidays="china",
    )
    build_chain(project, [10, 1, 5])
    return project


def test_a_china_calendar_plan_across_the_spring_festival_reimports_with_its_working_days(
    spring_festival_plan,
):
    export = plan_export(project=spring_festival_plan, file_format="xml")
    copy = copy_of(spring_festival_plan)

    result = plan_import(
        actor=spring_festival_plan.project_manager, project=copy, data=export.content, file_name="plan.xml"
    )

    assert plan_snapshot(copy) == plan_snapshot(spring_festival_plan)
    # By hand: T1 Mon 9 .. Fri 13, Sat 14 (调休), Tue 24 .. Fri 27; T2 Sat 28 (调休);
    # T3 Mon 2 .. Thu 5 March, Sun 8 (worked for the project; Fri 6 and Sat 7 off).
    dates = [(task.planned_start, task.planned_finish) for task in Task.objects.filter(project=copy)]
    assert sorted(dates) == [
        (FEBRUARY(9), FEBRUARY(27)),
        (FEBRUARY(28), FEBRUARY(28)),
        (datetime.date(2026, 3, 2), datetime.date(2026, 3, 8)),
    ]
    # The copy follows no official calendar: the days came from the file, and count the same.
    calendar = ProjectCalendar.objects.get(project=copy)
    working = set(calendar.holidays.filter(working=True).values_list("date", flat=True))
    off = set(calendar.holidays.filter(working=False).values_list("date", flat=True))
    assert {FEBRUARY(14), FEBRUARY(28), datetime.date(2026, 3, 8)} <= working
    assert {FEBRUARY(day) for day in range(15, 24)} | {datetime.date(2026, 3, 6)} <= off
    assert any("copied into the project's calendar" in line for line in result.warnings)


def test_into_a_project_on_the_china_calendar_only_the_days_it_lacks_are_copied(spring_festival_plan):
    export = plan_export(project=spring_festival_plan, file_format="xml")
    copy = copy_of(spring_festival_plan)
    ProjectCalendar.objects.create(project=copy, official_holidays="china")

    plan_import(
        actor=spring_festival_plan.project_manager, project=copy, data=export.content, file_name="plan.xml"
    )

    assert plan_snapshot(copy) == plan_snapshot(spring_festival_plan)
    # The official days are already the calendar's: only the project's own exceptions come along.
    assert list(copy.calendar.holidays.values_list("date", "working")) == [
        (datetime.date(2026, 3, 6), False),
        (datetime.date(2026, 3, 8), True),
    ]


def test_the_export_writes_the_plans_official_days_as_ms_project_exceptions(spring_festival_plan):
    root = ElementTree.fromstring(plan_export(project=spring_festival_plan, file_format="xml").content)  # noqa: S314

    calendar = root.find("p:Calendars/p:Calendar", NS)
    weekday_exceptions = calendar.findall("p:WeekDays/p:WeekDay[p:DayType='0']", NS)
    exceptions = calendar.findall("p:Exceptions/p:Exception", NS)
    for entries in (weekday_exceptions, exceptions):
        found = {
            (
                entry.findtext("p:TimePeriod/p:FromDate", namespaces=NS)[:10],
                entry.findtext("p:TimePeriod/p:ToDate", namespaces=NS)[:10],
                entry.findtext("p:DayWorking", namespaces=NS),
                len(entry.findall("p:WorkingTimes/p:WorkingTime", NS)),
            )
            for entry in entries
        }
        assert ("2026-02-14", "2026-02-14", "1", 2) in found
        assert ("2026-02-15", "2026-02-23", "0", 0) in found
        assert ("2026-02-28", "2026-02-28", "1", 2) in found
        assert ("2026-03-06", "2026-03-06", "0", 0) in found
        assert ("2026-03-08", "2026-03-08", "1", 2) in found
        # Only the years the plan spans (2026), not every year the official source covers.
        assert {start[:4] for start, *_ in found} == {"2026"}
    assert [
        local_tags(entry) for entry in exceptions if entry.findtext("p:DayWorking", namespaces=NS) == "1"
    ][0] == [
        "EnteredByOccurrences",
        "TimePeriod",
        "Occurrences",
        "Name",
        "Type",
        "DayWorking",
        "WorkingTimes",
    ]


def test_characters_xml_cannot_carry_are_left_out_of_the_export(project):
    (task,) = build_chain(project, [1])
    Task.objects.filter(pk=task.pk).update(name="Bad\x01name", notes="a\x0bb\x1fc")

    export = plan_export(project=project, file_format="xml")

    (read,) = [task for task in parse_mspdi(export.content).tasks if task.uid]
    assert (read.name, read.notes) == ("Badname", "abc")


def test_the_export_endpoint_sends_the_xml_file_and_the_page_links_to_it(project):
    build_chain(project, [2, 3])
    client = authenticated_client(project.project_manager)

    response = client.get(reverse("api:plan-export", args=[project.pk, "xml"]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    assert response["Content-Disposition"] == f'attachment; filename="{project.code}-plan.xml"'
    assert [task.name for task in parse_mspdi(response.content).tasks] == [project.name, "T1", "T2"]
    client.force_login(project.project_manager)
    page = client.get(reverse("projects:plan_import", args=[project.pk]))
    assert reverse("api:plan-export", args=[project.pk, "xml"]) in page.content.decode()


# The order of Task children in the MSPDI schema (mspdi_pj12.xsd, with Project 2010's Manual after Name),
# as far as the export writes them: MS Project refuses a file whose elements are out of order.
SCHEMA_TASK_ORDER = (
    "UID ID Name Manual WBS OutlineNumber OutlineLevel Start Finish Duration DurationFormat Milestone "
    "Summary Critical FreeSlack TotalSlack FixedCost PercentComplete Cost ActualStart ActualFinish "
    "ConstraintType CalendarUID ConstraintDate Notes PredecessorLink"
).split()
SCHEMA_PROJECT_ORDER = (
    "SaveVersion Name Title ScheduleFromStart StartDate CurrencyCode CalendarUID DefaultStartTime "
    "DefaultFinishTime MinutesPerDay MinutesPerWeek DaysPerMonth Calendars Tasks Resources Assignments"
).split()


def local_tags(element) -> list[str]:
    return [child.tag.partition("}")[2] for child in element]


def test_the_export_writes_elements_in_the_order_of_the_mspdi_schema(small_plan):
    root = ElementTree.fromstring(plan_export(project=small_plan, file_format="xml").content)  # noqa: S314

    assert local_tags(root) == SCHEMA_PROJECT_ORDER
    for task in root.findall("p:Tasks/p:Task", NS):
        tags = local_tags(task)
        assert set(tags) <= set(SCHEMA_TASK_ORDER)
        assert tags == sorted(tags, key=SCHEMA_TASK_ORDER.index)
