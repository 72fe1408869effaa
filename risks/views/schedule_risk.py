"""The schedule-risk page: run the Monte Carlo simulation over a project's plan and keep its estimates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from projects.models import Project
from projects.selectors.projects import project_detail, user_may_edit_project
from risks.charts import schedule_risk_charts
from risks.forms.schedule_risk import (
    DISTRIBUTION_CHOICES,
    ScheduleRiskRunForm,
    estimate_rows,
    posted_estimates,
)
from risks.selectors.schedule_risk import project_schedule_risk, schedule_risk_tasks
from risks.services.estimates import estimates_set


def visible_project_or_404(user, project_id: int) -> Project:
    """The project if the user may see it; 404 otherwise, so a hidden project stays hidden."""
    try:
        return project_detail(user=user, project_id=project_id)
    except Project.DoesNotExist as error:
        raise Http404(_("No such project.")) from error


@login_required
@require_http_methods(["GET", "POST"])
def schedule_risk(request, project_id: int):
    """GET: the estimates and, once the run form is sent, the simulation's figures and charts.
    POST: save the estimates table (those who edit the plan), then back to the page."""
    project = visible_project_or_404(request.user, project_id)
    may_edit = user_may_edit_project(user=request.user, project=project)
    tasks = schedule_risk_tasks(project=project)
    estimate_errors: dict = {}
    posted = None
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied(_("You are not allowed to edit the plan of this project."))
        estimates, estimate_errors = posted_estimates(tasks, request.POST)
        if not estimate_errors:
            try:
                estimates_set(actor=request.user, project=project, estimates=estimates)
            except ValidationError as error:
                estimate_errors = error.message_dict
            else:
                messages.success(request, _("Estimates saved."))
                return redirect("risk_tools:schedule_risk", project_id=project.pk)
        posted = request.POST
    form = ScheduleRiskRunForm(request.GET if "iterations" in request.GET else None)
    run, run_errors = None, []
    if form.is_bound and form.is_valid():
        try:
            run = project_schedule_risk(project=project, **form.cleaned_data)
        except ValidationError as error:
            run_errors = [message for messages_ in error.message_dict.values() for message in messages_]
    context = {
        "project": project,
        "form": form,
        "may_edit": may_edit,
        "rows": estimate_rows(tasks, posted, estimate_errors),
        "estimate_errors": estimate_errors,
        "run": run,
        "run_errors": run_errors,
        "charts": schedule_risk_charts(run) if run else None,
        "distribution_label": dict(DISTRIBUTION_CHOICES).get(run.result.distribution) if run else "",
    }
    return render(request, "risks/schedule_risk.html", context, status=400 if estimate_errors else 200)
