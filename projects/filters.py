"""Filters of the project, membership and task lists, shared by pages and the API so both answer alike."""

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from governance.models import Methodology
from pmo_portal.api import IdFilter, validate_id
from projects.models import (
    Lesson,
    LessonCategory,
    Phase,
    Portfolio,
    Project,
    ProjectMembership,
    Status,
    Task,
)
from projects.selectors.knowledge import lessons_matching, lessons_tagged

# The bands of a health score and the colours of a reported RAG, as the rollups store them; "none" asks
# for the projects not yet measured (no rollup, or no score or report yet).
NOT_MEASURED = "none"
RAG_CHOICES = (
    ("green", _("Green")),
    ("amber", _("Amber")),
    ("red", _("Red")),
    (NOT_MEASURED, _("Not yet measured")),
)


def _band_filter(queryset, path: str, value: str):
    """Projects whose rolled-up `path` (reached through the reverse "rollup" relation) is `value`."""
    if value == NOT_MEASURED:
        return queryset.filter(Q(rollup__isnull=True) | Q(**{path: ""}))
    return queryset.filter(**{path: value})


class ProjectFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_text", label=_("Search"))
    portfolio = django_filters.ModelChoiceFilter(queryset=Portfolio.objects.all(), label=_("Portfolio"))
    status = django_filters.ChoiceFilter(choices=Status.choices, label=_("Status"))
    phase = django_filters.ChoiceFilter(choices=Phase.choices, label=_("Phase"))
    project_manager = IdFilter(field_name="project_manager_id", label=_("Project manager"))
    # The rolled-up figures, read through the reverse one-to-one "rollup" (reports.ProjectRollup) by
    # name: no import of reports (see projects.selectors.projects.ROLLUP_FIGURES).
    health_band = django_filters.ChoiceFilter(
        choices=RAG_CHOICES, method="filter_health_band", label=_("Health"), empty_label=_("Any health")
    )
    rag = django_filters.ChoiceFilter(
        choices=RAG_CHOICES, method="filter_rag", label=_("Reported RAG"), empty_label=_("Any RAG")
    )
    spi_below = django_filters.NumberFilter(
        field_name="rollup__schedule_performance_index",
        lookup_expr="lt",
        label=_("SPI below"),
        min_value=0,
        max_value=1000,
    )
    cpi_below = django_filters.NumberFilter(
        field_name="rollup__cost_performance_index",
        lookup_expr="lt",
        label=_("CPI below"),
        min_value=0,
        max_value=1000,
    )

    class Meta:
        model = Project
        fields = [
            "q",
            "portfolio",
            "status",
            "phase",
            "project_manager",
            "health_band",
            "rag",
            "spi_below",
            "cpi_below",
        ]

    def filter_health_band(self, queryset, name, value):
        return _band_filter(queryset, "rollup__health_band", value)

    def filter_rag(self, queryset, name, value):
        return _band_filter(queryset, "rollup__reported_rag", value)

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
    project = IdFilter(field_name="project_id", label=_("Project"))
    user = IdFilter(field_name="user_id", label=_("User"))

    class Meta:
        model = ProjectMembership
        fields = ["project", "user", "role"]


TOP_LEVEL_WORDS = {"none", "null", "root"}


def validate_parent(value: str) -> None:
    """A parent filter names a task id or the top level ("none"); anything else says what it takes."""
    value = value.strip()
    if value.lower() in TOP_LEVEL_WORDS:
        return
    if not (value.isascii() and value.isdigit()):  # "²".isdigit() is True, but int("²") fails
        raise ValidationError(_("Enter a task id, or “none” for top-level tasks."), code="invalid")
    validate_id(int(value))


class TaskFilter(django_filters.FilterSet):
    parent = django_filters.CharFilter(
        method="filter_parent",
        label=_("Parent task id, or “none” for top-level tasks"),
        validators=[validate_parent],
    )
    assignee = IdFilter(field_name="assignee_id", label=_("Assignee id"))
    critical = django_filters.BooleanFilter(
        field_name="is_critical", label=pgettext_lazy("on the critical path", "Critical")
    )
    milestone = django_filters.BooleanFilter(field_name="is_milestone", label=_("Milestone"))
    q = django_filters.CharFilter(method="filter_text", label=_("Name contains or WBS code starts with"))

    class Meta:
        model = Task
        fields = ["parent", "assignee", "critical", "milestone", "q"]

    def filter_parent(self, queryset, name, value):
        if value.strip().lower() in TOP_LEVEL_WORDS:
            return queryset.filter(parent__isnull=True)
        return queryset.filter(parent_id=int(value))

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(wbs_code__startswith=value))


class LessonFilter(django_filters.FilterSet):
    """The lessons search: words (Chinese or English, ranked), category, tag, methodology, portfolio."""

    q = django_filters.CharFilter(method="filter_words", label=_("Search"))
    category = django_filters.ChoiceFilter(choices=LessonCategory.choices, label=_("Category"))
    tag = django_filters.CharFilter(method="filter_tag", label=_("Tag"))
    methodology = django_filters.ModelChoiceFilter(
        field_name="project__methodology_version__methodology",
        queryset=Methodology.objects.order_by("name"),
        label=_("Methodology"),
    )
    portfolio = django_filters.ModelChoiceFilter(
        field_name="project__portfolio", queryset=Portfolio.objects.all(), label=_("Portfolio")
    )

    class Meta:
        model = Lesson
        fields = ["q", "category", "tag", "methodology", "portfolio"]

    def filter_words(self, queryset, name, value):
        return lessons_matching(queryset, value)

    def filter_tag(self, queryset, name, value):
        return lessons_tagged(queryset, value)
