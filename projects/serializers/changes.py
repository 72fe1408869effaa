"""Serializers of change requests: the input of a draft and of a decision, a request with its steps."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from governance.currencies import CURRENCY_CHOICES
from pmo_portal.api import StrictInputSerializer
from projects.models import ApprovalDecision, ApprovalRole, ChangeRequestState
from projects.serializers.projects import PersonOutputSerializer


def _text(**kwargs):
    return serializers.CharField(required=False, allow_blank=True, **kwargs)


class ChangeRequestInputSerializer(StrictInputSerializer):
    """A draft change request; with partial=True every field is optional. The rules (no negative delay,
    the project's currency) live in the model and service, so pages and API say the same."""

    title = serializers.CharField(max_length=200)
    description = _text()
    reason = _text()
    scope_impact = _text()
    schedule_impact_days = serializers.IntegerField(
        required=False,
        min_value=0,
        max_value=100000,
        help_text=_("Working days the finish date moves later; 0 or more."),
        error_messages={"min_value": _("The impact on schedule cannot be negative.")},
    )
    cost_impact = serializers.DecimalField(
        max_digits=16,
        decimal_places=2,
        required=False,
        help_text=_("A decimal string; negative for a saving."),
    )
    currency = serializers.ChoiceField(
        choices=CURRENCY_CHOICES,
        required=False,
        help_text=_("Must be the project's currency; defaults to it."),
        error_messages={
            "invalid_choice": _("Unknown currency “{input}”: use an ISO 4217 code such as CNY, USD or EUR.")
        },
    )
    save_baseline = serializers.BooleanField(required=False)


DECISIONS = {"approve": ApprovalDecision.APPROVED, "reject": ApprovalDecision.REJECTED}


class ChangeDecisionInputSerializer(StrictInputSerializer):
    decision = serializers.ChoiceField(choices=sorted(DECISIONS))
    comment = serializers.CharField(max_length=5000)
    step = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=10,
        help_text=_("The order of the step decided; when given it must be the one awaiting a decision."),
    )


class ChangeApprovalOutputSerializer(serializers.Serializer):
    order = serializers.IntegerField()
    role = serializers.ChoiceField(choices=ApprovalRole.choices)
    decision = serializers.ChoiceField(choices=ApprovalDecision.choices, help_text="Empty while pending.")
    comment = serializers.CharField()
    decided_by = PersonOutputSerializer(allow_null=True)
    decided_at = serializers.DateTimeField(allow_null=True)


class ChangeRequestOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    project = serializers.IntegerField(source="project_id")
    title = serializers.CharField()
    description = serializers.CharField()
    reason = serializers.CharField()
    scope_impact = serializers.CharField()
    schedule_impact_days = serializers.IntegerField()
    cost_impact = serializers.DecimalField(max_digits=16, decimal_places=2)
    currency = serializers.CharField()
    save_baseline = serializers.BooleanField()
    state = serializers.ChoiceField(choices=ChangeRequestState.choices)
    pmo_type = serializers.CharField(help_text="The PMO type it was routed under; empty while draft.")
    pmo_informed = serializers.BooleanField()
    created_by = PersonOutputSerializer(allow_null=True)
    created_at = serializers.DateTimeField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    decided_at = serializers.DateTimeField(allow_null=True)
    approvals = ChangeApprovalOutputSerializer(many=True, source="approvals.all")
