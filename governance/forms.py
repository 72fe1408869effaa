"""Forms of the governance pages."""

from decimal import Decimal

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from governance.currencies import CURRENCY_CHOICES
from governance.health_standards import (
    HEALTH_DIMENSIONS,
    MAX_INDEX_THRESHOLD,
    HealthStandards,
    standards_errors,
)
from governance.lifecycle import LifecyclePhase
from governance.models import (
    AuditKind,
    AuditOutcome,
    ChangeAuthorityTier,
    DeliverableKind,
    GateReviewer,
    Methodology,
    PmoSettings,
    PmoType,
    ReportCadence,
)
from governance.models.pmo_settings import HEALTH_STANDARD_FIELDS, HEALTH_WEIGHT_FIELDS, RISK_STANDARD_FIELDS
from governance.risk_standards import MAX_SCALE_SIZE, MIN_SCALE_SIZE, RiskStandards, risk_standards_errors


class PmoSettingsForm(forms.Form):
    pmo_type = forms.ChoiceField(
        choices=PmoType.choices,
        label=_("PMO type"),
        widget=forms.RadioSelect,
        help_text=_(
            "Supportive: the PMO advises. Controlling: the PMO approves and checks compliance. "
            "Directive: the PMO manages projects directly, and PMO staff may edit every project."
        ),
    )
    default_currency = forms.ChoiceField(
        choices=CURRENCY_CHOICES,
        label=_("Default currency"),
        help_text=_("New projects start with this currency."),
    )

    def __init__(self, *args, read_only: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if read_only:
            # Disabled fields show the values and ignore anything posted for them.
            for field in self.fields.values():
                field.disabled = True


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        help_text=_("What the token is for, e.g. the script or tool that will use it."),
    )


