"""Filters of the risk and issue lists, so that the API (and later the pages) narrow them alike."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.selectors import risk_standards
from pmo_portal.api import IdFilter
from risks.models import (
    OPEN_ISSUE_STATUSES,
    OPEN_RISK_STATUSES,
    Issue,
    IssueSeverity,
    IssueStatus,
    Risk,
    RiskKind,
    RiskLevel,
    RiskStatus,
)
from risks.selectors.risks import level_condition


class RiskFilter(django_filters.FilterSet):
    project = IdFilter(field_name="project_id", label=_("Project"))
    portfolio = IdFilter(field_name="project__portfolio_id", label=_("Portfolio"))
    category = django_filters.CharFilter(field_name="category", label=_("Category"), max_length=40)
    level = django_filters.ChoiceFilter(choices=RiskLevel.choices, method="filter_level", label=_("Level"))
    status = django_filters.ChoiceFilter(choices=RiskStatus.choices, label=_("Status"))
    kind = django_filters.ChoiceFilter(choices=RiskKind.choices, label=_("Kind"))
    owner = IdFilter(field_name="owner_id", label=_("Owner"))
    escalated = django_filters.BooleanFilter(field_name="escalated", label=_("Escalated"))
    overdue = django_filters.BooleanFilter(
        method="filter_overdue", label=_("Open and past its review date (or not)")
    )

    class Meta:
        model = Risk
        fields = ["project", "portfolio", "category", "level", "status", "kind", "owner", "escalated"]

    def filter_level(self, queryset, name, value):
        return queryset.filter(level_condition(value, risk_standards()))

    def filter_overdue(self, queryset, name, value):
        condition = {"status__in": OPEN_RISK_STATUSES, "review_date__lt": timezone.localdate()}
        return queryset.filter(**condition) if value else queryset.exclude(**condition)


class IssueFilter(django_filters.FilterSet):
    project = IdFilter(field_name="project_id", label=_("Project"))
    portfolio = IdFilter(field_name="project__portfolio_id", label=_("Portfolio"))
    severity = django_filters.ChoiceFilter(choices=IssueSeverity.choices, label=_("Severity"))
    status = django_filters.ChoiceFilter(choices=IssueStatus.choices, label=_("Status"))
    owner = IdFilter(field_name="owner_id", label=_("Owner"))
    risk = IdFilter(field_name="risk_id", label=_("From risk"))
    overdue = django_filters.BooleanFilter(
        method="filter_overdue", label=_("Open and past its due date (or not)")
    )

    class Meta:
        model = Issue
        fields = ["project", "portfolio", "severity", "status", "owner", "risk"]

    def filter_overdue(self, queryset, name, value):
        condition = {"status__in": OPEN_ISSUE_STATUSES, "due_date__lt": timezone.localdate()}
        return queryset.filter(**condition) if value else queryset.exclude(**condition)
