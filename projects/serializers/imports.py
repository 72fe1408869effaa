"""Serializers of plan import over the API: the upload, and what the import did."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import inline_serializer
from rest_framework import serializers

from pmo_portal.api import StrictInputSerializer
from projects.plan_io.imports import IMPORT_FORMATS, IMPORT_MODES, REPLACE


class PlanImportInputSerializer(StrictInputSerializer):
    file = serializers.FileField(help_text=_("A .csv, .xlsx or MS Project .xml file."))
    mode = serializers.ChoiceField(
        choices=IMPORT_MODES,
        default=REPLACE,
        help_text=_(
            "replace: the file becomes the plan. update: the file (CSV or XLSX) updates the plan in place, "
            "matching tasks by Task ID or WBS code and keeping actual costs, baselines and history."
        ),
    )
    replace = serializers.BooleanField(
        default=False, help_text=_("Replace the existing plan (required when the project already has tasks).")
    )
    delete_missing = serializers.BooleanField(
        default=False,
        help_text=_(
            "In update mode, also delete the tasks the file leaves out (never tasks with actual costs)."
        ),
    )


PlanImportOutputSerializer = inline_serializer(
    "PlanImportOutput",
    {
        "format": serializers.ChoiceField(choices=IMPORT_FORMATS),
        "mode": serializers.ChoiceField(choices=IMPORT_MODES),
        "tasks": serializers.IntegerField(help_text=_("Tasks created.")),
        "dependencies": serializers.IntegerField(
            help_text=_("Dependencies created (or changed, in update mode).")
        ),
        "replaced_tasks": serializers.IntegerField(),
        "updated_tasks": serializers.IntegerField(),
        "deleted_tasks": serializers.IntegerField(),
        "warnings": serializers.ListField(child=serializers.CharField()),
    },
)
