"""Plan models: tasks in a work breakdown structure, dependencies, calendars, baselines, costs.

Imported into projects.models so that they belong to the projects app. The schedule fields
of a task (planned dates, late dates, floats, critical flag) and its WBS code are derived:
`projects.plan_services.project_reschedule` recomputes them after every edit.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from projects.models import Project

# Monday is bit 0, as in date.weekday(); Monday to Friday is the default working week.
MONDAY_TO_FRIDAY = 0b0011111
ALL_WEEKDAYS = 0b1111111
# The longest duration and the largest lag or lead accepted from users and files, in working days
# (about 380 years): far beyond any real plan, so a few extra digits typed by mistake are refused.
MAX_DURATION_DAYS = 100_000
MAX_LAG_DAYS = 100_000


class ProjectCalendar(models.Model):
    """The working week and holidays on which a project's durations and lags are counted."""

    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, related_name="calendar", verbose_name=_("project")
    )
    working_weekdays = models.PositiveSmallIntegerField(
        _("working weekdays"),
        default=MONDAY_TO_FRIDAY,
        help_text=_("Bit mask of working weekdays, Monday = 1, Tuesday = 2, ... Sunday = 64."),
    )

    class Meta:
        verbose_name = _("project calendar")
        verbose_name_plural = _("project calendars")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(working_weekdays__gte=1, working_weekdays__lte=ALL_WEEKDAYS),
                name="calendar_has_a_working_weekday",
                violation_error_message=_("At least one weekday must be a working day."),
            ),
        ]

    def __str__(self):
        return str(self.project)

    @property
    def weekdays(self) -> list[int]:
        """Working weekdays as date.weekday() numbers (Monday = 0)."""
        return weekdays_from_mask(self.working_weekdays)


def weekdays_from_mask(mask: int) -> list[int]:
    """The weekday numbers (Monday = 0) set in a working-week bit mask."""
    return [day for day in range(7) if mask & (1 << day)]


def mask_from_weekdays(weekdays) -> int:
    """The bit mask of a collection of weekday numbers (Monday = 0)."""
    mask = 0
    for day in weekdays:
        mask |= 1 << day
    return mask


class CalendarHoliday(models.Model):
    calendar = models.ForeignKey(
        ProjectCalendar, on_delete=models.CASCADE, related_name="holidays", verbose_name=_("calendar")
    )
    date = models.DateField(_("date"))
    name = models.CharField(_("name"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["calendar", "date"],
                name="holiday_unique_per_calendar_date",
                violation_error_message=_("This date is already a holiday."),
            ),
        ]

    def __str__(self):
        return f"{self.date} {self.name}".strip()


class ScheduleConstraint(models.TextChoices):
    NONE = "", _("As soon as possible")
    START_NO_EARLIER_THAN = "snet", _("Start no earlier than")
    FINISH_NO_LATER_THAN = "fnlt", _("Finish no later than")


