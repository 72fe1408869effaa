"""The PMO's own performance in the API: by quarter, for the period and by portfolio."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from reports.selectors.performance import DEFAULT_QUARTERS, MAX_QUARTERS


class PerformanceQuerySerializer(serializers.Serializer):
    quarters = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_QUARTERS, default=DEFAULT_QUARTERS
    )
    portfolio = serializers.IntegerField(required=False, min_value=1, max_value=2**63 - 1)


class RatioSerializer(serializers.Serializer):
    hits = serializers.IntegerField(help_text=_("How many met the rule."))
    total = serializers.IntegerField(help_text=_("How many were judged."))
    left_out = serializers.IntegerField(help_text=_("How many could not be judged (no baseline or cost)."))
    percent = serializers.DecimalField(
        max_digits=5, decimal_places=1, allow_null=True, help_text=_("Null when none was judged.")
    )


class AverageSerializer(serializers.Serializer):
    value = serializers.DecimalField(
        max_digits=12, decimal_places=2, allow_null=True, help_text=_("Null when none is measured.")
    )
    measured = serializers.IntegerField()
    of = serializers.IntegerField()


class PerformanceRowSerializer(serializers.Serializer):
    quarter = serializers.SerializerMethodField(help_text=_("As 2026 Q3; null for the whole period."))
    portfolio = serializers.IntegerField(source="portfolio_id", allow_null=True)
    delivered_on_time = RatioSerializer(source="delivered")
    projects_on_time = RatioSerializer()
    milestones_on_time = RatioSerializer()
    on_budget = RatioSerializer()
    schedule_performance_index = AverageSerializer()
    cost_performance_index = AverageSerializer()
    health_score = AverageSerializer()
    compliance_score = AverageSerializer()
    report_punctuality = serializers.DecimalField(
        max_digits=5,
        decimal_places=1,
        allow_null=True,
        help_text=_("Null: not yet measured (the status reports are not there yet)."),
    )

    def get_quarter(self, row) -> str | None:
        return str(row.quarter) if row.quarter else None


class PortfolioPerformanceSerializer(serializers.Serializer):
    portfolio = serializers.IntegerField(source="pk")
    code = serializers.CharField()
    name = serializers.CharField()
    by_quarter = PerformanceRowSerializer(many=True)
    period = PerformanceRowSerializer()


class PerformanceOutputSerializer(serializers.Serializer):
    first_day = serializers.DateField()
    last_day = serializers.DateField()
    quarters = serializers.ListField(child=serializers.CharField())
    by_quarter = PerformanceRowSerializer(many=True)
    period = PerformanceRowSerializer()
    by_portfolio = PortfolioPerformanceSerializer(many=True)
    report_punctuality_measured = serializers.BooleanField()


def performance_payload(performance) -> dict:
    """The selector's result in the shape PerformanceOutputSerializer describes."""
    table = performance.table
    return {
        "first_day": performance.first_day,
        "last_day": performance.last_day,
        "quarters": [str(quarter) for quarter in table.quarters],
        "by_quarter": table.by_quarter,
        "period": table.period,
        "by_portfolio": [
            {
                "pk": portfolio.pk,
                "code": portfolio.code,
                "name": portfolio.name,
                "by_quarter": table.by_portfolio[portfolio.pk][:-1],
                "period": table.by_portfolio[portfolio.pk][-1],
            }
            for portfolio in performance.portfolios
        ],
        "report_punctuality_measured": performance.punctuality_measured,
    }
