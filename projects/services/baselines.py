"""Writes of baselines: freeze the plan's current dates, durations and costs under a name."""

from django.db import transaction

from governance.models import User
from projects.models import Baseline, BaselineTask, Project, Task
from projects.services.editing import lock_project, require_plan_editor, save_row


@transaction.atomic
def baseline_save(*, actor: User, project: Project, name: str) -> Baseline:
    """Freeze the plan's current dates, durations and costs under a name unique in the project."""
    project = lock_project(project.pk)
    require_plan_editor(actor, project)
    return baseline_freeze(project=project, name=name, created_by=actor)


def baseline_freeze(*, project: Project, name: str, created_by: User) -> Baseline:
    """Freeze the plan of a project the caller has locked and authorised, under a name unique in it.

    For writes that carry their own authority, such as an approved change request whose approver may
    not edit the plan; everyone else goes through baseline_save.
    """
    baseline = Baseline(project=project, name=name, created_by=created_by)
    save_row(baseline)
    tasks = Task.objects.filter(project=project).only(
        "id", "name", "wbs_code", "planned_start", "planned_finish", "duration_days", "planned_cost"
    )
    BaselineTask.objects.bulk_create(
        BaselineTask(
            baseline=baseline,
            task=task,
            task_name=task.name,
            wbs_code=task.wbs_code,
            start=task.planned_start,
            finish=task.planned_finish,
            duration_days=task.duration_days,
            planned_cost=task.planned_cost,
        )
        for task in tasks
    )
    return baseline