class Task(models.Model):
    """A node of the work breakdown structure: a summary (has children), a work task or a milestone."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("project")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        related_name="children",
        null=True,
        blank=True,
        verbose_name=_("parent"),
    )
    position = models.PositiveIntegerField(_("position among siblings"), default=0)
    name = models.CharField(_("name"), max_length=200)
    is_milestone = models.BooleanField(_("milestone"), default=False)
    duration_days = models.PositiveIntegerField(_("duration (working days)"), default=1)
    constraint_type = models.CharField(
        _("constraint"), max_length=4, choices=ScheduleConstraint.choices, default="", blank=True
    )
    constraint_date = models.DateField(_("constraint date"), null=True, blank=True)
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_finish = models.DateField(_("actual finish"), null=True, blank=True)
    percent_complete = models.PositiveSmallIntegerField(
        # xgettext:no-python-format
        _("% complete"),
        default=0,
        validators=[MaxValueValidator(100)],
    )
    planned_cost = models.DecimalField(
        _("planned cost"),
        max_digits=14,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("In the project's currency; a summary task's cost is the sum of its children's."),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="assigned_tasks",
        null=True,
        blank=True,
        verbose_name=_("assignee"),
    )
    notes = models.TextField(_("notes"), blank=True)

    # Derived from the outline by project_reschedule.
    wbs_code = models.CharField(_("WBS code"), max_length=100, blank=True, editable=False)
    outline_order = models.PositiveIntegerField(_("outline order"), default=0, editable=False)
    outline_level = models.PositiveSmallIntegerField(_("outline level"), default=1, editable=False)
    is_summary = models.BooleanField(_("summary task"), default=False, editable=False)

    # Derived from the schedule by project_reschedule.
    planned_start = models.DateField(_("planned start"), null=True, blank=True, editable=False)
    planned_finish = models.DateField(_("planned finish"), null=True, blank=True, editable=False)
    late_start = models.DateField(_("late start"), null=True, blank=True, editable=False)
    late_finish = models.DateField(_("late finish"), null=True, blank=True, editable=False)
    total_float_days = models.IntegerField(_("total float (working days)"), default=0, editable=False)
    free_float_days = models.IntegerField(_("free float (working days)"), default=0, editable=False)
    is_critical = models.BooleanField(_("critical"), default=False, editable=False)

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["project", "outline_order"]
        indexes = [models.Index(fields=["project", "outline_order"], name="task_project_outline")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(percent_complete__lte=100),
                name="task_percent_complete_at_most_100",
                # xgettext:no-python-format
                violation_error_message=_("% complete must be between 0 and 100."),
            ),
            models.CheckConstraint(
                condition=models.Q(planned_cost__gte=0),
                name="task_planned_cost_not_negative",
                violation_error_message=_("The planned cost cannot be negative."),
            ),
            models.CheckConstraint(
                condition=models.Q(is_milestone=False) | models.Q(duration_days=0),
                name="task_milestone_has_no_duration",
                violation_error_message=_("A milestone has a duration of zero days."),
            ),
            models.CheckConstraint(condition=models.Q(version__gte=1), name="task_version_positive"),
            models.CheckConstraint(
                condition=models.Q(constraint_type="", constraint_date__isnull=True)
                | (~models.Q(constraint_type="") & models.Q(constraint_date__isnull=False)),
                name="task_constraint_has_date",
                violation_error_message=_("A constraint needs a date, and a date needs a constraint."),
            ),
            models.CheckConstraint(
                condition=models.Q(constraint_type__in=ScheduleConstraint.values),
                name="task_constraint_type_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(actual_start__isnull=True)
                | models.Q(actual_finish__isnull=True)
                | models.Q(actual_finish__gte=models.F("actual_start")),
                name="task_actual_finish_not_before_start",
                violation_error_message=_("The actual finish cannot be before the actual start."),
            ),
        ]

    def __str__(self):
        return f"{self.wbs_code} {self.name}".strip()

    def clean(self):
        errors = {}
        if self.is_milestone and self.duration_days:
            errors["duration_days"] = _("A milestone has a duration of zero days.")
        if self.constraint_type and not self.constraint_date:
            errors["constraint_date"] = _("A constraint needs a date.")
        if self.constraint_date and not self.constraint_type:
            errors["constraint_type"] = _("Choose the kind of constraint for this date.")
        if self.actual_start and self.actual_finish and self.actual_finish < self.actual_start:
            errors["actual_finish"] = _("The actual finish cannot be before the actual start.")
        if self.parent_id and self.parent_id == self.pk:
            errors["parent"] = _("A task cannot be its own parent.")
        if errors:
            raise ValidationError(errors)

    @property
    def label(self) -> str:
        """How messages name the task: WBS code and name."""
        return str(self)


class DependencyType(models.TextChoices):
    FS = "FS", _("Finish to start")
    SS = "SS", _("Start to start")
    FF = "FF", _("Finish to finish")
    SF = "SF", _("Start to finish")


class Dependency(models.Model):
    """A precedence link between two tasks of one project; lag in working days, negative = lead."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="dependencies", verbose_name=_("project")
    )
    predecessor = models.ForeignKey(
        Task, on_delete=models.CASCADE, related_name="successor_links", verbose_name=_("predecessor")
    )
    successor = models.ForeignKey(
        Task, on_delete=models.CASCADE, related_name="predecessor_links", verbose_name=_("successor")
    )
    type = models.CharField(
        _("type"), max_length=2, choices=DependencyType.choices, default=DependencyType.FS
    )
    lag_days = models.IntegerField(_("lag (working days)"), default=0, help_text=_("Negative for a lead."))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("dependency")
        verbose_name_plural = _("dependencies")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"],
                name="dependency_unique_pair",
                violation_error_message=_("These two tasks are already linked."),
            ),
            models.CheckConstraint(
                condition=~models.Q(predecessor=models.F("successor")),
                name="dependency_not_self",
                violation_error_message=_("A task cannot depend on itself."),
            ),
            models.CheckConstraint(
                condition=models.Q(type__in=DependencyType.values), name="dependency_type_valid"
            ),
        ]

    def __str__(self):
        return f"{self.predecessor_id} -{self.type}{self.lag_days:+d}-> {self.successor_id}"

    def clean(self):
        errors = {}
        if self.predecessor_id and self.predecessor_id == self.successor_id:
            errors["successor"] = _("A task cannot depend on itself.")
        if self.predecessor_id and self.successor_id and self.project_id:
            if self.predecessor.project_id != self.project_id or self.successor.project_id != self.project_id:
                errors["successor"] = _("Both tasks must belong to the same project.")
        if errors:
            raise ValidationError(errors)


