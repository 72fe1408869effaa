"""Serializers of baselines in the plan API: a baseline, and its frozen rows with their variance."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from pmo_portal.api import StrictInputSerializer
from projects.models import Baseline, BaselineTask
from projects.serializers.tasks import VarianceSerializer
from projects.variance import task_variance


class BaselineOutputSerializer(serializers.ModelSerializer):
    created_by_name = serializers.SerializerMethodField()

    class Meta:
        model = Baseline
        fields = ["id", "project", "name", "created_by", "created_by_name", "created_at"]
        read_only_fields = fields

    def get_created_by_name(self, baseline) -> str | None:
        return baseline.created_by.display_name if baseline.created_by_id else None


class BaselineInputSerializer(StrictInputSerializer):
    name = serializers.CharField(max_length=100)


class BaselineTaskOutputSerializer(serializers.ModelSerializer):
    current_start = serializers.DateField(source="task.planned_start", default=None, read_only=True)
    current_finish = serializers.DateField(source="task.planned_finish", default=None, read_only=True)
    variance = serializers.SerializerMethodField()

    class Meta:
        model = BaselineTask
        fields = [
            "task",
            "task_name",
            "wbs_code",
            "start",
            "finish",
            "duration_days",
            "planned_cost",
            "current_start",
            "current_finish",
            "variance",
        ]
        read_only_fields = fields

    @extend_schema_field(VarianceSerializer(allow_null=True))
    def get_variance(self, row) -> dict | None:
        if row.task is None:
            return None
        variance = task_variance(
            calendar=self.context["calendar"],
            start=row.task.planned_start,
            finish=row.task.planned_finish,
            duration_days=row.task.duration_days,
            planned_cost=row.task.planned_cost,
            baseline_start=row.start,
            baseline_finish=row.finish,
            baseline_duration_days=row.duration_days,
            baseline_planned_cost=row.planned_cost,
        )
        return VarianceSerializer(variance).data


class BaselineTaskPageSerializer(serializers.Serializer):
    """One page of a baseline's rows (the standard pagination) with the baseline itself."""

    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = BaselineTaskOutputSerializer(many=True)
    baseline = BaselineOutputSerializer()
