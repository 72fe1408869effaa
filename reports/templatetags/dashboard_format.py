"""Labels of the dashboards' codes (health bands, RAG, project status), translated."""

from django import template

from governance.risk_standards import RISK_LEVEL_LABELS
from projects.models import Status
from reports.charts import band_labels

register = template.Library()


@register.filter
def band_label(value: str) -> str:
    """Green, Amber, Red, or "Not yet measured" for a blank or "none"."""
    labels = band_labels()
    return labels.get(value or "none", value)


@register.filter
def risk_level_label(value: str) -> str:
    """Low, Medium, High or Critical in the reader's language."""
    label = RISK_LEVEL_LABELS.get(value)
    return str(label) if label is not None else value


@register.filter
def status_label(value: str) -> str:
    return Status(value).label if value in Status.values else value
