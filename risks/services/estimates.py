"""Writes of the three-point estimates that feed a project's schedule-risk simulation.

Rules:
- Those who edit the plan set the estimates (policy.may_edit_project: the PM, admins, PMO staff under a
  directive PMO), since an estimate is a statement about the plan's durations, not a register entry.
- An estimate belongs to a work task or milestone of the project's own plan (summaries roll up and are
  not simulated); optimistic <= most likely <= pessimistic, each >= 0 working days.
- One call sets and clears many tasks at once; nothing is saved when any is wrong.
- The plan's own figures do not change, so the project is not marked stale.
"""

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from governance.models import User
from projects.models import Project, Task
from projects.selectors.projects import user_may_edit_project
from risks.models import TaskEstimate
from risks.services.rules import Errors, add_error, locked_project

ESTIMATE_NAMES = ("optimistic", "most_likely", "pessimistic")
# A plan task lasts at most this long (Task.duration_days is a PositiveIntegerField; the field's digits).
MAXIMUM_ESTIMATE = Decimal("99999.99")

EstimateValues = tuple[Decimal | int | str, Decimal | int | str, Decimal | int | str]


def estimate_field(task_id: int, name: str) -> str:
    """The field an estimate's error is reported on, as the API and the page name it."""
    return f"estimates.{task_id}.{name}"


def checked_estimate_values(errors: Errors, task_id: int, values) -> tuple[Decimal, Decimal, Decimal] | None:
    """The three durations as Decimals in working days, or None with the faults added to `errors`."""
    numbers = []
    for name, value in zip(ESTIMATE_NAMES, values, strict=True):
        try:
            number = Decimal(str(value).strip())
        except (InvalidOperation, ValueError):
            add_error(errors, estimate_field(task_id, name), _("Enter a number of working days."))
            continue
        if not number.is_finite() or number < 0 or number > MAXIMUM_ESTIMATE:
            add_error(
                errors,
                estimate_field(task_id, name),
                _("Enter a number of working days from 0 to %(maximum)s.") % {"maximum": MAXIMUM_ESTIMATE},
            )
            continue
        numbers.append(number.quantize(Decimal("0.01")))
    if len(numbers) != len(ESTIMATE_NAMES):
        return None
    optimistic, most_likely, pessimistic = numbers
    if most_likely < optimistic:
        add_error(
            errors,
            estimate_field(task_id, "most_likely"),
            _("The most likely duration cannot be shorter than the optimistic one."),
        )
    if pessimistic < most_likely or pessimistic < optimistic:
        add_error(
            errors,
            estimate_field(task_id, "pessimistic"),
            _("The pessimistic duration cannot be shorter than the optimistic or most likely one."),
        )
    if any(field.startswith(f"estimates.{task_id}.") for field in errors):
        return None
    return optimistic, most_likely, pessimistic


def unknown_task_error(errors: Errors, task_id) -> None:
    add_error(
        errors, f"estimates.{task_id}", _("This is not a work task or milestone of this project's plan.")
    )


@transaction.atomic
def estimates_set(
    *, actor: User, project: Project, estimates: Mapping[int, EstimateValues | None]
) -> list[TaskEstimate]:
    """Set (a, m, b) or, for None, clear the estimate of each task given; returns the estimates set.

    Raises PermissionDenied unless the actor may edit the plan, ValidationError naming
    estimates.<task id>.<field> for each fault (nothing saved then).
    """
    project = locked_project(project.pk)
    if not user_may_edit_project(user=actor, project=project):
        raise PermissionDenied(_("You are not allowed to edit the plan of this project."))
    leaves = set(
        Task.objects.filter(project=project, is_summary=False, pk__in=list(estimates)).values_list(
            "pk", flat=True
        )
    )
    errors: Errors = {}
    wanted: dict[int, tuple[Decimal, Decimal, Decimal]] = {}
    cleared: list[int] = []
    for task_id, values in estimates.items():
        if task_id not in leaves:
            unknown_task_error(errors, task_id)
        elif values is None:
            cleared.append(task_id)
        elif (checked := checked_estimate_values(errors, task_id, values)) is not None:
            wanted[task_id] = checked
    if errors:
        raise ValidationError(errors)
    TaskEstimate.objects.filter(task_id__in=cleared).delete()
    existing = {row.task_id: row for row in TaskEstimate.objects.filter(task_id__in=list(wanted))}
    saved = []
    for task_id, (optimistic, most_likely, pessimistic) in wanted.items():
        row = existing.get(task_id) or TaskEstimate(task_id=task_id)
        row.optimistic, row.most_likely, row.pessimistic = optimistic, most_likely, pessimistic
        row.full_clean(validate_unique=False)
        row.save()
        saved.append(row)
    return saved
