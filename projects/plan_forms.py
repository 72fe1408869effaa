"""Forms of the plan pages: they parse what the browser sent into the arguments of a plan service."""

from datetime import date
from decimal import Decimal

from django import forms
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from projects.plan_models import (
    MAX_DURATION_DAYS,
    MAX_LAG_DAYS,
    DependencyType,
    ScheduleConstraint,
    Task,
)
from projects.plan_selectors import PlanCalendar

# The task cells a plan editor may change in place; an assignee changes percent_complete only.
EDITABLE_CELLS = ("name", "duration_days", "start", "finish", "percent_complete")


class TaskCellEditForm(forms.Form):
    """One or more cells of a task row, with the version the browser showed.

    Only the fields present in the request are changes; `changes()` turns them into the data of
    `plan_services.task_update`. A new start becomes a start-no-earlier-than constraint (the engine
    moves tasks; a typed date is a wish), a new finish a duration counted on the project calendar.
    """

    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    duration_days = forms.IntegerField(
        label=_("Duration"),
        required=False,
        min_value=0,
        max_value=MAX_DURATION_DAYS,
        error_messages={"min_value": _("The duration cannot be negative.")},
    )
    start = forms.DateField(label=_("Start"), required=False)
    finish = forms.DateField(label=_("Finish"), required=False)
    percent_complete = forms.IntegerField(
        # xgettext:no-python-format
        label=_("% complete"),
        required=False,
        min_value=0,
        max_value=100,
        error_messages={
            # xgettext:no-python-format
            "min_value": _("% complete must be between 0 and 100."),
            # xgettext:no-python-format
            "max_value": _("% complete must be between 0 and 100."),
        },
    )

    def __init__(self, *args, task: Task, calendar: PlanCalendar, **kwargs):
        super().__init__(*args, **kwargs)
        self.task = task
        self.calendar = calendar

    def sent_cells(self) -> list[str]:
        """The editable cells the request carries."""
        return [name for name in EDITABLE_CELLS if name in self.data]

    def clean(self):
        cleaned = super().clean()
        sent = self.sent_cells()
        if not sent:
            raise forms.ValidationError(_("Nothing was changed."))
        if "name" in sent and not (cleaned.get("name") or "").strip() and "name" not in self.errors:
            self.add_error("name", _("A task needs a name."))
        for name in ("duration_days", "start", "finish", "percent_complete"):
            if name in sent and cleaned.get(name) is None and name not in self.errors:
                self.add_error(name, _("Enter a value."))
        if self.task.is_summary and {"start", "finish"} & set(sent):
            raise forms.ValidationError(_("A summary task takes its dates from its subtasks."))
        finish = cleaned.get("finish")
        if "finish" in sent and finish is not None:
            start = cleaned.get("start") or self.task.planned_start
            if start is not None and finish < start:
                self.add_error("finish", _("The finish cannot be before the start."))
        return cleaned

    def changes(self) -> dict:
        """The task_update data for the cells sent."""
        sent = self.sent_cells()
        data: dict = {}
        if "name" in sent:
            data["name"] = self.cleaned_data["name"].strip()
        if "duration_days" in sent:
            data["duration_days"] = self.cleaned_data["duration_days"]
            if self.task.is_milestone and data["duration_days"] > 0:
                data["is_milestone"] = False
        if "percent_complete" in sent:
            data["percent_complete"] = self.cleaned_data["percent_complete"]
        start: date | None = self.cleaned_data.get("start") if "start" in sent else None
        if start is not None:
            data["constraint_type"] = ScheduleConstraint.START_NO_EARLIER_THAN
            data["constraint_date"] = start
        if "finish" in sent:
            begin = start or self.task.planned_start
            if begin is not None:
                working_days = self.calendar.finish_period_of(self.cleaned_data["finish"]) - (
                    self.calendar.period_of(begin)
                )
                data["duration_days"] = max(working_days, 0)
        return data


class TaskAddForm(forms.Form):
    """A new task, placed right after the selected row (as its sibling) or at the end of the plan."""

    name = forms.CharField(label=_("Task name"), max_length=200)
    is_milestone = forms.BooleanField(label=_("Milestone"), required=False)
    duration_days = forms.IntegerField(
        label=_("Duration (working days)"),
        required=False,
        min_value=0,
        max_value=MAX_DURATION_DAYS,
        error_messages={"min_value": _("The duration cannot be negative.")},
    )
    after = forms.ModelChoiceField(queryset=Task.objects.none(), required=False, widget=forms.HiddenInput)

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["after"].queryset = Task.objects.filter(project=project)

    def service_arguments(self) -> dict:
        """Keyword arguments of plan_services.task_create (besides actor and project)."""
        after = self.cleaned_data.get("after")
        arguments = {
            "name": self.cleaned_data["name"].strip(),
            "is_milestone": self.cleaned_data["is_milestone"],
            "duration_days": 0 if self.cleaned_data["is_milestone"] else self.cleaned_data["duration_days"],
        }
        if after is not None:
            arguments["parent"] = after.parent
            arguments["position"] = after.position + 1
        return arguments


