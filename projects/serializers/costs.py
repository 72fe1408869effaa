"""Serializers of actual cost entries in the plan API."""

from rest_framework import serializers

from pmo_portal.api import StrictInputSerializer
from projects.models import CostEntry


class CostEntryOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = CostEntry
        fields = ["id", "task", "date", "amount", "note", "created_by", "created_at"]
        read_only_fields = fields


class CostEntryInputSerializer(StrictInputSerializer):
    date = serializers.DateField()
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
