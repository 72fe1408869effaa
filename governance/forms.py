"""Forms of the governance pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.currencies import CURRENCY_CHOICES
from governance.models import AuditKind, AuditOutcome, ChangeAuthorityTier, PmoType


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


class AuditFilterForm(forms.Form):
    """The audit log's filters; every one may stay empty."""

    kind = forms.ChoiceField(
        choices=[("", _("Any event")), *AuditKind.choices], required=False, label=_("Event")
    )
    outcome = forms.ChoiceField(
        choices=[("", _("Any outcome")), *AuditOutcome.choices], required=False, label=_("Outcome")
    )
    username = forms.CharField(required=False, max_length=150, label=_("Username"))
    since = forms.DateField(
        required=False, label=_("First day"), widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        required=False, label=_("Last day"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", _("The last day comes on or after the first."))
        return cleaned


class ChangeAuthorityForm(forms.ModelForm):
    """The limits of one PMO type's change authority (prefixed by the PMO type on the page)."""

    class Meta:
        model = ChangeAuthorityTier
        fields = ["pm_cost_percent", "pm_delay_days", "pmo_cost_percent", "pmo_delay_days"]

    def __init__(self, *args, read_only: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if read_only:
            for field in self.fields.values():
                field.disabled = True
