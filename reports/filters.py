"""The filters of the weekly snapshots list."""

import django_filters
from django.utils.translation import gettext_lazy as _

from pmo_portal.api import IdFilter
from reports.models import WeeklySnapshot


class SnapshotFilter(django_filters.FilterSet):
    project = IdFilter(field_name="project_id", label=_("Project"))
    portfolio = IdFilter(field_name="portfolio_id", label=_("Portfolio (as it was that week)"))
    # "from" is a Python keyword: declared below under its own name.
    to = django_filters.DateFilter(field_name="week", lookup_expr="lte", label=_("Weeks up to this day"))

    class Meta:
        model = WeeklySnapshot
        fields = ["project", "portfolio", "to"]


SnapshotFilter.base_filters["from"] = django_filters.DateFilter(
    field_name="week", lookup_expr="gte", label=_("Weeks from this day")
)
