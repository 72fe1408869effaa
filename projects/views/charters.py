"""The project charter, the initiation deliverable: its form and its printable page.

Adapters only: the charter form validates, project_update decides and writes.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from projects.forms.errors import add_service_error
from projects.forms.projects import CharterForm
from projects.models import Project
from projects.services import projects as project_services
from projects.views.projects import _editable_project, visible_project_or_404


@login_required
def charter_edit(request, project_id: int):
    """Edit the charter of a project the user may edit; only the fields that changed go to the service."""
    project = _editable_project(request.user, project_id)
    form = CharterForm(request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid():
        if not form.changed_data:
            messages.info(request, _("Nothing was changed."))
            return redirect("projects:detail", project_id=project.pk)
        try:
            project_services.project_update(
                actor=request.user,
                project=project,
                changes={name: form.cleaned_data[name] for name in form.changed_data},
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Charter of %(code)s saved.") % {"code": project.code})
            return redirect("projects:detail", project_id=project.pk)
    # The form's validation filled the instance with the rejected input; show the stored project.
    stored = Project.objects.select_related("portfolio").get(pk=project.pk)
    return render(request, "projects/charter_form.html", {"form": form, "project": stored})


@login_required
def charter_print(request, project_id: int):
    """The charter of a visible project as a printable A4 page, in the reader's language."""
    project = visible_project_or_404(request.user, project_id)
    return render(request, "projects/charter_print.html", {"project": project, "printed_at": timezone.now()})
