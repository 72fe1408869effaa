"""The forms of the project calendar page: working weekdays and the holiday rows."""

from datetime import date

from django import forms
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from projects.forms.widgets import DATE_INPUT


class CalendarForm(forms.Form):
    """The working weekdays of a project calendar (0 = Monday ... 6 = Sunday)."""

    working_weekdays = forms.TypedMultipleChoiceField(
        label=_("Working weekdays"),
        choices=sorted(WEEKDAYS.items()),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one working weekday.")},
    )


class HolidayForm(forms.Form):
    """One holiday of a project calendar: a date and an optional name."""

    date = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    name = forms.CharField(label=_("Name"), max_length=100, required=False)


class BaseHolidayFormSet(forms.BaseFormSet):
    """The holiday rows of a calendar; a date may be listed once, rows ticked Remove are dropped."""

    def clean(self):
        super().clean()
        seen: set[date] = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or self._should_delete_form(form):
                continue
            day = form.cleaned_data.get("date")
            if day is None:
                continue
            if day in seen:
                form.add_error("date", _("This date is already a holiday."))
            seen.add(day)
        if any(form.errors for form in self.forms):
            raise forms.ValidationError(_("Correct the holidays marked below."))

    def holidays(self) -> list[tuple[date, str]]:
        """The (date, name) pairs kept, by date: the calendar_update argument."""
        kept = [
            (form.cleaned_data["date"], form.cleaned_data.get("name", "").strip())
            for form in self.forms
            if form.cleaned_data and form.cleaned_data.get("date") and not self._should_delete_form(form)
        ]
        return sorted(kept)


HolidayFormSet = forms.formset_factory(
    HolidayForm, formset=BaseHolidayFormSet, extra=1, can_delete=True, max_num=1000, absolute_max=1500
)