class Baseline(models.Model):
    """A named, frozen copy of a plan's dates and costs to measure variance against."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="baselines", verbose_name=_("project")
    )
    name = models.CharField(_("name"), max_length=100)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("baseline")
        verbose_name_plural = _("baselines")
        ordering = ["project", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "name"],
                name="baseline_name_unique_per_project",
                violation_error_message=_("This project already has a baseline with this name."),
            ),
        ]

    def __str__(self):
        return self.name


class BaselineTask(models.Model):
    """One task as it stood when the baseline was saved; survives the task's deletion."""

    baseline = models.ForeignKey(
        Baseline, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("baseline")
    )
    task = models.ForeignKey(
        Task,
        on_delete=models.SET_NULL,
        related_name="baseline_rows",
        null=True,
        blank=True,
        verbose_name=_("task"),
    )
    task_name = models.CharField(_("task name"), max_length=200)
    wbs_code = models.CharField(_("WBS code"), max_length=100, blank=True)
    start = models.DateField(_("start"), null=True, blank=True)
    finish = models.DateField(_("finish"), null=True, blank=True)
    duration_days = models.PositiveIntegerField(_("duration (working days)"), default=0)
    planned_cost = models.DecimalField(
        _("planned cost"), max_digits=14, decimal_places=2, default=Decimal("0")
    )

    class Meta:
        verbose_name = _("baseline task")
        verbose_name_plural = _("baseline tasks")
        ordering = ["baseline", "id"]
        constraints = [
            models.UniqueConstraint(fields=["baseline", "task"], name="baseline_task_unique"),
        ]

    def __str__(self):
        return f"{self.wbs_code} {self.task_name}".strip()


class CostEntry(models.Model):
    """An actual cost booked against a task, in the project's currency."""

    task = models.ForeignKey(
        Task, on_delete=models.CASCADE, related_name="cost_entries", verbose_name=_("task")
    )
    date = models.DateField(_("date"))
    amount = models.DecimalField(
        _("amount"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("cost entry")
        verbose_name_plural = _("cost entries")
        ordering = ["task", "date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0),
                name="cost_entry_amount_positive",
                violation_error_message=_("The amount must be greater than zero."),
            ),
        ]

    def __str__(self):
        return f"{self.date} {self.amount}"


class BurndownPoint(models.Model):
    """Remaining work of a project on one day, recorded daily from progress."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="burndown_points", verbose_name=_("project")
    )
    date = models.DateField(_("date"))
    remaining_work_days = models.DecimalField(
        _("remaining work (working days)"), max_digits=14, decimal_places=2
    )
    planned_remaining_work_days = models.DecimalField(
        _("planned remaining work (working days)"), max_digits=14, decimal_places=2
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        verbose_name = _("burndown point")
        verbose_name_plural = _("burndown points")
        ordering = ["project", "date"]
        constraints = [
            models.UniqueConstraint(fields=["project", "date"], name="burndown_point_unique_per_day"),
        ]

    def __str__(self):
        return f"{self.date}: {self.remaining_work_days}"


__all__ = [
    "ALL_WEEKDAYS",
    "MAX_DURATION_DAYS",
    "MAX_LAG_DAYS",
    "MONDAY_TO_FRIDAY",
    "Baseline",
    "BaselineTask",
    "BurndownPoint",
    "CalendarHoliday",
    "CostEntry",
    "Dependency",
    "DependencyType",
    "ProjectCalendar",
    "ScheduleConstraint",
    "Task",
    "mask_from_weekdays",
    "weekdays_from_mask",
]
