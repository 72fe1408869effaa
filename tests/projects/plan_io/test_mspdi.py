"""The MSPDI reader on MS Project's own files, and the engine checked against MS Project's results.

The two sample files (from the MPXJ test data, see shared/benchmarks/mspdi/SOURCE.md) live in
the `shared/` folder that sits beside the repository checkout.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from projects.plan_io.mspdi.activities import to_activities
from projects.plan_io.mspdi.reader import MspdiError, parse_mspdi, read_mspdi
from projects.scheduling import Link, LinkType, compute_schedule
from tests.shared_data import mspdi_sample


@pytest.fixture(scope="module")
def sample():
    return read_mspdi(mspdi_sample("sample.xml"))


@pytest.fixture(scope="module")
def relations():
    return read_mspdi(mspdi_sample("mspdirelations.xml"))


def links_of(project):
    return {
        (link.predecessor_uid, task.uid, link.type, link.lag_days)
        for task in project.tasks
        for link in task.predecessors
    }


def test_sample_file_properties_and_tasks(sample):
    assert sample.name == "sample"
    assert sample.minutes_per_day == 480
    assert sample.start.isoformat() == "2003-01-07T08:00:00"
    assert sample.calendar.working_weekdays == frozenset(range(5))
    assert len(sample.tasks) == 20
    assert [task.uid for task in sample.tasks] == [
        0,
        1,
        2,
        3,
        6,
        7,
        8,
        19,
        9,
        10,
        11,
        12,
        13,
        14,
        15,
        16,
        17,
        18,
        20,
        21,
    ]
    by_uid = {task.uid: task for task in sample.tasks}
    assert [by_uid[uid].name for uid in (1, 2, 3, 6, 19, 21)] == [
        "First Task",
        "Second Task",
        "Third task",
        "Recurring Task",
        "Task Relationships",
        "Related Task 6b",
    ]
    assert {task.uid for task in sample.tasks if task.summary} == {0, 1, 6, 19}
    assert {task.uid for task in sample.tasks if task.milestone} == {3}
    assert {task.uid for task in sample.tasks if task.critical} == {0, 1, 2}
    # The file's own quirk, kept as written: "Recurring Task" has WBS 1.3 but outline number 2.
    assert (by_uid[6].outline_level, by_uid[6].outline_number, by_uid[6].wbs, by_uid[6].id) == (
        1,
        "2",
        "1.3",
        4,
    )
    assert (by_uid[18].outline_level, by_uid[18].outline_number) == (2, "3.10")
    # PT800H0M0S, PT0H0M0S, PT168H0M0S and PT8H0M0S at 480 minutes a day.
    assert [by_uid[uid].duration_days for uid in (2, 3, 6, 9)] == [100.0, 0.0, 21.0, 1.0]
    assert by_uid[9].start.isoformat() == "2003-01-07T08:00:00"
    assert by_uid[9].finish.isoformat() == "2003-01-07T17:00:00"
    assert (by_uid[20].constraint_type, by_uid[20].constraint_date.isoformat()) == (4, "2003-01-08T08:00:00")


def test_sample_file_links(sample):
    # Type codes 1 = FS, 3 = SS, 0 = FF, 2 = SF; LinkLag 4800 tenths of a minute = one 8-hour day.
    assert links_of(sample) == {
        (9, 10, LinkType.FS, 0.0),
        (11, 12, LinkType.FS, 1.0),
        (13, 14, LinkType.FS, -1.0),
        (15, 16, LinkType.SS, 0.0),
        (17, 18, LinkType.FF, 0.0),
        (20, 21, LinkType.SF, 0.0),
    }


def test_relations_file_tasks_and_links(relations):
    assert [(task.uid, task.name) for task in relations.tasks] == [
        (0, ""),  # the project summary task has no Name element in this file
        (1, "Task 1"),
        (2, "Task 2"),
        (3, "Task 3"),
        (4, "Task 4"),
        (5, "Task 5"),
    ]
    assert [task.duration_days for task in relations.tasks[1:]] == [1.0] * 5
    assert links_of(relations) == {
        (1, 2, LinkType.FS, 0.0),
        (2, 3, LinkType.SS, 1.0),  # LinkLag 4800 with LagFormat 7 (days)
        (3, 4, LinkType.FF, 0.0),
        (4, 5, LinkType.SF, 0.0),
    }


def assert_engine_matches_file(project, activities, schedule):
    """Every leaf: MS Project's Critical, TotalSlack, FreeSlack, Start and Finish equal the engine's."""
    by_uid = {str(task.uid): task for task in project.tasks}
    for activity in activities:
        task, result = by_uid[activity.id], schedule.activities[activity.id]
        assert result.critical == task.critical, task.name
        assert result.total_float == task.total_slack_days, task.name
        assert result.free_float == task.free_slack_days, task.name
        assert result.early_start == project.start_offset(task.start), task.name
        assert result.early_finish == project.finish_offset(task.finish), task.name


def test_engine_reproduces_ms_project_on_the_relations_file(relations):
    # T1 0-1; T2 FS: 1-2; T3 SS+1 day: 2-3 (the Monday, after the weekend); T4 FF: 2-3;
    # T5 SF: EF(T5) >= ES(T4) = 2, so 1-2, with a day of float. MS Project agrees.
    converted = to_activities(relations)
    schedule = compute_schedule(converted.activities)

    assert converted.notes == []
    assert schedule.project_duration == 3
    assert [converted.names[uid] for uid in schedule.critical_path] == [
        "Task 1",
        "Task 2",
        "Task 3",
        "Task 4",
    ]
    assert_engine_matches_file(relations, converted.activities, schedule)


def test_engine_critical_path_on_the_sample_file_matches_its_critical_flags(sample):
    converted = to_activities(sample)
    schedule = compute_schedule(converted.activities)

    flagged = {str(task.uid) for task in sample.tasks if task.critical and not task.summary and task.uid != 0}
    assert set(schedule.critical_path) == flagged == {"2"}
    assert converted.notes == [
        "Left out 3 summary task(s), dated from their subtasks: "
        "'First Task', 'Recurring Task', 'Task Relationships'",
        "Took the duration of task 2 from its dates: 50 working days, not the 100 days of its Duration",
    ]
    # The file links no summary task, so no link was dropped or rewritten.
    assert sum(len(activity.predecessors) for activity in converted.activities) == 6


def test_engine_reproduces_ms_project_on_the_sample_file_taking_second_task_from_its_dates(sample):
    # "Second Task" has Duration PT800H0M0S, read as 100 eight-hour days, yet it runs from
    # 2003-01-07 to 2003-03-18 08:00: 50 working days on the project calendar, like the
    # whole project. It has two resources on different calendars, the day-shift Standard
    # calendar and a "Night Shift" one; 800 hours is consistent with MS Project counting
    # the hours in which either resource works (8 h by day + 8 h by night = 16 h for 50
    # days). The engine has one calendar, so the conversion takes its duration from its dates
    # (with 100 days every float would be 50 days above MS Project's). Then the engine
    # reproduces every leaf's TotalSlack, FreeSlack, Start and Finish, including the SNET
    # constraints of the recurring task's occurrences (Saturdays 2003-02-01 and 2003-03-01, so
    # the following Mondays).
    by_uid = {task.uid: task for task in sample.tasks}
    assert sample.task_span(by_uid[2]) == 50
    converted = to_activities(sample)
    assert {activity.id: activity.duration for activity in converted.activities}["2"] == 50

    schedule = compute_schedule(converted.activities)

    assert schedule.project_duration == 50
    assert schedule.activities["7"].early_start == 19  # Monday 2003-02-03
    assert schedule.activities["8"].early_start == 39  # Monday 2003-03-03
    assert_engine_matches_file(sample, converted.activities, schedule)


SUMMARY_LINKS = """<?xml version="1.0"?>
<Project xmlns="http://schemas.microsoft.com/project">
  <Name>summary links</Name><StartDate>2024-03-04T08:00:00</StartDate><MinutesPerDay>480</MinutesPerDay>
  <Tasks>
    <Task><UID>0</UID><Name>summary links</Name><OutlineLevel>0</OutlineLevel><Summary>1</Summary></Task>
    <Task><UID>1</UID><Name>Phase 1</Name><OutlineLevel>1</OutlineLevel><Summary>1</Summary></Task>
    <Task><UID>2</UID><Name>Design</Name><OutlineLevel>2</OutlineLevel><Duration>PT16H0M0S</Duration></Task>
    <Task><UID>3</UID><Name>Review</Name><OutlineLevel>2</OutlineLevel><Duration>PT8H0M0S</Duration></Task>
    <Task><UID>4</UID><Name>Phase 2</Name><OutlineLevel>1</OutlineLevel><Summary>1</Summary>
      <PredecessorLink><PredecessorUID>1</PredecessorUID><Type>1</Type><LinkLag>0</LinkLag></PredecessorLink>
    </Task>
    <Task><UID>5</UID><Name>Build</Name><OutlineLevel>2</OutlineLevel><Duration>PT24H0M0S</Duration>
      <PredecessorLink><PredecessorUID>3</PredecessorUID><Type>1</Type></PredecessorLink>
    </Task>
    <Task><UID>6</UID><Name>Test</Name><OutlineLevel>2</OutlineLevel><Duration>P1DT4H</Duration></Task>
    <Task><UID>7</UID><Name>Report</Name><OutlineLevel>1</OutlineLevel><Duration>PT8H0M0S</Duration>
      <PredecessorLink><PredecessorUID>4</PredecessorUID><Type>3</Type></PredecessorLink>
      <PredecessorLink><PredecessorUID>99</PredecessorUID><Type>1</Type></PredecessorLink>
    </Task>
  </Tasks>
