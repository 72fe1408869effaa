"""Plans: tasks in a work breakdown structure and the precedence links between them.

The schedule fields of a task (planned dates, late dates, floats, critical flag) and its WBS code are
derived: `projects.services.reschedule.project_reschedule` recomputes them after every edit.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from governance.text import validate_name_characters, validate_text_characters
from projects.models.projects import Project


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
    name = models.CharField(_("name"), max_length=200, validators=[validate_name_characters])
    is_milestone = models.BooleanField(_("milestone"), default=False)
    duration_days = models.PositiveIntegerField(_("duration (working days)"), default=1)
    manual = models.BooleanField(
        _("manually scheduled"),
        default=False,
        help_text=_("Keeps its start whatever its predecessors, as a manually scheduled task in MS Project."),
    )
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
    notes = models.TextField(_("notes"), blank=True, validators=[validate_text_characters])

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
                # A constraint's message is filled with its name, so a literal % is written %%.
                violation_error_message=_("%% complete must be between 0 and 100."),
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