class TaskVersionForm(forms.Form):
    """The version of the task the browser showed, for indent, outdent and delete."""

    version = forms.IntegerField(min_value=1)


class DependencyAddForm(forms.Form):
    """A link between two tasks of the plan, with its type and lag in working days."""

    predecessor = forms.ModelChoiceField(label=_("Predecessor"), queryset=Task.objects.none())
    successor = forms.ModelChoiceField(label=_("Successor"), queryset=Task.objects.none())
    type = forms.ChoiceField(label=_("Type"), choices=DependencyType.choices, initial=DependencyType.FS)
    lag_days = forms.IntegerField(
        label=_("Lag (working days)"), initial=0, min_value=-MAX_LAG_DAYS, max_value=MAX_LAG_DAYS
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        tasks = Task.objects.filter(project=project)
        self.fields["predecessor"].queryset = tasks
        self.fields["successor"].queryset = tasks


class BaselineSaveForm(forms.Form):
    name = forms.CharField(label=_("Baseline name"), max_length=100)


class BurndownRangeForm(forms.Form):
    """An optional date range of the burndown chart, read from ?from=YYYY-MM-DD&to=YYYY-MM-DD."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # "from" is a Python keyword, so these fields cannot be declared as class attributes.
        self.fields["from"] = forms.DateField(
            label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
        )
        self.fields["to"] = forms.DateField(
            label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
        )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("from"), cleaned.get("to")
        if start and end and end < start:
            raise forms.ValidationError(_("The end of the range cannot be before its start."))
        return cleaned

    def date_range(self) -> tuple[date | None, date | None]:
        """The chosen (from, to); None for an open end."""
        if not self.is_valid():
            return None, None
        return self.cleaned_data.get("from"), self.cleaned_data.get("to")


# --- task details, actual costs, calendar ----------------------------------------------------------------

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class TaskDetailForm(forms.Form):
    """Every field of a task a person may change on its details page, with the version shown.

    Built with the fields the user may change (plan_selectors.task_editable_fields); `changes()`
    gives the data of plan_services.task_update: the fields whose value differs from the task's.
    """

    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    name = forms.CharField(label=_("Name"), max_length=200)
    is_milestone = forms.BooleanField(label=_("Milestone"), required=False)
    duration_days = forms.IntegerField(
        label=_("Duration (working days)"),
        min_value=0,
        max_value=MAX_DURATION_DAYS,
        error_messages={"min_value": _("The duration cannot be negative.")},
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
        error_messages={
            # xgettext:no-python-format
            "min_value": _("% complete must be between 0 and 100."),
            # xgettext:no-python-format
            "max_value": _("% complete must be between 0 and 100."),
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
        initial = {name: getattr(task, name) for name in editable if name != "assignee"}
        initial["assignee"] = task.assignee_id
        initial["version"] = task.version
        super().__init__(*args, initial=initial, **kwargs)
        self.task = task
        for name in list(self.fields):
            if name != "version" and name not in editable:
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

    def changes(self) -> dict:
        """The task_update data: each editable field whose value differs from the task's."""
        data = {}
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


class CostEntryAddForm(forms.Form):
    """An actual cost booked on a task: date, amount in the project's currency, optional note."""

    date = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    amount = forms.DecimalField(
        label=_("Amount"),
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0.01"),
        error_messages={
            "min_value": _("The amount must be greater than zero."),
            "invalid": _("Enter the amount as a number, such as 1250.50."),
        },
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class CalendarForm(forms.Form):
    """The working weekdays of a project calendar (0 = Monday ... 6 = Sunday)."""

    working_weekdays = forms.TypedMultipleChoiceField(
        label=_("Working weekdays"),
        choices=sorted(WEEKDAYS.items()),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one working weekday.")},
    )


class HolidayForm(forms.Form):
    """One holiday of a project calendar: a date and an optional name."""

    date = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    name = forms.CharField(label=_("Name"), max_length=100, required=False)


class BaseHolidayFormSet(forms.BaseFormSet):
    """The holiday rows of a calendar; a date may be listed once, rows ticked Remove are dropped."""

    def clean(self):
        super().clean()
        seen: set[date] = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or self._should_delete_form(form):
                continue
            day = form.cleaned_data.get("date")
            if day is None:
                continue
            if day in seen:
                form.add_error("date", _("This date is already a holiday."))
            seen.add(day)
        if any(form.errors for form in self.forms):
            raise forms.ValidationError(_("Correct the holidays marked below."))

    def holidays(self) -> list[tuple[date, str]]:
        """The (date, name) pairs kept, by date: the calendar_update argument."""
        kept = [
            (form.cleaned_data["date"], form.cleaned_data.get("name", "").strip())
            for form in self.forms
            if form.cleaned_data and form.cleaned_data.get("date") and not self._should_delete_form(form)
        ]
        return sorted(kept)


HolidayFormSet = forms.formset_factory(
    HolidayForm, formset=BaseHolidayFormSet, extra=1, can_delete=True, max_num=1000, absolute_max=1500
)
