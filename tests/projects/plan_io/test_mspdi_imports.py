"""MS Project files imported as MS Project schedules them: floats and critical flags as in the file,
manually scheduled and started tasks keeping their dates, and cost, notes, calendar and resources read.

Small files are built here as strings; the real ones come from shared/benchmarks/mspdi (SOURCE.md).
"""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from projects.models import CalendarHoliday, ProjectCalendar, Task
from projects.plan_io.imports import plan_import
from projects.plan_io.mspdi.reader import parse_mspdi, read_mspdi
from projects.plan_io.rows import PlanImportError
from tests.factories import MembershipFactory
from tests.factories.plans import PLAN_START, PlannedProjectFactory
from tests.shared_data import SHARED_BENCHMARKS, mspdi_sample

pytestmark = pytest.mark.django_db

BENCHMARK_FILES = sorted(path.name for path in (SHARED_BENCHMARKS / "mspdi").glob("*.xml"))


def day(number: int) -> datetime.date:
    """A day of March 2026; the plans below start on Monday 2 March."""
    return datetime.date(2026, 3, number)


def mspdi(tasks: str, *, calendars: str = "", resources: str = "") -> bytes:
    """A small MSPDI file starting Monday 2 March 2026, with the given Task elements."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Project xmlns="http://schemas.microsoft.com/project">
  <Name>small</Name><StartDate>2026-03-02T08:00:00</StartDate><MinutesPerDay>480</MinutesPerDay>
  <CalendarUID>1</CalendarUID>{calendars}
  <Tasks>
    <Task><UID>0</UID><Name>small</Name><OutlineLevel>0</OutlineLevel><Summary>1</Summary></Task>
    {tasks}
  </Tasks>{resources}
</Project>""".encode()


def task(uid: int, name: str, hours: int, start: int, finish: int, *, extra: str = "", after: int = 0) -> str:
    link = f"<PredecessorLink><PredecessorUID>{after}</PredecessorUID><Type>1</Type></PredecessorLink>"
    return (
        f"<Task><UID>{uid}</UID><ID>{uid}</ID><Name>{name}</Name><OutlineLevel>1</OutlineLevel>"
        f"<Duration>PT{hours}H0M0S</Duration><Start>2026-03-{start:02d}T08:00:00</Start>"
        f"<Finish>2026-03-{finish:02d}T17:00:00</Finish>{extra}{link if after else ''}</Task>"
    )


def import_into(project, data: bytes):
    return plan_import(actor=project.project_manager, project=project, data=data, file_name="plan.xml")


def tasks_by_name(project) -> dict[str, Task]:
    return {task.name: task for task in Task.objects.filter(project=project)}


# --- the same floats and critical flags as MS Project ---------------------------------------------------


@pytest.mark.parametrize("file_name", BENCHMARK_FILES)
def test_every_task_gets_the_total_float_and_critical_flag_ms_project_stored_in_the_file(pm, file_name):
    source = read_mspdi(mspdi_sample(file_name))
    project = PlannedProjectFactory(project_manager=pm, start_date=source.start.date())

    import_into(project, mspdi_sample(file_name).read_bytes())

    expected = [task for task in source.tasks if task.uid != 0]
    imported = list(Task.objects.filter(project=project).order_by("outline_order"))
    assert [task.name for task in imported] == [task.name for task in expected]
    differences = [
        (task.name, task.total_float_days, file_task.total_slack_days, task.is_critical, file_task.critical)
        for task, file_task in zip(imported, expected, strict=True)
        if abs(task.total_float_days - file_task.total_slack_days) > 0.5
        or task.is_critical != file_task.critical
    ]
    assert differences == []


def test_the_benchmark_files_are_there():
    assert BENCHMARK_FILES == ["mspdirelations.xml", "sample.xml"]


# --- manually scheduled tasks ---------------------------------------------------------------------------


