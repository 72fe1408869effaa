"""Forms of the register pages: its filters, a risk's fields, one rating or status changed in its row,
the issue a risk becomes when it occurs, a response action. They parse; the services decide."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from governance.risk_standards import RiskStandards
from projects.forms.projects import PersonChoiceField
from projects.forms.widgets import DATE_INPUT
from projects.models import Project, Task
from risks.models import (
    STRATEGIES_OF_KIND,
    IssueSeverity,
    ResponseStrategy,
    RiskKind,
    RiskLevel,
    RiskStatus,
)
from risks.services.risks import RISK_EDITABLE_FIELDS

ANY = [("", _("Any"))]


def register_people(project: Project):
    """The people who may own a risk, an action or an issue of the project: its PM and its team."""
    return (
        get_user_model()
        .objects.filter(Q(pk=project.project_manager_id) | Q(project_memberships__project=project))
        .filter(is_active=True)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def rating_choices(standards: RiskStandards, *, blank: bool = False) -> list:
    """The PMO's scale as choices, 1 to its size."""
    steps = [(value, str(value)) for value in range(1, standards.scale_size + 1)]
    return [("", "—"), *steps] if blank else steps


def category_choices(standards: RiskStandards) -> list:
    return [(name, standards.category_label(name)) for name in standards.categories]


def strategy_choices() -> list:
    """The strategies grouped by the kind of risk they answer, so the reader picks one that fits."""
    return [
        ("", "—"),
        *(
            (RiskKind(kind).label, [(str(strategy), strategy.label) for strategy in strategies])
            for kind, strategies in STRATEGIES_OF_KIND.items()
        ),
    ]


def _rating_field(label, standards: RiskStandards, *, required: bool = True) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=rating_choices(standards, blank=not required),
        coerce=int,
        empty_value=None,
        required=required,
    )


class RegisterFilterForm(forms.Form):
    """The register's filters and sort; a value it cannot read is dropped, never an error page."""

    SORTS = [
        ("score", _("Score")),
        ("emv", _("Expected monetary value")),
        ("review_date", _("Review date")),
        ("title", _("Title")),
    ]
    OVERDUE = [("", _("Any")), ("review", _("Review overdue")), ("action", _("Action overdue"))]

    kind = forms.ChoiceField(label=_("Kind"), choices=ANY + RiskKind.choices, required=False)
    category = forms.ChoiceField(label=_("Category"), required=False)
    level = forms.ChoiceField(label=_("Level"), choices=ANY + RiskLevel.choices, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=ANY + RiskStatus.choices, required=False)
    owner = PersonChoiceField(label=_("Owner"), queryset=None, required=False, empty_label=_("Any"))
    overdue = forms.ChoiceField(label=_("Overdue"), choices=OVERDUE, required=False)
    probability = forms.TypedChoiceField(label=_("Probability"), coerce=int, required=False, empty_value=None)
    impact = forms.TypedChoiceField(label=_("Impact"), coerce=int, required=False, empty_value=None)
    residual_probability = forms.TypedChoiceField(
        label=_("Residual probability"), coerce=int, required=False, empty_value=None
    )
    residual_impact = forms.TypedChoiceField(
        label=_("Residual impact"), coerce=int, required=False, empty_value=None
    )
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORTS, required=False)

    def __init__(self, data, *, project: Project, standards: RiskStandards):
        super().__init__(data)
        self.fields["category"].choices = ANY + category_choices(standards)
        self.fields["owner"].queryset = register_people(project)
        for name in ("probability", "impact", "residual_probability", "residual_impact"):
            self.fields[name].choices = [("", _("Any")), *rating_choices(standards)]

    def filters(self) -> dict:
        """The valid filters as risk_register's keyword arguments; the invalid ones left out."""
        self.is_valid()
        values = {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}
        owner = values.pop("owner", None)
        if owner is not None:
            values["owner_id"] = owner.pk
        return values


