"""The earned value engine against figures worked by hand (../shared/DOMAIN.md formulas)."""

from decimal import Decimal

import pytest

from reports.evm import EvmInputError, Figures, TaskProgress, figures_from_tasks, metrics, parse_figures

D = Decimal


def test_totals_give_every_metric_as_computed_by_hand():
    result = metrics(Figures(bac=D(4000), pv=D(3000), ev=D(2000), ac=D(2500), etc=D(3000)))

    assert result["cv"] == D(-500) and result["sv"] == D(-1000)
    assert result["cpi"] == D("0.8000") and result["spi"] == D("0.6667")
    assert result["eac"] == D(5000)  # BAC / CPI
    assert result["eac_atypical"] == D(4500)  # AC + (BAC - EV)
    assert result["eac_cpi_spi"] == D(6250)  # 2500 + 2000 / (0.8 x 2/3), exactly, not from rounded indices
    assert result["eac_bottom_up"] == D(5500)  # AC + ETC
    assert result["etc"] == D(3000) and result["vac"] == D(-1000)
    assert result["tcpi_bac"] == D("1.3333") and result["tcpi_eac"] == D("0.8000")
    assert result["es"] is result["spi_t"] is None  # no PV curve: earned schedule not defined


def test_nothing_divides_by_zero_before_the_first_cost_and_the_first_plan():
    result = metrics(Figures(bac=D(4000), pv=D(0), ev=D(0), ac=D(0)))

    assert result["cpi"] is result["spi"] is result["eac"] is result["vac"] is None
    assert result["etc"] is result["tcpi_eac"] is result["eac_cpi_spi"] is None
    assert result["eac_atypical"] == D(4000) and result["tcpi_bac"] == D(1)


def test_earned_schedule_interpolates_between_periods():
    figures = Figures(
        bac=D(1200),
        ev=D(650),
        ac=D(700),
        pv=D(900),
        pv_curve=(D(200), D(500), D(900), D(1200)),
        actual_time=D(3),
    )

    result = metrics(figures)

    assert result["es"] == D("2.3750")  # 2 + (650 - 500) / (900 - 500)
    assert result["sv_t"] == D("-0.6250")
    assert result["spi_t"] == D("0.7917")
    assert result["ieac_t"] == D("5.0526")  # PD / SPI(t) = 4 / (2.375 / 3)


def test_earned_schedule_stops_at_the_planned_duration_once_all_is_earned():
    result = metrics(Figures(ev=D(400), pv_curve=(D(100), D(400)), actual_time=D(3)))

    assert (result["es"], result["spi_t"]) == (D("2.0000"), D("0.6667"))


def test_tasks_add_up_to_bac_ev_ac_and_a_bottom_up_etc():
    tasks = [
        TaskProgress("A", budget=D(100), percent_complete=D(100), actual_cost=D(150), etc=D(0)),
        TaskProgress("B", budget=D("300.50"), percent_complete=D(50), actual_cost=D(100), etc=D(200)),
    ]

    figures = figures_from_tasks(tasks, pv_curve=(D(100), D(250), D(400)), actual_time=D(2))

    assert (figures.bac, figures.ev, figures.ac, figures.etc, figures.pv) == (
        D("400.50"),
        D("250.25"),
        D(250),
        D(200),
        D(250),
    )
    assert metrics(figures)["eac_bottom_up"] == D(450)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ([], "must be a JSON object"),
        ({"bac": -1}, "bac must be a finite number >= 0"),
        ({"bac": "4000"}, "bac must be a number"),
        ({"bac": True}, "bac must be a number"),
        ({"bca": 1}, "unknown field 'bca'"),
        (
            {"tasks": [{"budget": 1, "percent_complete": 120, "actual_cost": 0}]},
            "percent_complete must be from 0 to 100",
        ),
        ({"tasks": [{"budget": 1, "actual_cost": 0}]}, "task 1: percent_complete is missing"),
        ({"tasks": [], "bac": 5}, "either totals or tasks"),
        ({"ev": 5, "pv_curve": [10, 5]}, "pv_curve is cumulative"),
        ({"ev": 5, "pv_curve": []}, "non-empty list"),
    ],
)
def test_bad_input_names_the_field(data, reason):
    with pytest.raises(EvmInputError, match=reason):
        parse_figures(data)