class AuditFilterForm(forms.Form):
    """The audit log's filters; every one may stay empty."""

    kind = forms.ChoiceField(
        choices=[("", _("Any event")), *AuditKind.choices], required=False, label=_("Event")
    )
    outcome = forms.ChoiceField(
        choices=[("", _("Any outcome")), *AuditOutcome.choices], required=False, label=_("Outcome")
    )
    username = forms.CharField(required=False, max_length=150, label=_("Username"))
    since = forms.DateField(
        required=False, label=_("First day"), widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        required=False, label=_("Last day"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", _("The last day comes on or after the first."))
        return cleaned


class MethodologyCreateForm(forms.ModelForm):
    """A new methodology: its code, name and description; its phases come in the draft editor."""

    class Meta:
        model = Methodology
        fields = ["code", "name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class MethodologyDraftForm(forms.Form):
    """The methodology's own fields and its draft version's cadence and notes."""

    name = forms.CharField(label=_("Name"), max_length=120)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    report_cadence = forms.ChoiceField(label=_("Status report cadence"), choices=ReportCadence.choices)
    change_notes = forms.CharField(
        label=_("What changed"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For the people deciding whether their projects move to this version."),
    )


class PhaseForm(forms.Form):
    """One phase of the draft and the gate that closes it."""

    # The empty choice keeps an unused extra row unchanged, so the formset leaves it out.
    lifecycle_phase = forms.ChoiceField(
        label=_("Lifecycle phase"), choices=[("", _("Choose a phase…")), *LifecyclePhase.choices]
    )
    name = forms.CharField(label=_("Phase name"), max_length=120)
    gate_name = forms.CharField(
        label=_("Gate"), max_length=120, required=False, help_text=_("Empty: the phase ends without a gate.")
    )
    checklist = forms.CharField(
        label=_("Review checklist"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One question a line."),
    )
    required_deliverables = forms.MultipleChoiceField(
        label=_("Required deliverables"),
        choices=DeliverableKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    reviewers = forms.MultipleChoiceField(
        label=_("Reviewers"),
        choices=GateReviewer.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def as_phase(self) -> dict:
        data = dict(self.cleaned_data)
        data["checklist"] = [line.strip() for line in data["checklist"].splitlines() if line.strip()]
        return {key: data[key] for key in PHASE_KEYS}


PHASE_KEYS = ("lifecycle_phase", "name", "gate_name", "checklist", "required_deliverables", "reviewers")


class StandardRiskForm(forms.Form):
    """A risk every new project following the methodology starts with."""

    title = forms.CharField(label=_("Risk"), max_length=200)
    category = forms.CharField(label=_("Category"), max_length=40, required=False)
    probability = forms.IntegerField(label=_("Probability (1-5)"), min_value=1, max_value=5, initial=3)
    impact = forms.IntegerField(label=_("Impact (1-5)"), min_value=1, max_value=5, initial=3)

    def as_risk(self) -> dict:
        return {key: self.cleaned_data[key] for key in ("title", "category", "probability", "impact")}


PhaseFormSet = forms.formset_factory(PhaseForm, extra=1, can_order=True, can_delete=True, max_num=10)
StandardRiskFormSet = forms.formset_factory(StandardRiskForm, extra=1, can_delete=True, max_num=50)


def phase_initial(version) -> list[dict]:
    """The draft's phases as the formset's initial rows."""
    return [
        {
            "lifecycle_phase": phase.lifecycle_phase,
            "name": phase.name,
            "gate_name": phase.gate_name,
            "checklist": "\n".join(phase.checklist),
            "required_deliverables": phase.required_deliverables,
            "reviewers": phase.reviewers,
            "ORDER": phase.order,
        }
        for phase in version.phases.all()
    ]


def chosen_phases(formset) -> list[dict]:
    """The phases of a valid formset in the order the editor gave, without deleted or empty rows."""
    return [form.as_phase() for form in formset.ordered_forms if form.has_changed() or form.initial]


def chosen_risks(formset) -> list[dict]:
    """The standard risks of a valid formset, without deleted or empty rows."""
    return [
        form.as_risk()
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE") and (form.has_changed() or form.initial)
    ]


class ChangeAuthorityForm(forms.ModelForm):
    """The limits of one PMO type's change authority (prefixed by the PMO type on the page)."""

    class Meta:
        model = ChangeAuthorityTier
        fields = ["pm_cost_percent", "pm_delay_days", "pmo_cost_percent", "pmo_delay_days"]

    def __init__(self, *args, read_only: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if read_only:
            for field in self.fields.values():
                field.disabled = True


class ComplianceWeightsForm(forms.ModelForm):
    """What each compliance finding takes off a project's score (0 to 100 points)."""

    class Meta:
        model = PmoSettings
        fields = [
            "weight_deliverable_missing",
            "weight_gate_without_approval",
            "weight_report_late",
            "weight_report_missing",
            "weight_change_above_authority",
        ]

    def __init__(self, *args, read_only: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.disabled = read_only


class HealthStandardsForm(forms.Form):
    """The health standards: a weight per dimension (adding up to 100), SPI and CPI thresholds, bands."""

    def __init__(self, *args, standards: HealthStandards, read_only: bool = False, **kwargs):
        initial = {f"weight_{name}": standards.weight_of(name) for name in HEALTH_DIMENSIONS}
        initial.update({name: getattr(standards, name) for name in HEALTH_STANDARD_FIELDS})
        super().__init__(*args, initial=initial, **kwargs)
        for name in HEALTH_DIMENSIONS:
            self.fields[f"weight_{name}"] = forms.IntegerField(
                label=capfirst(PmoSettings._meta.get_field(HEALTH_WEIGHT_FIELDS[name]).verbose_name),
                min_value=0,
                max_value=100,
            )
        for name in ("spi_green", "spi_amber", "cpi_green", "cpi_amber"):
            self.fields[name] = forms.DecimalField(
                label=PmoSettings._meta.get_field(name).verbose_name,
                max_digits=4,
                decimal_places=3,
                min_value=Decimal("0.001"),
                max_value=MAX_INDEX_THRESHOLD,
            )
        for name in ("band_green", "band_amber"):
            self.fields[name] = forms.IntegerField(
                label=capfirst(PmoSettings._meta.get_field(HEALTH_STANDARD_FIELDS[name]).verbose_name),
                min_value=1,
                max_value=100,
            )
        for field in self.fields.values():
            field.disabled = read_only

    def weight_fields(self):
        return [self[f"weight_{name}"] for name in HEALTH_DIMENSIONS]

    def clean(self):
        """The standards' rules (governance.health_standards) on the fields at fault, the weights' sum above
        the form, so that every broken rule shows at once."""
        cleaned = super().clean()
        if any(name not in cleaned for name in self.fields):
            return cleaned
        arguments = self.service_arguments()
        standards = HealthStandards(weights=arguments.pop("weights"), **arguments)
        for name, messages in standards_errors(standards).items():
            self.add_error(name if name in self.fields else None, messages)
        return cleaned

    def service_arguments(self) -> dict:
        """The cleaned values as health_standards_update takes them."""
        data = self.cleaned_data
        return {
            "weights": {name: data[f"weight_{name}"] for name in HEALTH_DIMENSIONS},
            **{name: data[name] for name in HEALTH_STANDARD_FIELDS},
        }


class RiskStandardsForm(forms.Form):
    """The risk standards: the scale's size, the level thresholds, the escalation threshold, the
    categories one per line."""

    SCORE_NAMES = ("medium_from", "high_from", "critical_from", "escalation_threshold")

    def __init__(self, *args, standards: RiskStandards, read_only: bool = False, **kwargs):
        initial = {name: getattr(standards, name) for name in ("scale_size", *self.SCORE_NAMES)}
        initial["categories"] = "\n".join(standards.categories)
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["scale_size"] = forms.IntegerField(
            label=capfirst(PmoSettings._meta.get_field("risk_scale_size").verbose_name),
            min_value=MIN_SCALE_SIZE,
            max_value=MAX_SCALE_SIZE,
        )
        for name in self.SCORE_NAMES:
            self.fields[name] = forms.IntegerField(
                label=capfirst(PmoSettings._meta.get_field(RISK_STANDARD_FIELDS[name]).verbose_name),
                min_value=1,
            )
        self.fields["categories"] = forms.CharField(
            label=capfirst(PmoSettings._meta.get_field("risk_categories").verbose_name),
            widget=forms.Textarea(attrs={"rows": 10}),
            help_text=_("One per line. Risks already filed under a removed category keep it."),
        )
        for field in self.fields.values():
            field.disabled = read_only

    def clean_categories(self) -> tuple[str, ...]:
        lines = (line.strip() for line in self.cleaned_data["categories"].splitlines())
        return tuple(line for line in lines if line)

    def clean(self):
        """The standards' rules (governance.risk_standards) on the fields at fault, all at once."""
        cleaned = super().clean()
        if any(name not in cleaned for name in self.fields):
            return cleaned
        for name, messages in risk_standards_errors(RiskStandards(**self.service_arguments())).items():
            self.add_error(name if name in self.fields else None, messages)
        return cleaned

    def service_arguments(self) -> dict:
        """The cleaned values as risk_standards_update takes them."""
        return {name: self.cleaned_data[name] for name in RISK_STANDARD_FIELDS}


class ReportingCurrencyForm(forms.Form):
    reporting_currency = forms.ChoiceField(
        choices=CURRENCY_CHOICES,
        label=_("Reporting currency"),
        help_text=_("Portfolio totals convert every project's figures into this currency."),
    )


class ExchangeRateForm(forms.Form):
    """One dated rate: 1 from_currency = rate to_currency from valid_from on."""

    from_currency = forms.ChoiceField(choices=CURRENCY_CHOICES, label=_("From currency"))
    to_currency = forms.ChoiceField(choices=CURRENCY_CHOICES, label=_("To currency"))
    rate = forms.DecimalField(
        label=_("Rate"),
        max_digits=20,
        decimal_places=8,
        min_value=Decimal("0.00000001"),
        help_text=_("How many units of the second currency one unit of the first is worth."),
    )
    valid_from = forms.DateField(label=_("Valid from"), widget=forms.DateInput(attrs={"type": "date"}))
