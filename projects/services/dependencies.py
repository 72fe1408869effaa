"""Writes of dependencies: link two tasks with a type and a lag, or remove a link; both reschedule."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from governance.models import User
from projects.models import Dependency, DependencyType, Task
from projects.services.editing import lock_project, require_plan_editor
from projects.services.reschedule import project_reschedule


@transaction.atomic
def dependency_add(
    *,
    actor: User,
    predecessor: Task,
    successor: Task,
    type: str = DependencyType.FS,  # noqa: A002
    lag_days: int = 0,
) -> Dependency:
    """Link two work tasks or milestones of one project; a link that closes a cycle is refused."""
    if predecessor.project_id != successor.project_id:
        raise ValidationError({"successor": _("Both tasks must belong to the same project.")})
    project = lock_project(predecessor.project_id)
    require_plan_editor(actor, project)
    for field_name, task in (("predecessor", predecessor), ("successor", successor)):
        if Task.objects.filter(parent_id=task.pk).exists():
            raise ValidationError(
                {
                    field_name: _("“%(task)s” is a summary task; link its subtasks instead.")
                    % {"task": task.label}
                }
            )
    dependency = Dependency(
        project=project, predecessor=predecessor, successor=successor, type=type, lag_days=lag_days
    )
    dependency.full_clean()
    try:
        with transaction.atomic():
            dependency.save()
    except IntegrityError as error:  # a concurrent duplicate slipped past full_clean
        raise ValidationError({"successor": _("These two tasks are already linked.")}) from error
    project_reschedule(project=project)
    return dependency


@transaction.atomic
def dependency_remove(*, actor: User, dependency: Dependency) -> None:
    """Remove a link and reschedule."""
    project = lock_project(dependency.project_id)
    require_plan_editor(actor, project)
    dependency.delete()
    project_reschedule(project=project)
