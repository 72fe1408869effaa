"""Forms of the change request pages: a draft, and a decision on the step awaiting one."""

from django import forms
from django.utils.translation import gettext_lazy as _

from projects.models import ChangeRequest
from projects.services.changes import CHANGE_REQUEST_EDITABLE_FIELDS


class ChangeRequestForm(forms.ModelForm):
    class Meta:
        model = ChangeRequest
        fields = list(CHANGE_REQUEST_EDITABLE_FIELDS)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "reason": forms.Textarea(attrs={"rows": 3}),
            "scope_impact": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.project = project
        self.fields["currency"].help_text = _("The project's currency: %(currency)s.") % {
            "currency": project.currency
        }
        self.fields["schedule_impact_days"].widget.attrs["min"] = 0
        if not self.instance.pk:
            self.initial.setdefault("currency", project.currency)


class ChangeDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label=_("Comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    step = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1, max_value=10)
