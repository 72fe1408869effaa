"""The details form of a task: every field the person may change, at the version shown."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from projects.forms.widgets import DATE_INPUT
from projects.limits import MAX_DURATION_DAYS, MAX_TASK_NAME_LENGTH
from projects.models import ScheduleConstraint, Task
from projects.services.tasks import WHOLE_DAYS_MESSAGE, TaskChanges


class TaskDetailForm(forms.Form):
    """Every field of a task a person may change on its details page, with the version shown.

    Built with the fields the user may change (projects.services.tasks.task_editable_fields); `changes()`
    gives the changes for projects.services.tasks.task_update: the fields whose value differs from the task's.
    """

    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    name = forms.CharField(label=_("Name"), max_length=MAX_TASK_NAME_LENGTH)
    is_milestone = forms.BooleanField(label=_("Milestone"), required=False)
    duration_days = forms.IntegerField(
        label=_("Duration (working days)"),
        min_value=0,
        max_value=MAX_DURATION_DAYS,
        error_messages={"min_value": _("The duration cannot be negative."), "invalid": WHOLE_DAYS_MESSAGE},
    )
    manual = forms.BooleanField(
        label=_("Manually scheduled"),
        required=False,
        help_text=_("Keeps its start whatever its predecessors, as a manually scheduled task in MS Project."),
    )
    constraint_type = forms.ChoiceField(
        label=_("Constraint"), choices=ScheduleConstraint.choices, required=False
    )
    constraint_date = forms.DateField(label=_("Constraint date"), required=False, widget=DATE_INPUT)
    actual_start = forms.DateField(label=_("Actual start"), required=False, widget=DATE_INPUT)
    actual_finish = forms.DateField(label=_("Actual finish"), required=False, widget=DATE_INPUT)
    percent_complete = forms.IntegerField(
        # xgettext:no-python-format
        label=_("% complete"),
        min_value=0,
        max_value=100,
        # Django and DRF fill a validator's message with its params, so a literal % is written %%.
        error_messages={
            "min_value": _("%% complete must be between 0 and 100."),
            "max_value": _("%% complete must be between 0 and 100."),
        },
    )
    planned_cost = forms.DecimalField(
        label=_("Planned cost"),
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0"),
        error_messages={"min_value": _("The planned cost cannot be negative.")},
    )
    assignee = forms.ModelChoiceField(
        label=_("Assignee"), queryset=Task.objects.none(), required=False, empty_label=_("Nobody")
    )
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, task: Task, editable: tuple[str, ...], assignees=None, **kwargs):
        shown = [name for name in self.base_fields if name != "version" and name in editable]
        initial = {name: getattr(task, name) for name in shown if name != "assignee"}
        initial["assignee"] = task.assignee_id
        initial["version"] = task.version
        super().__init__(*args, initial=initial, **kwargs)
        self.task = task
        for name in list(self.fields):
            if name != "version" and name not in shown:
                del self.fields[name]
        if "assignee" in self.fields:
            self.fields["assignee"].queryset = assignees
            self.fields["assignee"].label_from_instance = lambda user: user.display_name

    def clean(self):
        cleaned = super().clean()
        if "constraint_type" in self.fields and not cleaned.get("constraint_type"):
            # "As soon as possible" carries no date, so a date left in the box is dropped.
            cleaned["constraint_date"] = None
        return cleaned

    def changes(self) -> TaskChanges:
        """The task_update changes: each editable field whose value differs from the task's."""
        data = TaskChanges()
        for name in self.fields:
            if name == "version":
                continue
            value = self.cleaned_data.get(name)
            if name == "name":
                value = value.strip()
            if name in ("constraint_type", "notes") and value is None:
                value = ""
            current = self.task.assignee if name == "assignee" else getattr(self.task, name)
            if value != current:
                data[name] = value
        return data
