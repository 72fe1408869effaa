"""Writes of dependencies: link two tasks with a type and a lag, change or remove a link; all reschedule.

Summary tasks may be linked like any task (projects.services.reschedule schedules such links as MS
Project does), but not to their own subtasks. A lag or lead stays within the project's span.
Each write checks the plan version it was based on (`expected_plan_version`, None skips) under the
project lock, like every edit of the plan's structure.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from governance.models import User
from projects.limits import MAX_LAG_DAYS_WITHOUT_FINISH
from projects.models import Dependency, DependencyType, Project, Task
from projects.selectors.calendars import plan_work_calendar
from projects.services.editing import check_plan_version, lock_project, require_plan_editor
from projects.services.reschedule import project_reschedule
from projects.services.saving import refuse_unknown_fields

DEPENDENCY_EDITABLE_FIELDS = ("type", "lag_days")


def dependency_lag_limit(project: Project) -> int:
    """The largest lag or lead in working days: the working days from the project's start to its finish.

    Without both dates, MAX_LAG_DAYS_WITHOUT_FINISH (three years of working days).
    """
    if project.start_date is None or project.finish_date is None:
        return MAX_LAG_DAYS_WITHOUT_FINISH
    calendar = plan_work_calendar(project)
    return max(calendar.finish_period_of(project.finish_date) - calendar.period_of(project.start_date), 1)


def _check_lag(project: Project, lag_days: int) -> None:
    if not lag_days:  # within any span (the limit is at least 1): the calendar need not be read
        return
    limit = dependency_lag_limit(project)
    if abs(lag_days) > limit:
        raise ValidationError(
            {
                "lag_days": _(
                    "A lag or lead can be at most %(limit)s working days (the span of the project)."
                )
                % {"limit": limit}
            }
        )


def _ancestor_ids(task_id: int, parent_of: dict[int, int | None]) -> set[int]:
    ancestors: set[int] = set()
    current = parent_of.get(task_id)
    while current is not None and current not in ancestors:
        ancestors.add(current)
        current = parent_of.get(current)
    return ancestors


def _refuse_summary_and_own_subtask(predecessor: Task, successor: Task) -> None:
    parent_of = dict(Task.objects.filter(project_id=predecessor.project_id).values_list("id", "parent_id"))
    for summary, subtask in ((predecessor, successor), (successor, predecessor)):
        if summary.pk in _ancestor_ids(subtask.pk, parent_of):
            raise ValidationError(
                {
                    "successor": _(
                        "“%(summary)s” is a summary task of “%(subtask)s”: a summary task cannot be "
                        "linked to its own subtasks."
                    )
                    % {"summary": summary.label, "subtask": subtask.label}
                }
            )


@transaction.atomic
def dependency_add(
    *,
    actor: User,
    predecessor: Task,
    successor: Task,
    type: str = DependencyType.FS,  # noqa: A002
    lag_days: int = 0,
    expected_plan_version: int | None = None,
) -> Dependency:
    """Link two tasks of one project; a link that closes a cycle is refused, naming the loop.

    The returned link holds the locked project, whose plan_version is the plan's new version.
    """
    if predecessor.project_id != successor.project_id:
        raise ValidationError({"successor": _("Both tasks must belong to the same project.")})
    project = lock_project(predecessor.project_id)
    require_plan_editor(actor, project)
    check_plan_version(project, expected_plan_version)
    _refuse_summary_and_own_subtask(predecessor, successor)
    _check_lag(project, lag_days)
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
def dependency_update(
    *, actor: User, dependency: Dependency, changes: dict, expected_plan_version: int | None = None
) -> Dependency:
    """Change a link's type and/or lag (`changes`: type, lag_days) and reschedule.

    Other fields are refused; the returned link holds the locked project with the new plan version.
    """
    refuse_unknown_fields(changes, DEPENDENCY_EDITABLE_FIELDS)
    project = lock_project(dependency.project_id)
    require_plan_editor(actor, project)
    check_plan_version(project, expected_plan_version)
    dependency = (
        Dependency.objects.select_for_update()
        .select_related("predecessor", "successor")
        .get(pk=dependency.pk)
    )
    if "lag_days" in changes:
        _check_lag(project, changes["lag_days"])
    for name, value in changes.items():
        setattr(dependency, name, value)
    dependency.full_clean()
    dependency.save(update_fields=list(changes) or None)
    dependency.project = project
    project_reschedule(project=project)
    return dependency


@transaction.atomic
def dependency_remove(
    *, actor: User, dependency: Dependency, expected_plan_version: int | None = None
) -> Project:
    """Remove a link and reschedule; returns the locked project with the plan's new version."""
    project = lock_project(dependency.project_id)
    require_plan_editor(actor, project)
    check_plan_version(project, expected_plan_version)
    dependency.delete()
    project_reschedule(project=project)
    return project
