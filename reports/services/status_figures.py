"""The reports app's answer to a status report draft: the project's SPI and CPI at the period's end."""

from datetime import date

from django.utils import timezone

from projects.models import Project
from reports.services.rollups import computed_rollups


def status_report_period_figures(*, project: Project, period_end: date, **_signal_arguments) -> dict:
    """SPI and CPI (strings, or None where not defined) computed from the source rows as of the period's
    end, or today while the period runs; a receiver of projects' `status_report_figures`."""
    status_date = min(period_end, timezone.localdate())
    rollup = computed_rollups([project.pk], status_date=status_date).get(project.pk)
    if rollup is None:
        return {}
    return {
        "spi": _text(rollup.schedule_performance_index),
        "cpi": _text(rollup.cost_performance_index),
        "figures_as_of": status_date.isoformat(),
    }


def _text(value) -> str | None:
    return None if value is None else str(value)
