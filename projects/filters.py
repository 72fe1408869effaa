"""Filters of the project list, shared by the page and the API so both answer the same question."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from projects.models import Phase, Portfolio, Project, ProjectMembership, Status


class ProjectFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_text", label=_("Search"))
    portfolio = django_filters.ModelChoiceFilter(queryset=Portfolio.objects.all(), label=_("Portfolio"))
    status = django_filters.ChoiceFilter(choices=Status.choices, label=_("Status"))
    phase = django_filters.ChoiceFilter(choices=Phase.choices, label=_("Phase"))
    project_manager = django_filters.NumberFilter(field_name="project_manager_id", label=_("Project manager"))

    class Meta:
        model = Project
        fields = ["q", "portfolio", "status", "phase", "project_manager"]

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(code__icontains=value)
            | Q(name__icontains=value)
            | Q(description__icontains=value)
            | Q(department__icontains=value)
        )


class MembershipFilter(django_filters.FilterSet):
    project = django_filters.NumberFilter(field_name="project_id", label=_("Project"))
    user = django_filters.NumberFilter(field_name="user_id", label=_("User"))

    class Meta:
        model = ProjectMembership
        fields = ["project", "user", "role"]
