"""Forms of the team on the project page: add a person with a role, change a role."""

from django import forms
from django.utils.translation import gettext_lazy as _

from projects.forms.projects import PersonChoiceField, active_people
from projects.models import MembershipRole


class MembershipAddForm(forms.Form):
    user = PersonChoiceField(queryset=active_people(), label=_("Person"), empty_label=_("Choose a person…"))
    role = forms.ChoiceField(
        choices=MembershipRole.choices, label=_("Role"), initial=MembershipRole.TEAM_MEMBER
    )


class MembershipRoleForm(forms.Form):
    role = forms.ChoiceField(choices=MembershipRole.choices, label=_("Role"))
