"""Where the roadmap puts dates: whole months or quarters, a day's x, a span's width (no database)."""

from datetime import date

from reports.timeline import MONTH, PERIOD_WIDTH, QUARTER, timeline


def test_a_month_window_runs_from_the_first_month_to_the_last_whole():
    scale = timeline([date(2026, 3, 16), date(2026, 5, 2)], zoom=MONTH, today=date(2026, 1, 1))
    assert scale.start == date(2026, 3, 1) and scale.end == date(2026, 6, 1)
    assert [tick.label for tick in scale.ticks] == ["03", "04", "05"]
    assert scale.width == 3 * PERIOD_WIDTH[MONTH]
    assert scale.x(date(2026, 3, 1)) == 0
    assert scale.x(date(2026, 4, 1)) == PERIOD_WIDTH[MONTH]
    # Half of March (31 days): 15 days in.
    assert scale.x(date(2026, 3, 16)) == round(PERIOD_WIDTH[MONTH] * 15 / 31, 1)


def test_quarters_are_labelled_and_a_new_year_is_marked():
    scale = timeline([date(2025, 11, 5), date(2026, 4, 1)], zoom=QUARTER, today=date(2026, 1, 1))
    assert [(tick.year, tick.label, tick.starts_year) for tick in scale.ticks] == [
        (2025, "Q4", True),
        (2026, "Q1", True),
        (2026, "Q2", False),
    ]


def test_a_span_covers_its_last_day_and_a_milestone_is_still_visible():
    scale = timeline([date(2026, 3, 1), date(2026, 3, 31)], zoom=MONTH, today=date(2026, 3, 1))
    assert scale.span(date(2026, 3, 1), date(2026, 3, 31)) == (0.0, PERIOD_WIDTH[MONTH])
    assert scale.span(date(2026, 3, 10), date(2026, 3, 10))[1] >= 2.0


def test_without_a_zoom_a_year_is_drawn_by_month_and_more_by_quarter():
    assert timeline([date(2026, 1, 5), date(2026, 12, 20)], zoom="", today=date(2026, 1, 1)).zoom == MONTH
    assert timeline([date(2026, 1, 5), date(2027, 1, 4)], zoom="", today=date(2026, 1, 1)).zoom == QUARTER


def test_dates_outside_the_window_are_clamped_and_no_dates_give_todays_month():
    scale = timeline([], zoom="weeks", today=date(2026, 7, 14))
    assert scale.zoom == MONTH and scale.start == date(2026, 7, 1) and len(scale.ticks) == 1
    assert scale.x(date(2020, 1, 1)) == 0 and scale.x(date(2030, 1, 1)) == scale.width


def test_a_plan_of_decades_is_cut_to_a_bounded_number_of_periods():
    scale = timeline([date(2000, 1, 1), date(2090, 1, 1)], zoom=MONTH, today=date(2026, 1, 1))
    assert len(scale.ticks) == 120
