"""What projects learn and say: lessons learned at gates and closure, and comments on a project.

A lesson's words are kept as a PostgreSQL tsvector (search_vector) that the service fills on save:
Chinese segmented by jieba (projects.search_words), read with the 'simple' configuration. On SQLite
the column stays empty and search falls back to plain substring matches.
"""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from governance.lifecycle import LifecyclePhase as Phase
from governance.text import validate_name_characters, validate_text_characters
from projects.models.projects import Project

MAX_TAGS = 8
MAX_TAG_LENGTH = 30


class LessonCategory(models.TextChoices):
    SCOPE = "scope", _("Scope")
    SCHEDULE = "schedule", _("Schedule")
    COST = "cost", _("Cost")
    QUALITY = "quality", _("Quality")
    RESOURCES = "resources", _("Resources")
    STAKEHOLDERS = "stakeholders", _("Stakeholders")
    RISK = "risk", _("Risk")
    PROCUREMENT = "procurement", _("Procurement")
    TECHNICAL = "technical", _("Technical")
    PROCESS = "process", _("Process")
    OTHER = "other", _("Other")


class Lesson(models.Model):
    """A lesson learned on a project at a gate or at closure: what happened, why, what to repeat or avoid."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="lessons", verbose_name=_("project")
    )
    # The phase whose gate (or, for closing, the closure) the lesson was drawn at.
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices)
    title = models.CharField(_("title"), max_length=200, validators=[validate_name_characters])
    what_happened = models.TextField(_("what happened"), validators=[validate_text_characters])
    why = models.TextField(_("why"), blank=True, validators=[validate_text_characters])
    recommendation = models.TextField(
        _("what to repeat or avoid"), blank=True, validators=[validate_text_characters]
    )
    category = models.CharField(
        _("category"), max_length=20, choices=LessonCategory.choices, default=LessonCategory.OTHER
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    # Filled by projects.services.knowledge on PostgreSQL; read only by the search.
    search_vector = SearchVectorField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("lesson learned")
        verbose_name_plural = _("lessons learned")
        ordering = ["-created_at", "-id"]
        indexes = [
            GinIndex(fields=["search_vector"], name="lesson_search_vector"),
            models.Index(fields=["project", "-created_at"], name="lesson_project_newest"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(phase__in=Phase.values), name="lesson_phase_valid"),
            models.CheckConstraint(
                condition=models.Q(category__in=LessonCategory.values), name="lesson_category_valid"
            ),
        ]

    def __str__(self):
        return self.title


class LessonTag(models.Model):
    """One short word a lesson is filed under ("供应商", "vendor"), stored lower-cased."""

    lesson = models.ForeignKey(
        Lesson, on_delete=models.CASCADE, related_name="tags", verbose_name=_("lesson")
    )
    name = models.CharField(_("tag"), max_length=MAX_TAG_LENGTH, validators=[validate_name_characters])

    class Meta:
        verbose_name = _("lesson tag")
        verbose_name_plural = _("lesson tags")
        ordering = ["name"]
        indexes = [models.Index(fields=["name"], name="lesson_tag_name")]
        constraints = [
            models.UniqueConstraint(fields=["lesson", "name"], name="lesson_tag_unique"),
        ]

    def __str__(self):
        return self.name


class ProjectComment(models.Model):
    """A remark on a project by PMO staff or its team, kept with the project's history; never edited."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="comments", verbose_name=_("project")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("author"),
    )
    text = models.TextField(_("comment"), max_length=4000, validators=[validate_text_characters])
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        verbose_name = _("project comment")
        verbose_name_plural = _("project comments")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["project", "-created_at", "-id"], name="comment_project_newest")]

    def __str__(self):
        return self.text[:60]
