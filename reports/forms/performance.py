"""The filters of the PMO's own performance page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from projects.models import Portfolio
from reports.selectors.performance import DEFAULT_QUARTERS, MAX_QUARTERS


class PerformanceFilterForm(forms.Form):
    quarters = forms.TypedChoiceField(
        choices=[(count, count) for count in range(1, MAX_QUARTERS + 1)],
        coerce=int,
        required=False,
        empty_value=DEFAULT_QUARTERS,
        initial=DEFAULT_QUARTERS,
        label=_("Quarters"),
    )
    portfolio = forms.ModelChoiceField(
        queryset=Portfolio.objects.order_by("name"),
        required=False,
        label=_("Portfolio"),
        empty_label=_("Any"),
    )
