"""Forms of the status report pages: a draft's ratings, texts and 1-5 scales."""

from django import forms
from django.utils.translation import gettext_lazy as _

from projects.models import SCALE_FIELDS, StatusReport
from projects.services.status_reports import STATUS_REPORT_EDITABLE_FIELDS

SCALE_CHOICES = [("", _("Not asked")), *((str(value), str(value)) for value in range(1, 6))]


class StatusReportForm(forms.ModelForm):
    class Meta:
        model = StatusReport
        fields = list(STATUS_REPORT_EDITABLE_FIELDS)
        widgets = {
            "narrative": forms.Textarea(attrs={"rows": 4}),
            "achievements": forms.Textarea(attrs={"rows": 3}),
            "next_steps": forms.Textarea(attrs={"rows": 3}),
            "decisions_needed": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in SCALE_FIELDS:
            field = self.fields[name]
            field.widget = forms.Select(choices=SCALE_CHOICES)
        for name, field in self.fields.items():
            if name.endswith("_rag"):
                field.choices = [("", _("Not rated yet")), *field.choices[1:]]
