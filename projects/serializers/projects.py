"""Serializers of projects: input serializers parse and type-check, output ones render.

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
from governance.models import Methodology
from pmo_portal.api import StrictInputSerializer
from projects.models import Phase, PlanEventKind, Portfolio, Priority, Program, Status
from projects.selectors.projects import project_list
from projects.serializers.portfolios import PortfolioRefSerializer


@extend_schema_field(OpenApiTypes.INT)
class VisibleProjectField(serializers.PrimaryKeyRelatedField):
    """A project id among those the requesting user may see; hidden ones read as unknown."""

    def get_queryset(self):
        return project_list(user=self.context["request"].user)


def _text(**kwargs):
    return serializers.CharField(required=False, allow_blank=True, **kwargs)


def people():
    """Everyone who may be named on a project (the services check who is active)."""
    return get_user_model().objects.all()


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
    sponsor = serializers.PrimaryKeyRelatedField(queryset=people(), required=False, allow_null=True)
    project_manager = serializers.PrimaryKeyRelatedField(
        queryset=people(),
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
    assumptions = _text()
    constraints = _text()
    milestones = _text()


class ProjectCreateInputSerializer(ProjectInputSerializer):
    """A new project's fields: those of any project and the methodology it follows from the start."""

    methodology = serializers.PrimaryKeyRelatedField(
        queryset=Methodology.objects.all(),
        required=False,
        allow_null=True,
        help_text=_(
            "The id of a methodology; the project follows its newest published version. Required under "
            "a controlling or directive PMO."
        ),
    )


class MethodologyVersionRefSerializer(serializers.Serializer):
    """The methodology version a project follows."""

    id = serializers.IntegerField(source="methodology_id")
    code = serializers.CharField(source="methodology.code")
    name = serializers.CharField(source="methodology.name")
    version = serializers.IntegerField(source="number")


class PersonOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    display_name = serializers.CharField()


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
    assumptions = serializers.CharField()
    constraints = serializers.CharField()
    milestones = serializers.CharField()
    methodology = MethodologyVersionRefSerializer(source="methodology_version", allow_null=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    can_edit = serializers.SerializerMethodField()

    def get_can_edit(self, project) -> bool:
        return project.pk in self.context["editable_ids"]


@extend_schema_field(
    {"type": "string", "enum": ["green", "amber", "red"], "nullable": True, "readOnly": True}
)
class BandField(serializers.ReadOnlyField):
    """A band or RAG colour as the rollup stores it; blank (not yet measured) answers null."""

    def to_representation(self, value):
        return value or None


def _figure(help_text, **kwargs):
    return serializers.DecimalField(
        max_digits=12, decimal_places=4, allow_null=True, read_only=True, help_text=help_text, **kwargs
    )


class ProjectListOutputSerializer(ProjectOutputSerializer):
    """A project of the list, with its rolled-up figures; null means "not yet measured", never 0."""

    progress = serializers.DecimalField(
        max_digits=5,
        decimal_places=1,
        allow_null=True,
        read_only=True,
        help_text=_("Percent complete of the plan, from the latest rollup; a decimal string or null."),
    )
    spi = _figure(_("Schedule performance index (EV / PV), a decimal string; null until defined."))
    cpi = _figure(_("Cost performance index (EV / AC), a decimal string; null until defined."))
    health_score = serializers.IntegerField(
        allow_null=True, read_only=True, help_text=_("Health score 0-100; null until measured.")
    )
    health_band = BandField(help_text=_("Band of the health score; null until measured."))
    rag = BandField(help_text=_("Overall RAG of the latest submitted status report; null before one."))


class ProjectRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class FieldChangeOutputSerializer(serializers.Serializer):
    label = serializers.CharField()
    old = serializers.CharField()
    new = serializers.CharField()


class FactOutputSerializer(serializers.Serializer):
    label = serializers.CharField()
    value = serializers.CharField()


class HistoryEntryOutputSerializer(serializers.Serializer):
    """One entry of a project's history: the project's own fields, or a change to its plan."""

    when = serializers.DateTimeField()
    who = serializers.CharField()
    kind = serializers.ChoiceField(
        choices=["created", "changed", "deleted", "comment", *PlanEventKind.values]
    )
    title = serializers.CharField(help_text="What happened, in the reader's language: “Task changed”")
    subject = serializers.CharField(
        help_text="What it happened to: a task, a link “A -> B (FS +2d)”, a file."
    )
    changes = FieldChangeOutputSerializer(many=True, help_text="The fields a person changed, old -> new.")
    facts = FactOutputSerializer(many=True, help_text="The figures of a summarised change (an import).")
    text = serializers.CharField(help_text="A comment's words (kind “comment”); empty otherwise.")
