"""The form that saves a baseline on the plan page."""

from django import forms
from django.utils.translation import gettext_lazy as _


class BaselineSaveForm(forms.Form):
    name = forms.CharField(label=_("Baseline name"), max_length=100)
