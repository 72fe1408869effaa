"""The outline engine: WBS numbering and the roll-up of summary tasks, over plain data (no database)."""

from datetime import date, timedelta
from decimal import Decimal

from projects.outline import TaskFigures, number_outline, roll_up

DAY = date(2026, 3, 2)


def figures(start: int, finish: int, *, critical=False, cost="0", percent=0, total_float=0) -> TaskFigures:
    return TaskFigures(
        start_period=start,
        finish_period=finish,
        planned_start=DAY + timedelta(days=start),
        planned_finish=DAY + timedelta(days=max(finish - 1, start)),
        late_start=DAY + timedelta(days=start + total_float),
        late_finish=DAY + timedelta(days=max(finish - 1, start) + total_float),
        total_float_days=total_float,
        free_float_days=total_float,
        is_critical=critical,
        duration_days=finish - start,
        planned_cost=Decimal(cost),
        percent_complete=percent,
    )


def test_codes_levels_and_order_follow_the_outline():
    # 1 Phase (10) with 1.1 (11) and 1.2 (12, with 1.2.1 = 13); 2 Close (20).
    places = number_outline([(10, None), (20, None), (11, 10), (12, 10), (13, 12)])
    assert list(places) == [10, 11, 12, 13, 20]
    assert [places[node].wbs_code for node in places] == ["1", "1.1", "1.2", "1.2.1", "2"]
    assert [places[node].outline_level for node in places] == [1, 2, 2, 3, 1]
    assert [places[node].outline_order for node in places] == [0, 1, 2, 3, 4]
    assert {node for node, place in places.items() if place.is_summary} == {10, 12}
    assert (places[20].position, places[12].position) == (1, 1)


def test_a_summary_spans_its_children_adds_their_cost_and_weighs_progress_by_duration():
    work = {
        1: figures(0, 2, cost="100", percent=100),
        2: figures(2, 8, critical=True, cost="250.50", percent=50),
    }
    rolled = roll_up(preorder=[9, 1, 2], parent_of={9: None, 1: 9, 2: 9}, figures=work)
    phase = rolled[9]
    assert (phase.start_period, phase.finish_period, phase.duration_days) == (0, 8, 8)
    assert (phase.planned_start, phase.planned_finish) == (work[1].planned_start, work[2].planned_finish)
    assert phase.planned_cost == Decimal("350.50")
    assert phase.percent_complete == 62  # (2 x 100 + 6 x 50) / 8
    assert phase.is_critical is True


def test_nested_summaries_roll_up_deepest_first_and_take_the_least_float():
    work = {3: figures(0, 1, total_float=4), 4: figures(1, 3, total_float=2), 5: figures(0, 5, total_float=7)}
    rolled = roll_up(preorder=[1, 2, 3, 4, 5], parent_of={1: None, 2: 1, 3: 2, 4: 2, 5: 1}, figures=work)
    assert (rolled[2].start_period, rolled[2].finish_period, rolled[2].total_float_days) == (0, 3, 2)
    assert (rolled[1].finish_period, rolled[1].total_float_days) == (5, 2)


def test_milestones_only_average_their_progress():
    milestones = {1: figures(3, 3, percent=100), 2: figures(3, 3, percent=0)}
    assert roll_up(preorder=[9, 1, 2], parent_of={1: 9, 2: 9}, figures=milestones)[9].percent_complete == 50