class RiskForm(forms.Form):
    """Every field of a risk its editors set: the service checks the rules across them."""

    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=RiskKind.choices, initial=RiskKind.THREAT)
    category = forms.ChoiceField(label=_("Category"), required=False)
    cause = forms.CharField(label=_("Cause"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    event = forms.CharField(label=_("Event"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    effect = forms.CharField(label=_("Effect"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    probability = forms.TypedChoiceField(label=_("Probability"), coerce=int)
    impact = forms.TypedChoiceField(label=_("Impact"), coerce=int)
    owner = PersonChoiceField(label=_("Owner"), queryset=None)
    strategy = forms.ChoiceField(label=_("Response strategy"), required=False)
    response_plan = forms.CharField(
        label=_("Response plan"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    trigger = forms.CharField(
        label=_("Trigger"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The warning sign that the risk is about to happen."),
    )
    review_date = forms.DateField(label=_("Review date"), required=False, widget=DATE_INPUT)
    residual_probability = forms.TypedChoiceField(
        label=_("Residual probability"), coerce=int, required=False, empty_value=None
    )
    residual_impact = forms.TypedChoiceField(
        label=_("Residual impact"), coerce=int, required=False, empty_value=None
    )
    residual_reason = forms.CharField(
        label=_("Why the residual score is higher"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed when the response leaves the risk worse than it was."),
    )
    cost_impact = forms.DecimalField(
        label=_("Cost impact"), min_value=0, max_digits=16, decimal_places=2, initial=0
    )
    linked_tasks = forms.ModelMultipleChoiceField(
        label=_("Linked tasks"), queryset=None, required=False, widget=forms.SelectMultiple(attrs={"size": 5})
    )

    def __init__(self, *args, project: Project, standards: RiskStandards, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", "—"), *category_choices(standards)]
        for name in ("probability", "impact"):
            self.fields[name].choices = rating_choices(standards)
        for name in ("residual_probability", "residual_impact"):
            self.fields[name].choices = rating_choices(standards, blank=True)
        self.fields["strategy"].choices = strategy_choices()
        self.fields["owner"].queryset = register_people(project)
        self.fields["linked_tasks"].queryset = Task.objects.filter(project=project).order_by("wbs_code", "id")
        self.fields["cost_impact"].help_text = _(
            "What the risk would cost (or, for an opportunity, save), in %(currency)s."
        ) % {"currency": project.currency}
        self.fields["cost_impact"].label = _("Cost impact (%(currency)s)") % {"currency": project.currency}

    def clean_strategy(self):
        value = self.cleaned_data["strategy"]
        return value if value in ResponseStrategy.values else ""


def risk_form_initial(risk) -> dict:
    """A risk's stored fields as the form's initial values."""
    initial = {name: getattr(risk, name) for name in RISK_EDITABLE_FIELDS if name != "linked_tasks"}
    initial["linked_tasks"] = list(risk.linked_tasks.all())
    return initial


class RatingForm(forms.Form):
    """One rating changed in its row: probability or impact, on the PMO's scale."""

    def __init__(self, *args, field: str, standards: RiskStandards, **kwargs):
        super().__init__(*args, **kwargs)
        label = _("Probability") if field == "probability" else _("Impact")
        self.fields[field] = forms.TypedChoiceField(
            label=label, choices=rating_choices(standards), coerce=int
        )


class OccurForm(forms.Form):
    """The issue a risk opens when it happens; blank fields take the risk's (risk_occur)."""

    title = forms.CharField(label=_("Issue title"), max_length=200, required=False)
    severity = forms.ChoiceField(
        label=_("Severity"), choices=[("", _("As the risk's level")), *IssueSeverity.choices], required=False
    )
    owner = PersonChoiceField(
        label=_("Owner"), queryset=None, required=False, empty_label=_("The risk's owner")
    )
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DATE_INPUT)

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = register_people(project)


class ActionForm(forms.Form):
    description = forms.CharField(label=_("Action"), widget=forms.Textarea(attrs={"rows": 2}))
    owner = PersonChoiceField(label=_("Owner"), queryset=None)
    due_date = forms.DateField(label=_("Due date"), widget=DATE_INPUT)

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = register_people(project)
