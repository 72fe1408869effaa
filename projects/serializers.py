"""Serializers of the projects API: input serializers parse and type-check, output ones render.

Input serializers only check shape and type (a number is a number, an id names an existing
row); the rules (finish after start, budget not negative, unique code, who may name a PM)
live in the models and services, so the API and the HTML forms give the same messages.
"""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from governance.currencies import CURRENCY_CHOICES
from governance.models import PmoType
from pmo_portal.api import StrictInputSerializer
from projects import selectors
from projects.models import MembershipRole, Phase, Portfolio, Priority, Program, Status


@extend_schema_field(OpenApiTypes.INT)
class VisibleProjectField(serializers.PrimaryKeyRelatedField):
    """A project id among those the requesting user may see; hidden ones read as unknown."""

    def get_queryset(self):
        return selectors.project_list(user=self.context["request"].user)


def _text(**kwargs):
    return serializers.CharField(required=False, allow_blank=True, **kwargs)


def _people():
    return get_user_model().objects.all()


# Inputs ---------------------------------------------------------------------------------------


class PortfolioInputSerializer(StrictInputSerializer):
    code = serializers.CharField()
    name = serializers.CharField()
    description = _text()
    pmo_type_override = serializers.ChoiceField(
        choices=PmoType.choices,
        required=False,
        allow_blank=True,
        help_text=_("Empty: follow the installation's PMO type."),
    )


class ProgramInputSerializer(StrictInputSerializer):
    portfolio = serializers.PrimaryKeyRelatedField(queryset=Portfolio.objects.all())
    code = serializers.CharField()
    name = serializers.CharField()
    description = _text()


class ProjectInputSerializer(StrictInputSerializer):
    """The fields of a project a client sends; with partial=True every field is optional."""

    code = serializers.CharField()
    name = serializers.CharField()
    portfolio = serializers.PrimaryKeyRelatedField(queryset=Portfolio.objects.all())
    program = serializers.PrimaryKeyRelatedField(
        queryset=Program.objects.all(), required=False, allow_null=True
    )
    description = _text()
    department = _text()
    sponsor = serializers.PrimaryKeyRelatedField(queryset=_people(), required=False, allow_null=True)
    project_manager = serializers.PrimaryKeyRelatedField(
        queryset=_people(),
        required=False,
        help_text=_("Defaults to the person creating the project."),
    )
    phase = serializers.ChoiceField(choices=Phase.choices, required=False)
    status = serializers.ChoiceField(choices=Status.choices, required=False)
    priority = serializers.ChoiceField(choices=Priority.choices, required=False)
    start_date = serializers.DateField(required=False, allow_null=True)
    finish_date = serializers.DateField(required=False, allow_null=True)
    budget = serializers.DecimalField(max_digits=16, decimal_places=2, required=False)
    currency = serializers.ChoiceField(
        choices=CURRENCY_CHOICES,
        required=False,
        error_messages={
            "invalid_choice": _("Unknown currency “{input}”: use an ISO 4217 code such as CNY, USD or EUR.")
        },
    )
    objectives = _text()
    scope_in = _text()
    scope_out = _text()
    success_criteria = _text()


class MembershipCreateInputSerializer(StrictInputSerializer):
    project = VisibleProjectField()
    user = serializers.PrimaryKeyRelatedField(queryset=_people())
    role = serializers.ChoiceField(choices=MembershipRole.choices, required=False)


class MembershipUpdateInputSerializer(StrictInputSerializer):
    role = serializers.ChoiceField(choices=MembershipRole.choices)


# Outputs --------------------------------------------------------------------------------------


class PersonOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    display_name = serializers.CharField()


class PortfolioRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class PortfolioOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField()
    pmo_type_override = serializers.CharField()
    created_at = serializers.DateTimeField()


class ProgramOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField()
    portfolio = PortfolioRefSerializer()


class ProjectOutputSerializer(serializers.Serializer):
    """A project as clients see it; `can_edit` comes from the ids in context["editable_ids"]."""

    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField()
    portfolio = PortfolioRefSerializer()
    program = PortfolioRefSerializer(allow_null=True)
    department = serializers.CharField()
    sponsor = PersonOutputSerializer(allow_null=True)
    project_manager = PersonOutputSerializer()
    phase = serializers.ChoiceField(choices=Phase.choices)
    status = serializers.ChoiceField(choices=Status.choices)
    priority = serializers.ChoiceField(choices=Priority.choices)
    start_date = serializers.DateField(allow_null=True)
    finish_date = serializers.DateField(allow_null=True)
    budget = serializers.DecimalField(max_digits=16, decimal_places=2, help_text=_("A decimal string."))
    currency = serializers.CharField()
    objectives = serializers.CharField()
    scope_in = serializers.CharField()
    scope_out = serializers.CharField()
    success_criteria = serializers.CharField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    can_edit = serializers.SerializerMethodField()

    def get_can_edit(self, project) -> bool:
        return project.pk in self.context["editable_ids"]


class ProjectRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class MembershipOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    project = ProjectRefSerializer()
    user = PersonOutputSerializer()
    role = serializers.ChoiceField(choices=MembershipRole.choices)
    created_at = serializers.DateTimeField()


class FieldChangeOutputSerializer(serializers.Serializer):
    label = serializers.CharField()
    old = serializers.CharField()
    new = serializers.CharField()


class HistoryEntryOutputSerializer(serializers.Serializer):
    when = serializers.DateTimeField()
    who = serializers.CharField()
    kind = serializers.ChoiceField(choices=["created", "changed", "deleted"])
    changes = FieldChangeOutputSerializer(many=True)


# The scheduling network, for the schema only: projects.scheduling.parse_network does the parsing.


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
