"""Serializers of plan import over the API: the upload, and what the import did."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import inline_serializer
from rest_framework import serializers

from pmo_portal.api import StrictInputSerializer
from projects.plan_io.imports import IMPORT_FORMATS


class PlanImportInputSerializer(StrictInputSerializer):
    file = serializers.FileField(help_text=_("A .csv, .xlsx or MS Project .xml file."))
    replace = serializers.BooleanField(
        default=False, help_text=_("Replace the existing plan (required when the project already has tasks).")
    )


PlanImportOutputSerializer = inline_serializer(
    "PlanImportOutput",
    {
        "format": serializers.ChoiceField(choices=IMPORT_FORMATS),
        "tasks": serializers.IntegerField(),
        "dependencies": serializers.IntegerField(),
        "replaced_tasks": serializers.IntegerField(),
        "warnings": serializers.ListField(child=serializers.CharField()),
    },
)
