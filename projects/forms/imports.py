"""The upload form of the plan import page."""

from django import forms
from django.utils.translation import gettext_lazy as _


class PlanImportForm(forms.Form):
    file = forms.FileField(
        label=_("Plan file"),
        help_text=_("CSV or XLSX in the columns below, or Microsoft Project XML (.xml)."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.xml,text/csv,text/xml"}),
    )
    replace = forms.BooleanField(
        label=_("Replace the current plan"),
        required=False,
        help_text=_(
            "Needed when the project already has tasks: they are deleted with their dependencies "
            "(baselines keep their copies)."
        ),
    )
