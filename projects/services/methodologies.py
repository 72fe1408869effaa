"""Moving open projects to a newer version of their methodology, which only the PMO decides."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from governance import policy
from governance.models import MethodologyVersion, User
from projects.models import Project
from projects.selectors.methodologies import projects_movable_to


@transaction.atomic
def projects_move_to_methodology_version(
    *, actor: User, version: MethodologyVersion, project_ids: Iterable[int]
) -> list[Project]:
    """Move the given projects to `version` and return them; each move is recorded in its history.

    Only PMO staff and admins move projects, only to a published version, and only open projects
    (not closed or cancelled) that follow an older version of the same methodology. One project that
    may not move refuses the whole request, so nothing changes.
    """
    if not policy.may_edit_methodologies(actor):
        raise PermissionDenied(
            _("Only PMO staff and admins may move projects to another methodology version.")
        )
    version = MethodologyVersion.objects.select_related("methodology").get(pk=version.pk)
    if not version.is_published:
        raise ValidationError({"version": _("Projects can only move to a published version.")})
    wanted = set(project_ids)
    if not wanted:
        raise ValidationError({"projects": _("Choose at least one project to move.")})
    projects = list(projects_movable_to(version).filter(pk__in=wanted).select_for_update(of=("self",)))
    if len(projects) != len(wanted):
        raise ValidationError(
            {
                "projects": _(
                    "Only open projects that follow an older version of this methodology can move to it."
                )
            }
        )
    for project in projects:
        project.methodology_version = version
        project._history_user = actor
        project.full_clean()
        project.save(update_fields=["methodology_version", "updated_at"])
    return projects
