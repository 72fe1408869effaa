"""The date range of the burndown chart."""

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _


class BurndownRangeForm(forms.Form):
    """An optional date range of the burndown chart, read from ?from=YYYY-MM-DD&to=YYYY-MM-DD."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # "from" is a Python keyword, so these fields cannot be declared as class attributes.
        self.fields["from"] = forms.DateField(
            label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
        )
        self.fields["to"] = forms.DateField(
            label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
        )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("from"), cleaned.get("to")
        if start and end and end < start:
            raise forms.ValidationError(_("The end of the range cannot be before its start."))
        return cleaned

    def date_range(self) -> tuple[date | None, date | None]:
        """The chosen (from, to); None for an open end."""
        if not self.is_valid():
            return None, None
        return self.cleaned_data.get("from"), self.cleaned_data.get("to")
