"""Writes of actual costs: book what a work task cost, in the project's currency."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from governance.models import User
from projects.models import CostEntry, Task
from projects.services.editing import lock_project, require_plan_editor, save_row


@transaction.atomic
def cost_entry_add(*, actor: User, task: Task, date: date, amount: Decimal, note: str = "") -> CostEntry:  # noqa: A002
    """Book an actual cost (in the project's currency) on a work task or milestone."""
    project = lock_project(task.project_id)
    require_plan_editor(actor, project)
    if Task.objects.filter(parent_id=task.pk).exists():
        raise ValidationError(_("Book costs on work tasks; a summary task adds up its subtasks."))
    entry = CostEntry(task=task, date=date, amount=amount, note=note, created_by=actor)
    save_row(entry)
    return entry
