"""The filters of the PMO's risk queue and of the portfolio risk view; a refused choice falls back to
"all" rather than failing the page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.risk_standards import RISK_LEVEL_LABELS, RiskStandards
from projects.selectors.portfolios import portfolio_list, program_list
from projects.selectors.projects import Viewer, project_list
from risks.selectors.portfolio import HEAT_MAP_SIDES, INHERENT, RESIDUAL, RiskScope


class ProjectChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} · {obj.name}"


class _ScopeForm(forms.Form):
    portfolio = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Portfolio"), empty_label=_("All portfolios")
    )

    def __init__(self, data=None, *, user: Viewer, standards: RiskStandards, **kwargs):
        super().__init__(data, **kwargs)
        self.standards = standards
        self.fields["portfolio"].queryset = portfolio_list(user=user)

    def _value(self, name: str, default=None):
        """The cleaned value of a field, or the default when it is empty or was refused."""
        if not self.is_bound or not self.is_valid() and name in self.errors:
            return default
        value = self.cleaned_data.get(name)
        return default if value in (None, "") else value

    def _pk(self, name: str) -> int | None:
        chosen = self._value(name)
        return chosen.pk if chosen is not None else None


class PortfolioRiskForm(_ScopeForm):
    """Portfolio and program of the portfolio view, and the heat-map cell whose risks are listed."""

    program = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Program"), empty_label=_("All programs")
    )
    side = forms.ChoiceField(
        choices=[(INHERENT, _("Inherent")), (RESIDUAL, _("Residual"))],
        required=False,
        widget=forms.HiddenInput,
    )
    probability = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    impact = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, data=None, *, user: Viewer, standards: RiskStandards, **kwargs):
        super().__init__(data, user=user, standards=standards, **kwargs)
        self.fields["program"].queryset = program_list(user=user)
        for name in ("probability", "impact"):
            self.fields[name].validators.append(_at_most(standards))

    def scope(self) -> RiskScope:
        return RiskScope(portfolio_id=self._pk("portfolio"), program_id=self._pk("program"))

    def chosen_cell(self) -> tuple[str, int, int] | None:
        """(side, probability, impact) of the cell asked for, or None when none (or a wrong one) is."""
        side, probability, impact = self._value("side"), self._value("probability"), self._value("impact")
        if side not in HEAT_MAP_SIDES or probability is None or impact is None:
            return None
        return side, probability, impact


def _at_most(standards: RiskStandards):
    def validate(value):
        if value is not None and value > standards.scale_size:
            raise forms.ValidationError(
                _("Enter a whole number from 1 to %(size)d."), params={"size": standards.scale_size}
            )

    return validate


class RiskQueueForm(_ScopeForm):
    """Portfolio, project, category and level of the PMO's risk queue."""

    project = ProjectChoiceField(
        queryset=None, required=False, label=_("Project"), empty_label=_("All projects")
    )
    category = forms.ChoiceField(required=False, label=_("Category"))
    level = forms.ChoiceField(required=False, label=_("Level"))

    def __init__(self, data=None, *, user: Viewer, standards: RiskStandards, **kwargs):
        super().__init__(data, user=user, standards=standards, **kwargs)
        self.fields["project"].queryset = project_list(user=user).select_related(None)
        self.fields["category"].choices = [
            ("", _("All categories")),
            *((category, standards.category_label(category)) for category in standards.categories),
        ]
        self.fields["level"].choices = [("", _("All levels")), *RISK_LEVEL_LABELS.items()]

    def scope(self) -> RiskScope:
        return RiskScope(portfolio_id=self._pk("portfolio"), project_id=self._pk("project"))

    def chosen_category(self) -> str:
        return self._value("category", "")

    def chosen_level(self) -> str:
        return self._value("level", "")
