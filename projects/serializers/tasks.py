"""Serializers of tasks in the plan API: input serializers parse and type-check, the services decide."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from pmo_portal.api import StrictInputSerializer
from projects.limits import MAX_DURATION_DAYS, MAX_TASK_NAME_LENGTH
from projects.models import ScheduleConstraint, Task
from projects.services.tasks import WHOLE_DAYS_MESSAGE
from projects.variance import annotated_task_variance


@extend_schema_field(OpenApiTypes.INT)
class ProjectTaskField(serializers.PrimaryKeyRelatedField):
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
            "manual",
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


def _name(**kwargs) -> serializers.CharField:
    return serializers.CharField(
        max_length=MAX_TASK_NAME_LENGTH, error_messages={"blank": _("A task needs a name.")}, **kwargs
    )


def _duration(**kwargs) -> serializers.IntegerField:
    return serializers.IntegerField(
        min_value=0,
        max_value=MAX_DURATION_DAYS,
        error_messages={"min_value": _("The duration cannot be negative."), "invalid": WHOLE_DAYS_MESSAGE},
        **kwargs,
    )


def _manual(**kwargs) -> serializers.BooleanField:
    return serializers.BooleanField(
        help_text=_("Manually scheduled: the task keeps its start whatever its predecessors."), **kwargs
    )


def _percent(**kwargs) -> serializers.IntegerField:
    # Django and DRF fill a validator's message with its params, so a literal % is written %%.
    out_of_range = _("%% complete must be between 0 and 100.")
    return serializers.IntegerField(
        min_value=0,
        max_value=100,
        error_messages={"min_value": out_of_range, "max_value": out_of_range},
        **kwargs,
    )


def _planned_cost(**kwargs) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        min_value=0,
        error_messages={"min_value": _("The planned cost cannot be negative.")},
        **kwargs,
    )


def _assignee(**kwargs) -> serializers.PrimaryKeyRelatedField:
    return serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.filter(is_active=True), allow_null=True, **kwargs
    )


class TaskCreateInputSerializer(StrictInputSerializer):
    name = _name()
    parent = ProjectTaskField(required=False, allow_null=True)
    position = serializers.IntegerField(required=False, min_value=0)
    is_milestone = serializers.BooleanField(required=False, default=False)
    duration_days = _duration(required=False, help_text=_("Working days; a milestone takes none."))
    manual = _manual(required=False, default=False)
    constraint_type = serializers.ChoiceField(choices=ScheduleConstraint.choices, required=False, default="")
    constraint_date = serializers.DateField(required=False, allow_null=True)
    planned_cost = _planned_cost(required=False)
    assignee = _assignee(required=False)
    notes = serializers.CharField(required=False, allow_blank=True)


class TaskUpdateInputSerializer(StrictInputSerializer):
    """Every field optional: a PATCH names only what changes (projects.services.tasks.TaskChanges)."""

    name = _name(required=False)
    is_milestone = serializers.BooleanField(required=False)
    duration_days = _duration(required=False)
    manual = _manual(required=False)
    start = serializers.DateField(
        required=False, help_text=_("A typed start: the task starts no earlier than this date.")
    )
    finish = serializers.DateField(
        required=False, help_text=_("A typed finish: the duration becomes the working days up to this date.")
    )
    constraint_type = serializers.ChoiceField(choices=ScheduleConstraint.choices, required=False)
    constraint_date = serializers.DateField(required=False, allow_null=True)
    actual_start = serializers.DateField(required=False, allow_null=True)
    actual_finish = serializers.DateField(required=False, allow_null=True)
    percent_complete = _percent(required=False)
    planned_cost = _planned_cost(required=False)
    assignee = _assignee(required=False)
    notes = serializers.CharField(required=False, allow_blank=True)


class TaskMoveInputSerializer(StrictInputSerializer):
    parent = ProjectTaskField(allow_null=True)
    position = serializers.IntegerField(min_value=0)
