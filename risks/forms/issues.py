"""Forms of the issue log: its filters, an issue's fields, its resolution."""

from django import forms
from django.utils.translation import gettext_lazy as _

from projects.forms.projects import PersonChoiceField
from projects.forms.widgets import DATE_INPUT
from projects.models import Project
from risks.forms.risks import ANY, register_people
from risks.models import OPEN_ISSUE_STATUSES, IssueSeverity, IssueStatus


class IssueFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ANY + IssueStatus.choices, required=False)
    severity = forms.ChoiceField(label=_("Severity"), choices=ANY + IssueSeverity.choices, required=False)
    owner = PersonChoiceField(label=_("Owner"), queryset=None, required=False, empty_label=_("Any"))
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, data, *, project: Project):
        super().__init__(data)
        self.fields["owner"].queryset = register_people(project)

    def filters(self, today) -> dict:
        """The valid filters as issue_list's keyword arguments; the invalid ones left out."""
        self.is_valid()
        data = self.cleaned_data
        filters = {name: data[name] for name in ("status", "severity") if data.get(name)}
        if data.get("owner") is not None:
            filters["owner_id"] = data["owner"].pk
        if data.get("overdue"):
            filters["overdue_on"] = today
        return filters


class IssueForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    severity = forms.ChoiceField(
        label=_("Severity"), choices=IssueSeverity.choices, initial=IssueSeverity.MEDIUM
    )
    owner = PersonChoiceField(label=_("Owner"), queryset=None)
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DATE_INPUT)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[(str(value), value.label) for value in OPEN_ISSUE_STATUSES],
        required=False,
    )

    def __init__(self, *args, project: Project, creating: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = register_people(project)
        self.initial.setdefault("owner", project.project_manager_id)
        if creating:
            del self.fields["status"]


class ResolveForm(forms.Form):
    resolution = forms.CharField(
        label=_("Resolution"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say how the issue was resolved.")},
    )
