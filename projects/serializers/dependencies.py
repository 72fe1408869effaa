"""Serializers of dependencies in the plan API."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from pmo_portal.api import StrictInputSerializer
from projects.limits import MAX_LAG_DAYS
from projects.models import Dependency, DependencyType
from projects.serializers.tasks import ProjectTaskField


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
    predecessor = ProjectTaskField()
    successor = ProjectTaskField()
    type = serializers.ChoiceField(choices=DependencyType.choices, default=DependencyType.FS)
    lag_days = serializers.IntegerField(
        default=0,
        min_value=-MAX_LAG_DAYS,
        max_value=MAX_LAG_DAYS,
        help_text=_("Working days; negative for a lead."),
    )
