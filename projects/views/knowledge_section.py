"""The knowledge section of the project page: its lessons, similar projects' lessons, its comments."""

from projects.forms.knowledge import CommentForm, LessonForm
from projects.models import Project
from projects.selectors import knowledge as knowledge_selectors

# The project page shows the newest comments; the history page has them all.
RECENT_COMMENTS = 10


def knowledge_context(request, project: Project, *, lesson_form=None, comment_form=None) -> dict:
    """What the project page's knowledge section shows: lessons, similar projects' lessons, comments."""
    user = request.user
    comments = list(knowledge_selectors.project_comments(project=project)[: RECENT_COMMENTS + 1])
    return {
        "lessons": knowledge_selectors.project_lessons(project=project),
        "similar_lessons": knowledge_selectors.similar_lessons(user=user, project=project),
        "comments": comments[:RECENT_COMMENTS],
        "comments_have_older": len(comments) > RECENT_COMMENTS,
        "may_record_lesson": knowledge_selectors.user_may_record_lesson(user=user, project=project),
        "may_comment": knowledge_selectors.user_may_comment(user=user, project=project),
        "lesson_form": lesson_form or LessonForm(initial={"phase": project.phase, "category": "other"}),
        "comment_form": comment_form or CommentForm(),
    }
