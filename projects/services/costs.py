"""Writes of actual costs: book what a work task cost, in the project's currency, on a day up to today."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.models import User
from projects.models import CostEntry, Task
from projects.services.editing import lock_project, require_plan_editor, save_row


@transaction.atomic
def cost_entry_add(*, actor: User, task: Task, date: date, amount: Decimal, note: str = "") -> CostEntry:  # noqa: A002
    """Book an actual cost (in the project's currency) on a work task or milestone.

    An actual cost has been spent, so its date cannot be after today (the site's time zone).
    """
    project = lock_project(task.project_id)
    require_plan_editor(actor, project)
    if date > timezone.localdate():
        raise ValidationError({"date": _("The date of an actual cost cannot be in the future.")})
    if Task.objects.filter(parent_id=task.pk).exists():
        raise ValidationError(_("Book costs on work tasks; a summary task adds up its subtasks."))
    entry = CostEntry(task=task, date=date, amount=amount, note=note, created_by=actor)
    save_row(entry)
    return entry
