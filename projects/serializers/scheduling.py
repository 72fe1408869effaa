"""The scheduling network of POST /api/schedule/, for the schema only.

projects.scheduling.parse_network does the parsing; these serializers describe its JSON.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class NetworkLinkDocSerializer(serializers.Serializer):
    id = serializers.CharField(help_text=_("The predecessor's id."))
    # A plain string, not an enum: the plan API's dependency type already owns the enum name "type".
    type = serializers.CharField(required=False, default="FS", help_text=_("FS, SS, FF or SF."))
    lag = serializers.FloatField(
        required=False, default=0, help_text=_("Periods, fractions allowed; negative is a lead.")
    )


class NetworkActivityDocSerializer(serializers.Serializer):
    id = serializers.CharField()
    duration = serializers.FloatField(
        min_value=0,
        help_text=_("Periods, fractions allowed (a PERT estimate such as 5.333); 0 is a milestone."),
    )
    predecessors = NetworkLinkDocSerializer(many=True, required=False)
    start_no_earlier_than = serializers.FloatField(required=False, allow_null=True)
    finish_no_later_than = serializers.FloatField(required=False, allow_null=True)
    fixed_start = serializers.FloatField(
        required=False,
        allow_null=True,
        help_text=_("Pins the early start here whatever the predecessors say (a manually scheduled task)."),
    )


class NetworkDocSerializer(serializers.Serializer):
    activities = NetworkActivityDocSerializer(many=True)


class ActivityScheduleDocSerializer(serializers.Serializer):
    # Numbers: whole figures are written as integers, fractions as decimals.
    early_start = serializers.FloatField()
    early_finish = serializers.FloatField()
    late_start = serializers.FloatField()
    late_finish = serializers.FloatField()
    total_float = serializers.FloatField()
    free_float = serializers.FloatField()
    critical = serializers.BooleanField()


class ScheduleDocSerializer(serializers.Serializer):
    project_duration = serializers.FloatField()
    critical_path = serializers.ListField(child=serializers.CharField())
    activities = serializers.DictField(child=ActivityScheduleDocSerializer())
