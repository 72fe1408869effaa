"""Serializers of portfolios and programs: input serializers parse and type-check, output ones render."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from governance.models import PmoType
from pmo_portal.api import StrictInputSerializer
from projects.models import Portfolio


def _text(**kwargs):
    return serializers.CharField(required=False, allow_blank=True, **kwargs)


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