def test_a_manually_scheduled_task_keeps_its_dates_and_the_report_says_so(project):
    # B is manual: MS Project left it on 4-5 March although A runs to 6 March. C follows B.
    data = mspdi(
        task(1, "A", 40, 2, 6)
        + task(2, "B", 16, 4, 5, after=1, extra="<Manual>1</Manual>")
        + task(3, "C", 8, 6, 6, after=2)
    )

    result = import_into(project, data)

    tasks = tasks_by_name(project)
    assert (tasks["B"].manual, tasks["B"].planned_start, tasks["B"].planned_finish) == (True, day(4), day(5))
    assert tasks["B"].duration_days == 2
    assert (tasks["C"].manual, tasks["C"].planned_start) == (False, day(6))
    assert "1 manually scheduled task(s) kept their dates: “B”." in result.warnings


def test_without_the_manual_flag_the_same_task_follows_its_predecessor(project):
    data = mspdi(task(1, "A", 40, 2, 6) + task(2, "B", 16, 4, 5, after=1) + task(3, "C", 8, 6, 6, after=2))

    import_into(project, data)

    assert tasks_by_name(project)["B"].planned_start == day(9)


# --- progress -----------------------------------------------------------------------------------------


def test_started_and_finished_tasks_are_scheduled_from_their_actual_dates(project):
    # A was planned for 3 days, took 4 (2-5 March); B started on 4 March, before A finished.
    data = mspdi(
        task(
            1,
            "A",
            32,
            2,
            5,
            extra="<PercentComplete>100</PercentComplete><ActualStart>2026-03-02T08:00:00</ActualStart>"
            "<ActualFinish>2026-03-05T17:00:00</ActualFinish>",
        )
        + task(
            2,
            "B",
            24,
            4,
            6,
            after=1,
            extra="<PercentComplete>50</PercentComplete><ActualStart>2026-03-04T08:00:00</ActualStart>",
        )
        + task(3, "C", 8, 9, 9, after=2)
    )

    result = import_into(project, data)

    tasks = tasks_by_name(project)
    assert [
        (tasks[name].actual_start, tasks[name].actual_finish, tasks[name].percent_complete) for name in "ABC"
    ] == [(day(2), day(5), 100), (day(4), None, 50), (None, None, 0)]
    assert (tasks["A"].planned_start, tasks["A"].planned_finish) == (day(2), day(5))
    assert (tasks["B"].planned_start, tasks["B"].planned_finish) == (day(4), day(6))
    assert tasks["C"].planned_start == day(9)
    assert "1 started task(s) start on their actual start: “B”." in result.warnings
    assert "1 finished task(s) keep their actual dates: “A”." in result.warnings


def test_an_actual_finish_before_the_actual_start_is_reported_by_the_task_id(project):
    data = mspdi(
        task(
            1,
            "A",
            8,
            2,
            2,
            extra="<ActualStart>2026-03-05T08:00:00</ActualStart><ActualFinish>2026-03-03T17:00:00</ActualFinish>",
        )
    )
    with pytest.raises(Exception, match="1 problem") as caught:
        import_into(project, data)
    assert [str(problem) for problem in caught.value.problems] == [
        "Row 1, ActualFinish: the actual finish cannot be before the actual start."
    ]


def test_costs_out_of_range_are_reported_by_the_task_id(project):
    data = mspdi(
        task(1, "A", 8, 2, 2, extra="<Cost>-100</Cost>")
        + task(2, "B", 8, 2, 2, extra="<Cost>1E+400</Cost>")
        + task(3, "C", 8, 2, 2, extra="<Cost>99999999999999</Cost>")
    )
    with pytest.raises(Exception, match="2 problem") as caught:
        import_into(project, data)
    assert [str(problem) for problem in caught.value.problems] == [
        "Row 1, Cost: a cost must be between 0 and 999999999999.99.",
        "Row 2, Cost: a cost must be between 0 and 999999999999.99.",
    ]


