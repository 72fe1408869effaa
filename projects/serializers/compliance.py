"""Compliance in the API: a project's score, its findings and the rules not yet evaluated."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from governance.compliance import Rule
from governance.pmo_types import PmoType

BANDS = (("green", _("Green")), ("amber", _("Amber")), ("red", _("Red")))


class FindingSerializer(serializers.Serializer):
    rule = serializers.ChoiceField(choices=[(rule.value, rule.value) for rule in Rule])
    weight = serializers.IntegerField()
    message = serializers.CharField()


class ComplianceOutputSerializer(serializers.Serializer):
    project = serializers.IntegerField(source="project.pk")
    code = serializers.CharField(source="project.code")
    name = serializers.CharField(source="project.name")
    pmo_type = serializers.ChoiceField(choices=PmoType.choices)
    score = serializers.IntegerField(source="result.score")
    band = serializers.ChoiceField(source="result.band", choices=BANDS)
    counts = serializers.BooleanField(
        source="result.counts",
        help_text=_("Whether the PMO type makes the score count (controlling, directive)."),
    )
    findings = FindingSerializer(source="result.findings", many=True)
    not_evaluated = serializers.ListField(source="result.not_evaluated", child=serializers.CharField())


class ComplianceQuerySerializer(serializers.Serializer):
    portfolio = serializers.IntegerField(required=False, min_value=1, max_value=2**63 - 1)
    pmo_type = serializers.ChoiceField(choices=PmoType.choices, required=False)
    band = serializers.ChoiceField(choices=BANDS, required=False)
