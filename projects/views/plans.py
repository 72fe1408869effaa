"""The plan page: the WBS table with its Gantt chart, and saving a baseline.

The page embeds the plan as JSON (projects.serializers.plans.plan_payload, json_script) and
projects/static/projects/gantt.js draws the table and the chart from it. Every edit in the Gantt goes
through the REST API (JSON, If-Match with the task's ETag, or the plan's for links and outline moves),
the same path as any API client, and the page then reads the fresh plan from
GET /api/projects/<id>/plan/, so successors move and the critical path redraws at once.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from projects.forms.baselines import BaselineSaveForm
from projects.models import DependencyType, Project
from projects.selectors.baselines import baseline_list, chosen_baseline
from projects.selectors.plans import plan_project
from projects.selectors.projects import user_may_edit_project
from projects.serializers.plans import plan_payload
from projects.services.baselines import baseline_save as save_baseline
from projects.views.notices import STALE_EDIT, TASK_SAVED

PAGE_TEMPLATE = "projects/plan/plan.html"


def plan_project_or_404(user, project_id: int) -> Project:
    """The project whose plan the user may see; 404 otherwise, so a hidden project stays hidden."""
    try:
        return plan_project(user=user, project_id=project_id)
    except Project.DoesNotExist as error:
        raise Http404(_("No such project.")) from error


FINISH_OVERRUN = (
    "The plan finishes on %(plan_finish)s, %(days)s working day after the project's finish date "
    "(%(charter_finish)s)."
)
FINISH_OVERRUN_PLURAL = (
    "The plan finishes on %(plan_finish)s, %(days)s working days after the project's finish date "
    "(%(charter_finish)s)."
)


def _script_strings() -> dict[str, str]:
    """The words gantt.js shows, translated here so the catalog holds them."""
    return {
        "no_task_selected": _("No task selected"),
        "selected": _("Selected: %(task)s"),
        "confirm_delete": _("Delete “%(task)s” with its subtasks and dependencies?"),
        "network_error": _("The change could not be sent. Check your connection and try again."),
        "predecessors": _("Predecessors"),
        "successors": _("Successors"),
        "none": _("None"),
        "remove": _("Remove"),
        "remove_link": _("Remove the dependency %(link)s"),
        "select_task": _("Select a task to see its dependencies."),
        "days": _("%(count)s d"),
        # One working day over, and more; the same catalog entry as the plan page's notice.
        "finish_overrun_one": ngettext(FINISH_OVERRUN, FINISH_OVERRUN_PLURAL, 1),
        "finish_overrun_many": ngettext(FINISH_OVERRUN, FINISH_OVERRUN_PLURAL, 2),
        "critical": _("critical"),
        "edit_cell": _("Edit %(column)s of %(task)s"),
        "choose_predecessor": _("Choose a task"),
        "lag": _("lag %(days)s d"),
        "details": _("Details of %(task)s"),
        "saved": str(TASK_SAVED),
        "added": _("Task “%(task)s” added."),
        "indented": _("“%(task)s” indented."),
        "outdented": _("“%(task)s” outdented."),
        "deleted": _("“%(task)s” deleted."),
        "link_added": _("Dependency added; the plan was rescheduled."),
        "link_removed": _("Dependency removed; the plan was rescheduled."),
        "link_changed": _("Dependency changed; the plan was rescheduled."),
        "edit_link": _("Change"),
        "edit_link_label": _("Change the type or lag of the dependency %(link)s"),
        "save": _("Save"),
        "cancel": _("Cancel"),
        "late": _("late"),
        "late_task": _("Late: planned to finish by %(date)s and not complete"),
        "manual": _("Manually scheduled"),
        "moved": _("“%(task)s” moved to start on %(date)s; the plan was rescheduled."),
        "resized": _("“%(task)s” now finishes on %(date)s; the plan was rescheduled."),
        "drag_move": _("Start %(start)s · finish about %(finish)s"),
        "drag_finish": _("Finish %(finish)s"),
        "nothing_saved": _("Nothing was saved."),
        "stale": str(STALE_EDIT),
        "task": _("Task"),
        "duration": _("Duration"),
        "start": _("Start"),
        "finish": _("Finish"),
        "percent_complete": _("% complete"),
        "assignee": _("Assignee"),
        "version": _("Version"),
        "name": _("Name"),
        "predecessor": _("Predecessor"),
        "successor": _("Successor"),
        "type": _("Type"),
        "lag_days": _("Lag (working days)"),
        "duration_days": _("Duration"),
        "is_milestone": _("Milestone"),
        "parent": _("Parent task"),
        # The languages served (English, Chinese) plural like this: one day, any other number days.
        "day_one": ngettext("%(count)s day", "%(count)s days", 1),
        "day_other": ngettext("%(count)s day", "%(count)s days", 2),
    }


@login_required
def plan(request, project_id: int):
    """The plan of a project: WBS table and Gantt chart; editors edit in place, others read."""
    project = plan_project_or_404(request.user, project_id)
    baseline = chosen_baseline(project=project, raw_id=request.GET.get("baseline"))
    payload = plan_payload(user=request.user, project=project, baseline=baseline)
    context = {
        "project": project,
        "may_edit": payload["may_edit"],
        "baseline": baseline,
        "payload": payload,
        "baselines": baseline_list(project=project),
        "baseline_form": BaselineSaveForm(),
        "link_types": DependencyType.choices,
        "strings": _script_strings(),
    }
    return render(request, PAGE_TEMPLATE, context)


def _error_text(error: ValidationError) -> str:
    groups = error.message_dict.values() if hasattr(error, "error_dict") else [error.messages]
    texts = [str(text) for field_messages in groups for text in field_messages]
    return " ".join((_("Nothing was saved."), *texts))


@login_required
@require_POST
def baseline_save(request, project_id: int):
    """Freeze the current plan as a named baseline and show the plan against it."""
    project = plan_project_or_404(request.user, project_id)
    if not user_may_edit_project(user=request.user, project=project):
        raise PermissionDenied(_("You are not allowed to edit the plan of this project."))
    form = BaselineSaveForm(request.POST)
    url = reverse("projects:plan", args=[project.pk])
    if not form.is_valid():
        messages.error(
            request,
            " ".join(
                f"{form.fields[name].label}: {text}"
                for name, errors in form.errors.items()
                for text in errors
            ),
        )
        return redirect(url)
    try:
        baseline = save_baseline(actor=request.user, project=project, name=form.cleaned_data["name"])
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect(url)
    messages.success(request, _("Baseline “%(name)s” saved.") % {"name": baseline.name})
    return redirect(f"{url}?baseline={baseline.pk}")