def test_a_cost_too_large_to_convert_from_hundredths_is_reported_not_a_crash(project):
    # 1E+9999999 hundredths: past the exponents of Decimal's context, so dividing by 100 overflows.
    data = mspdi(task(1, "A", 8, 2, 2, extra="<Cost>1E+9999999</Cost>"))
    with pytest.raises(PlanImportError) as caught:
        import_into(project, data)
    assert [str(problem) for problem in caught.value.problems] == [
        "Bad MS Project XML: task 1: Cost is out of range, got '1E+9999999'"
    ]
    assert not Task.objects.filter(project=project).exists()


HUGE = "9" * 400


@pytest.mark.parametrize(
    ("element", "value"),
    [
        ("Duration", f"P{HUGE}D"),  # a float of infinity days
        ("LinkLag", HUGE),  # too large an integer to divide into a float
        ("TotalSlack", HUGE),
    ],
)
def test_numbers_too_large_for_the_engine_are_refused_naming_the_task_not_a_crash(project, element, value):
    link = "<PredecessorLink><PredecessorUID>2</PredecessorUID><LinkLag>{}</LinkLag></PredecessorLink>"
    first = task(
        1, "A", 8, 2, 2, extra=f"<TotalSlack>{value}</TotalSlack>" if element == "TotalSlack" else ""
    )
    if element == "Duration":
        first = first.replace("<Duration>PT8H0M0S</Duration>", f"<Duration>{value}</Duration>")
    if element == "LinkLag":
        first = first.replace("</Task>", link.format(value) + "</Task>")
    with pytest.raises(PlanImportError) as caught:
        import_into(project, mspdi(first + task(2, "B", 8, 2, 2)))
    assert len(caught.value.problems) == 1
    assert str(caught.value.problems[0]).startswith(f"Bad MS Project XML: task 1: {element} ")
    assert not Task.objects.filter(project=project).exists()


def test_moments_on_the_last_and_first_days_a_date_can_hold_convert_without_overflow():
    # After the day's end work begins the next day, and a finish at the day's start ends the day
    # before: neither may step past date.max (Friday 9999-12-31) or date.min (Monday 0001-01-01).
    source = parse_mspdi(mspdi(task(1, "A", 8, 2, 2)))
    # Naive, as MSPDI writes them (the reader parses them with fromisoformat too).
    moment = datetime.datetime.fromisoformat
    last_morning, last_evening = moment("9999-12-31T08:00:00"), moment("9999-12-31T18:00:00")
    first_morning, first_evening = moment("0001-01-01T08:00:00"), moment("0001-01-01T17:00:00")
    assert source.start_offset(last_evening) == source.start_offset(last_morning) + 1
    assert source.finish_offset(first_morning) == source.finish_offset(first_evening) - 1


# --- cost, notes, calendar, resources -------------------------------------------------------------------

CALENDAR = """
  <Calendars><Calendar><UID>1</UID><Name>Standard</Name><IsBaseCalendar>1</IsBaseCalendar><WeekDays>
    <WeekDay><DayType>1</DayType><DayWorking>0</DayWorking></WeekDay>
    <WeekDay><DayType>7</DayType><DayWorking>1</DayWorking></WeekDay>
    <WeekDay><DayType>0</DayType><DayWorking>0</DayWorking>
      <TimePeriod><FromDate>2026-03-04T00:00:00</FromDate><ToDate>2026-03-05T23:59:00</ToDate></TimePeriod>
    </WeekDay>
  </WeekDays></Calendar></Calendars>"""

RESOURCES = """
  <Resources>
    <Resource><UID>1</UID><Name>Li Wei</Name></Resource>
    <Resource><UID>2</UID><Name>helper</Name></Resource>
    <Resource><UID>3</UID><Name>Zhao Lei</Name></Resource>
  </Resources>
  <Assignments>
    <Assignment><TaskUID>1</TaskUID><ResourceUID>1</ResourceUID></Assignment>
    <Assignment><TaskUID>2</TaskUID><ResourceUID>3</ResourceUID></Assignment>
    <Assignment><TaskUID>2</TaskUID><ResourceUID>2</ResourceUID></Assignment>
    <Assignment><TaskUID>2</TaskUID><ResourceUID>1</ResourceUID></Assignment>
    <Assignment><TaskUID>3</TaskUID><ResourceUID>3</ResourceUID></Assignment>
  </Assignments>"""


