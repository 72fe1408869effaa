"""The filters of the PMO's compliance view."""

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.pmo_types import PmoType
from projects.models import Portfolio
from projects.serializers.compliance import BANDS


class ComplianceFilterForm(forms.Form):
    portfolio = forms.ModelChoiceField(
        queryset=Portfolio.objects.order_by("name"),
        required=False,
        label=_("Portfolio"),
        empty_label=_("Any"),
    )
    pmo_type = forms.ChoiceField(
        choices=[("", _("Any")), *PmoType.choices], required=False, label=_("PMO type")
    )
    band = forms.ChoiceField(choices=[("", _("Any")), *BANDS], required=False, label=_("Score band"))
