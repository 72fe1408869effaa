"""Forms of knowledge on the project page: record a lesson learned, write a comment."""

from django import forms
from django.utils.translation import gettext_lazy as _

from projects.models import LessonCategory, Phase


class LessonForm(forms.Form):
    phase = forms.ChoiceField(choices=Phase.choices, label=_("At the end of phase"))
    title = forms.CharField(max_length=200, label=_("Title"))
    what_happened = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label=_("What happened"))
    why = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False, label=_("Why"))
    recommendation = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label=_("What to repeat or avoid")
    )
    category = forms.ChoiceField(choices=LessonCategory.choices, label=_("Category"))
    tags = forms.CharField(
        max_length=400,
        required=False,
        label=_("Tags"),
        help_text=_("A few short words, separated by commas."),
    )


class CommentForm(forms.Form):
    text = forms.CharField(max_length=4000, widget=forms.Textarea(attrs={"rows": 3}), label=_("Comment"))