def test_cost_notes_calendar_and_resources_are_imported(project, pm, member):
    MembershipFactory(project=project, user=member)
    CalendarHoliday.objects.create(
        calendar=ProjectCalendar.objects.create(project=project), date=day(20), name="Ours"
    )
    data = mspdi(
        task(1, "A", 16, 2, 3, extra="<Cost>123456</Cost><Notes>Ask &lt;Li&gt; first\nthen 王芳</Notes>")
        + task(2, "B", 8, 6, 6, after=1)
        + task(3, "C", 8, 7, 7, after=2),
        calendars=CALENDAR,
        resources=RESOURCES,
    )

    result = import_into(project, data)

    tasks = tasks_by_name(project)
    assert tasks["A"].planned_cost == Decimal("1234.56")
    assert tasks["A"].notes == "Ask <Li> first\nthen 王芳"
    # Resources by full name or username; Zhao Lei is nobody on this project.
    assert [tasks[name].assignee for name in "ABC"] == [pm, member, None]
    assert any("Zhao Lei" in line for line in result.warnings)
    assert "1 task(s) have several people as resources; each went to the first of them." in result.warnings
    # Monday to Saturday, 4-5 March off (added to the project's own 20 March): A 2-3, B Fri 6, C Sat 7.
    calendar = ProjectCalendar.objects.get(project=project)
    assert calendar.weekdays == [0, 1, 2, 3, 4, 5]
    assert list(calendar.holidays.values_list("date", flat=True)) == [day(4), day(5), day(20)]
    assert [(tasks[name].planned_start, tasks[name].planned_finish) for name in "ABC"] == [
        (day(2), day(3)),
        (day(6), day(6)),
        (day(7), day(7)),
    ]


# Saturday 7 March worked and Tuesday 10 March off, once as WeekDay exceptions (DayType 0, every
# version of MS Project) and once as Exception elements (Project 2007 and later, which may write only
# those).
WORKING_SATURDAY_AS_WEEKDAYS = """
  <Calendars><Calendar><UID>1</UID><Name>Standard</Name><IsBaseCalendar>1</IsBaseCalendar><WeekDays>
    <WeekDay><DayType>1</DayType><DayWorking>0</DayWorking></WeekDay>
    <WeekDay><DayType>7</DayType><DayWorking>0</DayWorking></WeekDay>
    <WeekDay><DayType>0</DayType><DayWorking>1</DayWorking>
      <TimePeriod><FromDate>2026-03-07T00:00:00</FromDate><ToDate>2026-03-07T23:59:00</ToDate></TimePeriod>
      <WorkingTimes><WorkingTime><FromTime>08:00:00</FromTime><ToTime>12:00:00</ToTime></WorkingTime>
      </WorkingTimes>
    </WeekDay>
    <WeekDay><DayType>0</DayType><DayWorking>0</DayWorking>
      <TimePeriod><FromDate>2026-03-10T00:00:00</FromDate><ToDate>2026-03-10T23:59:00</ToDate></TimePeriod>
    </WeekDay>
  </WeekDays></Calendar></Calendars>"""
