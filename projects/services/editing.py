"""What every plan write starts with: lock the project, check the editor, lock and version-check the task.

Locking the project row first makes two edits of one plan run one after the other. Edits of the
structure (links, indent, outdent, move) are checked against the plan's version (Project.plan_version,
raised by every plan write in projects.services.reschedule) rather than one task's, since they change
how many tasks relate. Who may write:
whoever may edit the project (its PM, admins, PMO staff under a directive PMO) edits the plan; the
assignee of a task may update its progress and nothing else (projects.services.tasks).
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from governance.models import User
from projects.models import Project, Task
from projects.selectors.projects import user_may_edit_project
from projects.services.history.actors import remember_plan_actor


class StaleEditError(Exception):
    """The edit was based on an older version of the task; `task` holds the current one."""

    def __init__(self, task: Task):
        self.task = task
        super().__init__(
            _(
                "Someone else changed this task (now version %(version)s). "
                "Review the current values and try again."
            )
            % {"version": task.version}
        )


class StalePlanError(Exception):
    """The edit was based on an older version of the plan; `project` holds the current version."""

    def __init__(self, project: Project):
        self.project = project
        super().__init__(
            _(
                "Someone else changed this plan (now version %(version)s). "
                "Review the current plan and try again."
            )
            % {"version": project.plan_version}
        )


def plan_etag(version: int) -> str:
    """The ETag of a plan at a version, as the API sends it and expects it back in If-Match."""
    return f'"plan-{version}"'


def check_plan_version(project: Project, expected_plan_version: int | None) -> None:
    """StalePlanError when the edit was based on another version of the (locked) plan; None skips."""
    if expected_plan_version is not None and expected_plan_version != project.plan_version:
        raise StalePlanError(project)


def lock_project(project_id: int) -> Project:
    """The project row, locked until the end of the transaction, with its portfolio."""
    return Project.objects.select_for_update(of=("self",)).select_related("portfolio").get(pk=project_id)


def require_plan_editor(actor: User, project: Project) -> None:
    """PermissionDenied unless the actor may edit the project's plan."""
    if not user_may_edit_project(user=actor, project=project):
        raise PermissionDenied(_("You are not allowed to edit the plan of this project."))
    remember_plan_actor(actor)


def lock_task(task: Task) -> Task:
    """The task row as stored now, locked until the end of the transaction."""
    return Task.objects.select_for_update().get(pk=task.pk)


def check_version(task: Task, expected_version: int | None) -> None:
    """StaleEditError (with the current task) when the edit was based on another version; None skips."""
    if expected_version is not None and expected_version != task.version:
        raise StaleEditError(Task.objects.select_related("assignee").get(pk=task.pk))


def lock_for_structure_change(
    actor: User, task: Task, expected_plan_version: int | None
) -> tuple[Project, Task]:
    """Lock the project and the task for an edit of the outline; check the editor and the plan version."""
    project = lock_project(task.project_id)
    require_plan_editor(actor, project)
    check_plan_version(project, expected_plan_version)
    return project, lock_task(task)


def save_row(instance) -> None:
    """Validate fully, then save."""
    instance.full_clean()
    instance.save()
