"""Forms of the governance pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.currencies import CURRENCY_CHOICES
from governance.models import PmoType


class PmoSettingsForm(forms.Form):
    pmo_type = forms.ChoiceField(
        choices=PmoType.choices,
        label=_("PMO type"),
        widget=forms.RadioSelect,
        help_text=_(
            "Supportive: the PMO advises. Controlling: the PMO approves and checks compliance. "
            "Directive: the PMO manages projects directly, and PMO staff may edit every project."
        ),
    )
    default_currency = forms.ChoiceField(
        choices=CURRENCY_CHOICES,
        label=_("Default currency"),
        help_text=_("New projects start with this currency."),
    )

    def __init__(self, *args, read_only: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if read_only:
            # Disabled fields show the values and ignore anything posted for them.
            for field in self.fields.values():
                field.disabled = True


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        help_text=_("What the token is for, e.g. the script or tool that will use it."),
    )
