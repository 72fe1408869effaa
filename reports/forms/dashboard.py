"""The filters of the portfolio dashboard, shared by the page and GET /api/dashboard/."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pmo_portal.api import IdField
from projects.models import Status
from reports.selectors.dashboard import (
    ALL,
    MAX_PAGE_SIZE,
    NOT_MEASURED,
    OPEN,
    PAGE_SIZE,
    DashboardFilters,
    FilterChoices,
)

BAND_CHOICES = (
    ("green", _("Green")),
    ("amber", _("Amber")),
    ("red", _("Red")),
    (NOT_MEASURED, _("Not yet measured")),
)
RAG_CHOICES = (*BAND_CHOICES[:3], (NOT_MEASURED, _("Not yet reported")))
STATUS_CHOICES = ((OPEN, _("Open projects")), (ALL, _("All projects")), *Status.choices)
GROUP_CHOICES = (
    ("portfolio", _("Portfolio")),
    ("program", _("Program")),
    ("department", _("Department")),
    ("project_manager", _("Project manager")),
)
ANY = ("", _("Any"))


class DashboardFilterForm(forms.Form):
    """Ids are checked as ids only: the choices offered are the visible projects' (`offer`)."""

    portfolio = IdField(required=False, label=_("Portfolio"), widget=forms.Select)
    program = IdField(required=False, label=_("Program"), widget=forms.Select)
    department = forms.CharField(required=False, max_length=120, label=_("Department"), widget=forms.Select)
    project_manager = IdField(required=False, label=_("Project manager"), widget=forms.Select)
    status = forms.ChoiceField(choices=STATUS_CHOICES, required=False, label=_("Status"))
    health_band = forms.ChoiceField(choices=(ANY, *BAND_CHOICES), required=False, label=_("Health band"))
    rag = forms.ChoiceField(choices=(ANY, *RAG_CHOICES), required=False, label=_("Reported RAG"))
    group_by = forms.ChoiceField(choices=GROUP_CHOICES, required=False, label=_("Group by"))
    page = forms.IntegerField(
        required=False, min_value=1, max_value=10**6, label=_("Page"), widget=forms.HiddenInput
    )
    page_size = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_PAGE_SIZE,
        label=_("Projects per page"),
        widget=forms.HiddenInput,
    )

    def filters(self) -> DashboardFilters:
        """The valid filters; a field with an error falls back to its default (the page shows the error)."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return DashboardFilters(
            portfolio=data.get("portfolio"),
            program=data.get("program"),
            department=data.get("department") or "",
            project_manager=data.get("project_manager"),
            status=data.get("status") or OPEN,
            health_band=data.get("health_band") or "",
            rag=data.get("rag") or "",
            group_by=data.get("group_by") or "portfolio",
        )

    def page_wanted(self) -> tuple[int, int]:
        """(page number, page size) asked for, the defaults where absent or invalid."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return data.get("page") or 1, data.get("page_size") or PAGE_SIZE

    def offer(self, choices: FilterChoices) -> None:
        """Offer the portfolios, programs, departments and PMs of the projects the person sees."""
        for name, options in (
            ("portfolio", choices.portfolios),
            ("program", choices.programs),
            ("department", choices.departments),
            ("project_manager", choices.project_managers),
        ):
            self.fields[name].widget.choices = [ANY, *((choice.value, choice.label) for choice in options)]
