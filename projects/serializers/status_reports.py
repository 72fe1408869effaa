"""Serializers of status reports: the input of a draft and of its edits, and a report as clients see it."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from pmo_portal.api import StrictInputSerializer
from projects.models import Rag, StatusReportState
from projects.serializers.projects import PersonOutputSerializer

RAG_CHOICES = [("", _("Not rated yet")), *Rag.choices]


def _text():
    return serializers.CharField(required=False, allow_blank=True, max_length=20000)


def _rag():
    return serializers.ChoiceField(choices=RAG_CHOICES, required=False, help_text=_("green, amber or red."))


def _scale():
    return serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=5,
        help_text=_("1 (very low) to 5 (very high); null when not asked."),
        error_messages={
            "min_value": _("Give a value from 1 to 5."),
            "max_value": _("Give a value from 1 to 5."),
        },
    )


class StatusReportCreateInputSerializer(StrictInputSerializer):
    period_start = serializers.DateField(
        required=False,
        help_text=_("The first day of the period on the project's cadence; the current period by default."),
    )


class StatusReportInputSerializer(StrictInputSerializer):
    """The fields of a draft; every one optional (PATCH). A submitted report refuses every edit."""

    overall_rag = _rag()
    scope_rag = _rag()
    schedule_rag = _rag()
    cost_rag = _rag()
    risk_rag = _rag()
    quality_rag = _rag()
    narrative = _text()
    achievements = _text()
    next_steps = _text()
    decisions_needed = _text()
    customer_satisfaction = _scale()
    team_morale = _scale()


class StatusReportOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    project = serializers.IntegerField(source="project_id")
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    state = serializers.ChoiceField(choices=StatusReportState.choices)
    overall_rag = serializers.CharField(help_text="green, amber, red; empty while not rated.")
    scope_rag = serializers.CharField()
    schedule_rag = serializers.CharField()
    cost_rag = serializers.CharField()
    risk_rag = serializers.CharField()
    quality_rag = serializers.CharField()
    narrative = serializers.CharField()
    achievements = serializers.CharField()
    next_steps = serializers.CharField()
    decisions_needed = serializers.CharField()
    customer_satisfaction = serializers.IntegerField(allow_null=True)
    team_morale = serializers.IntegerField(allow_null=True)
    figures = serializers.JSONField(
        help_text="The period's figures the draft was prefilled with: spi, cpi, new_risks (null when not "
        "yet measured), milestones_hit and milestones_slipped."
    )
    author = PersonOutputSerializer(allow_null=True)
    submitted_by = PersonOutputSerializer(allow_null=True)
    submitted_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
