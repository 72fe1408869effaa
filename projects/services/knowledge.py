"""Writes of knowledge: lessons learned (with their tags and search words) and comments on projects."""

import re

from django.contrib.postgres.search import SearchVector
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections, transaction
from django.db.models import Value
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from governance.models import User
from projects.models import Lesson, LessonTag, Project, ProjectComment
from projects.models.knowledge import MAX_TAG_LENGTH, MAX_TAGS
from projects.search_words import document_text
from projects.selectors.knowledge import user_may_comment, user_may_record_lesson

# Tags are typed in one field, separated by commas (ASCII or Chinese), enumeration commas or semicolons.
_TAG_SEPARATORS = re.compile(r"[,，、;；]+")


def parse_tags(tags: str | list[str]) -> list[str]:
    """The tags as stored: stripped, lower-cased, duplicates dropped, in the order given.

    ValidationError on "tags" when there are more than MAX_TAGS or one is longer than MAX_TAG_LENGTH.
    """
    pieces = _TAG_SEPARATORS.split(tags) if isinstance(tags, str) else list(tags)
    names = []
    for piece in pieces:
        name = " ".join(str(piece).split()).lower()
        if name and name not in names:
            names.append(name)
    if len(names) > MAX_TAGS:
        raise ValidationError(
            {
                "tags": ngettext("Give at most %(limit)d tag.", "Give at most %(limit)d tags.", MAX_TAGS)
                % {"limit": MAX_TAGS}
            }
        )
    too_long = [name for name in names if len(name) > MAX_TAG_LENGTH]
    if too_long:
        raise ValidationError(
            {
                "tags": _("The tag “%(tag)s” is too long: a tag has at most %(limit)d characters.")
                % {"tag": too_long[0][:40], "limit": MAX_TAG_LENGTH}
            }
        )
    return names


def lesson_search_refresh(*, lesson: Lesson, tags: list[str]) -> None:
    """Store the lesson's search words (PostgreSQL only): title and tags weigh A, the text B."""
    if connections[Lesson.objects.db].vendor != "postgresql":
        return
    heading = document_text(" ".join([lesson.title, *tags]))
    body = document_text("\n".join([lesson.what_happened, lesson.why, lesson.recommendation]))
    Lesson.objects.filter(pk=lesson.pk).update(
        search_vector=SearchVector(Value(heading), config="simple", weight="A")
        + SearchVector(Value(body), config="simple", weight="B")
    )


@transaction.atomic
def lesson_record(
    *,
    actor: User,
    project: Project,
    title: str,
    what_happened: str,
    phase: str = "",
    why: str = "",
    recommendation: str = "",
    category: str = "",
    tags: str | list[str] = "",
) -> Lesson:
    """Record a lesson learned on a project the actor may edit, at any phase (the project's by default)."""
    if not user_may_record_lesson(user=actor, project=project):
        raise PermissionDenied(_("You are not allowed to record lessons on this project."))
    if not (title or "").strip():
        raise ValidationError({"title": _("Give the lesson a title.")})
    if not (what_happened or "").strip():
        raise ValidationError({"what_happened": _("Say what happened.")})
    tag_names = parse_tags(tags)
    lesson = Lesson(
        project=project,
        phase=phase or project.phase,
        title=title.strip(),
        what_happened=what_happened.strip(),
        why=(why or "").strip(),
        recommendation=(recommendation or "").strip(),
        author=actor,
    )
    if category:
        lesson.category = category
    lesson.full_clean()
    tag_rows = [LessonTag(lesson=lesson, name=name) for name in tag_names]
    for row in tag_rows:
        row.full_clean(exclude=["lesson"])
    lesson.save()
    LessonTag.objects.bulk_create(tag_rows)
    lesson_search_refresh(lesson=lesson, tags=tag_names)
    return lesson


@transaction.atomic
def comment_post(*, actor: User, project: Project, text: str) -> ProjectComment:
    """Add a comment to a project the actor may comment on; comments stay, as history does."""
    if not user_may_comment(user=actor, project=project):
        raise PermissionDenied(_("You are not allowed to comment on this project."))
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write a comment first.")})
    comment = ProjectComment(project=project, author=actor, text=text)
    comment.full_clean()
    comment.save()
    return comment
