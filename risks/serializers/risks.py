"""Serializers of risks, their response actions, the issue log and a project's risk figures.

Inputs only parse: the rules (the PMO's scale and categories, owners on the project, the workflow) live
in the models and services, so the API and the pages refuse alike. The level and the expected monetary
value are read under the PMO's standards in force, given in the context as "standards".
"""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from pmo_portal.api import StrictInputSerializer
from projects.models import Task
from projects.serializers.projects import PersonOutputSerializer, VisibleProjectField
from risks.models import IssueSeverity, IssueStatus, ResponseStrategy, RiskKind, RiskLevel, RiskStatus

# A bound far above any scale, so a huge number is refused by the field, not by the database.
RATING_BOUND = 1000


def _text(**kwargs):
    return serializers.CharField(required=False, allow_blank=True, **kwargs)


def _person(**kwargs):
    return serializers.PrimaryKeyRelatedField(queryset=get_user_model().objects.all(), **kwargs)


def _rating(**kwargs):
    return serializers.IntegerField(min_value=-RATING_BOUND, max_value=RATING_BOUND, **kwargs)


class RiskFieldsInputSerializer(StrictInputSerializer):
    """A risk's own fields; with partial=True every field is optional (an edit names what changes)."""

    kind = serializers.ChoiceField(choices=RiskKind.choices, required=False)
    title = serializers.CharField(max_length=200)
    cause = _text()
    event = _text()
    effect = _text()
    category = _text(max_length=40, help_text=_("One of the PMO's risk categories."))
    probability = _rating(help_text=_("A whole number on the PMO's scale (1-5 by default)."))
    impact = _rating(help_text=_("A whole number on the PMO's scale (1-5 by default)."))
    owner = _person(required=False, help_text=_("The project's manager or a team member."))
    strategy = serializers.ChoiceField(choices=ResponseStrategy.choices, required=False, allow_blank=True)
    response_plan = _text()
    trigger = _text()
    review_date = serializers.DateField(required=False, allow_null=True)
    residual_probability = _rating(required=False, allow_null=True)
    residual_impact = _rating(required=False, allow_null=True)
    residual_reason = _text()
    cost_impact = serializers.DecimalField(
        max_digits=16,
        decimal_places=2,
        required=False,
        help_text=_("A decimal string in the project's currency."),
    )
    linked_tasks = serializers.PrimaryKeyRelatedField(
        queryset=Task.objects.all(),
        many=True,
        required=False,
        help_text=_("Ids of tasks of the project's plan."),
    )


class RiskCreateInputSerializer(RiskFieldsInputSerializer):
    project = VisibleProjectField()


class RiskTransitionInputSerializer(StrictInputSerializer):
    status = serializers.ChoiceField(choices=RiskStatus.choices)


class RiskOccurInputSerializer(StrictInputSerializer):
    """The issue the risk becomes; each field defaults to the risk's (title, level, owner)."""

    title = serializers.CharField(max_length=200, required=False, allow_blank=True)
    description = _text()
    severity = serializers.ChoiceField(choices=IssueSeverity.choices, required=False, allow_blank=True)
    owner = _person(required=False, allow_null=True)
    due_date = serializers.DateField(required=False, allow_null=True)


class TaskRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class RiskOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    project = serializers.IntegerField(source="project_id")
    project_code = serializers.CharField(source="project.code")
    currency = serializers.CharField(source="project.currency")
    kind = serializers.ChoiceField(choices=RiskKind.choices)
    title = serializers.CharField()
    cause = serializers.CharField()
    event = serializers.CharField()
    effect = serializers.CharField()
    category = serializers.CharField()
    probability = serializers.IntegerField()
    impact = serializers.IntegerField()
    score = serializers.IntegerField()
    level = serializers.ChoiceField(
        choices=RiskLevel.choices, help_text=_("The score's band under the PMO's standards.")
    )
    owner = PersonOutputSerializer()
    strategy = serializers.ChoiceField(choices=ResponseStrategy.choices, allow_blank=True)
    response_plan = serializers.CharField()
    trigger = serializers.CharField()
    review_date = serializers.DateField(allow_null=True)
    status = serializers.ChoiceField(choices=RiskStatus.choices)
    residual_probability = serializers.IntegerField(allow_null=True)
    residual_impact = serializers.IntegerField(allow_null=True)
    residual_score = serializers.IntegerField(allow_null=True)
    residual_reason = serializers.CharField()
    cost_impact = serializers.DecimalField(max_digits=16, decimal_places=2)
    expected_monetary_value = serializers.SerializerMethodField(
        help_text=_("Probability share x cost impact, in the project's currency.")
    )
    linked_tasks = TaskRefSerializer(many=True, source="linked_tasks.all")
    escalated = serializers.BooleanField()
    escalated_at = serializers.DateTimeField(allow_null=True)
    response_signed_off_by = PersonOutputSerializer(allow_null=True)
    response_signed_off_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    # A decimal string, as every amount of the API is.
    @extend_schema_field(serializers.DecimalField(max_digits=18, decimal_places=2))
    def get_expected_monetary_value(self, risk) -> str:
        return f"{risk.expected_monetary_value(self.context['standards']):.2f}"


class RiskActionInputSerializer(StrictInputSerializer):
    description = serializers.CharField(max_length=5000)
    owner = _person(help_text=_("The project's manager or a team member."))
    due_date = serializers.DateField()


class RiskActionOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    risk = serializers.IntegerField(source="risk_id")
    description = serializers.CharField()
    owner = PersonOutputSerializer()
    due_date = serializers.DateField()
    done_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()


class IssueFieldsInputSerializer(StrictInputSerializer):
    title = serializers.CharField(max_length=200)
    description = _text()
    severity = serializers.ChoiceField(choices=IssueSeverity.choices, required=False)
    owner = _person(required=False, help_text=_("The project's manager (the default) or a team member."))
    due_date = serializers.DateField(required=False, allow_null=True)


class IssueCreateInputSerializer(IssueFieldsInputSerializer):
    project = VisibleProjectField()


class IssueUpdateInputSerializer(IssueFieldsInputSerializer):
    status = serializers.ChoiceField(
        choices=IssueStatus.choices,
        required=False,
        help_text=_("Open or in progress; resolving and closing have their own endpoints."),
    )


class IssueResolveInputSerializer(StrictInputSerializer):
    resolution = serializers.CharField(max_length=5000, allow_blank=True)


class IssueOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    project = serializers.IntegerField(source="project_id")
    project_code = serializers.CharField(source="project.code")
    title = serializers.CharField()
    description = serializers.CharField()
    severity = serializers.ChoiceField(choices=IssueSeverity.choices)
    owner = PersonOutputSerializer()
    due_date = serializers.DateField(allow_null=True)
    status = serializers.ChoiceField(choices=IssueStatus.choices)
    resolution = serializers.CharField()
    risk = serializers.IntegerField(
        source="risk_id", allow_null=True, help_text=_("The risk it occurred from.")
    )
    resolved_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()


class RiskFiguresOutputSerializer(serializers.Serializer):
    project = serializers.IntegerField(source="project_id")
    currency = serializers.CharField()
    contingency_reserve = serializers.DecimalField(
        max_digits=18,
        decimal_places=2,
        help_text=_("The sum of the expected monetary values of the open threats."),
    )
    open_by_level = serializers.DictField(child=serializers.IntegerField())
    open_total = serializers.IntegerField()
    escalated_open = serializers.IntegerField()
