"""Serializers of a project's governance: deliverables, gate reviews and their decisions, waivers, phases."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from governance.lifecycle import LifecyclePhase
from governance.models import DeliverableKind
from pmo_portal.api import StrictInputSerializer
from projects.models import ChecklistAnswer, DeliverableState, GateDecision, GateReviewState
from projects.serializers.projects import PersonOutputSerializer


class DeliverableOutputSerializer(serializers.Serializer):
    """A required deliverable; `id` is null while nothing was saved for it (state missing or waived)."""

    id = serializers.IntegerField(allow_null=True)
    kind = serializers.ChoiceField(choices=DeliverableKind.choices)
    label = serializers.CharField()
    phase = serializers.ChoiceField(choices=LifecyclePhase.choices)
    state = serializers.ChoiceField(choices=DeliverableState.choices)
    link = serializers.CharField()
    file_url = serializers.SerializerMethodField()
    submitted_by = PersonOutputSerializer(allow_null=True)
    accepted_by = PersonOutputSerializer(allow_null=True)
    accepted_at = serializers.DateTimeField(allow_null=True)

    def get_file_url(self, item) -> str | None:
        if item.row is None or not item.row.file:
            return None
        return reverse("projects:deliverable_file", args=[item.row.project_id, item.row.pk])


class DeliverableRecordSerializer(serializers.Serializer):
    """One stored deliverable, as a write answers it."""

    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=DeliverableKind.choices)
    state = serializers.ChoiceField(choices=DeliverableState.choices)
    link = serializers.CharField()
    note = serializers.CharField()
    review_comment = serializers.CharField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    accepted_at = serializers.DateTimeField(allow_null=True)


class DeliverableInputSerializer(StrictInputSerializer):
    """A draft of a required deliverable: a file (multipart) or an https link."""

    kind = serializers.ChoiceField(choices=DeliverableKind.choices)
    file = serializers.FileField(required=False, allow_empty_file=False)
    link = serializers.URLField(required=False, allow_blank=True, max_length=500)
    note = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class DeliverableReviewInputSerializer(StrictInputSerializer):
    comment = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class FollowUpOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    description = serializers.CharField()
    owner = PersonOutputSerializer()
    due_on = serializers.DateField()
    done = serializers.BooleanField()


class GateReviewOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    phase = serializers.ChoiceField(choices=LifecyclePhase.choices)
    gate_name = serializers.CharField()
    state = serializers.ChoiceField(choices=GateReviewState.choices)
    advisory = serializers.BooleanField()
    checklist = serializers.ListField(child=serializers.CharField())
    answers = serializers.ListField(child=serializers.DictField())
    note = serializers.CharField()
    requested_by = PersonOutputSerializer()
    requested_at = serializers.DateTimeField()
    decided_by = PersonOutputSerializer(allow_null=True)
    decided_at = serializers.DateTimeField(allow_null=True)
    comment = serializers.CharField()
    follow_ups = FollowUpOutputSerializer(many=True)


class GateReviewRequestInputSerializer(StrictInputSerializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class ChecklistAnswerInputSerializer(serializers.Serializer):
    """One answer, in the checklist's order; a question the PMO waived for the project may stay unanswered."""

    answer = serializers.ChoiceField(choices=ChecklistAnswer.choices, required=False)
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class ConditionInputSerializer(serializers.Serializer):
    description = serializers.CharField(max_length=2000)
    owner = serializers.IntegerField(min_value=1, max_value=2**63 - 1, help_text=_("A project member's id."))
    due_on = serializers.DateField()


class GateDecisionInputSerializer(StrictInputSerializer):
    decision = serializers.ChoiceField(choices=GateDecision.choices)
    comment = serializers.CharField(max_length=5000)
    checklist = ChecklistAnswerInputSerializer(many=True, required=False)
    conditions = ConditionInputSerializer(many=True, required=False)


class PhaseMoveInputSerializer(StrictInputSerializer):
    phase = serializers.ChoiceField(choices=LifecyclePhase.choices)


class PhaseOutputSerializer(serializers.Serializer):
    phase = serializers.ChoiceField(choices=LifecyclePhase.choices)
    next_phase = serializers.ChoiceField(choices=LifecyclePhase.choices, allow_null=True)


class WaiverOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    deliverable_kind = serializers.CharField()
    gate_phase = serializers.CharField()
    checklist_item = serializers.CharField()
    reason = serializers.CharField()
    expires_on = serializers.DateField()
    in_force = serializers.SerializerMethodField()
    granted_by = PersonOutputSerializer()
    created_at = serializers.DateTimeField()

    def get_in_force(self, waiver) -> bool:
        return waiver.in_force()


class WaiverInputSerializer(StrictInputSerializer):
    deliverable_kind = serializers.ChoiceField(
        choices=DeliverableKind.choices, required=False, allow_blank=True
    )
    gate_phase = serializers.ChoiceField(choices=LifecyclePhase.choices, required=False, allow_blank=True)
    checklist_item = serializers.CharField(required=False, allow_blank=True, max_length=300)
    reason = serializers.CharField(max_length=5000)
    expires_on = serializers.DateField()


class FollowUpInputSerializer(StrictInputSerializer):
    done = serializers.BooleanField()
