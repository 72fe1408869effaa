"""Forms of the schedule-risk page: how to run the simulation, and the tasks' three-point estimates."""

from django import forms
from django.utils.translation import gettext_lazy as _

from projects.models import Task
from risks.models import TaskEstimate
from risks.schedule_risk import DEFAULT_ITERATIONS, MAXIMUM_ITERATIONS, Distribution
from risks.serializers.schedule_risk import MAXIMUM_SEED
from risks.services.estimates import ESTIMATE_NAMES

DISTRIBUTION_CHOICES = [
    (Distribution.TRIANGULAR.value, _("Triangular")),
    (Distribution.PERT.value, _("PERT (beta)")),
]


class ScheduleRiskRunForm(forms.Form):
    """The run's settings; sent by GET, since a run stores nothing."""

    iterations = forms.IntegerField(
        label=_("Iterations"), min_value=1, max_value=MAXIMUM_ITERATIONS, initial=DEFAULT_ITERATIONS
    )
    seed = forms.IntegerField(
        label=_("Seed"),
        min_value=0,
        max_value=MAXIMUM_SEED,
        required=False,
        help_text=_("Give one to repeat a run exactly."),
    )
    distribution = forms.ChoiceField(label=_("Distribution"), choices=DISTRIBUTION_CHOICES)
    target_finish = forms.DateField(
        label=_("Target date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("By default the planned finish."),
    )


def estimate_input_name(task_id: int, name: str) -> str:
    return f"{name}-{task_id}"


def estimate_rows(tasks: list[Task], data=None, errors: dict | None = None) -> list[dict]:
    """One row per task for the estimates table: its stored (or posted) a/m/b and their errors."""
    rows = []
    errors = errors or {}
    for task in tasks:
        try:
            stored = task.risk_estimate
        except TaskEstimate.DoesNotExist:
            stored = None
        cells = []
        for name in ESTIMATE_NAMES:
            input_name = estimate_input_name(task.pk, name)
            if data is not None:
                value = data.get(input_name, "")
            else:
                value = "" if stored is None else f"{getattr(stored, name).normalize():f}"
            cells.append(
                {"name": input_name, "value": value, "errors": errors.get(f"estimates.{task.pk}.{name}", [])}
            )
        rows.append({"task": task, "cells": cells, "errors": errors.get(f"estimates.{task.pk}", [])})
    return rows


def posted_estimates(tasks: list[Task], data) -> tuple[dict, dict]:
    """({task id: (a, m, b) or None to clear}, {field: [message]}) from the posted table.

    A row left blank clears the task's estimate (or leaves it without one); a row filled in part is
    refused, since the simulation needs all three.
    """
    estimates: dict = {}
    errors: dict = {}
    for task in tasks:
        values = [data.get(estimate_input_name(task.pk, name), "").strip() for name in ESTIMATE_NAMES]
        if not any(values):
            try:
                task.risk_estimate  # noqa: B018 - loaded with the task: is there one to clear?
            except TaskEstimate.DoesNotExist:
                continue
            estimates[task.pk] = None
        elif not all(values):
            for name, value in zip(ESTIMATE_NAMES, values, strict=True):
                if not value:
                    errors[f"estimates.{task.pk}.{name}"] = [str(_("Give all three durations, or none."))]
        else:
            estimates[task.pk] = tuple(values)
    return estimates, errors
