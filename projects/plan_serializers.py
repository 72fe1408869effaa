"""Input and output serializers of the plan API; they parse and present, the services decide."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from pmo_portal.api import StrictInputSerializer
from projects.plan_models import (
    MAX_DURATION_DAYS,
    MAX_LAG_DAYS,
    Baseline,
    BaselineTask,
    CostEntry,
    Dependency,
    DependencyType,
    ScheduleConstraint,
    Task,
    weekdays_from_mask,
)
from projects.plan_selectors import annotated_task_variance, task_variance


@extend_schema_field(OpenApiTypes.INT)
class _ProjectTaskField(serializers.PrimaryKeyRelatedField):
    """A task id that must belong to the project given in the serializer's context."""

    def get_queryset(self):
        return Task.objects.filter(project=self.context["project"])


class VarianceSerializer(serializers.Serializer):
    start_days = serializers.IntegerField(allow_null=True)
    finish_days = serializers.IntegerField(allow_null=True)
    duration_days = serializers.IntegerField(allow_null=True)
    cost = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)


class TaskOutputSerializer(serializers.ModelSerializer):
    assignee_name = serializers.SerializerMethodField()
    currency = serializers.SerializerMethodField()
    actual_cost = serializers.DecimalField(max_digits=16, decimal_places=2, read_only=True, default=None)
    baseline = serializers.SerializerMethodField()
    variance = serializers.SerializerMethodField()

    class Meta:
        model = Task
        fields = [
            "id",
            "project",
            "parent",
            "position",
            "wbs_code",
            "outline_level",
            "is_summary",
            "name",
            "is_milestone",
            "duration_days",
            "constraint_type",
            "constraint_date",
            "planned_start",
            "planned_finish",
            "late_start",
            "late_finish",
            "total_float_days",
            "free_float_days",
            "is_critical",
            "actual_start",
            "actual_finish",
            "percent_complete",
            "planned_cost",
            "currency",
            "actual_cost",
            "assignee",
            "assignee_name",
            "notes",
            "version",
            "updated_at",
            "baseline",
            "variance",
        ]
        read_only_fields = fields

    def get_assignee_name(self, task) -> str | None:
        return task.assignee.display_name if task.assignee_id else None

    def get_currency(self, task) -> str:
        return task.project.currency

    def _has_baseline(self, task) -> bool:
        return "calendar" in self.context and hasattr(task, "baseline_duration_days")

    def get_baseline(self, task) -> dict | None:
        if not self._has_baseline(task) or task.baseline_duration_days is None:
            return None
        return {
            "start": task.baseline_start,
            "finish": task.baseline_finish,
            "duration_days": task.baseline_duration_days,
            "planned_cost": str(task.baseline_planned_cost),
        }

    @extend_schema_field(VarianceSerializer(allow_null=True))
    def get_variance(self, task) -> dict | None:
        if not self._has_baseline(task) or task.baseline_duration_days is None:
            return None
        variance = annotated_task_variance(task, calendar=self.context["calendar"])
        return VarianceSerializer(variance).data


class TaskCreateInputSerializer(StrictInputSerializer):
    name = serializers.CharField(max_length=200)
    parent = _ProjectTaskField(required=False, allow_null=True)
    position = serializers.IntegerField(required=False, min_value=0)
    is_milestone = serializers.BooleanField(required=False, default=False)
    duration_days = serializers.IntegerField(required=False, min_value=0, max_value=MAX_DURATION_DAYS)
    constraint_type = serializers.ChoiceField(choices=ScheduleConstraint.choices, required=False, default="")
    constraint_date = serializers.DateField(required=False, allow_null=True)
    planned_cost = serializers.DecimalField(max_digits=14, decimal_places=2, required=False, min_value=0)
    assignee = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.filter(is_active=True), required=False, allow_null=True
    )
    notes = serializers.CharField(required=False, allow_blank=True)


class TaskUpdateInputSerializer(StrictInputSerializer):
    """Every field optional: a PATCH names only what changes."""

    name = serializers.CharField(max_length=200, required=False)
    is_milestone = serializers.BooleanField(required=False)
    duration_days = serializers.IntegerField(required=False, min_value=0, max_value=MAX_DURATION_DAYS)
    constraint_type = serializers.ChoiceField(choices=ScheduleConstraint.choices, required=False)
    constraint_date = serializers.DateField(required=False, allow_null=True)
    actual_start = serializers.DateField(required=False, allow_null=True)
    actual_finish = serializers.DateField(required=False, allow_null=True)
    percent_complete = serializers.IntegerField(required=False, min_value=0, max_value=100)
    planned_cost = serializers.DecimalField(max_digits=14, decimal_places=2, required=False, min_value=0)
    assignee = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.filter(is_active=True), required=False, allow_null=True
    )
    notes = serializers.CharField(required=False, allow_blank=True)


class TaskMoveInputSerializer(StrictInputSerializer):
    parent = _ProjectTaskField(allow_null=True)
    position = serializers.IntegerField(min_value=0)


class DependencyOutputSerializer(serializers.ModelSerializer):
    predecessor_name = serializers.CharField(source="predecessor.name", read_only=True)
    successor_name = serializers.CharField(source="successor.name", read_only=True)

    class Meta:
        model = Dependency
        fields = [
            "id",
            "project",
            "predecessor",
            "predecessor_name",
            "successor",
            "successor_name",
            "type",
            "lag_days",
        ]
        read_only_fields = fields


class DependencyInputSerializer(StrictInputSerializer):
    predecessor = _ProjectTaskField()
    successor = _ProjectTaskField()
    type = serializers.ChoiceField(choices=DependencyType.choices, default=DependencyType.FS)
    lag_days = serializers.IntegerField(
        default=0,
        min_value=-MAX_LAG_DAYS,
        max_value=MAX_LAG_DAYS,
        help_text=_("Working days; negative for a lead."),
    )


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


class CostEntryOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = CostEntry
        fields = ["id", "task", "date", "amount", "note", "created_by", "created_at"]
        read_only_fields = fields


class CostEntryInputSerializer(StrictInputSerializer):
    date = serializers.DateField()
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class HolidaySerializer(serializers.Serializer):
    date = serializers.DateField()
    name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")


class CalendarSerializer(StrictInputSerializer):
    """Working weekdays as numbers (0 = Monday ... 6 = Sunday) and the holiday list."""

    working_weekdays = serializers.ListField(child=serializers.IntegerField(min_value=0, max_value=6))
    holidays = HolidaySerializer(many=True)

    @staticmethod
    def present(row) -> dict:
        """The calendar as the API shows it; `row` None means the default Monday-Friday week."""
        if row is None:
            return {"working_weekdays": [0, 1, 2, 3, 4], "holidays": []}
        return {
            "working_weekdays": weekdays_from_mask(row.working_weekdays),
            "holidays": [{"date": holiday.date, "name": holiday.name} for holiday in row.holidays.all()],
        }


class ScheduleSummarySerializer(serializers.Serializer):
    project_duration_days = serializers.IntegerField()
    start = serializers.DateField(allow_null=True)
    finish = serializers.DateField(allow_null=True)
    critical_path = serializers.ListField(child=serializers.IntegerField())
