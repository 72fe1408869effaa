"""The roadmap's filters and display choices; invalid choices fall back to "all" instead of failing."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from projects.models import Status
from projects.selectors.portfolios import portfolio_list, program_list
from projects.selectors.projects import project_list
from reports.selectors.roadmap import (
    GROUP_BY_PORTFOLIO,
    GROUP_BY_PROGRAM,
    GROUP_BY_PROJECT_MANAGER,
    RoadmapFilters,
)
from reports.timeline import MONTH, QUARTER


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class RoadmapForm(forms.Form):
    """Portfolio, program, department, PM and status (as the dashboard filters), grouping and zoom."""

    portfolio = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Portfolio"), empty_label=_("All portfolios")
    )
    program = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Program"), empty_label=_("All programs")
    )
    department = forms.ChoiceField(required=False, label=_("Department"))
    project_manager = PersonChoiceField(
        queryset=None, required=False, label=_("Project manager"), empty_label=_("All project managers")
    )
    status = forms.ChoiceField(
        choices=[("", _("All statuses")), *Status.choices], required=False, label=_("Status")
    )
    group = forms.ChoiceField(
        choices=[
            (GROUP_BY_PORTFOLIO, _("Portfolio")),
            (GROUP_BY_PROGRAM, _("Program")),
            (GROUP_BY_PROJECT_MANAGER, _("Project manager")),
        ],
        required=False,
        label=_("Group by"),
    )
    zoom = forms.ChoiceField(
        choices=[("", _("Automatic")), (MONTH, _("Months")), (QUARTER, _("Quarters"))],
        required=False,
        label=_("Zoom"),
    )

    def __init__(self, data=None, *, user, **kwargs):
        super().__init__(data, **kwargs)
        visible = project_list(user=user)
        self.fields["portfolio"].queryset = portfolio_list(user=user)
        self.fields["program"].queryset = program_list(user=user)
        self.fields["project_manager"].queryset = (
            get_user_model()
            .objects.filter(pk__in=visible.values("project_manager_id"))
            .order_by("first_name", "last_name", "username")
        )
        departments = (
            visible.exclude(department="")
            .order_by("department")
            .values_list("department", flat=True)
            .distinct()
        )
        self.fields["department"].choices = [
            ("", _("All departments")),
            *((name, name) for name in departments),
        ]

    def _value(self, name: str, default=None):
        """The cleaned value of a field, or the default when it is empty or was refused."""
        if not self.is_bound or not hasattr(self, "cleaned_data"):
            return default
        return self.cleaned_data.get(name) or default

    def filters(self) -> RoadmapFilters:
        self.is_valid()
        portfolio, program, manager = (
            self._value("portfolio"),
            self._value("program"),
            self._value("project_manager"),
        )
        return RoadmapFilters(
            portfolio_id=portfolio.pk if portfolio else None,
            program_id=program.pk if program else None,
            department=self._value("department", ""),
            project_manager_id=manager.pk if manager else None,
            status=self._value("status", ""),
        )

    def chosen_group(self) -> str:
        self.is_valid()
        return self._value("group", GROUP_BY_PORTFOLIO)

    def chosen_zoom(self) -> str:
        """Months, quarters, or "" to let the length of the window decide (reports.timeline)."""
        self.is_valid()
        return self._value("zoom", "")
