"""The plan's audit trail: one append-only row per change a person made to a plan.

Project and team changes stay in django-simple-history's tables (projects.models.projects); plan edits
come here instead, because a plan's rows change in bulk (every reschedule rewrites the derived dates
of many tasks, an import creates thousands) and a reader wants the person's change, not the churn.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.models.projects import Project


class PlanEventKind(models.TextChoices):
    TASK_CREATED = "task_created", _("Task added")
    TASK_CHANGED = "task_changed", _("Task changed")
    TASK_MOVED = "task_moved", _("Task moved")
    TASK_DELETED = "task_deleted", _("Task deleted")
    DEPENDENCY_ADDED = "dependency_added", _("Link added")
    DEPENDENCY_CHANGED = "dependency_changed", _("Link changed")
    DEPENDENCY_REMOVED = "dependency_removed", _("Link removed")
    BASELINE_SAVED = "baseline_saved", _("Baseline saved")
    COST_ENTRY_ADDED = "cost_entry_added", _("Actual cost booked")
    CALENDAR_CHANGED = "calendar_changed", _("Calendar changed")
    PLAN_IMPORTED = "plan_imported", _("Plan imported")
    CHANGE_REQUEST_CREATED = "change_request_created", _("Change request drafted")
    CHANGE_REQUEST_SUBMITTED = "change_request_submitted", _("Change request submitted")
    CHANGE_REQUEST_STEP_APPROVED = "change_request_step_approved", _("Change request step approved")
    CHANGE_REQUEST_APPROVED = "change_request_approved", _("Change request approved and applied")
    CHANGE_REQUEST_REJECTED = "change_request_rejected", _("Change request rejected")
    CHANGE_REQUEST_WITHDRAWN = "change_request_withdrawn", _("Change request withdrawn")
    GATE_REQUESTED = "gate_requested", _("Gate review requested")
    GATE_DECIDED = "gate_decided", _("Gate review decided")
    WAIVER_GRANTED = "waiver_granted", _("Waiver granted")
    DELIVERABLE_REVIEWED = "deliverable_reviewed", _("Deliverable reviewed")


class PlanEvent(models.Model):
    """A change a person made to a project's plan: who, when, what, and the fields old -> new.

    `subject` names what changed as it was named then (a task's WBS code and name, a link); `changes`
    holds [{"field", "old", "new"}] with stored values, `details` the facts of a summarised event (an
    import's file and counts). Labels and values are put into words when read, in the reader's language.
    """

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="plan_events", verbose_name=_("project")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("changed by"),
    )
    created_at = models.DateTimeField(_("changed at"), default=timezone.now)
    kind = models.CharField(_("kind"), max_length=30, choices=PlanEventKind.choices)
    subject = models.CharField(_("subject"), max_length=500, blank=True)
    changes = models.JSONField(_("changes"), default=list, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("plan change")
        verbose_name_plural = _("plan changes")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["project", "-created_at", "-id"], name="plan_event_project_newest")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=PlanEventKind.values), name="plan_event_kind_valid"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.subject}"
