"""The form that books an actual cost on a task."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from projects.forms.widgets import DATE_INPUT


class CostEntryAddForm(forms.Form):
    """An actual cost booked on a task: date, amount in the project's currency, optional note."""

    date = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    amount = forms.DecimalField(
        label=_("Amount"),
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0.01"),
        error_messages={
            "min_value": _("The amount must be greater than zero."),
            "invalid": _("Enter the amount as a number, such as 1250.50."),
        },
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)
