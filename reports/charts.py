"""The data of the dashboards' charts, as the portal's charts.js draws them with ECharts (no ORM).

Each chart is a plain dict given to the page with `json_script`: its kind, its series and every label
already translated here, so the script holds no text of its own. Numbers are floats (a chart needs no
more than that); a figure not defined is None and leaves a gap.
"""

from collections.abc import Iterable
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext as _

from reports.selectors.dashboard import BANDS, NOT_MEASURED, Dashboard
from reports.selectors.project_dashboard import CurvePoint, ProjectDashboard

BAND_COLOURS = {"green": "#2e7d32", "amber": "#f0a000", "red": "#c62828", NOT_MEASURED: "#9aa0ad"}
SERIES_COLOURS = {"pv": "#5470c6", "ev": "#2e7d32", "ac": "#c62828", "eac": "#8e5ac8", "planned": "#9aa0ad"}


def _number(value: Decimal | int | None) -> float | None:
    return None if value is None else float(value)


def band_labels() -> dict[str, str]:
    return {
        "green": _("Green"),
        "amber": _("Amber"),
        "red": _("Red"),
        NOT_MEASURED: _("Not yet measured"),
    }


def _guide(axis_value: Decimal, label: str, colour: str) -> dict:
    return {"value": float(axis_value), "label": label, "colour": colour}


def spi_cpi_scatter(dashboard: Dashboard) -> dict:
    """SPI (up) against CPI (across) per project, with the health standards' green and amber lines."""
    guides = dashboard.guides
    # One reverse() for every point: 2,000 of them cost 20 ms.
    url_of = reverse("reports:project_dashboard", args=[0]).replace("/0/", "/{}/")
    return {
        "kind": "scatter",
        "x_name": _("CPI (cost performance index)"),
        "y_name": _("SPI (schedule performance index)"),
        "empty": _("No project has both an SPI and a CPI yet."),
        "x_guides": [
            _guide(guides["cpi_green"], f"CPI {guides['cpi_green']}", BAND_COLOURS["green"]),
            _guide(guides["cpi_amber"], f"CPI {guides['cpi_amber']}", BAND_COLOURS["amber"]),
        ],
        "y_guides": [
            _guide(guides["spi_green"], f"SPI {guides['spi_green']}", BAND_COLOURS["green"]),
            _guide(guides["spi_amber"], f"SPI {guides['spi_amber']}", BAND_COLOURS["amber"]),
        ],
        "points": [
            {
                "name": f"{row.code} · {row.name}",
                "value": [_number(row.cost_performance_index), _number(row.schedule_performance_index)],
                "colour": BAND_COLOURS[row.health_band or NOT_MEASURED],
                "url": url_of.format(row.id),
            }
            for row in dashboard.scatter
        ],
    }


def budget_bars(dashboard: Dashboard) -> dict:
    """Budget (BAC) beside EAC per group, in the reporting currency."""
    money = dashboard.money
    return {
        "kind": "bars",
        "unit": money.currency,
        "empty": _("No project with a budget to show."),
        "categories": [group.label for group in money.groups],
        "series": [
            {
                "name": _("Budget at completion (BAC)"),
                "colour": SERIES_COLOURS["pv"],
                "data": [_number(group.budget_at_completion) for group in money.groups],
            },
            {
                "name": _("Estimate at completion (EAC)"),
                "colour": SERIES_COLOURS["eac"],
                "data": [_number(group.estimate_at_completion) for group in money.groups],
            },
        ],
    }


def health_band_weeks(dashboard: Dashboard) -> dict:
    """How many projects were in each health band, week by week over the last 52."""
    labels = band_labels()
    return {
        "kind": "stacked",
        "empty": _("No weekly snapshot yet."),
        "categories": [week.week.isoformat() for week in dashboard.trends],
        "y_name": _("Projects"),
        "series": [
            {
                "name": labels[band],
                "colour": BAND_COLOURS[band],
                "data": [week.bands[band] for week in dashboard.trends],
            }
            for band in (*BANDS, NOT_MEASURED)
        ],
    }


def index_trend(dashboard: Dashboard) -> dict:
    """The average SPI and CPI of the projects shown, week by week, with the line at 1.0."""
    return {
        "kind": "lines",
        "empty": _("No weekly snapshot yet."),
        "categories": [week.week.isoformat() for week in dashboard.trends],
        "y_guides": [_guide(Decimal("1"), _("On plan (1.0)"), "#9aa0ad")],
        "series": [
            {
                "name": _("Average SPI"),
                "colour": SERIES_COLOURS["pv"],
                "data": [_number(week.schedule_performance_index) for week in dashboard.trends],
            },
            {
                "name": _("Average CPI"),
                "colour": SERIES_COLOURS["eac"],
                "data": [_number(week.cost_performance_index) for week in dashboard.trends],
            },
        ],
    }


def _points(points: Iterable[CurvePoint]) -> list[list]:
    return [[point.day.isoformat(), _number(point.value)] for point in points]


def s_curve(view: ProjectDashboard) -> dict:
    """PV over the baseline's weeks, EV and AC per snapshot up to today, and the EAC projection."""
    currency = view.rollup.currency if view.rollup else view.project.currency
    today = [view.rollup.status_date.isoformat()] if view.rollup else []
    return {
        "kind": "time_lines",
        "unit": currency,
        "empty": _("No baseline and no progress yet: nothing to draw."),
        "markers": [{"value": day, "label": _("Status date")} for day in today],
        "series": [
            {
                "name": _("Planned value (PV)"),
                "colour": SERIES_COLOURS["pv"],
                "data": _points(view.planned_value_curve),
            },
            {
                "name": _("Earned value (EV)"),
                "colour": SERIES_COLOURS["ev"],
                "data": _points(view.earned_value_curve),
            },
            {
                "name": _("Actual cost (AC)"),
                "colour": SERIES_COLOURS["ac"],
                "data": _points(view.actual_cost_curve),
            },
            {
                "name": _("EAC projection"),
                "colour": SERIES_COLOURS["eac"],
                "dashed": True,
                "data": _points(view.estimate_projection),
            },
        ],
    }


def burndown(points) -> dict:
    """Remaining work (working days) recorded day by day, beside what the schedule planned."""
    return {
        "kind": "time_lines",
        "unit": _("working days"),
        "empty": _("No burndown point recorded yet."),
        "markers": [],
        "series": [
            {
                "name": _("Remaining work"),
                "colour": SERIES_COLOURS["ev"],
                "data": [[point.date.isoformat(), _number(point.remaining_work_days)] for point in points],
            },
            {
                "name": _("Planned remaining work"),
                "colour": SERIES_COLOURS["planned"],
                "dashed": True,
                "data": [
                    [point.date.isoformat(), _number(point.planned_remaining_work_days)] for point in points
                ],
            },
        ],
    }
