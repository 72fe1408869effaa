"""Reads of lessons learned and project comments, for the people who may see their projects.

Search: on PostgreSQL the lessons' tsvector (jieba-segmented words, 'simple' configuration) matched
against the query's words and ranked by ts_rank, title and tags weighing more than the text; on
SQLite (the embedded default) every word of the query must appear somewhere in the lesson, newest first.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connections
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from governance import policy
from governance.models import MethodologyVersion
from projects.models import Lesson, LessonTag, Project, ProjectComment
from projects.search_words import document_words, raw_tsquery
from projects.selectors.projects import Viewer, project_pmo_type, project_visibility_filter

# The lessons of similar projects the project page offers, best first.
SIMILAR_LESSONS = 5
# The words of a project's own text that its similar lessons' tags are compared with, at most.
MAX_PROJECT_WORDS = 200


def _with_relations(lessons: QuerySet[Lesson]) -> QuerySet[Lesson]:
    return lessons.select_related(
        "project", "project__portfolio", "project__methodology_version__methodology", "author"
    ).prefetch_related(Prefetch("tags", queryset=LessonTag.objects.order_by("name")))


def lesson_list(*, user: Viewer) -> QuerySet[Lesson]:
    """Lessons of the projects the user may see, newest first, with project, author and tags joined."""
    visible = Project.objects.filter(project_visibility_filter(user))
    return _with_relations(Lesson.objects.filter(project__in=visible)).order_by("-created_at", "-id")


def lessons_matching(lessons: QuerySet[Lesson], query: str) -> QuerySet[Lesson]:
    """The lessons that match the query's words, best first (PostgreSQL) or newest first (SQLite)."""
    query = (query or "").strip()
    if not query:
        return lessons
    if connections[lessons.db].vendor == "postgresql":
        raw = raw_tsquery(query)
        if not raw:
            return lessons.none()
        search = SearchQuery(raw, search_type="raw", config="simple")
        return (
            lessons.filter(search_vector=search)
            .annotate(rank=SearchRank(F("search_vector"), search))
            .order_by("-rank", "-created_at", "-id")
        )
    for word in query.split()[:32]:
        lessons = lessons.filter(
            Q(title__icontains=word)
            | Q(what_happened__icontains=word)
            | Q(why__icontains=word)
            | Q(recommendation__icontains=word)
            | Exists(LessonTag.objects.filter(lesson=OuterRef("pk"), name__icontains=word))
        )
    return lessons


def lessons_tagged(lessons: QuerySet[Lesson], tag: str) -> QuerySet[Lesson]:
    """The lessons filed under the tag (compared lower-cased, as tags are stored)."""
    tag = (tag or "").strip().lower()
    if not tag:
        return lessons
    return lessons.filter(Exists(LessonTag.objects.filter(lesson=OuterRef("pk"), name=tag)))


def project_lessons(*, project: Project) -> QuerySet[Lesson]:
    """The project's own lessons, newest first, with their tags."""
    return (
        Lesson.objects.filter(project=project)
        .select_related("author")
        .prefetch_related(Prefetch("tags", queryset=LessonTag.objects.order_by("name")))
        .order_by("-created_at", "-id")
    )


def _project_words(project: Project) -> list[str]:
    text = " ".join(
        [project.name, project.description, project.objectives, project.scope_in, project.department]
    )
    # One-character words (的, 了, a) say nothing about what a project is about.
    words = {word for word in document_words(text) if len(word) > 1}
    return sorted(words)[:MAX_PROJECT_WORDS]


def similar_lessons(*, user: Viewer, project: Project, limit: int = SIMILAR_LESSONS) -> list[Lesson]:
    """Lessons of other visible projects that share the project's methodology, portfolio or tags.

    Ranked by a score: the same methodology 3, the same portfolio 2, and 1 for each of the lesson's
    tags that is a word of the project (its name, description, objectives, scope, department) or a
    tag of its own lessons; then newest first. One query, whatever the number of lessons.
    """
    own_tags = LessonTag.objects.filter(lesson__project_id=project.pk).values("name")
    words = _project_words(project)
    shared_tags = (
        LessonTag.objects.filter(lesson=OuterRef("pk"))
        .filter(Q(name__in=words) | Q(name__in=own_tags))
        .order_by()
        .values("lesson")
        .annotate(count=Count("pk"))
        .values("count")
    )
    if project.methodology_version_id:
        methodology = MethodologyVersion.objects.filter(pk=project.methodology_version_id).values(
            "methodology_id"
        )[:1]
        same_methodology = Case(
            When(project__methodology_version__methodology_id=Subquery(methodology), then=Value(3)),
            default=Value(0),
            output_field=IntegerField(),
        )
    else:
        same_methodology = Value(0, output_field=IntegerField())
    same_portfolio = Case(
        When(project__portfolio_id=project.portfolio_id, then=Value(2)),
        default=Value(0),
        output_field=IntegerField(),
    )
    lessons = (
        lesson_list(user=user)
        .exclude(project_id=project.pk)
        .annotate(
            similarity=same_methodology
            + same_portfolio
            + Coalesce(Subquery(shared_tags, output_field=IntegerField()), Value(0))
        )
        .filter(similarity__gt=0)
        .order_by("-similarity", "-created_at", "-id")
    )
    return list(lessons[:limit])


def project_comments(*, project: Project) -> QuerySet[ProjectComment]:
    """The comments on a project, newest first, with their authors."""
    return (
        ProjectComment.objects.filter(project=project).select_related("author").order_by("-created_at", "-id")
    )


def is_project_member(*, user: Viewer, project: Project) -> bool:
    """Whether the user is on the project's team (one query that loads nothing)."""
    return bool(user.is_authenticated) and project.memberships.filter(user_id=user.pk).exists()


def user_may_record_lesson(*, user: Viewer, project: Project) -> bool:
    """Whether the user may record lessons on the project, under the PMO type that governs it."""
    return policy.may_record_lesson(
        user, project_manager_id=project.project_manager_id, pmo_type=project_pmo_type(project)
    )


def user_may_comment(*, user: Viewer, project: Project) -> bool:
    """Whether the user may comment on the project: PMO staff and admins, its PM and its team."""
    return policy.may_comment_on_project(
        user,
        is_member=is_project_member(user=user, project=project),
        project_manager_id=project.project_manager_id,
    )
