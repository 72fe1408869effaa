"""Serializers of the post-project evaluation: the assessment a client sends, the evaluation it reads."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from pmo_portal.api import StrictInputSerializer
from projects.models import EvaluationState, ObjectivesMet
from projects.models.evaluations import MAX_RATING, MIN_RATING
from projects.serializers.projects import PersonOutputSerializer


def _text():
    return serializers.CharField(required=False, allow_blank=True, max_length=20000)


class EvaluationInputSerializer(StrictInputSerializer):
    """The assessment; every field optional. The figures come from the project, never from the client."""

    objectives_met = serializers.ChoiceField(choices=ObjectivesMet.choices, required=False, allow_blank=True)
    rating = serializers.IntegerField(
        required=False, allow_null=True, min_value=MIN_RATING, max_value=MAX_RATING
    )
    went_well = _text()
    went_badly = _text()
    recommendations = _text()


def _money(help_text):
    return serializers.DecimalField(
        max_digits=16, decimal_places=2, allow_null=True, help_text=help_text, read_only=True
    )


class EvaluationLessonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    phase = serializers.CharField()
    category = serializers.CharField()
    created_at = serializers.DateTimeField()


class EvaluationOutputSerializer(serializers.Serializer):
    """A closed project's evaluation; `id` is null until someone saved a draft. A draft's figures are
    those of the source rows now; a submitted one's are as they were at submission."""

    id = serializers.IntegerField(allow_null=True)
    project = serializers.IntegerField(source="project_id")
    state = serializers.ChoiceField(choices=EvaluationState.choices)
    objectives_met = serializers.CharField(help_text="yes, partly, no, or empty before assessed")
    rating = serializers.IntegerField(allow_null=True)
    went_well = serializers.CharField()
    went_badly = serializers.CharField()
    recommendations = serializers.CharField()
    baseline_name = serializers.CharField(help_text=_("The latest baseline; empty when there is none."))
    baseline_start = serializers.DateField(allow_null=True)
    baseline_finish = serializers.DateField(allow_null=True)
    actual_start = serializers.DateField(allow_null=True)
    actual_finish = serializers.DateField(allow_null=True)
    finish_variance_days = serializers.IntegerField(
        allow_null=True, help_text=_("Actual finish minus baseline finish, in calendar days.")
    )
    tasks_without_actual_finish = serializers.IntegerField()
    currency = serializers.CharField()
    budget = _money(_("A decimal string."))
    actual_cost = _money(_("The cost booked on the project's tasks; null when none is."))
    cost_variance = _money(_("Actual cost minus budget; null without an actual cost."))
    approved_changes = serializers.IntegerField()
    approved_changes_cost = _money(_("The summed cost impact of the approved change requests."))
    approved_changes_days = serializers.IntegerField(
        help_text=_("Their summed schedule impact, working days.")
    )
    lessons = serializers.SerializerMethodField()
    created_by = PersonOutputSerializer(allow_null=True)
    submitted_by = PersonOutputSerializer(allow_null=True)
    submitted_at = serializers.DateTimeField(allow_null=True)
    can_edit = serializers.SerializerMethodField()

    @extend_schema_field(EvaluationLessonSerializer(many=True))
    def get_lessons(self, evaluation):
        return EvaluationLessonSerializer(self.context["lessons"], many=True).data

    def get_can_edit(self, evaluation) -> bool:
        return self.context["can_edit"]
