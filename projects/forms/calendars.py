"""The forms of the project calendar page: the working week, the official holidays followed, and the
project's own exceptions (a day off, or a working day) as rows."""

from datetime import date

from django import forms
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from projects.forms.widgets import DATE_INPUT
from projects.models import OfficialHolidays

DAY_OFF, WORKING_DAY = "off", "working"


class CalendarForm(forms.Form):
    """The working weekdays of a project calendar (0 = Monday ... 6 = Sunday) and its official holidays.

    Official holidays left out of the post keep the stored choice (the service's None).
    """

    working_weekdays = forms.TypedMultipleChoiceField(
        label=_("Working weekdays"),
        choices=sorted(WEEKDAYS.items()),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one working weekday.")},
    )
    official_holidays = forms.ChoiceField(
        label=_("Official holidays"),
        choices=OfficialHolidays.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "Public holidays and the weekend days worked instead (调休), as the government announces them."
        ),
    )


class HolidayForm(forms.Form):
    """One exception of a project calendar: a date, an optional name, a day off or a working day."""

    date = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    name = forms.CharField(label=_("Name"), max_length=100, required=False)
    working = forms.TypedChoiceField(
        label=_("Kind"),
        choices=[(DAY_OFF, _("Day off")), (WORKING_DAY, _("Working day"))],
        coerce=lambda value: value == WORKING_DAY,
        required=False,
        empty_value=False,
        # An empty new row shows "Day off"; as the initial value it does not count as filled in.
        initial=DAY_OFF,
    )


class BaseHolidayFormSet(forms.BaseFormSet):
    """The exception rows of a calendar; a date may be listed once, rows ticked Remove are dropped."""

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
                form.add_error("date", _("This date is already listed."))
            seen.add(day)
        if any(form.errors for form in self.forms):
            raise forms.ValidationError(_("Correct the exceptions marked below."))

    def row_errors(self) -> list[str]:
        """Each error of a row, naming the row and the field: "Row 2, Date: Enter a valid date."."""
        found = []
        for number, form in enumerate(self.forms, start=1):
            for field_name, messages in form.errors.items():
                label = form.fields[field_name].label if field_name in form.fields else ""
                for message in messages:
                    found.append(
                        gettext("Row %(row)s, %(field)s: %(message)s")
                        % {"row": number, "field": label, "message": message}
                    )
        return found

    def holidays(self) -> list[tuple[date, str, bool]]:
        """The (date, name, working) rows kept, by date: the calendar_update argument."""
        kept = [
            (
                form.cleaned_data["date"],
                form.cleaned_data.get("name", "").strip(),
                form.cleaned_data.get("working"),
            )
            for form in self.forms
            if form.cleaned_data and form.cleaned_data.get("date") and not self._should_delete_form(form)
        ]
        return sorted(kept)


HolidayFormSet = forms.formset_factory(
    HolidayForm, formset=BaseHolidayFormSet, extra=1, can_delete=True, max_num=1000, absolute_max=1500
)
