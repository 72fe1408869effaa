"""The project charter, the initiation deliverable: its form and its printable page.

Adapters only: the charter form validates, project_update decides and writes (project_form_response).
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from projects.forms.projects import CharterForm
from projects.views.projects import _editable_project, project_form_response, visible_project_or_404


@login_required
def charter_edit(request, project_id: int):
    """Edit the charter of a project the user may edit; only the fields that changed go to the service."""
    project = _editable_project(request.user, project_id)
    return project_form_response(
        request,
        project,
        CharterForm(request.POST or None, instance=project),
        template="projects/charter_form.html",
        saved=lambda: _("Charter of %(code)s saved.") % {"code": project.code},
    )


@login_required
def charter_print(request, project_id: int):
    """The charter of a visible project as a printable A4 page, in the reader's language."""
    project = visible_project_or_404(request.user, project_id)
    return render(request, "projects/charter_print.html", {"project": project, "printed_at": timezone.now()})
