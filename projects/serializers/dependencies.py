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


def _lag_field(**options) -> serializers.IntegerField:
    # The service holds the lag within the project's span; this bound only keeps the number sane.
    return serializers.IntegerField(
        min_value=-MAX_LAG_DAYS,
        max_value=MAX_LAG_DAYS,
        help_text=_("Working days; negative for a lead; at most the project's span either way."),
        **options,
    )


class DependencyInputSerializer(StrictInputSerializer):
    predecessor = ProjectTaskField()
    successor = ProjectTaskField()
    type = serializers.ChoiceField(choices=DependencyType.choices, default=DependencyType.FS)
    lag_days = _lag_field(default=0)


class DependencyUpdateInputSerializer(StrictInputSerializer):
    """A change of a link: its type and/or its lag (other fields are refused)."""

    type = serializers.ChoiceField(choices=DependencyType.choices, required=False)
    lag_days = _lag_field(required=False)

    def validate(self, attrs):
        if not attrs:
            raise serializers.ValidationError(_("Send the link's new type, lag_days or both."))
        return attrs
