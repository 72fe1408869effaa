"""The dashboards in the API: the portfolio figures, a project's EVM and health, weekly snapshots.

Money is a decimal string with its currency beside it; a figure that is not defined or not yet
measured is null, never zero.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from reports.evm import MONEY_KEYS, OUTPUT_KEYS
from reports.models import WeeklySnapshot

BANDS = (("green", _("Green")), ("amber", _("Amber")), ("red", _("Red")))


def money():
    return serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)


def index():
    return serializers.DecimalField(max_digits=12, decimal_places=4, allow_null=True)


class ChoiceOutputSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()


class FilterChoicesSerializer(serializers.Serializer):
    portfolios = ChoiceOutputSerializer(many=True)
    programs = ChoiceOutputSerializer(many=True)
    departments = ChoiceOutputSerializer(many=True)
    project_managers = ChoiceOutputSerializer(many=True)
    statuses = ChoiceOutputSerializer(many=True)


class AppliedFiltersSerializer(serializers.Serializer):
    portfolio = serializers.IntegerField(allow_null=True)
    program = serializers.IntegerField(allow_null=True)
    department = serializers.CharField()
    project_manager = serializers.IntegerField(allow_null=True)
    status = serializers.CharField(help_text=_("“open” (the default), “all”, or one project status."))
    health_band = serializers.CharField()
    rag = serializers.CharField()
    group_by = serializers.CharField()


class DashboardProjectSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    status = serializers.CharField()
    portfolio = serializers.IntegerField(source="portfolio_id")
    program = serializers.IntegerField(source="program_id", allow_null=True)
    department = serializers.CharField()
    project_manager = serializers.IntegerField(source="project_manager_id")
    project_manager_name = serializers.CharField()
    currency = serializers.CharField()
    status_date = serializers.DateField(allow_null=True)
    budget_at_completion = money()
    estimate_at_completion = money()
    schedule_performance_index = index()
    cost_performance_index = index()
    percent_complete = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)
    health_score = serializers.IntegerField(allow_null=True)
    health_band = serializers.CharField(help_text=_("green, amber or red; blank: not yet measured."))
    reported_rag = serializers.CharField(help_text=_("green, amber or red; blank: not yet reported."))
    compliance_score = serializers.IntegerField(allow_null=True)
    milestones_due = serializers.IntegerField()
    milestones_slipped = serializers.IntegerField()
    finish_slip_days = serializers.IntegerField(allow_null=True)
    stale = serializers.BooleanField(
        help_text=_("Marked for a recompute: an edit is not in the figures yet.")
    )
    has_rollup = serializers.BooleanField()
    computed_at = serializers.DateTimeField(allow_null=True)


class ScatterPointSerializer(serializers.Serializer):
    """The schema of one point of `scatter` (written by ScatterField, not by this serializer)."""

    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    schedule_performance_index = index()
    cost_performance_index = index()
    health_band = serializers.CharField()


@extend_schema_field(ScatterPointSerializer(many=True))
class ScatterField(serializers.Field):
    """Every project shown with both indices, as plain dicts: a serializer per point cost 20 ms at 2,000."""

    def to_representation(self, rows):
        return [
            {
                "id": row.id,
                "code": row.code,
                "name": row.name,
                # Stored with four places (numeric(12, 4)), so str() is already the API's decimal string.
                "schedule_performance_index": str(row.schedule_performance_index),
                "cost_performance_index": str(row.cost_performance_index),
                "health_band": row.health_band,
            }
            for row in rows
        ]


class TopRiskSerializer(serializers.Serializer):
    project = serializers.IntegerField(source="project_id")
    project_code = serializers.CharField()
    risk = serializers.IntegerField(source="risk_id")
    title = serializers.CharField()
    score = serializers.IntegerField()
    level = serializers.CharField(
        help_text=_("low, medium, high or critical, under the PMO's risk standards.")
    )


class ProjectPageSerializer(serializers.Serializer):
    number = serializers.IntegerField(help_text=_("This page, from 1 (past the last page: the last)."))
    pages = serializers.IntegerField(source="paginator.num_pages")
    size = serializers.IntegerField(source="paginator.per_page")
    total = serializers.IntegerField(
        source="paginator.count", help_text=_("Projects shown after the filters, on every page.")
    )


class MoneyGroupSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    projects = serializers.IntegerField()
    budget_at_completion = money()
    estimate_at_completion = money()
    without_estimate = serializers.IntegerField(
        help_text=_("Projects of the group whose EAC is not defined.")
    )


class RateUsedSerializer(serializers.Serializer):
    currency = serializers.CharField()
    rate = serializers.DecimalField(max_digits=20, decimal_places=8)
    valid_from = serializers.DateField()


class NotConvertedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    currency = serializers.CharField()
    budget_at_completion = money()


class MoneySerializer(serializers.Serializer):
    currency = serializers.CharField(help_text=_("The reporting currency of every amount here."))
    groups = MoneyGroupSerializer(many=True)
    total = MoneyGroupSerializer()
    rates_used = RateUsedSerializer(many=True)
    not_converted = NotConvertedSerializer(
        many=True, help_text=_("Projects without a rate to the reporting currency, left out of the totals.")
    )


class SlippedMilestoneSerializer(serializers.Serializer):
    project = serializers.IntegerField(source="project_id")
    project_code = serializers.CharField()
    name = serializers.CharField()
    baseline_finish = serializers.DateField()
    planned_finish = serializers.DateField(allow_null=True)
    actual_finish = serializers.DateField(allow_null=True)


class BandCountsSerializer(serializers.Serializer):
    green = serializers.IntegerField()
    amber = serializers.IntegerField()
    red = serializers.IntegerField()
    none = serializers.IntegerField(required=False, help_text=_("Not yet measured (or reported)."))


class ComplianceSummarySerializer(serializers.Serializer):
    average = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)
    counted = serializers.IntegerField(help_text=_("Scores that count (controlling and directive PMOs)."))
    bands = BandCountsSerializer()


class TrendWeekSerializer(serializers.Serializer):
    week = serializers.DateField(help_text=_("The Monday of the week."))
    projects = serializers.IntegerField()
    schedule_performance_index = index()
    cost_performance_index = index()
    health_score = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)
    bands = BandCountsSerializer()


class GuidesSerializer(serializers.Serializer):
    spi_green = index()
    spi_amber = index()
    cpi_green = index()
    cpi_amber = index()


class DashboardOutputSerializer(serializers.Serializer):
    filters = AppliedFiltersSerializer()
    choices = FilterChoicesSerializer()
    visible = serializers.IntegerField(help_text=_("Projects the user sees before the filters."))
    projects = DashboardProjectSerializer(
        many=True,
        source="page.object_list",
        help_text=_("One page of the projects shown, in group order then code."),
    )
    page = ProjectPageSerializer(
        help_text=_("Which page `projects` is; ask for another with `page` and `page_size`.")
    )
    scatter = ScatterField(
        help_text=_("Every project shown that has both an SPI and a CPI, on every page."), read_only=True
    )
    health_bands = BandCountsSerializer()
    reported_rag = BandCountsSerializer()
    money = MoneySerializer()
    milestones_due = serializers.IntegerField()
    milestones_slipped = serializers.IntegerField()
    slipped_milestones = SlippedMilestoneSerializer(many=True)
    compliance = ComplianceSummarySerializer()
    trends = TrendWeekSerializer(many=True)
    guides = GuidesSerializer()
    data_as_of = serializers.DateTimeField(
        allow_null=True, help_text=_("The oldest computation time of the rows shown.")
    )
    stale = serializers.IntegerField(help_text=_("Projects shown that are marked for a recompute."))
    never_computed = serializers.IntegerField()
    risks_open = serializers.IntegerField(help_text=_("Open risks of the projects shown."))
    top_risks = TopRiskSerializer(
        many=True,
        help_text=_("The worst open threat of each project shown, highest score first (10 at most)."),
    )
    resource_conflicts = serializers.ListField(
        child=serializers.DictField(), allow_null=True, help_text=_("null: not yet measured.")
    )


class EvmMetricsSerializer(serializers.Serializer):
    """Every metric of reports.evm, null where not defined."""

    def get_fields(self):
        return {key: money() if key in MONEY_KEYS else index() for key in OUTPUT_KEYS}


class CurvePointSerializer(serializers.Serializer):
    day = serializers.DateField()
    value = money()


class ProjectEvmOutputSerializer(serializers.Serializer):
    project = serializers.IntegerField()
    currency = serializers.CharField()
    computed = serializers.BooleanField(help_text=_("False until the project's first rollup."))
    stale = serializers.BooleanField()
    status_date = serializers.DateField(allow_null=True)
    computed_at = serializers.DateTimeField(allow_null=True)
    baseline = serializers.IntegerField(allow_null=True)
    baseline_name = serializers.CharField()
    metrics = EvmMetricsSerializer()
    planned_value_curve = CurvePointSerializer(
        many=True, help_text=_("Cumulative PV at the end (Sunday) of each week of the baseline.")
    )
    earned_value_curve = CurvePointSerializer(many=True)
    actual_cost_curve = CurvePointSerializer(many=True)
    estimate_projection = CurvePointSerializer(many=True)


class ProjectHealthOutputSerializer(serializers.Serializer):
    project = serializers.IntegerField()
    measured = serializers.BooleanField(help_text=_("False: no health dimension is measured yet."))
    score = serializers.IntegerField(allow_null=True)
    band = serializers.CharField(help_text=_("green, amber or red; blank: not yet measured."))
    breakdown = serializers.DictField(
        allow_null=True, help_text=_("Each dimension, its weight and value (the health engine's breakdown).")
    )
    computed_at = serializers.DateTimeField(allow_null=True)


class SnapshotOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = WeeklySnapshot
        fields = [
            "id", "project", "week", "portfolio", "project_status", "status_date", "currency",
            "budget_at_completion", "planned_value", "earned_value", "actual_cost", "estimate_at_completion",
            "schedule_performance_index", "cost_performance_index", "percent_complete", "health_score",
            "health_band", "compliance_score", "planned_finish", "baseline_finish", "taken_at",
        ]  # fmt: skip
