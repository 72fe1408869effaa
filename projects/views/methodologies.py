"""The PMO's page for moving open projects to a published version of their methodology."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from governance import policy
from governance.models import MethodologyVersion
from governance.selectors import methodology_version_detail
from projects.selectors.methodologies import projects_movable_to
from projects.services.methodologies import projects_move_to_methodology_version


def _chosen_ids(request) -> list[int]:
    return [int(value) for value in request.POST.getlist("projects") if value.isascii() and value.isdigit()]


@login_required
def methodology_move(request, version_id: int):
    """List the open projects on older versions of the methodology and move the ones the PMO ticks."""
    if not policy.may_edit_methodologies(request.user):
        raise PermissionDenied(
            _("Only PMO staff and admins may move projects to another methodology version.")
        )
    try:
        version = methodology_version_detail(version_id=version_id)
    except MethodologyVersion.DoesNotExist as error:
        raise Http404(_("No such methodology version.")) from error
    errors = []
    if request.method == "POST":
        try:
            moved = projects_move_to_methodology_version(
                actor=request.user, version=version, project_ids=_chosen_ids(request)
            )
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(
                request,
                _("%(count)d projects now follow %(version)s.") % {"count": len(moved), "version": version},
            )
            return redirect("governance:methodology_detail", methodology_id=version.methodology_id)
    context = {
        "version": version,
        "projects": projects_movable_to(version) if version.is_published else [],
        "errors": errors,
    }
    return render(request, "projects/methodology_move.html", context)