</Project>"""


def test_links_to_and_from_summaries_become_leaf_links_where_exact():
    project = parse_mspdi(SUMMARY_LINKS)

    converted = to_activities(project)

    predecessors = {activity.id: activity.predecessors for activity in converted.activities}
    # Phase 1 FS Phase 2: Phase 1 finishes with its last leaf, Phase 2 starts with its first,
    # so every leaf of Phase 2 waits for every leaf of Phase 1. Build already had 3 -> 5,
    # written in the file, which is kept.
    assert predecessors["5"] == (Link("3"), Link("2"))
    assert predecessors["6"] == (Link("2"), Link("3"))
    # SS from a summary means "after the earliest leaf starts": no set of leaf links says that.
    assert predecessors["7"] == ()
    assert converted.notes == [
        "Left out 2 summary task(s), dated from their subtasks: 'Phase 1', 'Phase 2'",
        "Dropped link 99 -> 7 (FS): no task with UID 99",
        "Dropped link 1 -> 4 (FS) between 3 and 5: already linked",
        "Dropped link 4 -> 7 (SS): a summary link that no set of leaf links reproduces",
        "Rounded the duration of task 6 from 1.5 to 2 days",
    ]
    schedule = compute_schedule(converted.activities)
    # Design 0-2, Review 0-1, Build max(1, 2) = 2-5, Test 2-4, Report 0-1.
    assert schedule.project_duration == 5
    assert schedule.critical_path == ["2", "5"]


def test_lag_formats_and_constraints_are_converted_to_working_days():
    project = parse_mspdi(
        """<Project xmlns="http://schemas.microsoft.com/project">
        <StartDate>2024-03-04T08:00:00</StartDate><MinutesPerDay>420</MinutesPerDay>
        <Tasks>
          <Task><UID>1</UID><Name>A</Name><OutlineLevel>1</OutlineLevel><Duration>PT14H0M0S</Duration></Task>
          <Task><UID>2</UID><Name>B</Name><OutlineLevel>1</OutlineLevel><Duration>PT7H0M0S</Duration>
            <ConstraintType>7</ConstraintType><ConstraintDate>2024-03-07T08:00:00</ConstraintDate>
            <PredecessorLink><PredecessorUID>1</PredecessorUID><LinkLag>8400</LinkLag><LagFormat>7</LagFormat>
            </PredecessorLink></Task>
          <Task><UID>3</UID><Name>C</Name><OutlineLevel>1</OutlineLevel><Duration>PT7H0M0S</Duration>
            <ConstraintType>2</ConstraintType><ConstraintDate>2024-03-05T08:00:00</ConstraintDate>
            <PredecessorLink><PredecessorUID>1</PredecessorUID><LinkLag>28800</LinkLag><LagFormat>8</LagFormat>
            </PredecessorLink></Task>
          <Task><UID>4</UID><Name>D</Name><OutlineLevel>1</OutlineLevel><Duration>PT7H0M0S</Duration>
            <PredecessorLink><PredecessorUID>1</PredecessorUID><Type>3</Type><LinkLag>50</LinkLag>
            <LagFormat>19</LagFormat></PredecessorLink></Task>
        </Tasks></Project>"""
    )

    lags = {task.uid: [link.lag_days for link in task.predecessors] for task in project.tasks}
    # 8400 tenths = 840 minutes = two 7-hour days; elapsed 28800 tenths = 2 calendar days;
    # 50 % of A's two days = 1 day.
    assert lags == {1: [], 2: [2.0], 3: [2.0], 4: [1.0]}
    converted = to_activities(project)
    by_id = {activity.id: activity for activity in converted.activities}
    # Finish no later than Thursday 08:00 = by the end of Wednesday = finish boundary 3.
    assert by_id["2"].finish_no_later_than == 3
    assert by_id["3"].start_no_earlier_than is None
    assert converted.notes == [
        "Read the elapsed lag of link 1 -> 3 (FS) (2 calendar days) as 2 working days",
        "Ignored the 'must start on' constraint of task 3",
    ]
    # A 0-2, B FS+2: 4-5, deadline 3 -> LF(B) = 3, total float -2.
    assert compute_schedule(converted.activities).activities["2"].total_float == -2


def test_file_without_namespace_is_read():
    project = parse_mspdi(
        "<Project><StartDate>2024-03-04T08:00:00</StartDate><Tasks>"
        "<Task><UID>1</UID><Name>Only</Name><OutlineLevel>1</OutlineLevel><Duration>PT8H0M0S</Duration></Task>"
        "</Tasks></Project>"
    )
    assert [(task.name, task.duration_days) for task in project.tasks] == [("Only", 1.0)]
    assert project.minutes_per_day == 480


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<Project><Name>unclosed</Project>", "Malformed XML"),
        ("", "Malformed XML"),
        ("<Schedule/>", "root element is <Schedule>, not <Project>"),
        ('<!DOCTYPE p [<!ENTITY a "aaaa">]><Project/>', "DTD and entity declarations are not allowed"),
        ("<Project><Name>no start</Name></Project>", "The project has no StartDate"),
        (
            "<Project><StartDate>soon</StartDate></Project>",
            "project: StartDate is not a date and time: 'soon'",
        ),
        (
            "<Project><StartDate>2024-03-04T08:00:00</StartDate><Tasks><Task><UID>x</UID></Task></Tasks></Project>",
            "task: UID must be a whole number, got 'x'",
        ),
        (
            "<Project><StartDate>2024-03-04T08:00:00</StartDate><Tasks>"
            "<Task><UID>1</UID></Task><Task><UID>1</UID></Task></Tasks></Project>",
            "task 1: the UID appears more than once",
        ),
        (
            "<Project><StartDate>2024-03-04T08:00:00</StartDate><Tasks>"
            "<Task><UID>1</UID><Duration>8 hours</Duration></Task></Tasks></Project>",
            "task 1: Duration '8 hours' is not an ISO-8601 duration",
        ),
        (
            "<Project><StartDate>2024-03-04T08:00:00</StartDate><Tasks><Task><UID>2</UID>"
            "<PredecessorLink><PredecessorUID>1</PredecessorUID><Type>9</Type></PredecessorLink>"
            "</Task></Tasks></Project>",
            "task 2: PredecessorLink Type must be 0 to 3, got 9",
        ),
        (
            "<Project><StartDate>2024-03-04T08:00:00</StartDate><Tasks>"
            "<Task><UID>1</UID><Cost>lots</Cost></Task></Tasks></Project>",
            "task 1: Cost must be a number, got 'lots'",
        ),
        (
            "<Project><StartDate>2024-03-04T08:00:00</StartDate><Tasks>"
            "<Task><UID>1</UID><Cost>NaN</Cost></Task></Tasks></Project>",
            "task 1: Cost must be a number, got 'NaN'",
        ),
        (
            "<Project><StartDate>2024-03-04T08:00:00</StartDate><Tasks>"
            "<Task><UID>1</UID><PercentComplete>half</PercentComplete></Task></Tasks></Project>",
            "task 1: PercentComplete must be a whole number, got 'half'",
        ),
        (
            "<Project><StartDate>2024-03-04T08:00:00</StartDate><Tasks>"
            "<Task><UID>1</UID><ActualStart>yesterday</ActualStart></Task></Tasks></Project>",
            "task 1: ActualStart is not a date and time: 'yesterday'",
        ),
        (
            "<Project><StartDate>2024-03-04T08:00:00</StartDate>"
            "<Resources><Resource><UID>r</UID><Name>Li</Name></Resource></Resources></Project>",
            "resource: UID must be a whole number, got 'r'",
        ),
        (
            "<Project><StartDate>2024-03-04T08:00:00</StartDate>"
            "<Assignments><Assignment><TaskUID>1</TaskUID></Assignment></Assignments></Project>",
            "assignment: ResourceUID must be a whole number, got None",
        ),
        (
            "<Project><StartDate>2024-03-04T08:00:00</StartDate><CalendarUID>1</CalendarUID><Calendars>"
            "<Calendar><UID>1</UID><WeekDays><WeekDay><DayType>0</DayType><DayWorking>0</DayWorking>"
            "<TimePeriod><FromDate>0001-01-01T00:00:00</FromDate><ToDate>9999-12-31T23:59:00</ToDate>"
            "</TimePeriod></WeekDay></WeekDays></Calendar></Calendars></Project>",
            "calendar 1: more than 20000 exception days",
        ),
    ],
)
def test_unreadable_files_raise_mspdi_error_with_a_reason(text, message):
    with pytest.raises(MspdiError, match=re.escape(message)):
        parse_mspdi(text)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-16"])
def test_a_dtd_is_refused_whatever_the_encoding_hides_it_in(encoding):
    text = (
        '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE Project [<!ENTITY a "aaaa">]>'
        "<Project><Name>&a;&a;</Name><StartDate>2024-03-04T08:00:00</StartDate></Project>"
    )
    with pytest.raises(MspdiError, match="Not an MSPDI file"):
        parse_mspdi(text.encode(encoding))


def test_utf16_file_with_byte_order_mark_is_read():
    text = (
        '<?xml version="1.0" encoding="UTF-16"?>'
        "<Project><Name>计划</Name><StartDate>2024-03-04T08:00:00</StartDate></Project>"
    )
    assert parse_mspdi(text.encode("utf-16")).name == "计划"


def test_missing_file_raises_mspdi_error(tmp_path):
    with pytest.raises(MspdiError, match="Cannot read .*missing.xml: No such file"):
        read_mspdi(tmp_path / "missing.xml")


def calendar_file(week: str, exceptions: str) -> str:
    return (
        "<Project><StartDate>2026-03-02T08:00:00</StartDate><CalendarUID>1</CalendarUID><Calendars>"
        f"<Calendar><UID>1</UID><WeekDays>{week}</WeekDays><Exceptions>{exceptions}</Exceptions>"
        "</Calendar></Calendars></Project>"
    )


def exception(first: str, last: str, working: int, *, kind: int = 1, period: int | None = None) -> str:
    every = f"<Period>{period}</Period>" if period is not None else ""
    return (
        f"<Exception><TimePeriod><FromDate>{first}T00:00:00</FromDate><ToDate>{last}T23:59:00</ToDate>"
        f"</TimePeriod><Type>{kind}</Type>{every}<DayWorking>{working}</DayWorking></Exception>"
    )


def test_calendar_exceptions_are_read_as_holidays_and_working_days_of_days_off():
    week_exception = (
        "<WeekDay><DayType>0</DayType><DayWorking>0</DayWorking><TimePeriod>"
        "<FromDate>2026-03-14T00:00:00</FromDate><ToDate>2026-03-14T23:59:00</ToDate></TimePeriod></WeekDay>"
    )
    text = calendar_file(
        week_exception,
        # Sat 7 and Sun 8 worked, Mon 9 worked (a working weekday: nothing to add), Tue 10 .. Thu 12 off,
        # Sat 14 worked after all (the Exception comes after the WeekDay entry and wins), and a weekly
        # recurring exception (Type 6), which is not modelled.
        exception("2026-03-07", "2026-03-09", 1)
        + exception("2026-03-10", "2026-03-12", 0)
        + exception("2026-03-14", "2026-03-14", 1)
        + exception("2026-03-16", "2026-03-31", 0, kind=6),
    )

    calendar = parse_mspdi(text).calendar

    assert calendar.working_days == {date(2026, 3, 7), date(2026, 3, 8), date(2026, 3, 14)}
    assert calendar.holidays == {date(2026, 3, 10), date(2026, 3, 11), date(2026, 3, 12)}


def test_a_daily_exception_with_a_period_keeps_every_nth_day():
    text = calendar_file("", exception("2026-03-02", "2026-03-08", 0, period=3))
    assert parse_mspdi(text).calendar.holidays == {date(2026, 3, 2), date(2026, 3, 5), date(2026, 3, 8)}


def test_repeated_exceptions_count_towards_the_limit():
    text = calendar_file("", exception("2026-01-01", "2026-12-31", 0) * 60)
    with pytest.raises(MspdiError, match="calendar 1: more than 20000 exception days"):
        parse_mspdi(text)
