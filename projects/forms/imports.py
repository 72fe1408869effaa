"""The upload form of the plan import page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from projects.plan_io.imports import REPLACE, UPDATE


class PlanImportForm(forms.Form):
    file = forms.FileField(
        label=_("Plan file"),
        help_text=_("CSV or XLSX in the columns below, or Microsoft Project XML (.xml)."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.xml,text/csv,text/xml"}),
    )
    mode = forms.ChoiceField(
        label=_("Import mode"),
        choices=[
            (REPLACE, _("Replace the plan with the file")),
            (UPDATE, _("Update the plan in place (an edited export: tasks matched by Task ID or WBS)")),
        ],
        initial=REPLACE,
        required=False,  # left out: replace, as before the mode existed
        widget=forms.RadioSelect,
        help_text=_(
            "Updating keeps the tasks' actual costs, baselines and history: changed fields are updated, "
            "new rows become tasks, and tasks left out of the file stay unless you delete them below."
        ),
    )
    replace = forms.BooleanField(
        label=_("Replace the current plan"),
        required=False,
        help_text=_(
            "Needed when the project already has tasks: they are deleted with their dependencies "
            "(baselines keep their copies)."
        ),
    )
    delete_missing = forms.BooleanField(
        label=_("Delete the tasks the file leaves out"),
        required=False,
        help_text=_("Update mode only. Tasks with actual costs are never deleted: the import is refused."),
    )

    def clean_mode(self) -> str:
        return self.cleaned_data["mode"] or REPLACE