WORKING_SATURDAY_AS_EXCEPTIONS = """
  <Calendars><Calendar><UID>1</UID><Name>Standard</Name><IsBaseCalendar>1</IsBaseCalendar><WeekDays>
    <WeekDay><DayType>1</DayType><DayWorking>0</DayWorking></WeekDay>
    <WeekDay><DayType>7</DayType><DayWorking>0</DayWorking></WeekDay>
  </WeekDays><Exceptions>
    <Exception><EnteredByOccurrences>0</EnteredByOccurrences>
      <TimePeriod><FromDate>2026-03-07T00:00:00</FromDate><ToDate>2026-03-07T23:59:00</ToDate></TimePeriod>
      <Occurrences>1</Occurrences><Name>Make-up day</Name><Type>1</Type><DayWorking>1</DayWorking>
      <WorkingTimes><WorkingTime><FromTime>08:00:00</FromTime><ToTime>17:00:00</ToTime></WorkingTime>
      </WorkingTimes>
    </Exception>
    <Exception><EnteredByOccurrences>0</EnteredByOccurrences>
      <TimePeriod><FromDate>2026-03-10T00:00:00</FromDate><ToDate>2026-03-10T23:59:00</ToDate></TimePeriod>
      <Occurrences>1</Occurrences><Name>Holiday</Name><Type>1</Type><DayWorking>0</DayWorking>
    </Exception>
  </Exceptions></Calendar></Calendars>"""


@pytest.mark.parametrize("calendars", [WORKING_SATURDAY_AS_WEEKDAYS, WORKING_SATURDAY_AS_EXCEPTIONS])
def test_a_working_saturday_exception_in_the_file_is_imported_as_a_working_day(project, calendars):
    # A: Mon 2 .. Fri 6 and Sat 7 (6 days); B after it: Mon 9, Wed 11 (Tue 10 off).
    data = mspdi(task(1, "A", 48, 2, 7) + task(2, "B", 16, 9, 11, after=1), calendars=calendars)

    result = import_into(project, data)

    calendar = ProjectCalendar.objects.get(project=project)
    assert calendar.weekdays == [0, 1, 2, 3, 4]
    assert [(exception.date, exception.working) for exception in calendar.holidays.order_by("date")] == [
        (day(7), True),
        (day(10), False),
    ]
    tasks = tasks_by_name(project)
    assert (tasks["A"].planned_start, tasks["A"].planned_finish) == (day(2), day(7))
    assert (tasks["B"].planned_start, tasks["B"].planned_finish) == (day(9), day(11))
    assert any("1 non-working exception day(s) and 1 working day(s)" in line for line in result.warnings)


def test_the_sample_file_reports_its_recurring_task_and_keeps_its_notes_and_costs(pm):
    path = mspdi_sample("sample.xml")
    project = PlannedProjectFactory(project_manager=pm, start_date=datetime.date(2003, 1, 7))

    result = import_into(project, path.read_bytes())

    tasks = tasks_by_name(project)
    assert tasks["First Task"].notes == "Test Task Notes"
    # Cost 352625 hundredths on Second Task; the summary First Task rolls it up.
    assert tasks["Second Task"].planned_cost == tasks["First Task"].planned_cost == Decimal("3526.25")
    assert (
        "The recurring task “Recurring Task” was imported as a summary task of its occurrences (2)."
        in result.warnings
    )
    # Its resources are nobody here.
    assert any("First Resource, Second Resource" in line for line in result.warnings)


def test_the_file_start_still_differs_from_the_project_start_in_the_report(project):
    assert project.start_date == PLAN_START
    data = mspdi(task(1, "A", 8, 2, 2)).replace(b"<StartDate>2026-03-02", b"<StartDate>2026-03-09")
    result = import_into(project, data)
    assert any("2026-03-09" in line for line in result.warnings)


def test_the_report_is_written_in_the_users_language(project):
    data = mspdi(
        task(1, "A", 12, 2, 3)
        + task(2, "B", 16, 4, 5, after=1, extra="<Manual>1</Manual>")
        + task(
            3,
            "C",
            8,
            6,
            6,
            extra="<ConstraintType>2</ConstraintType><ConstraintDate>2026-03-06T08:00:00</ConstraintDate>",
        )
    )

    with translation.override("zh-hans"):
        result = import_into(project, data)

    assert result.warnings == [
        "任务 1 的工期已从 1.5 天取整为 2 天",
        "已忽略任务 3 的“必须开始于”限制",
        "1 个手动计划任务保留了原有日期：“B”。",
    ]
