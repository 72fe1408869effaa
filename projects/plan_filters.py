"""Filters of the task list (API and pages): parent, assignee, critical, milestone, free text."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from projects.plan_models import Task


class TaskFilter(django_filters.FilterSet):
    parent = django_filters.CharFilter(
        method="filter_parent", label=_("Parent task id, or “none” for top-level tasks")
    )
    assignee = django_filters.NumberFilter(field_name="assignee_id", label=_("Assignee id"))
    critical = django_filters.BooleanFilter(
        field_name="is_critical", label=pgettext_lazy("on the critical path", "Critical")
    )
    milestone = django_filters.BooleanFilter(field_name="is_milestone", label=_("Milestone"))
    q = django_filters.CharFilter(method="filter_text", label=_("Name contains or WBS code starts with"))

    class Meta:
        model = Task
        fields = ["parent", "assignee", "critical", "milestone", "q"]

    def filter_parent(self, queryset, name, value):
        if value.strip().lower() in {"none", "null", "root"}:
            return queryset.filter(parent__isnull=True)
        try:
            return queryset.filter(parent_id=int(value))
        except ValueError:
            return queryset.none()

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(wbs_code__startswith=value))
