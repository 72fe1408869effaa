"""Methodologies through the API: read by everyone signed in."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from governance import selectors
from governance.lifecycle import LifecyclePhase
from governance.models import (
    DeliverableKind,
    GateReviewer,
    Methodology,
    ReportCadence,
)
from pmo_portal.api import (
    LIST_ERRORS,
    OBJECT_READ_ERRORS,
)
from pmo_portal.api_views import ListApi


class MethodologyOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField()
    is_active = serializers.BooleanField(help_text="Offered to new projects; retired ones are not.")
    current_version = serializers.IntegerField(
        source="published_number",
        allow_null=True,
        help_text="The newest published version, which new projects follow; null before the first.",
    )


class MethodologyPhaseOutputSerializer(serializers.Serializer):
    order = serializers.IntegerField()
    lifecycle_phase = serializers.ChoiceField(choices=LifecyclePhase.choices)
    name = serializers.CharField()
    gate_name = serializers.CharField(help_text="Empty when the phase ends without a gate.")
    checklist = serializers.ListField(child=serializers.CharField())
    required_deliverables = serializers.ListField(
        child=serializers.ChoiceField(choices=DeliverableKind.choices)
    )
    reviewers = serializers.ListField(child=serializers.ChoiceField(choices=GateReviewer.choices))


class StandardRiskOutputSerializer(serializers.Serializer):
    title = serializers.CharField()
    category = serializers.CharField(default="")
    probability = serializers.IntegerField(min_value=1, max_value=5)
    impact = serializers.IntegerField(min_value=1, max_value=5)


class MethodologyVersionOutputSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    report_cadence = serializers.ChoiceField(choices=ReportCadence.choices)
    change_notes = serializers.CharField()
    published_at = serializers.DateTimeField(allow_null=True, help_text="Null while the version is a draft.")
    standard_risks = StandardRiskOutputSerializer(many=True)
    phases = MethodologyPhaseOutputSerializer(many=True, source="phases.all")


class MethodologyDetailOutputSerializer(MethodologyOutputSerializer):
    versions = MethodologyVersionOutputSerializer(many=True, source="versions.all", help_text="Newest first.")


@extend_schema(tags=["methodologies"])
class MethodologyListApi(ListApi):
    serializer_class = MethodologyOutputSerializer

    def get_queryset(self):
        return selectors.methodology_list()

    @extend_schema(responses={200: MethodologyOutputSerializer(many=True), **LIST_ERRORS})
    def get(self, request):
        """Every methodology by name, with the version new projects follow (`current_version`)."""
        return self.list_response(MethodologyOutputSerializer)


@extend_schema(tags=["methodologies"])
class MethodologyDetailApi(APIView):
    @extend_schema(responses={200: MethodologyDetailOutputSerializer, **OBJECT_READ_ERRORS})
    def get(self, request, pk: int):
        """One methodology with every version, newest first, and the phases of each in order."""
        try:
            methodology = selectors.methodology_detail(methodology_id=pk)
        except Methodology.DoesNotExist as error:
            raise exceptions.NotFound(_("No such methodology.")) from error
        return Response(MethodologyDetailOutputSerializer(methodology).data)
