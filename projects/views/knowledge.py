"""Knowledge pages: the lessons search across projects, and recording lessons and comments on a project.

Adapters only: forms parse, selectors read what the person may see, services decide and write.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from projects.filters import LessonFilter
from projects.forms.errors import add_service_error
from projects.forms.knowledge import CommentForm, LessonForm
from projects.models import Project
from projects.selectors import knowledge as knowledge_selectors
from projects.services import knowledge as knowledge_services
from projects.views.projects import project_page_context, visible_project_or_404

LESSON_PAGE_SIZE = 25


@login_required
def lesson_search(request):
    """Lessons of the projects the person may see: words, category, tag, methodology, portfolio."""
    lesson_filter = LessonFilter(
        request.GET, queryset=knowledge_selectors.lesson_list(user=request.user), request=request
    )
    page = Paginator(lesson_filter.qs, LESSON_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filter": lesson_filter,
        "page_obj": page,
        "page_range": page.paginator.get_elided_page_range(page.number),
        "lessons": page.object_list,
        "query": request.GET.get("q", ""),
    }
    template = "projects/lesson_search.html"
    if request.htmx and not request.htmx.history_restore_request:
        template = "projects/_partials/lesson_results.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _project_page_with_errors(request, project: Project, **forms):
    context = project_page_context(request, project, **forms)
    return render(request, "projects/project_detail.html", context)


@login_required
@require_POST
def lesson_add(request, project_id: int):
    """Record a lesson learned on the project; errors show on the project page's form."""
    project = visible_project_or_404(request.user, project_id)
    if not knowledge_selectors.user_may_record_lesson(user=request.user, project=project):
        raise PermissionDenied(_("You are not allowed to record lessons on this project."))
    form = LessonForm(request.POST)
    if form.is_valid():
        try:
            knowledge_services.lesson_record(actor=request.user, project=project, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Lesson learned recorded."))
            return redirect(reverse("projects:detail", args=[project.pk]) + "#lessons")
    return _project_page_with_errors(request, project, lesson_form=form)


@login_required
@require_POST
def comment_add(request, project_id: int):
    """Write a comment on the project; it joins the project's history."""
    project = visible_project_or_404(request.user, project_id)
    if not knowledge_selectors.user_may_comment(user=request.user, project=project):
        raise PermissionDenied(_("You are not allowed to comment on this project."))
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            knowledge_services.comment_post(
                actor=request.user, project=project, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Comment added."))
            return redirect(reverse("projects:detail", args=[project.pk]) + "#comments")
    return _project_page_with_errors(request, project, comment_form=form)
