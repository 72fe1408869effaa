"""The scheduling network of POST /api/schedule/, for the schema only.

projects.scheduling.parse_network does the parsing; these serializers describe its JSON.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class NetworkLinkDocSerializer(serializers.Serializer):
    id = serializers.CharField(help_text=_("The predecessor's id."))
    # A plain string, not an enum: the plan API's dependency type already owns the enum name "type".
    type = serializers.CharField(required=False, default="FS", help_text=_("FS, SS, FF or SF."))
    lag = serializers.IntegerField(required=False, default=0, help_text=_("Periods; negative is a lead."))


class NetworkActivityDocSerializer(serializers.Serializer):
    id = serializers.CharField()
    duration = serializers.IntegerField(min_value=0, help_text=_("Whole periods; 0 is a milestone."))
    predecessors = NetworkLinkDocSerializer(many=True, required=False)
    start_no_earlier_than = serializers.IntegerField(required=False, allow_null=True)
    finish_no_later_than = serializers.IntegerField(required=False, allow_null=True)


class NetworkDocSerializer(serializers.Serializer):
    activities = NetworkActivityDocSerializer(many=True)


class ActivityScheduleDocSerializer(serializers.Serializer):
    early_start = serializers.IntegerField()
    early_finish = serializers.IntegerField()
    late_start = serializers.IntegerField()
    late_finish = serializers.IntegerField()
    total_float = serializers.IntegerField()
    free_float = serializers.IntegerField()
    critical = serializers.BooleanField()


class ScheduleDocSerializer(serializers.Serializer):
    project_duration = serializers.IntegerField()
    critical_path = serializers.ListField(child=serializers.CharField())
    activities = serializers.DictField(child=ActivityScheduleDocSerializer())
