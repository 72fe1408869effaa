"""Forms of the project pages: the list filters and the project form; the services decide and write."""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from governance.selectors import methodologies_offered
from projects.filters import ProjectFilter
from projects.models import Phase, Portfolio, Program, Project, Status
from projects.selectors.portfolios import portfolio_list, portfolios_open_for_projects
from projects.selectors.projects import project_list
from projects.services.projects import PROJECT_EDITABLE_FIELDS


class PersonChoiceField(forms.ModelChoiceField):
    """A choice of person that shows the name people know, with the username to tell namesakes apart."""

    def label_from_instance(self, obj):
        full_name = obj.get_full_name()
        return f"{full_name} ({obj.username})" if full_name else obj.username


def active_people():
    return get_user_model().objects.filter(is_active=True).order_by("first_name", "last_name", "username")


class PersonChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = PersonChoiceField


class ProjectListFilter(ProjectFilter):
    """The list page's filters: the portfolio and PM choices only offer what the user can see."""

    def __init__(self, data=None, queryset=None, *, request=None, **kwargs):
        super().__init__(data, queryset, request=request, **kwargs)
        user = request.user
        managers = (
            get_user_model()
            .objects.filter(pk__in=project_list(user=user).values("project_manager_id"))
            .order_by("first_name", "last_name", "username")
        )
        self.filters["q"] = django_filters.CharFilter(
            method="filter_text",
            label=_("Search"),
            widget=forms.TextInput(attrs={"placeholder": _("Code, name, department…"), "type": "search"}),
        )
        self.filters["portfolio"] = django_filters.ModelChoiceFilter(
            queryset=portfolio_list(user=user),
            label=_("Portfolio"),
            empty_label=_("All portfolios"),
        )
        self.filters["status"] = django_filters.ChoiceFilter(
            choices=Status.choices, label=_("Status"), empty_label=_("All statuses")
        )
        self.filters["phase"] = django_filters.ChoiceFilter(
            choices=Phase.choices, label=_("Phase"), empty_label=_("All phases")
        )
        self.filters["project_manager"] = PersonChoiceFilter(
            queryset=managers, label=_("Project manager"), empty_label=_("All project managers")
        )
        # Filters added after the class was built need what the metaclass gives its own.
        for name, filter_ in self.filters.items():
            filter_.model = Project
            filter_.parent = self
            filter_.field_name = filter_.field_name or name


class ProjectForm(forms.ModelForm):
    """Every field a project's editor may set; validation only, `services` writes."""

    portfolio = forms.ModelChoiceField(queryset=Portfolio.objects.none(), label=_("Portfolio"))
    program = forms.ModelChoiceField(queryset=Program.objects.none(), label=_("Program"), required=False)
    project_manager = PersonChoiceField(queryset=active_people(), label=_("Project manager"))
    sponsor = PersonChoiceField(queryset=active_people(), label=_("Sponsor"), required=False)

    class Meta:
        model = Project
        fields = list(PROJECT_EDITABLE_FIELDS)
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "finish_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "budget": forms.NumberInput(attrs={"step": "0.01", "min": "0"}),
            "description": forms.Textarea(attrs={"rows": 3}),
            "objectives": forms.Textarea(attrs={"rows": 3}),
            "scope_in": forms.Textarea(attrs={"rows": 3}),
            "scope_out": forms.Textarea(attrs={"rows": 3}),
            "success_criteria": forms.Textarea(attrs={"rows": 3}),
            "assumptions": forms.Textarea(attrs={"rows": 3}),
            "constraints": forms.Textarea(attrs={"rows": 3}),
            "milestones": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        current_portfolio = self.instance.portfolio if self.instance.portfolio_id else None
        portfolios = portfolios_open_for_projects(user=user, include=current_portfolio)
        self.fields["portfolio"].queryset = portfolios
        self.fields["program"].queryset = (
            Program.objects.filter(portfolio__in=portfolios).select_related("portfolio").order_by("name")
        )
        # Keep the labels of the model, translated, for the fields declared above.
        for name in ("portfolio", "program", "project_manager", "sponsor"):
            self.fields[name].label = capfirst(Project._meta.get_field(name).verbose_name)
        self.fields["portfolio"].empty_label = _("Choose a portfolio…")
        self.fields["program"].empty_label = _("No program")
        self.fields["project_manager"].empty_label = _("Choose a person…")
        self.fields["sponsor"].empty_label = _("No sponsor")
        if self.instance.pk is None:
            # Chosen once, at creation; later the PMO moves projects between versions.
            self.fields["methodology"] = forms.ModelChoiceField(
                queryset=methodologies_offered(),
                label=_("Methodology"),
                required=False,
                empty_label=_("No methodology"),
                help_text=_(
                    "The project follows the newest published version. Mandatory under a controlling or "
                    "directive PMO, optional under a supportive one."
                ),
            )

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        # Codes are unique whatever their case; say so on the field rather than at the top of the form.
        duplicates = Project.objects.filter(code__iexact=code)
        if self.instance.pk:
            duplicates = duplicates.exclude(pk=self.instance.pk)
        if duplicates.exists():
            raise forms.ValidationError(_("A project with this code already exists."), code="duplicate_code")
        return code


class CharterForm(forms.ModelForm):
    """The project charter, the initiation deliverable: its fields only; `services` writes."""

    project_manager = PersonChoiceField(queryset=active_people(), label=_("Project manager"))
    sponsor = PersonChoiceField(queryset=active_people(), label=_("Sponsor"), required=False)

    class Meta:
        model = Project
        fields = [
            "objectives",
            "scope_in",
            "scope_out",
            "success_criteria",
            "milestones",
            "assumptions",
            "constraints",
            "sponsor",
            "project_manager",
            "budget",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in (
                "objectives",
                "scope_in",
                "scope_out",
                "success_criteria",
                "milestones",
                "assumptions",
                "constraints",
            )
        } | {"budget": forms.NumberInput(attrs={"step": "0.01", "min": "0"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("project_manager", "sponsor"):
            self.fields[name].label = capfirst(Project._meta.get_field(name).verbose_name)
        self.fields["project_manager"].empty_label = _("Choose a person…")
        self.fields["sponsor"].empty_label = _("No sponsor")
