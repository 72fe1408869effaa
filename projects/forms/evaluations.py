"""The post-project evaluation's form: the assessment the PM and PMO write; the services decide and save."""

from django import forms
from django.utils.translation import gettext_lazy as _

from projects.models import ObjectivesMet, PostProjectEvaluation
from projects.models.evaluations import MAX_RATING, MIN_RATING


class EvaluationForm(forms.ModelForm):
    objectives_met = forms.ChoiceField(
        choices=[("", _("Not assessed yet")), *ObjectivesMet.choices],
        required=False,
        label=_("Objectives met"),
        widget=forms.RadioSelect,
    )
    rating = forms.TypedChoiceField(
        choices=[("", _("No rating yet")), *((str(n), str(n)) for n in range(MIN_RATING, MAX_RATING + 1))],
        coerce=int,
        empty_value=None,
        required=False,
        label=_("Rating (1 poor – 5 excellent)"),
    )

    class Meta:
        model = PostProjectEvaluation
        fields = ["objectives_met", "rating", "went_well", "went_badly", "recommendations"]
        widgets = {
            "went_well": forms.Textarea(attrs={"rows": 4}),
            "went_badly": forms.Textarea(attrs={"rows": 4}),
            "recommendations": forms.Textarea(attrs={"rows": 4}),
        }
