"""Serializers of a schedule-risk run: what the client asks (iterations, seed, distribution, target,
estimates for this run) and the figures it gets back, dates and working days alike."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from pmo_portal.api import StrictInputSerializer
from risks.schedule_risk import DEFAULT_ITERATIONS, MAXIMUM_ITERATIONS, Distribution
from risks.services.estimates import ESTIMATE_NAMES, checked_estimate_values

# numpy takes seeds of any size, but a JSON client rarely keeps more than 64 bits exactly.
MAXIMUM_SEED = 2**63 - 1


class EstimateInputSerializer(serializers.Serializer):
    optimistic = serializers.DecimalField(max_digits=7, decimal_places=2, min_value=0)
    most_likely = serializers.DecimalField(max_digits=7, decimal_places=2, min_value=0)
    pessimistic = serializers.DecimalField(max_digits=7, decimal_places=2, min_value=0)


class ScheduleRiskInputSerializer(StrictInputSerializer):
    iterations = serializers.IntegerField(
        min_value=1, max_value=MAXIMUM_ITERATIONS, default=DEFAULT_ITERATIONS
    )
    seed = serializers.IntegerField(min_value=0, max_value=MAXIMUM_SEED, required=False, allow_null=True)
    distribution = serializers.ChoiceField(
        choices=[member.value for member in Distribution], default=Distribution.TRIANGULAR.value
    )
    target_finish = serializers.DateField(
        required=False, allow_null=True, help_text=_("The date to meet; by default the planned finish.")
    )
    estimates = serializers.DictField(
        child=EstimateInputSerializer(),
        required=False,
        help_text=_(
            "Three-point estimates in working days by task id, for this run only (over the stored ones)."
        ),
    )

    def validate_estimates(self, value):
        errors: dict[str, list[str]] = {}
        checked = {}
        for key, estimate in value.items():
            if not str(key).isdigit():
                errors[f"estimates.{key}"] = [_("Use a task id as the key.")]
                continue
            values = checked_estimate_values(errors, int(key), [estimate[name] for name in ESTIMATE_NAMES])
            if values is not None:
                checked[int(key)] = values
        if errors:
            raise serializers.ValidationError(errors)
        return checked

    def to_internal_value(self, data):
        # Estimate faults name their own field (estimates.<id>.<name>), not the whole dict.
        try:
            return super().to_internal_value(data)
        except serializers.ValidationError as error:
            detail = error.detail
            if isinstance(detail, dict) and isinstance(detail.get("estimates"), dict):
                nested = detail.pop("estimates")
                for key, messages in nested.items():
                    if isinstance(messages, dict):
                        for name, inner in messages.items():
                            detail[
                                key if str(key).startswith("estimates.") else f"estimates.{key}.{name}"
                            ] = inner
                    else:
                        detail[key if str(key).startswith("estimates.") else f"estimates.{key}"] = messages
            raise serializers.ValidationError(detail) from error


class PercentileOutputSerializer(serializers.Serializer):
    date = serializers.DateField()
    working_days = serializers.FloatField(help_text=_("Working days from the plan's start."))


class TaskShareOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="task_id")
    wbs_code = serializers.CharField()
    name = serializers.CharField()
    value = serializers.FloatField()


class HistogramBinOutputSerializer(serializers.Serializer):
    low = serializers.FloatField()
    high = serializers.FloatField()
    finish = serializers.DateField()
    count = serializers.IntegerField()


class SCurveStepOutputSerializer(serializers.Serializer):
    finish = serializers.DateField()
    working_days = serializers.FloatField()
    probability = serializers.FloatField()


class ScheduleRiskOutputSerializer(serializers.Serializer):
    iterations = serializers.IntegerField(source="result.iterations")
    seed = serializers.IntegerField(source="result.seed")
    distribution = serializers.CharField(source="result.distribution")
    planned_finish = PercentileOutputSerializer()
    target_finish = PercentileOutputSerializer(source="target")
    p50 = PercentileOutputSerializer()
    p80 = PercentileOutputSerializer()
    p90 = PercentileOutputSerializer()
    mean = PercentileOutputSerializer()
    probability_on_time = serializers.FloatField(
        source="result.probability_on_time", help_text=_("Share of iterations finishing by the target.")
    )
    standard_deviation = serializers.FloatField(source="result.standard_deviation")
    histogram = HistogramBinOutputSerializer(many=True)
    s_curve = SCurveStepOutputSerializer(many=True)
    criticality = TaskShareOutputSerializer(
        many=True, help_text=_("Share of iterations the task is critical.")
    )
    tornado = TaskShareOutputSerializer(
        many=True, help_text=_("Correlation of the task's duration with the finish.")
    )
