"""The data of the schedule-risk page's charts, as the portal's charts.js draws them with ECharts (no ORM).

Each chart is a plain dict for `json_script` with its kind and every label already translated here, so
the script holds no words (the dashboards' convention, reports/static/reports/charts.js). Dates are
ISO strings: the finishes are shown on the project's calendar, not as working-day offsets.
"""

from django.utils.translation import gettext as _

from risks.selectors.schedule_risk import ProjectScheduleRisk

FINISH_COLOUR = "#5470c6"
TARGET_COLOUR = "#2e7d32"
PERCENTILE_COLOUR = "#c62828"
NEGATIVE_COLOUR = "#9aa0ad"


def _markers(risk: ProjectScheduleRisk, categories: list[str]) -> list[dict]:
    """P50/P80/P90 and the target as dashed lines on the first category on or after their date (a bin
    of the histogram is named by the date it ends on), none past the last; one line per category, its
    labels joined (P80 and P90 often fall on the same day)."""
    candidates = [
        (risk.target.date, _("Target"), TARGET_COLOUR),
        (risk.p50.date, "P50", PERCENTILE_COLOUR),
        (risk.p80.date, "P80", PERCENTILE_COLOUR),
        (risk.p90.date, "P90", PERCENTILE_COLOUR),
    ]
    markers: dict[str, dict] = {}
    for day, label, colour in candidates:
        key = next((category for category in categories if category >= day.isoformat()), None)
        if key is None:
            continue
        if key in markers:
            markers[key]["label"] += f" · {label}"
        else:
            markers[key] = {"value": key, "label": label, "colour": colour}
    return list(markers.values())


def finish_histogram(risk: ProjectScheduleRisk) -> dict:
    """Iterations per finish date: the engine's bins, those ending on the same date counted together."""
    counts: dict[str, int] = {}
    for bin_ in risk.histogram:
        key = bin_.finish.isoformat()
        counts[key] = counts.get(key, 0) + bin_.count
    return {
        "kind": "histogram",
        "x_name": _("Finish date"),
        "y_name": _("Iterations"),
        "colour": FINISH_COLOUR,
        "empty": _("No iterations to show."),
        "categories": list(counts),
        "counts": list(counts.values()),
        "markers": _markers(risk, list(counts)),
    }


def finish_s_curve(risk: ProjectScheduleRisk) -> dict:
    """The chance (in %) of finishing by each date: the S-curve on the project's calendar."""
    by_date: dict[str, float] = {}
    for step in risk.s_curve:
        key = step.finish.isoformat()
        by_date[key] = max(by_date.get(key, 0.0), step.probability)
    return {
        "kind": "cumulative",
        "x_name": _("Finish date"),
        "y_name": _("Chance of finishing by (%)"),
        "colour": FINISH_COLOUR,
        "empty": _("No iterations to show."),
        "categories": list(by_date),
        "values": [round(value * 100, 1) for value in by_date.values()],
        "markers": _markers(risk, list(by_date)),
    }


def sensitivity_tornado(risk: ProjectScheduleRisk) -> dict:
    """The tasks whose duration moves the finish most, largest at the top (ECharts draws bottom-up)."""
    bars = list(reversed(risk.tornado))
    return {
        "kind": "tornado",
        "x_name": _("Correlation of the task's duration with the finish"),
        "colour": FINISH_COLOUR,
        "negative_colour": NEGATIVE_COLOUR,
        "empty": _(
            "No task has an uncertain duration yet: give three-point estimates to see what drives the finish."
        ),
        "categories": [f"{bar.wbs_code} {bar.name}".strip() for bar in bars],
        "values": [round(bar.value, 3) for bar in bars],
    }


def schedule_risk_charts(risk: ProjectScheduleRisk) -> dict[str, dict]:
    """The page's three charts by their json_script id."""
    return {
        "histogram": finish_histogram(risk),
        "s_curve": finish_s_curve(risk),
        "tornado": sensitivity_tornado(risk),
    }
