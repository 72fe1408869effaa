"""The post-project evaluation page: the figures against the baseline, the assessment, the lessons.

Adapters only: the form parses, selectors read the figures and who may write, services save and submit.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from projects.forms.errors import add_service_error
from projects.forms.evaluations import EvaluationForm
from projects.models import Project
from projects.selectors import evaluations as evaluation_selectors
from projects.selectors.knowledge import user_may_record_lesson
from projects.services import evaluations as evaluation_services
from projects.views.projects import visible_project_or_404


def _page(request, project: Project, form=None, status: int = 200):
    evaluation = evaluation_selectors.evaluation_prefilled(project)
    may_write = evaluation_selectors.user_may_write_evaluation(user=request.user, project=project)
    available = evaluation_selectors.project_has_evaluation(project)
    context = {
        "project": project,
        "available": available,
        "evaluation": evaluation,
        "may_write": may_write and available and not evaluation.is_submitted,
        "form": form or EvaluationForm(instance=evaluation),
        "lessons": evaluation_selectors.evaluation_lessons(project) if available else [],
        "may_record_lesson": user_may_record_lesson(user=request.user, project=project),
    }
    return render(request, "projects/evaluation.html", context, status=status)


@login_required
def evaluation(request, project_id: int):
    """A closed project's post-project evaluation; POST saves the draft (the PM, PMO staff, admins)."""
    project = visible_project_or_404(request.user, project_id)
    if request.method != "POST":
        return _page(request, project)
    return _write(request, project, evaluation_services.evaluation_save, _("Evaluation saved as a draft."))


@login_required
@require_POST
def evaluation_submit(request, project_id: int):
    """Save and submit the evaluation: from then on it is frozen."""
    project = visible_project_or_404(request.user, project_id)
    return _write(request, project, evaluation_services.evaluation_submit, _("Evaluation submitted."))


def _write(request, project: Project, service, done: str):
    if not evaluation_selectors.user_may_write_evaluation(user=request.user, project=project):
        raise PermissionDenied(_("You are not allowed to write this project's post-project evaluation."))
    form = EvaluationForm(request.POST)
    if form.is_valid():
        try:
            service(actor=request.user, project=project, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, done)
            return redirect("projects:evaluation", project_id=project.pk)
    return _page(request, project, form=form, status=400 if form.errors else 200)
